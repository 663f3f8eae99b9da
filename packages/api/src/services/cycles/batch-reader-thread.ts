// The process's reading thread for cycle runs (see batch-reader.ts). Says it is ready once its modules are
// loaded; then for each run it is asked to open, opens a connection of its own to the run's database and
// compiles the cycle's rules, evaluates the batches it is sent one after another and sends back their rows,
// and closes the run's connection when told. It writes nothing. A run it cannot open, or a batch it fails on,
// is answered as such: the server's thread evaluates it itself.
import { parentPort } from "node:worker_threads";
import type { CompiledRuleSet } from "@kinerja/core";
import { openDatabase, type OpenDatabase } from "@kinerja/db";
import { cycleRules } from "../rules/index.js";
import type { ThreadAnswer, ThreadRequest } from "./batch-reader.js";
import { evaluateBatch } from "./evaluate-batch.js";

const port = parentPort;
if (!port) throw new Error("batch-reader-thread.ts runs only as a worker thread");
const send = (answer: ThreadAnswer) => port.postMessage(answer);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Run {
  database: OpenDatabase;
  /** The cycle's rules, once compiled. */
  compiled: Promise<CompiledRuleSet>;
  evaluate: (index: number, ids: string[], compiled: CompiledRuleSet) => Promise<void>;
}
const runs = new Map<string, Run>();
/** Settles once the batch being evaluated is answered. */
let turn: Promise<void> = Promise.resolve();

port.on("message", async (request: ThreadRequest) => {
  switch (request.kind) {
    case "open": {
      const { run, config, cycle } = request;
      // One connection: the run's batches in this thread take turns on it.
      const database = openDatabase(config.dialect === "postgres" ? { ...config, poolSize: 1 } : config);
      const compiled = cycleRules(database.db, cycle);
      runs.set(run, {
        database,
        compiled,
        evaluate: async (index, ids, rules) => {
          try {
            send({ kind: "batch", run, index, ok: true, batch: await evaluateBatch(database.db, cycle, rules, run, ids) });
          } catch (error) {
            send({ kind: "batch", run, index, ok: false, message: messageOf(error) });
          }
        },
      });
      try {
        await compiled;
        send({ kind: "opened", run });
      } catch (error) {
        runs.delete(run);
        await database.close().catch(() => undefined);
        send({ kind: "refused", run, message: messageOf(error) });
      }
      return;
    }
    case "batch": {
      const { run, index, ids } = request;
      const open = runs.get(run);
      if (!open) return send({ kind: "batch", run, index, ok: false, message: "the run is not open in the reading thread" });
      // One batch at a time, in the order asked: two at once would take turns on the connection, so the one the
      // run waits for would be answered later, and both batches' rows would be held at once.
      const previous = turn;
      let done: () => void = () => undefined;
      turn = new Promise((resolve) => (done = resolve));
      await previous;
      try {
        return await open.evaluate(index, ids, await open.compiled);
      } finally {
        done();
      }
    }
    case "close": {
      const open = runs.get(request.run);
      runs.delete(request.run);
      await open?.database.close().catch(() => undefined);
      return send({ kind: "closed", run: request.run });
    }
  }
});
send({ kind: "ready" });
