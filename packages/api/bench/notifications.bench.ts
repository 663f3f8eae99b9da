// Reminders for a whole large region, on SQLite and on PostgreSQL: 50,000 employees, each with an account
// and an e-mail address, in an open cycle under Kota Medan's rules (self-assessment is one of its sources),
// whose self-assessment deadline is tomorrow. One reminder round (sendReminders, as the server's schedule
// runs it) tells every one of them in the portal and queues their mail. The baseline writes the same
// notification and outbox rows, texts filled alike, with plain batched inserts, without the round's reads
// of deadlines, expected sheets, templates and preferences. Prints:
//   notifications.queue_50k_seconds.<dialect>          the reminder round
//   notifications.bare_50k_seconds.<dialect>           the bare inserts
//   notifications.queue_50k_vs_bare_inserts.<dialect>  their ratio; without a dialect, the larger of the two
// KINERJA_BENCH_NOTIFICATIONS sets another number of employees (the names stay "50k").
import { join } from "node:path";
import { newId, now, type DialectName } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { sql } from "kysely";
import { systemScope } from "../src/services/access/index.js";
import { setDeadline } from "../src/services/assessment/index.js";
import { createCycle, openCycle } from "../src/services/cycles/index.js";
import { todayInIndonesia } from "../src/services/lib/index.js";
import { sendReminders } from "../src/services/notifications/index.js";
import { loadRuleFile, publishRuleSet, rulesDirectory, saveDraft } from "../src/services/rules/index.js";
import { BENCH_REGION, compareWithBare, inChunks, seedLargeRegion } from "./large-region.js";

const SIZE = Number(process.env.KINERJA_BENCH_NOTIFICATIONS ?? 50_000);
const ROWS = 1_000;
const ACTOR = { id: null, name: "Uji beban", role: "operator" as const };

function tomorrow(): string {
  return new Date(Date.parse(`${todayInIndonesia()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function mailOf(i: number): string {
  return `pegawai${i}@uji-beban.go.id`;
}

/** The region, an account with a mailbox for every employee, and an open cycle whose self-assessments are due tomorrow. */
async function seed(database: TestDatabase, dialect: DialectName): Promise<void> {
  await seedLargeRegion(database, dialect, SIZE);
  const { db } = database;
  const at = now();
  const employees = await db.selectFrom("employees").select(["id", "nip", "nama"]).where("region_id", "=", BENCH_REGION).orderBy("nip").execute();
  await inChunks(
    employees.map((e, i) => ({ e, i })),
    ROWS,
    (chunk) =>
      db
        .insertInto("user")
        .values(chunk.map(({ e, i }) => ({ id: newId(), name: e.nama, email: mailOf(i), email_verified: sql<boolean>`TRUE`, image: null, created_at: at, updated_at: at, username: e.nip, role: "employee" as const, region_id: BENCH_REGION, employee_id: e.id })))
        .execute(),
  );
  const scope = systemScope(db, BENCH_REGION, ACTOR);
  const { content } = loadRuleFile(join(rulesDirectory(), "medan.json"));
  const { version } = await saveDraft(scope, { content });
  await publishRuleSet(scope, version);
  const cycle = await createCycle(scope, { name: "Penilaian Kinerja Uji Beban", periodKind: "annual", periodLabel: "2026" });
  await openCycle(scope, cycle.id);
  await setDeadline(scope, { cycleId: cycle.id, source: "self", dueDate: tomorrow() });
  if (dialect === "postgres") await sql`analyze`.execute(db);
}

async function count(database: TestDatabase, table: "notifications" | "mail_outbox"): Promise<number> {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function timeRound(dialect: DialectName): Promise<number> {
  const database = await createTestDatabase(dialect);
  try {
    await seed(database, dialect);
    const started = performance.now();
    const told = await sendReminders(database.db, new Date());
    const seconds = (performance.now() - started) / 1000;
    const mails = await count(database, "mail_outbox");
    if (told !== SIZE || mails !== SIZE) throw new Error(`the round told ${told} and queued ${mails} mails of ${SIZE}`);
    return seconds;
  } finally {
    await database.dispose();
  }
}

async function timeBare(dialect: DialectName): Promise<number> {
  const database = await createTestDatabase(dialect);
  try {
    await seed(database, dialect);
    const { db } = database;
    const users = await db.selectFrom("user").select(["id", "name", "email"]).where("region_id", "=", BENCH_REGION).execute();
    const due = tomorrow();
    const at = now();
    const started = performance.now();
    await inChunks(users, ROWS, (chunk) =>
      db.transaction().execute(async (trx) => {
        const rows = chunk.map((u) => ({ u, notificationId: newId(), mailId: newId(), title: `Pengingat: 1 penilaian jatuh tempo ${due}`, body: `Yth. ${u.name}, 1 penilaian menunggu Anda sampai ${due}.` }));
        await trx
          .insertInto("mail_outbox")
          .values(rows.map(({ u, mailId, title, body }) => ({ id: mailId, region_id: BENCH_REGION, user_id: u.id, kind: "sheet_due", to_address: u.email, subject: title, body: `${body}\n/assessments`, status: "queued" as const, next_attempt_at: at, owner: null, lease_expires_at: null, last_error: null, created_at: at, sent_at: null })))
          .execute();
        await trx
          .insertInto("notifications")
          .values(rows.map(({ u, notificationId, mailId, title, body }) => ({ region_id: BENCH_REGION, id: notificationId, user_id: u.id, kind: "sheet_due", title, body, link: "/assessments", dedupe_key: `sheet_due:${due}`, mail_id: mailId, created_at: at, read_at: null })))
          .execute();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if ((await count(database, "notifications")) !== SIZE) throw new Error("the bare inserts did not write every notification");
    return seconds;
  } finally {
    await database.dispose();
  }
}

await compareWithBare(
  { measured: "notifications.queue_50k_seconds", bare: "notifications.bare_50k_seconds", ratio: "notifications.queue_50k_vs_bare_inserts" },
  async (dialect) => ({ seconds: await timeRound(dialect), result: null }),
  (dialect) => timeBare(dialect),
);
