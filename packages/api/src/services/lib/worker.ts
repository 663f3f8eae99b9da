// Work that would hold the server's one thread (reading an uploaded file, say) run in a worker process
// instead, so other requests are answered meanwhile. A task is an exported function of a module, named by
// the module's URL: `runInWorker<typeof task>(new URL("./task.ts", import.meta.url), "task", [args…], …)`.
// Arguments and result cross by structured clone (plain data, Maps, Sets, typed arrays). A worker that dies,
// runs out of memory or outlasts its time budget is stopped and answers a DomainError: the caller has
// nothing half done to undo, as long as it writes only after the result has come back.
//
// A process, not a worker thread: a worker thread's heap limit is best effort, and a task that grows one
// array past it (a parser pushing rows, say) aborts the whole server with "Reached heap limit"; a process
// past its `--max-old-space-size` aborts alone. A worker that finished its task waits for the next one
// (starting one, and loading the task's modules in it, takes a second or more); a few are kept, and none
// keeps the server from exiting, nor outlives it.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DomainError } from "./errors.js";

export interface WorkerBudget {
  /** Milliseconds the task may take before its worker is stopped. */
  timeoutMs: number;
  /** The worker's heap; past it the worker dies and the task is refused. */
  maxMemoryMb: number;
  /** What the task does, as a sentence's subject in Indonesian ("Pembacaan berkas pegawai"). */
  what: string;
}

const ENTRY = fileURLToPath(new URL("./worker-entry.mjs", import.meta.url));
/** Idle workers kept for the next tasks. */
const KEPT = 2;
/** The last characters a worker wrote to stderr, enough for V8's "heap out of memory" and a stack. */
const STDERR_KEPT = 8_192;

type Answer = { ok: true; result: unknown } | { ok: false; message: string } | { part: unknown };

interface Worker {
  child: ChildProcess;
  /** What the worker wrote to stderr lately. */
  stderr: () => string;
  /** While it waits in the pool: takes it out should it die. */
  leave?: () => void;
}
const idle = new Map<number, Worker[]>();

/** Whether the worker keeps the server running: yes while it works, no while it waits. */
function hold({ child }: Worker, held: boolean): void {
  const handles = [child, child.channel, child.stderr] as Array<{ ref?: () => void; unref?: () => void } | null | undefined>;
  for (const handle of handles) (held ? handle?.ref : handle?.unref)?.call(handle);
}

function start(maxMemoryMb: number): Worker {
  const child = fork(ENTRY, [], {
    execArgv: [`--max-old-space-size=${maxMemoryMb}`],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let written = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    written = (written + chunk).slice(-STDERR_KEPT);
  });
  // A worker whose spawn failed says so through its task's "error" listener; none is left unheard meanwhile.
  child.on("error", () => undefined);
  return { child, stderr: () => written };
}

function workerFor(maxMemoryMb: number): Worker {
  const kept = idle.get(maxMemoryMb)?.pop();
  if (!kept) return start(maxMemoryMb);
  if (kept.leave) kept.child.off("exit", kept.leave);
  kept.leave = undefined;
  hold(kept, true);
  return kept;
}

function keep(worker: Worker, maxMemoryMb: number): void {
  const kept = idle.get(maxMemoryMb) ?? [];
  if (kept.length >= KEPT || !worker.child.connected) {
    worker.child.kill("SIGKILL");
    return;
  }
  hold(worker, false);
  kept.push(worker);
  idle.set(maxMemoryMb, kept);
  worker.leave = () => {
    const at = kept.indexOf(worker);
    if (at >= 0) kept.splice(at, 1);
  };
  worker.child.once("exit", worker.leave);
}

export function runInWorker<Task extends (...args: never[]) => unknown>(
  module: URL,
  name: string,
  args: Parameters<Task>,
  budget: WorkerBudget,
): Promise<Awaited<ReturnType<Task>>> {
  return runTask(module, name, args, budget);
}

/** What a generator task yields, and what it returns at its end. */
type Yielded<Task> = Task extends (...args: never[]) => AsyncGenerator<infer Part, unknown, never> | Generator<infer Part, unknown, never> ? Part : never;
type Returned<Task> = Task extends (...args: never[]) => AsyncGenerator<unknown, infer Result, never> | Generator<unknown, infer Result, never> ? Result : never;

/**
 * Runs a generator task in a worker: each part it yields is handed to `onPart` as it comes, one at a time
 * and in order (the next waits for the last to be taken), while the worker goes on to the next; answers
 * what the task returns once every part has been taken. A worker that dies, throws or outlasts its budget
 * midway refuses as runInWorker does, after parts may have been taken: the caller takes them into
 * something it can undo (a transaction) and undoes it on refusal. A part `onPart` fails on stops the worker
 * and answers that failure.
 */
export function streamInWorker<Task extends (...args: never[]) => AsyncGenerator<unknown, unknown, never> | Generator<unknown, unknown, never>>(
  module: URL,
  name: string,
  args: Parameters<Task>,
  budget: WorkerBudget,
  onPart: (part: Yielded<Task>) => Promise<void> | void,
): Promise<Returned<Task>> {
  return runTask(module, name, args, budget, onPart as (part: unknown) => Promise<void> | void);
}

function runTask<Result>(module: URL, name: string, args: readonly unknown[], budget: WorkerBudget, onPart?: (part: unknown) => Promise<void> | void): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    const worker = workerFor(budget.maxMemoryMb);
    const { child, stderr } = worker;
    // Parts are taken one after another; the answer waits for the last of them.
    let taken: Promise<void> = Promise.resolve();
    const onMessage = (answer: Answer) => {
      if ("part" in answer) {
        taken = taken.then(() => (settled ? undefined : onPart?.(answer.part)));
        taken.catch((error: unknown) => settle(() => reject(error)));
        return;
      }
      if (!answer.ok) return refuse(`${budget.what} gagal (${answer.message}); tidak ada yang disimpan`);
      taken.then(
        () => settle(() => resolve(answer.result as Result), true),
        () => undefined,
      );
    };
    const onError = (error: Error) => refuse(`${budget.what} gagal (${error.message}); tidak ada yang disimpan`, error);
    // "close" comes after the worker's stderr has been read to its end, so V8's last words are in it.
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      const written = stderr();
      const cause = new Error(`worker ended with ${signal ?? `exit code ${code}`}${written ? `:\n${written}` : ""}`);
      refuse(
        /heap out of memory|Allocation failed/.test(written)
          ? `${budget.what} dihentikan karena melewati batas memori ${budget.maxMemoryMb} MB; tidak ada yang disimpan`
          : `${budget.what} berhenti tanpa hasil (${signal ? `sinyal ${signal}` : `kode keluar ${code}`}); tidak ada yang disimpan`,
        cause,
      );
    };
    let settled = false;
    const settle = (outcome: () => void, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off("message", onMessage).off("error", onError).off("close", onClose);
      if (reusable) keep(worker, budget.maxMemoryMb);
      else child.kill("SIGKILL");
      // A part being taken is let finish first, so the caller never undoes what is still being done.
      void taken.then(outcome, outcome);
    };
    const refuse = (message: string, cause?: unknown) =>
      settle(() => reject(new DomainError({ code: "UNPROCESSABLE_CONTENT", message, cause })));
    const timer = setTimeout(
      () => refuse(`${budget.what} dihentikan karena melewati batas waktu ${Math.round(budget.timeoutMs / 1000)} detik; tidak ada yang disimpan`),
      budget.timeoutMs,
    );
    child.on("message", onMessage).on("error", onError).on("close", onClose);
    const failedToSend = (error: unknown) =>
      refuse(`${budget.what} gagal (${error instanceof Error ? error.message : String(error)}); tidak ada yang disimpan`, error);
    try {
      child.send({ module: module.href, name, args, stream: onPart !== undefined }, (error) => error && failedToSend(error));
    } catch (error) {
      // Arguments that cannot cross (a function, say) are refused before the worker sees anything.
      failedToSend(error);
    }
  });
}
