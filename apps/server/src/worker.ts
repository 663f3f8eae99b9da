// The `pnpm worker` entry: a process that takes the batches of cycle runs from the PostgreSQL-backed queue and
// writes their results, on any machine that reaches the database. Several workers (and the servers) share one
// run; a worker killed mid-batch loses nothing: its transaction is rolled back and the batch goes to another
// worker once it expires. Settings from the environment as the server's: DATABASE_URL, KINERJA_WORKER_CONCURRENCY,
// KINERJA_RUN_BATCH_SIZE, KINERJA_QUEUE_SCHEMA, KINERJA_QUEUE_EXPIRE_SECONDS. Stops gracefully on SIGINT or
// SIGTERM: it takes no new batch, finishes those in hand, and closes the database.
import { migrateToLatest, openDatabase, databaseConfigFromEnv } from "@kinerja/db";
import { queueConfigFromEnv } from "./config.js";
import { errorFields, jsonLogger } from "./log.js";
import { openCycleQueue } from "./queue.js";

async function main(): Promise<void> {
  const logger = jsonLogger();
  const config = databaseConfigFromEnv();
  const queueConfig = queueConfigFromEnv(process.env, "worker");
  if (config.dialect !== "postgres") {
    throw new Error("kinerja worker: cycle runs are queued only on PostgreSQL; set DATABASE_URL=postgres://… (on SQLite the server runs them itself)");
  }
  if (!queueConfig.enabled) throw new Error("kinerja worker: KINERJA_CYCLE_QUEUE=0 turns the queue off, so there is nothing to work; unset it");
  const database = openDatabase(config, {
    onConnectionLost: (error) => logger.log("warn", "database connection lost; the next query opens a new one", errorFields(error)),
  });
  const applied = await migrateToLatest(database.db, database.dialect);
  logger.log("info", "database ready", { dialect: database.dialect, location: database.location, migrationsApplied: applied });
  const queue = await openCycleQueue(database, config.url, queueConfig, logger);
  logger.log("info", "worker ready", { pid: process.pid });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.log("info", "signal received", { signal });
      (async () => {
        await queue?.stop();
        await database.close();
        logger.log("info", "stopped");
      })().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.log("error", "shutdown failed", errorFields(error));
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  jsonLogger().log("error", "worker failed to start", errorFields(error));
  process.exit(1);
});
