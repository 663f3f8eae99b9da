// The people and records the access matrix (access-matrix.test.ts) calls about. Two regions seeded as the
// API's tests seed them: binjai, where every caller signs in, and pariaman, the other region. The demo
// organisation is two levels deep, so binjai's admin re-links superiors (employee.update) into a chain deep
// enough for every relation: Z → S → T (the assessor) → M (the employee) → B → C, and beside it Z → P → U,
// a colleague of another unit whom neither T nor M has anything to do with. M is B's superior on paper
// only: the region made M an employee, not an assessor, so M rates and decides nothing. Each person the
// matrix calls about has an approved plan, two work entries (one with an evidence file, one whose feedback
// thread the matrix writes in), a dialogue, a supervisor sheet, a result, an appeal and a session.
import { randomUUID } from "node:crypto";
import { newId, now, toJson, type CycleStatus, type Database, type DialectName, type Role } from "@kinerja/db";
import { sql, type Kysely } from "kysely";
import type { inferRouterInputs } from "@trpc/server";
import type { Auth, SessionUser } from "../auth.js";
import { authClient } from "./auth-client.js";
import type { AppRouter } from "../root.js";
import { scopeIn, type Relation } from "../services/access/index.js";
import { createAccount } from "../services/organisation/index.js";
import { storeEvidence } from "../services/planning/index.js";
import { createOperator, PASSWORD, seedRegion, type TestEnv } from "./env.js";
import { personUser } from "./work-period.js";

/**
 * Whom a call is about: the assessor themself, their report (the employee), the report's report and that
 * one's report, an unrelated colleague, another region's employee.
 */
export type SubjectName = "assessor" | "report" | "grandReport" | "greatGrandReport" | "unrelated" | "otherRegion";

/** The roles the matrix signs in as, one account each, all in binjai (the operator acts in binjai by naming it). */
export const CALLER_ROLES = ["operator", "admin", "assessor", "employee"] as const satisfies readonly Role[];

/**
 * How each caller stands to each subject, as the world links them (absent: no relation at all). The
 * operator and the admin are the region's admin to everyone in it; the assessor rates the report and is the
 * grand-report's atasan pejabat penilai; the employee is only themself.
 */
export const RELATIONS: Record<Role, Partial<Record<SubjectName, Relation>>> = {
  operator: { report: "admin", unrelated: "admin" },
  admin: { report: "admin", unrelated: "admin" },
  assessor: { assessor: "self", report: "assessor", grandReport: "atasan" },
  employee: { report: "self" },
};

/** The subjects a call about one person is tried on, per caller: every relation the caller has, the unrelated colleague, the other region. */
export const SUBJECTS_OF: Record<Role, readonly SubjectName[]> = {
  operator: ["report", "unrelated", "otherRegion"],
  admin: ["report", "unrelated", "otherRegion"],
  assessor: ["assessor", "report", "grandReport", "greatGrandReport", "unrelated", "otherRegion"],
  employee: ["report", "grandReport", "greatGrandReport", "unrelated", "otherRegion"],
};

type RhkInput = inferRouterInputs<AppRouter>["plan"]["save"]["rhk"][number];

/** One person's records, and their region's. */
export interface Subject {
  name: SubjectName;
  regionId: string;
  cycleId: string;
  ruleSetVersionId: string;
  /** A draft rule set version of the region. */
  draftId: string;
  /** The job of the region's evaluation run. */
  jobId: string;
  /** An account of the region that none of the callers signs in with, for the account lifecycle. */
  spareAccountId: string;
  employee: { id: string; nip: string; jabatan: string; unitId: string };
  /** A session of the person's own sign-in. */
  sessionId: string;
  planId: string;
  /** The plan's one RHK with its one IKI, as plan.save takes it. */
  rhk: RhkInput;
  rhkId: string;
  ikiId: string;
  entryId: string;
  /** A second entry, for the feedback the matrix posts: writing in a thread lets its author read the entry. */
  threadEntryId: string;
  evidenceId: string;
  dialogueId: string;
  /** A session of the person's unit's forum with no members: only the admin reads it. */
  forumSessionId: string;
  /** The submitted supervisor sheet on the person. */
  sheetId: string;
  appealId: string;
}

export type Stage = Extract<CycleStatus, "open" | "evaluated" | "finalised">;

export interface AccessWorld {
  env: TestEnv;
  auth: Auth;
  callers: Record<(typeof CALLER_ROLES)[number], SessionUser>;
  subjects: Record<SubjectName, Subject>;
  /** Puts both regions' cycles in a stage, as some procedures act only in one (written straight in: the API never moves a cycle back). */
  stage(stage: Stage): Promise<void>;
  /** Stores another evidence file on the subject's entry, for a call that removes one. */
  storeEvidence(subject: Subject): Promise<string>;
  /** The cookie of a new session of the account, signed in through better-auth's endpoint (in process). */
  signIn(login: { email: string } | { nip: string }): Promise<string>;
  /** Every table's row count and latest change: equal before and after a call means it changed nothing. */
  state(): Promise<Record<string, string | number | null>>;
}

/** Columns that move whenever a row is changed in place. */
const CHANGE_COLUMNS = ["updated_at", "decided_at"];

/** Counts as numbers (PostgreSQL answers them as text), times as ISO text (PostgreSQL answers them as dates). */
function stateValue(key: string, value: unknown): string | number | null {
  if (!key.includes(".")) return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? null : String(value);
}

/**
 * The tables of this database and their columns. On PostgreSQL, those of its own schema only: kysely's
 * introspection lists every schema on the server, and the suites running beside this one create and drop
 * theirs (with their own region partitions), which this one would then count or fail to find.
 */
async function ownTables(db: Kysely<Database>, dialect: DialectName): Promise<Array<{ name: string; columns: Array<{ name: string }> }>> {
  if (dialect !== "postgres") return db.introspection.getTables();
  const { rows } = await sql<{ table: string; column: string }>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, Array<{ name: string }>>();
  for (const row of rows) tables.set(row.table, [...(tables.get(row.table) ?? []), { name: row.column }]);
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** One query for the row count and latest change of every table the database has, migrations included. */
async function stateQuery(db: Kysely<Database>, dialect: DialectName): Promise<() => Promise<Record<string, string | number | null>>> {
  const tables = await ownTables(db, dialect);
  const parts = tables.flatMap((table) => [
    sql`(select count(*) from ${sql.table(table.name)}) as ${sql.id(table.name)}`,
    ...table.columns
      .filter((column) => CHANGE_COLUMNS.includes(column.name))
      .map((column) => sql`(select max(${sql.ref(column.name)}) from ${sql.table(table.name)}) as ${sql.id(`${table.name}.${column.name}`)}`),
  ]);
  const query = sql<Record<string, unknown>>`select ${sql.join(parts)}`;
  return async () => {
    const { rows } = await query.execute(db);
    const row = rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, stateValue(key, value)]));
  };
}

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PLAN_RHK = { kind: "utama", text: "Layanan administrasi", indicator: { text: "Berkas selesai", target: 10, satuan: "berkas", indicatorId: "capaian_rhk" } } as const;

type Person = { id: string; nip: string; nama: string; jabatan: string; unit_id: string; atasan_nip: string | null };

export async function createAccessWorld(env: TestEnv): Promise<AccessWorld> {
  const { db } = env.database;
  const operator = await createOperator(env);
  const binjai = await seedRegion(env, "binjai", 16);
  const pariaman = await seedRegion(env, "pariaman", 8);
  const client = authClient(env);
  const { auth } = client;
  const adminOf = (regionId: string) => (regionId === "binjai" ? binjai.admin : pariaman.admin);

  const peopleOf = (regionId: string): Promise<Person[]> =>
    db.selectFrom("employees").select(["id", "nip", "nama", "jabatan", "unit_id", "atasan_nip"]).where("region_id", "=", regionId).orderBy("nip").execute();

  // The chain: U outside every unit where the assessor has a report; the others from whoever is left.
  const people = await peopleOf("binjai");
  const byNip = (nip: string | null) => people.find((e) => e.nip === nip);
  const t = byNip(binjai.assessor.username) as Person;
  const m = byNip(binjai.employee.username) as Person;
  const teamUnits = new Set(people.filter((e) => e.atasan_nip === t.nip).map((e) => e.unit_id));
  const u = people.find((e) => e.atasan_nip !== null && e.atasan_nip !== t.nip && !teamUnits.has(e.unit_id));
  const p = byNip(u?.atasan_nip ?? null);
  if (!u || !p) throw new Error("binjai's demo organisation has no colleague outside the assessor's units");
  const taken = new Set([t.id, m.id, u.id, p.id]);
  const [b, c, s, z] = people.filter((e) => !taken.has(e.id) && e.atasan_nip !== t.nip);
  if (!b || !c || !s || !z) throw new Error("binjai's demo organisation has too few people for the chain above and below the assessor");
  const admin = env.as(binjai.admin);
  for (const [who, atasanNip] of [
    [z, null],
    [s, z.nip],
    [t, s.nip],
    [p, z.nip],
    [u, p.nip],
    [b, m.nip],
    [c, b.nip],
  ] as const) {
    await admin.employee.update({ id: who.id, patch: { atasanNip } });
  }
  const x = (await peopleOf("pariaman")).find((e) => e.id === pariaman.report.id) as Person;

  const signIn = (login: { email: string } | { nip: string }) => client.signIn("email" in login ? login : { username: login.nip });

  /** A session of the account, written as better-auth writes one (signing in costs a password check each time). */
  async function sessionOf(userId: string): Promise<string> {
    const at = Date.now();
    const id = randomUUID();
    await db
      .insertInto("session")
      .values({
        id,
        token: randomUUID(),
        user_id: userId,
        created_at: new Date(at).toISOString(),
        updated_at: new Date(at).toISOString(),
        expires_at: new Date(at + 24 * 60 * 60 * 1000).toISOString(),
        ip_address: null,
        user_agent: null,
      })
      .execute();
    return id;
  }

  /** The person's sign-in: the seeded one where there is one, else one made now. */
  async function accountOf(regionId: string, person: Person): Promise<string> {
    const found = await db.selectFrom("user").select("id").where("employee_id", "=", person.id).executeTakeFirst();
    if (found) return found.id;
    return (await createAccount(db, { name: person.nama, nip: person.nip, password: PASSWORD, role: "employee", regionId })).id;
  }

  // Region by region: a draft rule set, a spare sign-in, then each person's plan (bottom-up, so no plan
  // waits to cascade from a superior's), work, evidence and dialogue.
  type Regional = Pick<Subject, "regionId" | "cycleId" | "ruleSetVersionId" | "draftId" | "spareAccountId">;
  const regional = new Map<string, Regional>();
  for (const [region, spare] of [
    [binjai, p],
    [pariaman, (await peopleOf("pariaman")).find((e) => e.id !== x.id && e.nip !== pariaman.assessor.username) as Person],
  ] as const) {
    const caller = env.as(region.admin);
    const current = await caller.ruleSet.get({ id: region.ruleSetVersionId });
    regional.set(region.regionId, {
      regionId: region.regionId,
      cycleId: region.cycleId,
      ruleSetVersionId: region.ruleSetVersionId,
      draftId: (await caller.ruleSet.saveDraft({ content: current.content })).version.id,
      spareAccountId: await accountOf(region.regionId, spare),
    });
  }

  type Work = Omit<Subject, "name" | "jobId" | "sheetId" | "appealId" | "sessionId"> & { accountId: string };
  async function workOf(regionId: string, person: Person): Promise<Work> {
    const region = regional.get(regionId) as Regional;
    const caller = env.as(adminOf(regionId));
    const plan = await caller.plan.create({ cycleId: region.cycleId, employeeId: person.id });
    const saved = await caller.plan.save({
      id: plan.id,
      rhk: [{ kind: PLAN_RHK.kind, text: PLAN_RHK.text, indicators: [{ ...PLAN_RHK.indicator }] }],
    });
    await caller.plan.submit({ id: plan.id });
    await caller.plan.approve({ id: plan.id });
    const rhk = saved.rhk[0] as (typeof saved.rhk)[number];
    const iki = rhk.indicators[0] as (typeof rhk.indicators)[number];
    const entry = (day: string) => caller.workEntry.create({ ikiId: iki.id, workDate: `2025-02-${day}`, description: "Berkas diselesaikan", quantity: 2 });
    const [work, thread] = [await entry("03"), await entry("04")];
    const evidence = await storeEvidence(await scopeIn(db, adminOf(regionId), regionId), { workEntryId: work.id, filename: "bukti.pdf", content: PDF });
    const dialogue = await caller.dialogue.record({ cycleId: region.cycleId, employeeId: person.id, heldOn: "2025-03-01", topic: "Pembinaan", agreedActions: [] });
    const forumSessionId = newId();
    await db
      .insertInto("forum_sessions")
      .values({ region_id: regionId, id: forumSessionId, cycle_id: region.cycleId, unit_id: person.unit_id, held_on: "2026-01-10", members: toJson([]), notes: null, actor_id: null, actor_name: "uji matriks", created_at: now() })
      .execute();
    return {
      ...region,
      employee: { id: person.id, nip: person.nip, jabatan: person.jabatan, unitId: person.unit_id },
      accountId: await accountOf(regionId, person),
      planId: plan.id,
      rhk: {
        id: rhk.id,
        kind: PLAN_RHK.kind,
        text: PLAN_RHK.text,
        indicators: [{ id: iki.id, ...PLAN_RHK.indicator }],
      },
      rhkId: rhk.id,
      ikiId: iki.id,
      entryId: work.id,
      threadEntryId: thread.id,
      evidenceId: evidence.id,
      dialogueId: dialogue.id,
      forumSessionId,
    };
  }

  const cast: Array<[SubjectName, string, Person]> = [
    ["greatGrandReport", "binjai", c],
    ["grandReport", "binjai", b],
    ["report", "binjai", m],
    ["assessor", "binjai", t],
    ["unrelated", "binjai", u],
    ["otherRegion", "pariaman", x],
  ];
  const work = new Map<SubjectName, Work>();
  for (const [name, regionId, person] of cast) work.set(name, await workOf(regionId, person));

  async function stage(to: Stage): Promise<void> {
    await db
      .updateTable("cycles")
      .set({ status: to, finalised_at: to === "finalised" ? new Date().toISOString() : null })
      .where("id", "in", [binjai.cycleId, pariaman.cycleId])
      .execute();
  }

  // Results, then an appeal from each person against the final result (as a session user of theirs).
  const jobs = new Map<string, string>();
  for (const region of [binjai, pariaman]) jobs.set(region.regionId, (await env.as(region.admin).cycle.run({ id: region.cycleId })).jobId);
  await env.jobs.idle();
  await stage("finalised");
  const subjects = {} as Record<SubjectName, Subject>;
  for (const [name, regionId, person] of cast) {
    const { accountId, ...own } = work.get(name) as Work;
    const appeal = await env.as(personUser(regionId, person, "employee")).appeal.submit({ cycleId: own.cycleId, reason: "Keberatan atas predikat untuk uji matriks akses" });
    const sheet = await db
      .selectFrom("assessments")
      .select("id")
      .where("region_id", "=", regionId)
      .where("employee_id", "=", person.id)
      .where("source", "=", "supervisor")
      .executeTakeFirstOrThrow();
    subjects[name] = { ...own, name, jobId: jobs.get(regionId) as string, sheetId: sheet.id, appealId: appeal.id, sessionId: await sessionOf(accountId) };
  }
  await stage("open");

  return {
    env,
    auth,
    callers: { operator, admin: binjai.admin, assessor: binjai.assessor, employee: binjai.employee },
    subjects,
    stage,
    storeEvidence: async (subject) =>
      (
        await storeEvidence(await scopeIn(db, adminOf(subject.regionId), subject.regionId), {
          workEntryId: subject.entryId,
          filename: "bukti-tambahan.pdf",
          content: PDF,
        })
      ).id,
    signIn,
    state: await stateQuery(db, env.dialect),
  };
}
