// The daily digest: for people who chose it (and for work entries waiting, which come many a day), the
// day's items are gathered into one mail at the region's digest hour. Gathering clears the items' flag and
// writes the mail in one transaction; a second server gathering at the same moment finds the flag cleared.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { fill, templateFor } from "./templates.js";
import { enqueueMail, hasMailbox, PORTAL_ORIGIN } from "./notify.js";

const WIB_MS = 7 * 60 * 60 * 1000;

/** The last digest moment at or before `at`: today's `hour` in WIB, or yesterday's while it is earlier. */
export function digestCut(at: Date, hour: number): Date {
  const wib = new Date(at.getTime() + WIB_MS);
  const cut = Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate(), hour) - WIB_MS;
  return new Date(cut <= at.getTime() ? cut : cut - 24 * 60 * 60 * 1000);
}

/** Writes one digest mail per person with items waiting from before the last digest moment; how many. */
export async function sendDigests(db: Kysely<Database>, at: Date, hour: number): Promise<number> {
  const cut = digestCut(at, hour).toISOString();
  const waiting = await db
    .selectFrom("notifications")
    .select(["user_id", "region_id"])
    .distinct()
    .where("digest_pending", "=", 1)
    .where("created_at", "<", cut)
    .execute();
  let written = 0;
  for (const { user_id: userId, region_id: regionId } of waiting) {
    written += await db.transaction().execute(async (trx) => {
      const items = await trx
        .updateTable("notifications")
        .set({ digest_pending: 0 })
        .where("region_id", "=", regionId)
        .where("user_id", "=", userId)
        .where("digest_pending", "=", 1)
        .where("created_at", "<", cut)
        .returning(["id", "title", "link"])
        .execute();
      const person = await trx.selectFrom("user").select(["name", "email"]).where("id", "=", userId).executeTakeFirst();
      if (items.length === 0 || !person || !hasMailbox(person.email)) return 0;
      const template = await templateFor(trx, regionId, "digest");
      const list = items.map((i) => `- ${i.title}${i.link ? `\n  ${PORTAL_ORIGIN}${i.link}` : ""}`).join("\n");
      const values = { nama_penerima: person.name, jumlah: items.length, daftar: list, tautan: `${PORTAL_ORIGIN}/` };
      const mailId = await enqueueMail(trx, { regionId, userId, kind: "digest", to: person.email, subject: fill(template.subject, values), body: fill(template.body, values) });
      await trx.updateTable("notifications").set({ mail_id: mailId }).where("region_id", "=", regionId).where("id", "in", items.map((i) => i.id)).execute();
      return 1;
    });
  }
  return written;
}
