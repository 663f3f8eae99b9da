// The start of every worker of runInWorker (worker.ts): registers tsx (workers do not inherit the server's
// loader), then for each task it is sent loads the task's module, calls the task with the arguments and
// posts back what it returns, or the message of what it threw. Plain JavaScript, as it runs before tsx is
// registered.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
parentPort.on("message", async ({ module, name, args }) => {
  try {
    const tasks = await import(module);
    if (typeof tasks[name] !== "function") throw new Error(`${module} tidak mengekspor fungsi ${name}`);
    parentPort.postMessage({ ok: true, result: await tasks[name](...args) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
