// Work that would hold the server's one thread (reading an uploaded file, say) run in a worker thread
// instead, so other requests are answered meanwhile. A task is an exported function of a module, named by
// the module's URL: `runInWorker<typeof task>(new URL("./task.ts", import.meta.url), "task", [args…], …)`.
// Arguments and result cross by structured clone (plain data, Maps, Sets, typed arrays). A worker that dies,
// runs out of memory or outlasts its time budget is stopped and answers a DomainError: the caller has
// nothing half done to undo, as long as it writes only after the result has come back. A worker that
// finished its task waits for the next one (starting one, and loading the task's modules in it, takes
// seconds); a few are kept, and none keeps the process from exiting.
import { Worker } from "node:worker_threads";
import { DomainError } from "./errors.js";

export interface WorkerBudget {
  /** Milliseconds the task may take before its worker is stopped. */
  timeoutMs: number;
  /** The worker's heap; past it the worker dies and the task is refused. */
  maxMemoryMb: number;
  /** What the task does, as a sentence's subject in Indonesian ("Pembacaan berkas pegawai"). */
  what: string;
}

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
/** Idle workers kept for the next tasks. */
const KEPT = 2;
const idle = new Map<number, Worker[]>();
/** Each idle worker's listener that takes it out of the pool should it die while waiting. */
const leaveOnExit = new WeakMap<Worker, () => void>();

type Answer = { ok: true; result: unknown } | { ok: false; message: string };

function workerFor(maxMemoryMb: number): Worker {
  const kept = idle.get(maxMemoryMb)?.pop();
  if (kept) {
    const leave = leaveOnExit.get(kept);
    if (leave) kept.off("exit", leave);
    kept.ref();
    return kept;
  }
  return new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } });
}

function keep(worker: Worker, maxMemoryMb: number): void {
  const workers = idle.get(maxMemoryMb) ?? [];
  if (workers.length >= KEPT) {
    void worker.terminate();
    return;
  }
  worker.unref();
  workers.push(worker);
  idle.set(maxMemoryMb, workers);
  // An idle worker that dies leaves the pool.
  const leave = () => {
    const at = workers.indexOf(worker);
    if (at >= 0) workers.splice(at, 1);
  };
  leaveOnExit.set(worker, leave);
  worker.once("exit", leave);
}

export function runInWorker<Task extends (...args: never[]) => unknown>(
  module: URL,
  name: string,
  args: Parameters<Task>,
  budget: WorkerBudget,
): Promise<Awaited<ReturnType<Task>>> {
  type Result = Awaited<ReturnType<Task>>;
  return new Promise<Result>((resolve, reject) => {
    const worker = workerFor(budget.maxMemoryMb);
    const onMessage = (answer: Answer) =>
      answer.ok
        ? settle(() => resolve(answer.result as Result), true)
        : refuse(`${budget.what} gagal (${answer.message}); tidak ada yang disimpan`);
    const onError = (error: Error & { code?: string }) =>
      refuse(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `${budget.what} dihentikan karena melewati batas memori ${budget.maxMemoryMb} MB; tidak ada yang disimpan`
          : `${budget.what} gagal (${error.message}); tidak ada yang disimpan`,
        error,
      );
    const onExit = (code: number) => refuse(`${budget.what} berhenti tanpa hasil (kode keluar ${code}); tidak ada yang disimpan`);
    let settled = false;
    const settle = (outcome: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      outcome();
      if (reusable) keep(worker, budget.maxMemoryMb);
      else void worker.terminate();
    };
    const refuse = (message: string, cause?: unknown) =>
      settle(() => reject(new DomainError({ code: "UNPROCESSABLE_CONTENT", message, cause })));
    const timer = setTimeout(
      () => refuse(`${budget.what} dihentikan karena melewati batas waktu ${Math.round(budget.timeoutMs / 1000)} detik; tidak ada yang disimpan`),
      budget.timeoutMs,
    );
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage({ module: module.href, name, args });
  });
}
