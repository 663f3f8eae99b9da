// Accounts made in bulk from the employee register, on each dialect: the job makes exactly the accounts
// missing (assessors where the register places others under the employee), reports its progress batch by
// batch, makes nothing more when run again, and a batch that fails mid-way leaves none of its rows. The
// activation codes: they are in the hand-outs (CSV and PDF) only until discarded; an account cannot sign in
// until activated through better-auth; a code works once, not after it expired, not after a new one was
// made, and guesses are limited. Only the region's admin (or an operator naming it) may do any of it.
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "../auth.js";
import { CLIENT_ADDRESS_HEADER } from "../auth-credentials.js";
import { createAuth, type Auth } from "../auth.js";
import { cookieOf, TEST_ORIGIN, TEST_SECRET } from "../testing/auth-client.js";
import { createOperator, createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";
import { pdfPageCount, pdfText } from "../testing/pdf-text.js";
import { scopeIn } from "../services/access/index.js";
import { appRouter } from "../root.js";
import { createCallerFactory, createContext } from "../trpc.js";
import { activationCodesCsv, activationLettersPdf, ACTIVATION_MISMATCH_MESSAGE } from "../services/organisation/index.js";
import { MailSender, notify } from "../services/notifications/index.js";
import { startSmtp } from "../testing/smtp.js";

const BATCH = 4;
const NEW_PASSWORD = "Kebun-Mangga-Binjai-7";

/** The rows of a CSV hand-out: NIP, nama, unit, kode aktivasi, berlaku sampai. */
function csvRows(body: Buffer): string[][] {
  return parse(body.toString("utf8").replace(/^\uFEFF/, ""), { relax_column_count: false }) as string[][];
}

async function messageOf(response: Response): Promise<string> {
  return ((await response.json()) as { message: string }).message;
}

describe.each(inject("dialects"))("bulk accounts on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  let binjai: SeededRegion;
  let pariaman: SeededRegion;
  let auth: Auth;
  const progress: Array<{ done: number; total: number }> = [];
  let clock = Date.now();
  const now = () => new Date(clock);

  beforeAll(async () => {
    env = await createTestEnv(dialect, {
      batchSize: BATCH,
      afterBatch: async () => {
        const status = await env.as(binjai.admin).account.bulkStatus({});
        if (status) progress.push({ done: status.done, total: status.total });
      },
    });
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 40);
    pariaman = await seedRegion(env, "pariaman", 8);
    auth = createAuth({ db: env.database.db, dialect, secret: TEST_SECRET, baseURL: TEST_ORIGIN, now });
  });
  afterAll(() => env?.dispose());

  const db = () => env.database.db;

  function activate(body: { nip: string; code: string; password: string }, address = "10.9.0.1") {
    return auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth/activate-account`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_ORIGIN, [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify(body),
      }),
    );
  }

  function signIn(nip: string, password: string) {
    return auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth/sign-in/username`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_ORIGIN, [CLIENT_ADDRESS_HEADER]: "10.9.9.9" },
        body: JSON.stringify({ username: nip, password }),
      }),
    );
  }

  async function unitWithSubunits(): Promise<{ unitId: string; employees: Array<{ id: string; nip: string; atasan_nip: string | null }> }> {
    const units = await db().selectFrom("units").select(["id", "parent_id"]).where("region_id", "=", "binjai").execute();
    const all = await db().selectFrom("employees").select(["id", "nip", "atasan_nip", "unit_id"]).where("region_id", "=", "binjai").execute();
    // A unit below the top one, with units below it: the one holding most employees.
    const subtree = (id: string): Set<string> => {
      const ids = new Set([id]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const u of units) {
          if (u.parent_id && ids.has(u.parent_id) && !ids.has(u.id)) {
            ids.add(u.id);
            grew = true;
          }
        }
      }
      return ids;
    };
    const candidates = units
      .filter((u) => u.parent_id !== null && units.some((c) => c.parent_id === u.id))
      .map((u) => ({ unitId: u.id, employees: all.filter((e) => subtree(u.id).has(e.unit_id)) }))
      .sort((a, b) => b.employees.length - a.employees.length);
    return candidates[0]!;
  }

  async function accountsOf(employeeIds: string[]) {
    return db().selectFrom("user").select(["id", "employee_id", "role", "username"]).where("employee_id", "in", employeeIds).execute();
  }

  let unit: Awaited<ReturnType<typeof unitWithSubunits>>;
  let jobId: string;

  it("makes an account for exactly the unit's employees who had none, as assessors where others report to them, batch by batch", async () => {
    unit = await unitWithSubunits();
    const regionAccounts = async () => Number((await db().selectFrom("user").select((eb) => eb.fn.countAll().as("n")).where("region_id", "=", "binjai").executeTakeFirstOrThrow()).n);
    const countBefore = await regionAccounts();
    const before = await accountsOf(unit.employees.map((e) => e.id));
    const missing = unit.employees.filter((e) => !before.some((a) => a.employee_id === e.id));
    expect(missing.length).toBeGreaterThan(BATCH);
    const preview = await env.as(binjai.admin).account.bulkPreview({ unitId: unit.unitId });
    const allNips = new Set((await db().selectFrom("employees").select("atasan_nip").where("region_id", "=", "binjai").execute()).map((e) => e.atasan_nip));
    expect(preview).toEqual({
      unitId: unit.unitId,
      employees: unit.employees.length,
      withoutAccount: missing.length,
      assessors: missing.filter((e) => allNips.has(e.nip)).length,
    });

    const started = await env.as(binjai.admin).account.bulkStart({ unitId: unit.unitId, validDays: 10 });
    expect(started).toMatchObject({ total: missing.length, done: 0, created: 0 });
    jobId = started.jobId;
    await env.jobs.idle();

    const status = await env.as(binjai.admin).account.bulkStatus({ jobId });
    expect(status).toMatchObject({ status: "succeeded", done: missing.length, total: missing.length, created: missing.length, skipped: 0, handoutsAvailable: true });
    // Progress was readable between batches, rising by one batch at a time.
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: Math.ceil(missing.length / BATCH) }, (_, i) => Math.min((i + 1) * BATCH, missing.length)));

    const after = await accountsOf(unit.employees.map((e) => e.id));
    const made = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(made.map((a) => a.employee_id).sort()).toEqual(missing.map((e) => e.id).sort());
    for (const account of made) {
      const employee = missing.find((e) => e.id === account.employee_id)!;
      expect(account).toMatchObject({ username: employee.nip, role: allNips.has(employee.nip) ? "assessor" : "employee" });
    }
    // Nobody outside the unit got one.
    expect(await regionAccounts()).toBe(countBefore + missing.length);
  });

  it("makes nothing more when run again", async () => {
    const count = async () => Number((await db().selectFrom("user").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect((await env.as(binjai.admin).account.bulkPreview({ unitId: unit.unitId })).withoutAccount).toBe(0);
    const again = await env.as(binjai.admin).account.bulkStart({ unitId: unit.unitId });
    await env.jobs.idle();
    expect(await env.as(binjai.admin).account.bulkStatus({ jobId: again.jobId })).toMatchObject({ status: "succeeded", total: 0, created: 0, handoutsAvailable: false });
    expect(await count()).toBe(before);
  });

  it("hands out every code once made in a CSV and in letters, one page each, until the admin discards them", async () => {
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    const csv = csvRows((await activationCodesCsv(scope, { jobId })).body);
    expect(csv[0]).toEqual(["NIP", "Nama", "Unit", "Kode aktivasi", "Berlaku sampai"]);
    const made = (await env.as(binjai.admin).account.bulkStatus({ jobId }))!.created;
    expect(csv.length - 1).toBe(made);
    for (const row of csv.slice(1)) expect(row[3]).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    // Only the hash is stored.
    const stored = await db().selectFrom("account_activations").select("code_hash").where("job_id", "=", jobId).execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(csv[1]![3]);

    const pdf = await activationLettersPdf(scope, { jobId, portal: "https://kinerja.binjaikota.go.id", compress: false });
    expect(pdfPageCount(pdf.body)).toBe(made);
    const text = pdfText(pdf.body);
    expect(text).toContain(csv[1]![3]);
    expect(text).toContain("https://kinerja.binjaikota.go.id/");
    expect(text).toContain("Aktivasi akun");
  });

  it("keeps an account from signing in until it is activated; the code then signs its holder in once, and never again", async () => {
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    const [, first] = csvRows((await activationCodesCsv(scope, { jobId })).body);
    const [nip, , , code] = first as string[];
    expect((await signIn(nip!, NEW_PASSWORD)).status).toBe(401);

    const weak = await activate({ nip: nip!, code: code!, password: "12345678" });
    expect(weak.status).toBe(400);
    expect((await messageOf(weak))).toMatch(/Kata sandi/);

    const activated = await activate({ nip: nip!, code: code!.toLowerCase().replace(/-/g, " "), password: NEW_PASSWORD });
    expect(activated.status, await activated.clone().text()).toBe(200);
    const caller = createCallerFactory(appRouter)(await createContext({ db: db(), auth, headers: new Headers({ cookie: cookieOf(activated) }) }));
    const me = await db().selectFrom("user").select(["id", "employee_id"]).where("username", "=", nip!).executeTakeFirstOrThrow();
    expect((await caller.account.sessions()).length).toBe(1);
    const row = await db().selectFrom("account_activations").select(["activated_at"]).where("user_id", "=", me.id).executeTakeFirstOrThrow();
    expect(row.activated_at).not.toBeNull();
    expect((await signIn(nip!, NEW_PASSWORD)).status).toBe(200);

    const reused = await activate({ nip: nip!, code: code!, password: "Kebun-Durian-Binjai-8" });
    expect(reused.status).toBe(409);
    expect((await messageOf(reused))).toMatch(/sudah dipakai/);
    // The code left the hand-outs with its use.
    const csvAfter = csvRows((await activationCodesCsv(scope, { jobId })).body);
    expect(csvAfter.map((r) => r[0])).not.toContain(nip);
  });

  it("tells a wrong code and a NIP without an account alike, and refuses an expired code", async () => {
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    const [, , second] = csvRows((await activationCodesCsv(scope, { jobId })).body);
    const [nip, , , code] = second as string[];
    const wrong = await activate({ nip: nip!, code: "AAAA-BBBB-CCCC", password: NEW_PASSWORD }, "10.9.0.2");
    const unknown = await activate({ nip: "199001012015011999", code: code!, password: NEW_PASSWORD }, "10.9.0.2");
    expect([wrong.status, unknown.status]).toEqual([400, 400]);
    expect((await messageOf(wrong))).toBe(ACTIVATION_MISMATCH_MESSAGE);
    expect((await messageOf(unknown))).toBe(ACTIVATION_MISMATCH_MESSAGE);

    clock += 11 * 24 * 60 * 60 * 1000;
    try {
      const expired = await activate({ nip: nip!, code: code!, password: NEW_PASSWORD }, "10.9.0.2");
      expect(expired.status).toBe(412);
      expect((await messageOf(expired))).toMatch(/kedaluwarsa/);
    } finally {
      clock -= 11 * 24 * 60 * 60 * 1000;
    }
  });

  it("limits guesses per NIP as sign-in does: after 5 wrong codes even the right one waits", async () => {
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    const [, , , third] = csvRows((await activationCodesCsv(scope, { jobId })).body);
    const [nip, , , code] = third as string[];
    for (let i = 0; i < 5; i++) expect((await activate({ nip: nip!, code: `ZZZZ-ZZZZ-ZZZ${i + 2}`, password: NEW_PASSWORD }, "10.9.0.3")).status).toBe(400);
    const held = await activate({ nip: nip!, code: code!, password: NEW_PASSWORD }, "10.9.0.3");
    expect(held.status).toBe(429);
    expect((await messageOf(held))).toMatch(/Terlalu banyak percobaan aktivasi/);
    clock += 16 * 60 * 1000;
    expect((await activate({ nip: nip!, code: code!, password: NEW_PASSWORD }, "10.9.0.3")).status).toBe(200);
  });

  it("lets the admin make a new code for one person, which ends the old one", async () => {
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    const [, , , , fourth] = csvRows((await activationCodesCsv(scope, { jobId })).body);
    const [nip, , , oldCode] = fourth as string[];
    const account = await db().selectFrom("user").select("id").where("username", "=", nip!).executeTakeFirstOrThrow();
    const fresh = await env.as(binjai.admin).account.regenerateActivationCode({ id: account.id });
    expect(fresh.code).not.toBe(oldCode);
    expect((await activate({ nip: nip!, code: oldCode!, password: NEW_PASSWORD }, "10.9.0.4")).status).toBe(400);
    expect((await activate({ nip: nip!, code: fresh.code, password: NEW_PASSWORD }, "10.9.0.4")).status).toBe(200);
    await expect(env.as(binjai.admin).account.regenerateActivationCode({ id: account.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("forgets the codes in clear when the admin discards them", async () => {
    const status = await env.as(binjai.admin).account.discardHandouts({ jobId });
    expect(status.handoutsAvailable).toBe(false);
    expect(Number((await db().selectFrom("activation_handouts").select((eb) => eb.fn.countAll().as("n")).where("job_id", "=", jobId).executeTakeFirstOrThrow()).n)).toBe(0);
    const scope = await scopeIn(db(), binjai.admin, "binjai");
    await expect(activationCodesCsv(scope, { jobId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("leaves no half batch when a batch fails mid-way, and a new job makes only the rest", async () => {
    const missing = await db()
      .selectFrom("employees as e")
      .leftJoin("user as u", "u.employee_id", "e.id")
      .select("e.id")
      .where("e.region_id", "=", "binjai")
      .where("u.id", "is", null)
      .orderBy("e.id")
      .execute();
    expect(missing.length).toBeGreaterThan(2 * BATCH);
    // The database refuses the activation row of one employee of the second batch: after that batch's
    // users and credential accounts were written in its transaction.
    const victim = missing[BATCH + 1]!.id;
    if (dialect === "sqlite") {
      await sql.raw(`create trigger refuse_one before insert on account_activations when new.employee_id = '${victim}' begin select raise(abort, 'ditolak uji'); end`).execute(db());
    } else {
      await sql.raw(`create function refuse_one() returns trigger as $$ begin if new.employee_id = '${victim}' then raise exception 'ditolak uji'; end if; return new; end $$ language plpgsql`).execute(db());
      await sql.raw("create trigger refuse_one before insert on account_activations for each row execute function refuse_one()").execute(db());
    }
    const failed = await env.as(binjai.admin).account.bulkStart({});
    await env.jobs.idle();
    const status = await env.as(binjai.admin).account.bulkStatus({ jobId: failed.jobId });
    expect(status).toMatchObject({ status: "failed", created: BATCH, done: BATCH });
    expect(status?.error).toMatch(/ditolak uji/);
    // Every account the job made is whole: a user, its credential account and its activation.
    const made = await db().selectFrom("account_activations").select("user_id").where("job_id", "=", failed.jobId).execute();
    expect(made.length).toBe(BATCH);
    const users = await db().selectFrom("user").select("id").where("employee_id", "in", missing.map((m) => m.id)).execute();
    expect(users.map((u) => u.id).sort()).toEqual(made.map((m) => m.user_id).sort());

    if (dialect === "sqlite") await sql.raw("drop trigger refuse_one").execute(db());
    else await sql.raw("drop trigger refuse_one on account_activations; drop function refuse_one()").execute(db());
    const rest = await env.as(binjai.admin).account.bulkStart({});
    expect(rest.total).toBe(missing.length - BATCH);
    await env.jobs.idle();
    expect(await env.as(binjai.admin).account.bulkStatus({ jobId: rest.jobId })).toMatchObject({ status: "succeeded", created: missing.length - BATCH });
    expect((await env.as(binjai.admin).account.bulkPreview({})).withoutAccount).toBe(0);
  });

  it("is the region's admin's alone: other roles are refused, another region's unit and job are not found", async () => {
    await expect(env.as(binjai.assessor).account.bulkStart({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(binjai.employee).account.bulkPreview({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(pariaman.admin).account.bulkStart({ regionId: "binjai" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(pariaman.admin).account.bulkStatus({ jobId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const pariamanUnits = new Set((await db().selectFrom("units").select("id").where("region_id", "=", "pariaman").execute()).map((u) => u.id));
    const binjaiOnly = (await db().selectFrom("units").select("id").where("region_id", "=", "binjai").execute()).find((u) => !pariamanUnits.has(u.id))!;
    await expect(env.as(pariaman.admin).account.bulkStart({ unitId: binjaiOnly.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const binjaiAccount = await db().selectFrom("user").select("id").where("region_id", "=", "binjai").where("role", "=", "employee").executeTakeFirstOrThrow();
    await expect(env.as(pariaman.admin).account.regenerateActivationCode({ id: binjaiAccount.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const pariamanScope = await scopeIn(db(), pariaman.admin, "pariaman");
    await expect(activationCodesCsv(pariamanScope, { jobId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A national operator acts in a region by naming it.
    expect(await env.as(operator).account.bulkPreview({ regionId: "pariaman" })).toMatchObject({ withoutAccount: 6 });
  });
  it("invites by mail whoever's register holds an address: the code in the mail activates the account, and mail reaches them there from then on", async () => {
    const smtp = await startSmtp();
    const sender = new MailSender({ db: db(), transport: smtp.transport(), from: "Kinerja Pariaman <kinerja@pariaman.uji>", origin: "http://portal.uji" });
    try {
      const without = await db()
        .selectFrom("employees")
        .leftJoin("user", "user.employee_id", "employees.id")
        .select(["employees.id", "employees.nip", "employees.nama", "employees.attributes"])
        .where("employees.region_id", "=", "pariaman")
        .where("user.id", "is", null)
        .orderBy("employees.nip")
        .execute();
      expect(without.length).toBeGreaterThan(2);
      const invited = without.slice(0, 2).map((e, i) => ({ ...e, email: `pegawai${i}@pariaman.uji` }));
      for (const e of invited) {
        const attributes = { ...(JSON.parse(e.attributes || "{}") as Record<string, unknown>), email: e.email.toUpperCase() };
        await db().updateTable("employees").set({ attributes: JSON.stringify(attributes) }).where("region_id", "=", "pariaman").where("id", "=", e.id).execute();
      }
      await env.as(pariaman.admin).account.bulkStart({});
      await env.jobs.idle();
      expect(await env.as(pariaman.admin).account.bulkStatus({})).toMatchObject({ status: "succeeded", invited: 2 });
      await sender.drain();
      const mails = await smtp.waitFor(2);
      // Only those with an address on file, each once.
      expect(mails.map((m) => m.to[0]).sort()).toEqual(invited.map((e) => e.email).sort());
      const mail = mails.find((m) => m.to[0] === invited[0]!.email)!;
      expect(mail.subject).toBe("Akun Kinerja Anda siap diaktifkan");
      expect(mail.text).toContain(`Yth. ${invited[0]!.nama}`);
      expect(mail.text).toContain("http://portal.uji/aktivasi");
      expect(mail.text).toContain(`NIP: ${invited[0]!.nip}`);
      const code = /Kode aktivasi: ([A-Z0-9-]+)/.exec(mail.text)?.[1];
      expect(code).toBeDefined();

      const activated = await activate({ nip: invited[0]!.nip, code: code!, password: NEW_PASSWORD }, "10.9.3.1");
      expect(activated.status, await activated.clone().text()).toBe(200);
      const account = await db().selectFrom("user").select(["id", "email"]).where("username", "=", invited[0]!.nip).executeTakeFirstOrThrow();
      expect(account.email).toBe(invited[0]!.email);
      // The second has not activated: their account keeps the placeholder, and is marked invited.
      const other = await db()
        .selectFrom("user")
        .innerJoin("account_activations as a", "a.user_id", "user.id")
        .select(["user.email", "a.invited_at"])
        .where("user.username", "=", invited[1]!.nip)
        .executeTakeFirstOrThrow();
      expect(other.email).toMatch(/\.invalid$/);
      expect(other.invited_at).not.toBeNull();

      smtp.received.length = 0;
      await db().transaction().execute((trx) => notify(trx, { regionId: "pariaman", kind: "results_published", userIds: [account.id], values: { siklus: "Uji" }, link: "/me" }));
      await sender.drain();
      expect((await smtp.waitFor(1))[0]!.to).toEqual([invited[0]!.email]);
    } finally {
      await sender.stop();
      await smtp.close();
    }
  });
});
