// What the API's tests share: a migrated database per dialect, callers signed in as any user, and
// regions seeded with units, employees, a published rule set and an open cycle full of assessments.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { demoProfileSchema, type DemoProfile } from "@kinerja/core";
import type { DialectName } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { sql } from "kysely";
import type { SessionUser } from "../auth.js";
import { appRouter } from "../root.js";
import { createAccount } from "../services/organisation/index.js";
import { createCycle, openCycle } from "../services/cycles/index.js";
import { demoAppraisals, writeDemoAssessments, writeDemoOrganisation } from "../services/seed/index.js";
import { loadRuleFile } from "../services/rules/index.js";
import { JobRunner, type JobRunnerOptions } from "../services/cycles/index.js";
import { publishRuleSet, saveDraft } from "../services/rules/index.js";
import { createCallerFactory, createContextInner } from "../trpc.js";
import { scopeIn } from "../services/access/index.js";

export const RULES_DIR = fileURLToPath(new URL("../../../../rules/", import.meta.url));
export const NATIONAL_RULES = `${RULES_DIR}national/permenpanrb-6-2022.json`;
export const PASSWORD = "rahasia-uji-123";

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface TestEnv {
  dialect: DialectName;
  database: TestDatabase;
  jobs: JobRunner;
  /** A caller signed in as the user, or signed out with null. */
  as(user: SessionUser | null): Caller;
  dispose(): Promise<void>;
}

export async function createTestEnv(dialect: DialectName, jobOptions: JobRunnerOptions = {}): Promise<TestEnv> {
  const database = await createTestDatabase(dialect);
  const jobs = new JobRunner({ onError: () => undefined, ...jobOptions });
  return {
    dialect,
    database,
    jobs,
    as: (user) => createCaller(createContextInner({ db: database.db, session: user ? { user, id: null, mustChangePassword: false } : null, jobs })),
    dispose: async () => {
      await jobs.idle();
      await database.dispose();
    },
  };
}

export function demoProfile(regionId: string): DemoProfile {
  const file = fileURLToPath(new URL(`../../../../rules/demo/${regionId}.json`, import.meta.url));
  return demoProfileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export interface SeededRegion {
  regionId: string;
  admin: SessionUser;
  assessor: SessionUser;
  employee: SessionUser;
  ruleSetVersionId: string;
  cycleId: string;
  /** Employee ids by NIP. */
  employees: Map<string, string>;
  /** An employee of the region who reports to the assessor. */
  report: { id: string; nip: string };
}

/** Demo NIPs depend on the seed; a seed per region keeps the regions' sign-in NIPs apart. */
function seedOf(regionId: string): number {
  return [...regionId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
}

const sessionUser = (account: Awaited<ReturnType<typeof createAccount>>): SessionUser => ({ ...account });

export const OPERATOR_EMAIL = "operator@kinerja.test";

export async function createOperator(env: TestEnv): Promise<SessionUser> {
  return sessionUser(
    await createAccount(env.database.db, { name: "Operator Nasional", email: OPERATOR_EMAIL, password: PASSWORD, role: "operator", regionId: null }),
  );
}

/**
 * A region (named after a demo profile: binjai, pariaman, samarinda, amplas) with the national rule set
 * published as version 1, `size` demo employees, an open cycle for 2025 holding their assessments, and
 * an admin, an assessor (a unit head) and an employee reporting to them.
 */
export async function seedRegion(env: TestEnv, regionId: string, size = 24, seed = seedOf(regionId)): Promise<SeededRegion> {
  const { db } = env.database;
  const profile = demoProfile(regionId);
  const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
  const inputs = demoAppraisals(ruleSet, profile, { size, seed });
  await db.insertInto("regions").values({ id: regionId, name: profile.region.name, created_at: new Date().toISOString() }).execute();
  const admin = sessionUser(
    await createAccount(db, { name: `Admin ${regionId}`, email: `admin@${regionId}.test`, password: PASSWORD, role: "admin", regionId }),
  );
  const employees = await db.transaction().execute((trx) => writeDemoOrganisation(trx, regionId, profile, inputs));
  const scope = await scopeIn(db, admin, regionId);
  const { version } = await saveDraft(scope, { content });
  await publishRuleSet(scope, version);
  const cycle = await createCycle(scope, { name: "Penilaian Tahunan 2025", periodKind: "annual", periodLabel: "2025" });
  await openCycle(scope, cycle.id);
  await db.transaction().execute((trx) => writeDemoAssessments(trx, regionId, cycle.id, inputs, employees));

  const withReports = await db
    .selectFrom("employees as e")
    .innerJoin("employees as r", (join) => join.onRef("r.region_id", "=", "e.region_id").onRef("r.atasan_nip", "=", "e.nip"))
    .select(["e.nip as atasan", "e.nama", "r.id as reportId", "r.nip as reportNip", "r.nama as reportNama"])
    .where("e.region_id", "=", regionId)
    .orderBy("e.nip")
    .orderBy("r.nip")
    .executeTakeFirstOrThrow();
  const assessor = sessionUser(
    await createAccount(db, { name: withReports.nama, nip: withReports.atasan, password: PASSWORD, role: "assessor", regionId }),
  );
  const employee = sessionUser(
    await createAccount(db, { name: withReports.reportNama, nip: withReports.reportNip, password: PASSWORD, role: "employee", regionId }),
  );
  return {
    regionId,
    admin,
    assessor,
    employee,
    ruleSetVersionId: version.id,
    cycleId: cycle.id,
    employees,
    report: { id: withReports.reportId, nip: withReports.reportNip },
  };
}

/** Row counts of every regional table: equal before and after means nothing changed. */
export async function snapshot(env: TestEnv): Promise<Record<string, number>> {
  const tables = ["units", "employees", "rule_set_versions", "cycles", "assessments", "result_runs", "results", "jobs", "audit_log"] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(env.database.db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{ h: string }>`select max(updated_at) as h from employees`.execute(env.database.db);
  counts.employeesUpdatedAt = rows[0]?.h ? Date.parse(rows[0].h) : 0;
  return counts;
}

/** A run's results and outcomes, without the run's id and the time written: what must be identical. */
export async function runContent(env: TestEnv, runId: string) {
  const results = await env.database.db
    .selectFrom("results")
    .select(["employee_id", "nip", "nama", "unit_id", "jabatan", "predikat", "predikat_label", "score", "scores", "decisions", "outcomes", "explanation", "input", "rule_set_hash", "error", "rollup"])
    .where("run_id", "=", runId)
    .orderBy("employee_id")
    .execute();
  const outcomes = await env.database.db
    .selectFrom("result_outcomes")
    .select(["employee_id", "type"])
    .where("run_id", "=", runId)
    .orderBy("employee_id")
    .orderBy("type")
    .execute();
  return { results, outcomes };
}
