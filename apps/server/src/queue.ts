// The cycle-run queue of a server or a worker process (PostgreSQL only): connects pg-boss in its schema of the
// application's database and, when this process works batches, starts taking them. See services/cycles/queue.ts.
import { CycleQueue, DEFAULT_QUEUE_SCHEMA, processOwner } from "@kinerja/api";
import type { OpenDatabase } from "@kinerja/db";
import { sql } from "kysely";
import type { QueueConfig } from "./config.js";
import { errorFields, type Logger } from "./log.js";

/** KINERJA_QUEUE_SCHEMA, or kinerja_queue beside the public schema, or <schema>_queue beside another. */
async function queueSchema(database: OpenDatabase, config: QueueConfig): Promise<string> {
  if (config.schema) return config.schema;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db);
  const own = rows[0]?.schema ?? "public";
  return own === "public" ? DEFAULT_QUEUE_SCHEMA : `${own}_queue`.slice(0, 50);
}

/** Opens the queue; with `concurrency` above 0, this process takes batches too. Null on SQLite or with the queue off. */
export async function openCycleQueue(database: OpenDatabase, url: string, config: QueueConfig, logger: Logger): Promise<CycleQueue | null> {
  if (database.dialect !== "postgres" || !config.enabled) return null;
  const schema = await queueSchema(database, config);
  const queue = new CycleQueue({
    connectionString: url,
    schema,
    batchSize: config.runBatchSize,
    expireSeconds: config.expireSeconds,
    onError: (error) => logger.log("warn", "cycle queue error; it carries on", errorFields(error)),
  });
  await queue.start();
  const worker = processOwner();
  if (config.concurrency > 0) {
    const messages = { taken: "cycle run batch taken", written: "cycle run batch written", skipped: "cycle run batch already written; skipped" };
    await queue.work(database.db, config.concurrency, worker, (batch, state) =>
      logger.log("info", messages[state], {
        jobId: batch.jobId,
        runId: batch.runId,
        batch: batch.batch,
        batches: batch.batches,
        employees: batch.employeeIds.length,
      }),
    );
  }
  logger.log("info", "cycle runs go through the queue", { schema, concurrency: config.concurrency, runBatchSize: config.runBatchSize, expireSeconds: config.expireSeconds, worker });
  return queue;
}
