// What a signed-in person reads of their own notifications (the portal's bell) and how they want to be told
// (Akun saya): e-mail and portal or portal only, one mail per event or a daily digest.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { DEFAULT_PREFERENCE, hasMailbox, preferencesOf, type Preference } from "./notify.js";

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface Inbox {
  unread: number;
  items: NotificationView[];
  nextCursor: string | null;
}

/** The newest first, `limit` at a time; the cursor is the last id read. */
export async function inbox(db: Kysely<Database>, user: SessionUser, input: { cursor?: string; limit?: number; unreadOnly?: boolean }): Promise<Inbox> {
  const limit = input.limit ?? 20;
  let query = db.selectFrom("notifications").selectAll().where("user_id", "=", user.id);
  if (input.unreadOnly) query = query.where("read_at", "is", null);
  if (input.cursor) query = query.where("id", "<", input.cursor);
  const rows = await query.orderBy("id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    unread: await unreadCount(db, user),
    items: page.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, read: r.read_at !== null })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function unreadCount(db: Kysely<Database>, user: SessionUser): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", user.id)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the given notifications (or, with none given, all) of the person read; the unread count left. */
export async function markRead(db: Kysely<Database>, user: SessionUser, input: { ids?: string[] }): Promise<number> {
  let query = db.updateTable("notifications").set({ read_at: new Date().toISOString() }).where("user_id", "=", user.id).where("read_at", "is", null);
  if (input.ids) query = query.where("id", "in", input.ids.length > 0 ? input.ids : [""]);
  await query.execute();
  return unreadCount(db, user);
}

export interface PreferenceView extends Preference {
  /** False for an account without a real address: it is told in the portal only, whatever it chooses. */
  hasEmail: boolean;
}

export async function getPreference(db: Kysely<Database>, user: SessionUser): Promise<PreferenceView> {
  const preference = (await preferencesOf(db, [user.id])).get(user.id) ?? DEFAULT_PREFERENCE;
  return { ...preference, hasEmail: hasMailbox(user.email) };
}

export async function setPreference(db: Kysely<Database>, user: SessionUser, input: Preference): Promise<PreferenceView> {
  const values = { email: input.email ? 1 : 0, digest: input.digest ? 1 : 0, updated_at: new Date().toISOString() };
  await db
    .insertInto("notification_preferences")
    .values({ user_id: user.id, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
  return getPreference(db, user);
}
