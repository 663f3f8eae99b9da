// The `pnpm start` entry: starts Kinerja with settings from the environment and stops it gracefully on
// SIGINT or SIGTERM.
import { configFromEnv } from "./config.js";
import { errorFields, jsonLogger } from "./log.js";
import { start } from "./start.js";

async function main(): Promise<void> {
  const logger = jsonLogger();
  const running = await start(configFromEnv(), logger);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.log("info", "signal received", { signal });
      running.stop().then(
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
  jsonLogger().log("error", "start failed", errorFields(error));
  process.exit(1);
});
