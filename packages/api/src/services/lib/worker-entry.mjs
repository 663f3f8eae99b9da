// The start of every worker process of runInWorker (worker.ts): registers tsx (a child does not inherit the
// server's loader), then for each task it is sent loads the task's module, calls the task with the arguments
// and sends back what it returns, or the message of what it threw. It ends when the server closes the
// channel, as the server does on exit or when it has more idle workers than it keeps. Plain JavaScript, as it
// runs before tsx is registered.
import process from "node:process";
import { register } from "tsx/esm/api";

register();
process.on("message", async ({ module, name, args }) => {
  let answer;
  try {
    const tasks = await import(module);
    if (typeof tasks[name] !== "function") throw new Error(`${module} tidak mengekspor fungsi ${name}`);
    answer = { ok: true, result: await tasks[name](...args) };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  try {
    process.send(answer);
  } catch (error) {
    // A result that cannot cross (a function, say) is the task's fault, answered as such.
    process.send({ ok: false, message: `hasilnya tidak dapat dikirim (${error instanceof Error ? error.message : String(error)})` });
  }
});
process.on("disconnect", () => process.exit(0));
