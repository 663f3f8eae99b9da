// The start of every worker process of runInWorker and streamInWorker (worker.ts): registers tsx (a child
// does not inherit the server's loader), then for each task it is sent loads the task's module, calls the
// task with the arguments and sends back what it returns (a generator's parts first, one message each), or
// the message of what it threw. It ends when the server closes the channel, as the server does on exit or
// when it has more idle workers than it keeps. Plain JavaScript, as it runs before tsx is registered.
import process from "node:process";
import { register } from "tsx/esm/api";

register();
process.on("message", async ({ module, name, args, stream }) => {
  let answer;
  try {
    const tasks = await import(module);
    if (typeof tasks[name] !== "function") throw new Error(`${module} tidak mengekspor fungsi ${name}`);
    const result = await tasks[name](...args);
    if (stream) {
      // A generator task (streamInWorker): each part is sent as it is yielded, then what it returns. The next
      // part is made once this one is written to the channel, which is while the server takes the one before:
      // the worker stays a part ahead. Sent without waiting, a part bigger than the socket's buffer was written
      // only in the event loop's turns, which a busy task does not give, and so came at the task's end.
      if (typeof result?.next !== "function") throw new Error(`${name} bukan generator`);
      for (;;) {
        const step = await result.next();
        if (step.done) {
          answer = { ok: true, result: step.value };
          break;
        }
        await new Promise((resolve, reject) => process.send({ part: step.value }, (error) => (error ? reject(error) : resolve())));
      }
    } else {
      answer = { ok: true, result };
    }
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
