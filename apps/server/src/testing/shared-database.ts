// One database for several server processes, as behind a load balancer: created and seeded in the test
// process (one demo region of `size` employees with an open cycle full of their assessments), then handed
// to each server as its DATABASE_URL. The servers share the session secret, as a deployment's would, and
// the test reads what they wrote through its own connection.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemo } from "@kinerja/api";
import type { Database, DialectName, JobRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from "@kinerja/db/testing";
import { HttpClient, type HttpClientOptions } from "./http-client.js";
import { startServerProcess, startWorkerProcess, type ServerProcess } from "./server-process.js";
import { waitFor } from "./wait-for.js";

const RULES_DIR = fileURLToPath(new URL("../../../../rules/", import.meta.url));
const REGION = { id: "binjai", name: "Kota Binjai" };

export interface SharedDatabase {
  database: TestDatabase;
  regionId: string;
  cycleId: string;
  /** The region admin's sign-in. */
  admin: { login: string; password: string };
  /** Employees in the cycle. */
  employees: number;
  /** How long seeding took, in milliseconds. */
  seedMs: number;
  /** The job's row as the servers left it. */
  job(jobId: string): Promise<JobRow>;
  /** The cycle's current run: its id and status, the results it holds, and how many employees they cover. */
  current(): Promise<CurrentRun>;
  /** Results held by a run. */
  resultsOf(runId: string | null): Promise<number>;
  /** Starts a server on the database with `env` added (e.g. KINERJA_JOB_LEASE_MS); stopped by dispose. */
  startServer(env?: Record<string, string>): Promise<ServerProcess>;
  /** Starts a `pnpm worker` process on the database with `env` added (PostgreSQL); stopped by dispose. */
  startWorker(env?: Record<string, string>): Promise<ServerProcess>;
  /** The last lines each server started here wrote, to print when a test fails. */
  serverOutput(): string;
  /** Kills any server still running, then removes the database. */
  dispose(): Promise<void>;
}

/** What cycle.run and cycle.runStatus answer. */
export interface RunStatus {
  jobId: string;
  runId: string;
  status: string;
  done: number;
  total: number;
  error: string | null;
}

/** A client of `server` signed in as `account`; throws unless the sign-in answered 200. */
export async function signedIn(
  server: ServerProcess,
  account: { login: string; password: string },
  options: HttpClientOptions = {},
): Promise<HttpClient> {
  const client = new HttpClient(server.url, options);
  const status = await client.signIn(account.login, account.password);
  if (status !== 200) throw new Error(`signing in as ${account.login} on ${server.url} answered HTTP ${status}`);
  return client;
}

/** Follows a job through `client` (whichever server it reaches) until it succeeded or failed. */
export function jobEnded(client: HttpClient, jobId: string, timeoutMs: number, everyMs?: number): Promise<RunStatus> {
  return waitFor(`job ${jobId} to end`, timeoutMs, async () => {
    const status = await client.ok(client.query<RunStatus>("cycle.runStatus", { jobId }));
    return status.status === "succeeded" || status.status === "failed" ? status : undefined;
  }, everyMs);
}

/**
 * An approved plan (SKP) for the employee with one IKI, made and approved by `admin`: the IKI's id, to log
 * work against.
 */
export async function approvedIki(admin: HttpClient, cycleId: string, employeeId: string): Promise<string> {
  const plan = await admin.ok(admin.mutate<{ id: string }>("plan.create", { cycleId, employeeId }));
  const saved = await admin.ok(
    admin.mutate<{ rhk: Array<{ indicators: Array<{ id: string }> }> }>("plan.save", {
      id: plan.id,
      rhk: [{ kind: "utama", text: "Menyelesaikan layanan administrasi", indicators: [{ text: "Dokumen selesai", target: 100, satuan: "dokumen" }] }],
    }),
  );
  await admin.ok(admin.mutate("plan.submit", { id: plan.id }));
  await admin.ok(admin.mutate("plan.approve", { id: plan.id }));
  const iki = saved.rhk[0]?.indicators[0]?.id;
  if (!iki) throw new Error("the saved plan holds no IKI");
  return iki;
}

export interface CurrentRun {
  runId: string | null;
  status: string | null;
  total: number | null;
  results: number;
  employees: number;
}

function databaseUrl(database: TestDatabase): string {
  const { config } = database;
  if (config.dialect === "sqlite") return `file:${config.file}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${config.schema ?? "public"}`);
  return url.toString();
}

async function resultsOf(db: Kysely<Database>, runId: string | null): Promise<{ results: number; employees: number }> {
  const row = await db
    .selectFrom("results")
    .select((eb) => [eb.fn.countAll().as("results"), eb.fn.count("employee_id").distinct().as("employees")])
    .where("run_id", "=", runId ?? "")
    .executeTakeFirstOrThrow();
  return { results: Number(row.results), employees: Number(row.employees) };
}

export async function createSharedDatabase(dialect: DialectName, options: { size: number; password: string }): Promise<SharedDatabase> {
  const scratch = mkdtempSync(join(tmpdir(), "kinerja-shared-"));
  const database = await createTestDatabase(dialect);
  const servers: ServerProcess[] = [];
  const secret = randomBytes(24).toString("base64url");
  const dispose = async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await database.dispose();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const began = performance.now();
    const signIns = await seedDemo(database.db, { rulesDir: RULES_DIR, password: options.password, size: options.size, regions: [REGION] });
    const seedMs = performance.now() - began;
    const admin = signIns.find((s) => s.role === "admin");
    const cycle = await database.db.selectFrom("cycles").select("id").where("region_id", "=", REGION.id).executeTakeFirstOrThrow();
    const employees = await database.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("region_id", "=", REGION.id)
      .executeTakeFirstOrThrow();
    if (!admin) throw new Error("seeding made no region admin");
    return {
      database,
      regionId: REGION.id,
      cycleId: cycle.id,
      admin: { login: admin.login, password: options.password },
      employees: Number(employees.n),
      seedMs,
      job: (jobId) => database.db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow(),
      current: async () => {
        const { current_run_id: runId } = await database.db
          .selectFrom("cycles")
          .select("current_run_id")
          .where("id", "=", cycle.id)
          .executeTakeFirstOrThrow();
        const run = await database.db.selectFrom("result_runs").select(["status", "total"]).where("id", "=", runId ?? "").executeTakeFirst();
        return { runId, status: run?.status ?? null, total: run?.total ?? null, ...(await resultsOf(database.db, runId)) };
      },
      resultsOf: async (runId) => (await resultsOf(database.db, runId)).results,
      serverOutput: () =>
        servers.map((server, i) => `--- server ${i + 1} (${server.url}), last lines:\n${server.output().split("\n").slice(-40).join("\n")}`).join("\n"),
      startServer: async (env = {}) => {
        const server = await startServerProcess({
          DATABASE_URL: databaseUrl(database),
          BETTER_AUTH_SECRET: secret,
          KINERJA_SEED: "0",
          KINERJA_ADMIN_DIST: join(scratch, "no-admin-build"),
          ...env,
        });
        servers.push(server);
        return server;
      },
      startWorker: async (env = {}) => {
        const worker = await startWorkerProcess({ DATABASE_URL: databaseUrl(database), ...env });
        servers.push(worker);
        return worker;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
