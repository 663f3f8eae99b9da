import { describe, expect, it } from "vitest";
import type * as tasks from "../../testing/worker-tasks.js";
import { DomainError } from "./errors.js";
import { runInWorker, streamInWorker, type WorkerBudget } from "./worker.js";

const TASKS = new URL("../../testing/worker-tasks.ts", import.meta.url);
const BUDGET: WorkerBudget = { timeoutMs: 20_000, maxMemoryMb: 64, what: "Pekerjaan uji" };

async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("runInWorker", () => {
  it("runs a task of a TypeScript module in a worker and answers its result, arguments and result cloned", async () => {
    await expect(runInWorker<typeof tasks.sum>(TASKS, "sum", [[1, 2, 3], new Set([4])], BUDGET)).resolves.toEqual({ total: 10 });
  });

  it("runs the next task in the worker that finished the last one, a process apart from this one", async () => {
    const first = await runInWorker<typeof tasks.pid>(TASKS, "pid", [], BUDGET);
    expect(first).not.toBe(process.pid);
    await expect(runInWorker<typeof tasks.pid>(TASKS, "pid", [], BUDGET)).resolves.toBe(first);
  });

  it("reuses a worker for many tasks without piling listeners on it", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 15; i++) await runInWorker<typeof tasks.sum>(TASKS, "sum", [[i], new Set()], BUDGET);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("keeps this thread free while the task runs, and stops a task past its time budget with a clear refusal", async () => {
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 10);
    const spun = refusal(runInWorker<typeof tasks.spin>(TASKS, "spin", [], { ...BUDGET, timeoutMs: 2_000 }));
    await expect.poll(() => ticks, { timeout: 30_000 }).toBeGreaterThan(5);
    const error = await spun;
    clearInterval(ticking);
    expect(error).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Pekerjaan uji dihentikan karena melewati batas waktu 2 detik; tidak ada yang disimpan",
    });
  });

  it("answers a clear refusal when the worker exits, throws or runs out of memory", async () => {
    expect(await refusal(runInWorker<typeof tasks.exit>(TASKS, "exit", [], BUDGET))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Pekerjaan uji berhenti tanpa hasil (kode keluar 3); tidak ada yang disimpan",
    });
    expect(await refusal(runInWorker<typeof tasks.fail>(TASKS, "fail", [], BUDGET))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Pekerjaan uji gagal (rusak); tidak ada yang disimpan",
    });
    expect(await refusal(runInWorker<typeof tasks.hoard>(TASKS, "hoard", [], { ...BUDGET, timeoutMs: 120_000 }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Pekerjaan uji dihentikan karena melewati batas memori 64 MB; tidak ada yang disimpan",
    });
  });

  it("refuses a task that grows one array past the budget, and this process lives on to run the next", async () => {
    // In a worker thread this aborted the process that started it, the server, with "Reached heap limit".
    expect(await refusal(runInWorker<typeof tasks.grow>(TASKS, "grow", [], { ...BUDGET, timeoutMs: 120_000 }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Pekerjaan uji dihentikan karena melewati batas memori 64 MB; tidak ada yang disimpan",
    });
    await expect(runInWorker<typeof tasks.sum>(TASKS, "sum", [[1], new Set([2])], BUDGET)).resolves.toEqual({ total: 3 });
  });

  it("refuses arguments that cannot cross to the worker, naming the task", async () => {
    const error = await refusal(runInWorker<typeof tasks.sum>(TASKS, "sum", [[1], new Set([() => 1])] as never, BUDGET));
    expect(error.message).toMatch(/^Pekerjaan uji gagal \(.+\); tidak ada yang disimpan$/);
  });
});

describe("streamInWorker", () => {
  it("hands each part to the caller in order while the worker goes on, then answers what the task returns", async () => {
    const taken: Array<{ index: number; madeAt: number; takenAt: number }> = [];
    const result = await streamInWorker<typeof tasks.parts>(TASKS, "parts", [50], BUDGET, async (part) => {
      // The first part is taken slowly: the worker makes the rest meanwhile, not after.
      if (part.index === 0) await new Promise((resolve) => setTimeout(resolve, 500));
      taken.push({ ...part, takenAt: Date.now() });
    });
    expect(result).toBe(50);
    expect(taken.map((part) => part.index)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(taken[49]!.madeAt).toBeLessThan(taken[0]!.takenAt);
  });

  it("hands over a part bigger than the channel's buffer while the worker is still busy making the next", async () => {
    const arrived: Array<{ index: number; madeAt: number; at: number }> = [];
    await streamInWorker<typeof tasks.bigParts>(TASKS, "bigParts", [4, 2_000_000, 300], BUDGET, ({ index, madeAt }) => {
      arrived.push({ index, madeAt, at: Date.now() });
    });
    expect(arrived.map((part) => part.index)).toEqual([0, 1, 2, 3]);
    // The first part came before the last was made, not with it at the end.
    expect(arrived[0]!.at).toBeLessThan(arrived[3]!.madeAt);
  });

  it("refuses when the worker dies midway, after the part being taken is finished", async () => {
    const taken: number[] = [];
    let taking = false;
    const error = await refusal(
      streamInWorker<typeof tasks.partsThenExit>(TASKS, "partsThenExit", [3], BUDGET, async (part) => {
        taking = true;
        await new Promise((resolve) => setTimeout(resolve, part === 2 ? 1_000 : 0));
        taken.push(part);
        taking = false;
      }),
    );
    expect(error).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: "Pekerjaan uji berhenti tanpa hasil (kode keluar 3); tidak ada yang disimpan" });
    expect(taking).toBe(false);
    expect(taken).toEqual([0, 1, 2]);
  });

  it("answers the caller's own failure to take a part, stops the worker, and the next task runs", async () => {
    const taken: number[] = [];
    const failure = new Error("tidak bisa disimpan");
    await expect(
      streamInWorker<typeof tasks.parts>(TASKS, "parts", [20], BUDGET, (part) => {
        if (part.index === 3) throw failure;
        taken.push(part.index);
      }),
    ).rejects.toBe(failure);
    expect(taken).toEqual([0, 1, 2]);
    await expect(runInWorker<typeof tasks.sum>(TASKS, "sum", [[1], new Set([2])], BUDGET)).resolves.toEqual({ total: 3 });
  });

  it("refuses a task that is not a generator", async () => {
    const error = await refusal(streamInWorker(TASKS, "pid", [] as never, BUDGET, () => undefined));
    expect(error.message).toBe("Pekerjaan uji gagal (pid bukan generator); tidak ada yang disimpan");
  });
});
