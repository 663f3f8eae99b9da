// A server on a throwaway database, seeded as on a first start, for the tests over real HTTP: start it in
// beforeAll, stop it in afterAll (which also drops the database and the scratch folder).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { configFromEnv, type ServerConfig } from "../config.js";
import type { Logger } from "../log.js";
import { start, type Running } from "../start.js";

export interface SeededServer {
  database: TestDatabase;
  running: Running;
  config: ServerConfig;
  /** A folder the test may write in; removed on stop. */
  scratch: string;
  stop(): Promise<void>;
}

export async function startSeededServer(
  dialect: DialectName,
  options: {
    password: string;
    seedSize: number;
    logger?: Logger;
    write?: (text: string) => void;
    /** Changes to the settings the server starts with (a public URL, a database reached through a proxy). */
    configure?: (config: ServerConfig) => ServerConfig;
  },
): Promise<SeededServer> {
  const scratch = mkdtempSync(join(tmpdir(), "kinerja-http-"));
  const database = await createTestDatabase(dialect, { migrated: false });
  const cleanUp = async () => {
    await database.dispose();
    rmSync(scratch, { recursive: true, force: true });
  };
  const defaults: ServerConfig = {
    ...configFromEnv({ KINERJA_SECRET_FILE: join(scratch, "secret") }),
    port: 0,
    host: "127.0.0.1",
    database: database.config,
    adminDist: join(scratch, "no-admin-build"),
    seedPassword: options.password,
    seedSize: options.seedSize,
  };
  const config = options.configure ? options.configure(defaults) : defaults;
  let running: Running;
  try {
    running = await start(config, options.logger ?? { log: () => undefined }, options.write ?? (() => undefined));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    database,
    running,
    config,
    scratch,
    stop: async () => {
      await running.stop(1_000);
      await cleanUp();
    },
  };
}
