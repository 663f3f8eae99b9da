// Notifications end to end on each dialect: events tell people in the portal and by mail sent to a real SMTP
// server on loopback (read back with mailparser), a rolled-back event tells nobody, a refused mail is tried
// again and finally shown to the admin, two senders never send one mail twice, preferences and the daily
// digest, templates, reminders on the region's schedule, and a forgotten password reset by a mailed link.
import type { SessionUser } from "../auth.js";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createAccount } from "../services/organisation/index.js";
import { digestCut, enqueueMail, MailSender, notify, sendDigests, sendReminders } from "../services/notifications/index.js";
import { todayInIndonesia } from "../services/lib/index.js";
import { authClient, cookieOf, TEST_ORIGIN } from "../testing/auth-client.js";
import { createTestEnv, PASSWORD, type TestEnv } from "../testing/env.js";
import { startSmtp, type TestSmtp } from "../testing/smtp.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

const BINJAI = REGION_CASES.filter((c) => c.regionId === "binjai");
const PORTAL = "http://portal.uji";

describe.each(inject("dialects"))("notifications on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;
  let smtp: TestSmtp;
  let sender: MailSender;
  let assessor: SessionUser;
  let employee: SessionUser;

  /** The account of an employee, made (or given an address) so mail can reach it. */
  async function accountFor(person: { id: string; nip: string; nama: string }, role: "assessor" | "employee", email: string): Promise<SessionUser> {
    const { db } = env.database;
    const existing = await db.selectFrom("user").selectAll().where("username", "=", person.nip).executeTakeFirst();
    if (!existing) return createAccount(db, { name: person.nama, nip: person.nip, email, password: PASSWORD, role, regionId: w.regionId });
    await db.updateTable("user").set({ email }).where("id", "=", existing.id).execute();
    return { id: existing.id, name: existing.name, email, username: existing.username, role: existing.role, regionId: w.regionId, employeeId: person.id };
  }

  const outbox = () => env.database.db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env, BINJAI)).get("binjai") as RegionWorld;
    assessor = await accountFor(w.superior, "assessor", "penilai@binjai.uji");
    employee = await accountFor(w.report, "employee", "pegawai@binjai.uji");
    smtp = await startSmtp();
    sender = new MailSender({ db: env.database.db, transport: smtp.transport(), from: "Kinerja Binjai <kinerja@binjai.uji>", origin: PORTAL, backoffMs: 50, maxAttempts: 3 });
  });
  afterAll(async () => {
    await sender?.stop();
    await smtp?.close();
    await env?.dispose();
  });
  // Each test starts with the outbox delivered and nothing received.
  beforeEach(async () => {
    await sender.drain();
    smtp.received.length = 0;
  });

  it("tells the assessor of a submitted SKP in the portal and by mail, and the employee when it is returned", async () => {
    const report = env.as(employee);
    const plan = await report.plan.create({ cycleId: w.cycleId });
    await report.plan.save({
      id: plan.id,
      rhk: [{ kind: "utama", text: "Terlaksananya layanan", indicators: [{ text: "Layanan selesai", target: 10, satuan: "layanan", indicatorId: BINJAI[0]!.indicatorId, aspect: null }] }],
    });
    // Nothing is sent while the SKP is a draft.
    expect(await env.as(assessor).notification.unreadCount()).toBe(0);
    await report.plan.submit({ id: plan.id });

    const bell = await env.as(assessor).notification.inbox({});
    expect(bell.unread).toBe(1);
    expect(bell.items[0]).toMatchObject({ kind: "plan_submitted", link: "/team", read: false });
    expect(bell.items[0]!.title).toContain(w.report.nama);

    expect(await sender.drain()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["penilai@binjai.uji"]);
    expect(mail!.subject).toBe(`SKP ${w.report.nama} menunggu persetujuan Anda`);
    expect(mail!.text).toContain(`Yth. ${assessor.name}`);
    expect(mail!.text).toContain(`${PORTAL}/team`);

    expect(await env.as(assessor).notification.markRead({ ids: [bell.items[0]!.id] })).toBe(0);

    smtp.received.length = 0;
    await env.as(assessor).plan.requestRevision({ id: plan.id, note: "Target layanan perlu dirinci per bulan" });
    const mine = await env.as(employee).notification.inbox({});
    expect(mine.items[0]).toMatchObject({ kind: "plan_returned", link: "/plan" });
    await sender.drain();
    const [returned] = await smtp.waitFor(1);
    expect(returned!.to).toEqual(["pegawai@binjai.uji"]);
    expect(returned!.text).toContain("Target layanan perlu dirinci per bulan");
  });

  it("tells nobody of an event whose transaction rolled back", async () => {
    const before = (await outbox()).length;
    const notices = await env.database.db.selectFrom("notifications").select("id").execute();
    await expect(
      env.database.db.transaction().execute(async (trx) => {
        await notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.report.id], values: { siklus: "Uji" }, link: "/me" });
        throw new Error("peristiwa dibatalkan");
      }),
    ).rejects.toThrow("peristiwa dibatalkan");
    expect((await outbox()).length).toBe(before);
    expect((await env.database.db.selectFrom("notifications").select("id").execute()).length).toBe(notices.length);
    expect(await sender.drain()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("tells someone without an account nothing, and someone without an address in the portal only", async () => {
    const told = await env.database.db.transaction().execute((trx) =>
      notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.outsider.id], values: { siklus: "Uji" }, link: "/me" }),
    );
    expect(told).toBe(0);
    const portalOnly = await createAccount(env.database.db, { name: w.colleague.nama, nip: w.colleague.nip, password: PASSWORD, role: "employee", regionId: w.regionId });
    const before = (await outbox()).length;
    await env.database.db.transaction().execute((trx) =>
      notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.colleague.id], values: { siklus: "Uji" }, link: "/me" }),
    );
    expect((await outbox()).length).toBe(before);
    expect((await env.as(portalOnly).notification.inbox({})).items[0]).toMatchObject({ kind: "results_published", link: "/me" });
  });

  it("tells 33,000 people of one event (more than SQLite takes in one statement), each in the portal and by their own mail, digest or neither as they chose, and once only under a key", async () => {
    const { db } = env.database;
    const at = new Date().toISOString();
    const people = Array.from({ length: 33_000 }, (_, i) => ({ id: `massal-${String(i).padStart(5, "0")}`, name: `Penerima ${i}`, email: `penerima${i}@binjai.uji` }));
    for (let i = 0; i < people.length; i += 1000) {
      await db
        .insertInto("user")
        .values(people.slice(i, i + 1000).map((p) => ({ ...p, email_verified: sql<boolean>`TRUE`, image: null, created_at: at, updated_at: at, username: null, role: "employee" as const, region_id: w.regionId, employee_id: null })))
        .execute();
    }
    // Every third person reads a digest, every fifth the portal only.
    const choice = (i: number) => (i % 5 === 0 ? "portal" : i % 3 === 0 ? "digest" : "mail");
    const preferences = people.flatMap((p, i) => (choice(i) === "mail" ? [] : [{ user_id: p.id, email: choice(i) === "portal" ? 0 : 1, digest: choice(i) === "digest" ? 1 : 0, updated_at: at }]));
    for (let i = 0; i < preferences.length; i += 1000) await db.insertInto("notification_preferences").values(preferences.slice(i, i + 1000)).execute();
    const notice = { regionId: w.regionId, kind: "results_published" as const, userIds: people.map((p) => p.id), values: { siklus: "Uji Massal" }, link: "/me", dedupeKey: "massal" };
    expect(await db.transaction().execute((trx) => notify(trx, notice))).toBe(people.length);
    expect(await db.transaction().execute((trx) => notify(trx, notice))).toBe(0);

    const rows = await db
      .selectFrom("notifications")
      .leftJoin("mail_outbox", "mail_outbox.id", "notifications.mail_id")
      .select(["notifications.user_id", "notifications.digest_pending", "notifications.body", "mail_outbox.to_address", "mail_outbox.body as mailBody"])
      .where("notifications.dedupe_key", "=", "massal")
      .execute();
    expect(rows).toHaveLength(people.length);
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    people.forEach((p, i) => {
      const row = byUser.get(p.id)!;
      expect(row.body).toContain(p.name);
      if (choice(i) === "mail") {
        expect(row.to_address).toBe(p.email);
        expect(row.mailBody).toContain(p.name);
      } else {
        expect(row.to_address).toBeNull();
      }
      expect(Number(row.digest_pending)).toBe(choice(i) === "digest" ? 1 : 0);
    });
    const mailed = people.filter((_, i) => choice(i) === "mail").length;
    const queued = await db.selectFrom("mail_outbox").select("id").where("kind", "=", "results_published").where("to_address", "like", "penerima%").execute();
    expect(queued).toHaveLength(mailed);
    // Not this test's business to deliver them.
    await db.updateTable("mail_outbox").set({ status: "sent", sent_at: at }).where("to_address", "like", "penerima%").execute();
    await db.updateTable("notifications").set({ digest_pending: 0 }).where("dedupe_key", "=", "massal").execute();
  });

  it("tries a refused mail again, and after the last try shows it to the admin with its error to send again", async () => {
    smtp.refuse(2);
    await enqueueMail(env.database.db, { regionId: w.regionId, userId: null, kind: "uji", to: "coba@binjai.uji", subject: "Dicoba lagi", body: "Isi" });
    expect(await sender.drain()).toBe(0);
    let [row] = (await outbox()).filter((m) => m.subject === "Dicoba lagi");
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row!.last_error).toContain("451");
    // Waits of 50 ms, then 100 ms, before the second and third tries.
    await new Promise((r) => setTimeout(r, 80));
    expect(await sender.drain()).toBe(0);
    expect((await outbox()).find((m) => m.subject === "Dicoba lagi")).toMatchObject({ status: "queued", attempts: 2 });
    await new Promise((r) => setTimeout(r, 150));
    expect(await sender.drain()).toBe(1);
    expect((await smtp.waitFor(1))[0]!.subject).toBe("Dicoba lagi");
    [row] = (await outbox()).filter((m) => m.subject === "Dicoba lagi");
    expect(row).toMatchObject({ status: "sent", attempts: 3 });

    smtp.refuse(3);
    await enqueueMail(env.database.db, { regionId: w.regionId, userId: null, kind: "uji", to: "gagal@binjai.uji", subject: "Akhirnya gagal", body: "Isi" });
    for (let i = 0; i < 3; i++) {
      await sender.drain();
      await new Promise((r) => setTimeout(r, 250));
    }
    const admin = env.as(w.admin);
    const view = await admin.notification.outbox({});
    const failed = view.failed.find((f) => f.subject === "Akhirnya gagal");
    expect(failed).toMatchObject({ to: "gagal@binjai.uji", attempts: 3 });
    expect(failed!.error).toContain("451");
    await expect(env.as(employee).notification.outbox({})).rejects.toMatchObject({ code: "FORBIDDEN" });

    smtp.received.length = 0;
    expect(await admin.notification.resend({ ids: [failed!.id] })).toBe(1);
    expect(await sender.drain()).toBe(1);
    expect((await smtp.waitFor(1))[0]!.to).toEqual(["gagal@binjai.uji"]);
    expect((await admin.notification.outbox({})).failed.some((f) => f.id === failed!.id)).toBe(false);
  });

  it("never sends one mail twice when several senders share the database, and they never deadlock", async () => {
    const count = 240;
    await env.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        await enqueueMail(trx, { regionId: w.regionId, userId: null, kind: "uji", to: `dua-${i}@binjai.uji`, subject: `Dua pengirim ${i}`, body: "Isi" });
      }
    });
    // Small batches of different sizes, so the senders choose overlapping rows again and again.
    const senders = [3, 5, 7, 11].map(
      (batchSize) => new MailSender({ db: env.database.db, transport: smtp.transport(), from: "kinerja@binjai.uji", origin: PORTAL, batchSize }),
    );
    const sent = await Promise.all(senders.map((sender) => sender.drain()));
    await Promise.all(senders.map((sender) => sender.stop()));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(count);
    const received = await smtp.waitFor(count);
    const subjects = received.map((m) => m.subject);
    expect(new Set(subjects).size).toBe(count);
    expect(subjects).toHaveLength(count);
  });

  it("keeps to each person's choice: portal only, or one digest a day instead of a mail per event", async () => {
    const me = env.as(employee);
    expect(await me.notification.preference()).toEqual({ email: true, digest: false, hasEmail: true });
    await me.notification.setPreference({ email: false, digest: false });
    const before = (await outbox()).length;
    await env.database.db.transaction().execute((trx) =>
      notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.report.id], values: { siklus: "Tanpa surel" }, link: "/me" }),
    );
    expect((await outbox()).length).toBe(before);

    await me.notification.setPreference({ email: true, digest: true });
    for (const siklus of ["Pagi", "Siang"]) {
      await env.database.db.transaction().execute((trx) =>
        notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.report.id], values: { siklus }, link: "/me" }),
      );
    }
    expect((await outbox()).length).toBe(before);
    // Before the digest hour nothing is gathered; at the next one, one mail holds both.
    const created = new Date();
    const nextCut = new Date(digestCut(created, 16).getTime() + 24 * 60 * 60 * 1000);
    expect(await sendDigests(env.database.db, new Date(nextCut.getTime() - 24 * 60 * 60 * 1000 - 1), 16)).toBe(0);
    expect(await sendDigests(env.database.db, nextCut, 16)).toBe(1);
    expect(await sendDigests(env.database.db, nextCut, 16)).toBe(0);
    await sender.drain();
    const [digest] = await smtp.waitFor(1);
    expect(digest!.to).toEqual(["pegawai@binjai.uji"]);
    expect(digest!.subject).toContain("2 pemberitahuan");
    expect(digest!.text).toContain("Hasil penilaian Pagi telah ditetapkan");
    expect(digest!.text).toContain("Hasil penilaian Siang telah ditetapkan");
    await me.notification.setPreference({ email: true, digest: false });
  });

  it("lets the admin word a template, refusing a placeholder its kind does not offer", async () => {
    const admin = env.as(w.admin);
    await expect(admin.notification.saveTemplate({ kind: "results_published", subject: "Hasil {{nama_pegawe}}", body: "Isi" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("{{nama_pegawe}}"),
    });
    const preview = await admin.notification.previewTemplate({ kind: "results_published", subject: "Hasil {{siklus}} untuk {{nama_penerima}}", body: "Lihat {{tautan}}" });
    expect(preview.subject).toBe("Hasil Penilaian Tahunan 2026 untuk Siti Rahmawati");
    const saved = await admin.notification.saveTemplate({ kind: "results_published", subject: "Nilai {{siklus}} sudah keluar", body: "Yth. {{nama_penerima}}, lihat {{tautan}}" });
    expect(saved.custom).toBe(true);
    await env.database.db.transaction().execute((trx) =>
      notify(trx, { regionId: w.regionId, kind: "results_published", employeeIds: [w.report.id], values: { siklus: "2026" }, link: "/me" }),
    );
    await sender.drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe("Nilai 2026 sudah keluar");
    expect(mail!.text).toContain(`lihat ${PORTAL}/me`);
    expect((await admin.notification.resetTemplate({ kind: "results_published" })).custom).toBe(false);
  });

  it("reminds the raters owing sheets on the region's schedule, once per deadline and day", async () => {
    const admin = env.as(w.admin);
    await admin.notification.setSchedule({ daysBefore: [2], daysAfter: [1] });
    const inTwoDays = new Date(Date.parse(`${todayInIndonesia()}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    await admin.assessment.setDeadline({ cycleId: w.cycleId, source: "supervisor", dueDate: inTwoDays });
    // The superior's sheet on the report is still a draft: that is what they owe.
    await env.database.db
      .updateTable("assessments")
      .set({ submitted_at: null })
      .where("region_id", "=", w.regionId)
      .where("cycle_id", "=", w.cycleId)
      .where("employee_id", "=", w.report.id)
      .where("source", "=", "supervisor")
      .execute();
    const told = await sendReminders(env.database.db, new Date());
    expect(told).toBeGreaterThan(0);
    const bell = await env.as(assessor).notification.inbox({});
    const reminder = bell.items.find((i) => i.kind === "sheet_due");
    expect(reminder?.title).toMatch(/lembar penilaian jatuh tempo/);
    expect(reminder?.title).toContain("1 lembar");
    expect(await sendReminders(env.database.db, new Date())).toBe(0);
  });

  it("resets a forgotten password by a link sent by mail, giving the same answer for a NIP with no account", async () => {
    const client = authClient(env);
    const asked = await client.post("/request-password-reset", { email: w.report.nip, redirectTo: "/reset-password" });
    const unknown = await client.post("/request-password-reset", { email: "199001012020011999", redirectTo: "/reset-password" });
    expect(asked.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual(await asked.json());
    await sender.drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["pegawai@binjai.uji"]);
    const link = /https?:\/\/\S+/.exec(mail!.text)?.[0] ?? "";
    expect(link.startsWith(`${TEST_ORIGIN}/api/auth/reset-password/`)).toBe(true);

    const opened = await client.auth.handler(new Request(link, { redirect: "manual" }));
    expect(opened.status).toBe(302);
    const token = new URL(opened.headers.get("location") ?? "", TEST_ORIGIN).searchParams.get("token") ?? "";
    expect(token).not.toBe("");
    const weak = await client.post("/reset-password", { token, newPassword: "password123" });
    expect(weak.status).toBe(400);
    const reset = await client.post("/reset-password", { token, newPassword: "Kinerja-baru-2026!" });
    expect(reset.status).toBe(200);
    const cookie = await client.signIn({ username: w.report.nip }, "Kinerja-baru-2026!");
    expect(cookieOf(new Response(null, { headers: { "set-cookie": cookie } }))).not.toBe("");
    await expect(client.signIn({ username: w.report.nip }, PASSWORD)).rejects.toThrow(/401/);
  });
});
