// Telling people about an event, inside the event's own transaction: a portal notification for every
// account concerned and, for those who take mail and have an address, a mail in the outbox (or a place in
// tomorrow's digest). Nothing is sent here; the sender (sender.ts) delivers the outbox after the commit, so
// a rolled-back event tells nobody and a request never waits for a mail server.
import { newId, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { fill, templateFor, type NotificationKind, type Values } from "./templates.js";

/** Stands for the portal's origin in a stored mail; the sender writes its own origin in its place. */
export const PORTAL_ORIGIN = "{{portal}}";

/** Kinds that always wait for the daily digest rather than a mail each: they come many a day. */
const ALWAYS_DIGESTED: ReadonlySet<NotificationKind> = new Set(["work_entries_waiting"]);

/** Addresses better-auth requires of NIP-only accounts: no mail goes there. */
export function hasMailbox(email: string | null | undefined): email is string {
  return Boolean(email) && !/\.invalid$/i.test(email ?? "");
}

export interface Notice {
  regionId: string;
  kind: NotificationKind;
  /** Employees to tell: through the accounts linked to them; someone with no account is told nothing. */
  employeeIds?: readonly string[];
  /** Employees to tell by NIP (an assessor named by an employee's atasan_nip). */
  employeeNips?: readonly string[];
  /** Accounts to tell directly (e.g. the region's admins). */
  userIds?: readonly string[];
  /** The template's placeholders besides nama_penerima and tautan. */
  values: Values;
  /** Where in the portal to act, e.g. `/plan/…`; null when there is nothing to open. */
  link: string | null;
  /** Tells each account once only for this key (a reminder for one deadline and day). */
  dedupeKey?: string;
}

export interface Preference {
  email: boolean;
  digest: boolean;
}

export const DEFAULT_PREFERENCE: Preference = { email: true, digest: false };

export async function preferencesOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, Preference>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom("notification_preferences").selectAll().where("user_id", "in", [...userIds]).execute();
  return new Map(rows.map((r) => [r.user_id, { email: Boolean(r.email), digest: Boolean(r.digest) }]));
}

/** People are looked up, and told, this many at a time: one statement each rather than several per person. */
const CHUNK = 500;

interface Recipient {
  id: string;
  name: string;
  email: string;
  employee_id: string | null;
}

function chunksOf<T>(items: readonly T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The active accounts of the region an event concerns, each once. */
async function recipients(db: Kysely<Database>, notice: Pick<Notice, "regionId" | "employeeIds" | "employeeNips" | "userIds">): Promise<Recipient[]> {
  const employeeIds = [...(notice.employeeIds ?? [])];
  for (const nips of chunksOf(notice.employeeNips ?? [])) {
    const named = await db.selectFrom("employees").select("id").where("region_id", "=", notice.regionId).where("nip", "in", nips).execute();
    employeeIds.push(...named.map((e) => e.id));
  }
  const found = new Map<string, Recipient>();
  const accounts = db.selectFrom("user").select(["id", "name", "email", "employee_id"]).where("region_id", "=", notice.regionId).where("disabled_at", "is", null);
  for (const ids of chunksOf(employeeIds)) for (const r of await accounts.where("employee_id", "in", ids).execute()) found.set(r.id, r);
  for (const ids of chunksOf(notice.userIds ?? [])) for (const r of await accounts.where("id", "in", ids).execute()) found.set(r.id, r);
  return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface MailToQueue {
  regionId: string | null;
  userId: string | null;
  kind: string;
  to: string;
  subject: string;
  body: string;
}

/** Puts one mail in the outbox, to be sent after the surrounding transaction commits; its id. */
export async function enqueueMail(db: Kysely<Database>, mail: MailToQueue): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await db
    .insertInto("mail_outbox")
    .values({
      id,
      region_id: mail.regionId,
      user_id: mail.userId,
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.body,
      status: "queued",
      next_attempt_at: at,
      created_at: at,
    })
    .execute();
  return id;
}

/**
 * Tells the accounts of `notice` about it: call inside the event's transaction. Returns how many
 * accounts were told (0 when nobody concerned has an account, or every one was told before under the key).
 */
export async function notify(db: Kysely<Database>, notice: Notice): Promise<number> {
  const people = await recipients(db, notice);
  return tell(
    db,
    notice,
    people.map((person) => ({ person, values: notice.values })),
  );
}

/** An employee told with values of their own (a reminder with the number of sheets they owe). */
export interface Addressee {
  employeeId: string;
  values: Values;
}

/**
 * Tells each employee of `addressees`, through their account, of one kind of event with their own values.
 * Call inside a transaction; a caller telling thousands gives a few hundred to each transaction.
 */
export async function notifyEach(db: Kysely<Database>, notice: Omit<Notice, "employeeIds" | "employeeNips" | "userIds" | "values">, addressees: readonly Addressee[]): Promise<number> {
  const valuesOf = new Map(addressees.map((a) => [a.employeeId, a.values]));
  const people = await recipients(db, { regionId: notice.regionId, employeeIds: [...valuesOf.keys()] });
  return tell(
    db,
    notice,
    people.map((person) => ({ person, values: valuesOf.get(person.employee_id ?? "") ?? {} })),
  );
}

/** Writes the notifications, and the mail of those who take it now, a chunk of people per statement. */
async function tell(db: Kysely<Database>, notice: Pick<Notice, "regionId" | "kind" | "link" | "dedupeKey">, told: ReadonlyArray<{ person: Recipient; values: Values }>): Promise<number> {
  if (told.length === 0) return 0;
  const template = await templateFor(db, notice.regionId, notice.kind);
  const at = new Date().toISOString();
  let count = 0;
  for (const chunk of chunksOf(told)) {
    const preferences = await preferencesOf(
      db,
      chunk.map((t) => t.person.id),
    );
    const planned = chunk.map(({ person, values }) => {
      const own = { ...values, nama_penerima: person.name };
      const preference = preferences.get(person.id) ?? DEFAULT_PREFERENCE;
      const mailed = preference.email && hasMailbox(person.email);
      const digest = mailed && (preference.digest || ALWAYS_DIGESTED.has(notice.kind));
      return {
        person,
        id: newId(),
        mailId: mailed && !digest ? newId() : null,
        digest,
        title: fill(template.subject, own),
        body: fill(template.body, { ...own, tautan: notice.link ?? "" }),
        mailBody: fill(template.body, { ...own, tautan: `${PORTAL_ORIGIN}${notice.link ?? "/"}` }),
      };
    });
    const inserted = await db
      .insertInto("notifications")
      .values(
        planned.map((p) => ({
          region_id: notice.regionId,
          id: p.id,
          user_id: p.person.id,
          kind: notice.kind,
          title: p.title,
          body: p.body,
          link: notice.link,
          dedupe_key: notice.dedupeKey ?? null,
          digest_pending: p.digest ? 1 : 0,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(["region_id", "user_id", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    count += inserted.length;
    const fresh = new Set(inserted.map((r) => r.id));
    const mails = planned.flatMap((p) => (p.mailId !== null && fresh.has(p.id) ? [{ ...p, mailId: p.mailId }] : []));
    if (mails.length === 0) continue;
    await db
      .insertInto("mail_outbox")
      .values(
        mails.map((m) => ({
          id: m.mailId,
          region_id: notice.regionId,
          user_id: m.person.id,
          kind: notice.kind,
          to_address: m.person.email,
          subject: m.title,
          body: m.mailBody,
          status: "queued" as const,
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .execute();
    // Each notification names its mail: one statement for the chunk.
    const [first, ...rest] = mails;
    await db
      .updateTable("notifications")
      .set((eb) => {
        let mailOf = eb.case().when("id", "=", first!.id).then(first!.mailId);
        for (const m of rest) mailOf = mailOf.when("id", "=", m.id).then(m.mailId);
        return { mail_id: mailOf.end() };
      })
      .where("region_id", "=", notice.regionId)
      .where(
        "id",
        "in",
        mails.map((m) => m.id),
      )
      .execute();
  }
  return count;
}

/** The region's admins, for events the BKD acts on. */
export async function regionAdmins(db: Kysely<Database>, regionId: string): Promise<string[]> {
  const rows = await db.selectFrom("user").select("id").where("region_id", "=", regionId).where("role", "=", "admin").where("disabled_at", "is", null).execute();
  return rows.map((r) => r.id);
}
