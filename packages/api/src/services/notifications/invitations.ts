// Invitations to activate an account made in bulk, for employees whose register holds an e-mail address:
// queued in the outbox inside the batch that made the accounts, so an invitation is sent exactly when its
// account exists, in the region's own wording (the account_invitation template).
import { newId, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { formatDate } from "../lib/index.js";
import { PORTAL_ORIGIN } from "./notify.js";
import { fill, templateFor } from "./templates.js";

/** Where an invitation leads: the portal's activation page. */
export const ACTIVATION_PAGE = "/aktivasi";

export interface Invitation {
  userId: string;
  nama: string;
  nip: string;
  email: string;
  code: string;
  expiresAt: string;
}

/** Queues one invitation mail each and marks their activations invited; call inside the batch's transaction. */
export async function queueInvitations(db: Kysely<Database>, regionId: string, invitations: readonly Invitation[]): Promise<number> {
  if (invitations.length === 0) return 0;
  const template = await templateFor(db, regionId, "account_invitation");
  const at = new Date().toISOString();
  await db
    .insertInto("mail_outbox")
    .values(
      invitations.map((invitation) => {
        const values = { nama_penerima: invitation.nama, nip: invitation.nip, kode: invitation.code, berlaku_sampai: formatDate(invitation.expiresAt), tautan: `${PORTAL_ORIGIN}${ACTIVATION_PAGE}` };
        return {
          id: newId(),
          region_id: regionId,
          user_id: invitation.userId,
          kind: "account_invitation",
          to_address: invitation.email,
          subject: fill(template.subject, values),
          body: fill(template.body, values),
          status: "queued" as const,
          next_attempt_at: at,
          created_at: at,
        };
      }),
    )
    .execute();
  await db
    .updateTable("account_activations")
    .set({ invited_at: at })
    .where("region_id", "=", regionId)
    .where(
      "user_id",
      "in",
      invitations.map((i) => i.userId),
    )
    .execute();
  return invitations.length;
}
