// Who an OpenID Connect sign-in is: the NIP in the provider's claim, parsed by @kinerja/core, names an
// employee of the provider's own region; the account is the one linked to that employee by
// `user.employee_id`. A provider never signs anyone into another region, and never by a name or e-mail its
// holder could change at the provider. When the region allows it, an employee of the register with no
// account gets one (role employee, no password). Each refusal is a code the sign-in page tells in words.
import { parseNip } from "@kinerja/core";
import { newId, now, type Database } from "@kinerja/db";
import { sql, type Kysely } from "kysely";
import { audit, signInAccountRow } from "../lib/index.js";
import type { IdentityProviderRow } from "./providers.js";

export const SSO_REFUSALS = [
  "nip_missing",
  "nip_invalid",
  "nip_not_registered",
  "no_account",
  "account_disabled",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoAccount = { ok: true; userId: string; created: boolean } | { ok: false; refusal: SsoRefusal };

/** The provider's record of a sign-in, in better-auth's `account` table. */
export function ssoProviderId(providerId: string): string {
  return `oidc:${providerId}`;
}

function claimText(value: unknown): string | null {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return null;
}

/** The account the verified claims sign in as, linked or created in one transaction, or why not. */
export async function accountForClaims(db: Kysely<Database>, provider: IdentityProviderRow, claims: Record<string, unknown>): Promise<SsoAccount> {
  const raw = claimText(claims[provider.nip_claim]);
  if (raw === null || raw === "") return { ok: false, refusal: "nip_missing" };
  const nip = parseNip(raw);
  if (!nip.ok) return { ok: false, refusal: "nip_invalid" };
  const subject = claimText(claims.sub);
  return db.transaction().execute(async (trx) => {
    const employee = await trx
      .selectFrom("employees")
      .select(["id", "nama", "nip"])
      .where("region_id", "=", provider.region_id)
      .where("nip", "=", nip.value.nip)
      .executeTakeFirst();
    if (!employee) return { ok: false, refusal: "nip_not_registered" } as const;
    const linked = await trx
      .selectFrom("user")
      .select(["id", "disabled_at"])
      .where("region_id", "=", provider.region_id)
      .where("employee_id", "=", employee.id)
      .orderBy("created_at")
      .orderBy("id")
      .executeTakeFirst();
    if (linked?.disabled_at) return { ok: false, refusal: "account_disabled" } as const;
    let userId = linked?.id;
    let created = false;
    if (!userId) {
      if (provider.create_accounts !== 1) return { ok: false, refusal: "no_account" } as const;
      userId = await createEmployeeAccount(trx, provider, employee);
      created = true;
    }
    if (subject) await recordLink(trx, provider, subject, userId);
    return { ok: true, userId, created } as const;
  });
}

/** An employee's account made at first sign-in: no password, so it signs in through the provider only. */
async function createEmployeeAccount(
  trx: Kysely<Database>,
  provider: IdentityProviderRow,
  employee: { id: string; nama: string; nip: string },
): Promise<string> {
  // NIPs and e-mails are unique across the country in `user`; a NIP another region's account already holds
  // leaves this one without a NIP sign-in name and with a region-specific placeholder address.
  const taken = await trx
    .selectFrom("user")
    .select("id")
    .where((eb) => eb.or([eb("username", "=", employee.nip), eb("email", "=", `${employee.nip}@nip.kinerja.invalid`)]))
    .executeTakeFirst();
  const id = newId();
  const at = now();
  await trx
    .insertInto("user")
    .values({
      id,
      name: employee.nama,
      email: taken ? `${employee.nip}.${provider.region_id}@nip.kinerja.invalid` : `${employee.nip}@nip.kinerja.invalid`,
      email_verified: sql<boolean>`TRUE`,
      image: null,
      created_at: at,
      updated_at: at,
      username: taken ? null : employee.nip,
      role: "employee",
      region_id: provider.region_id,
      employee_id: employee.id,
    })
    .execute();
  await audit(trx, {
    regionId: provider.region_id,
    actor: { id: null, name: provider.name, role: "identity_provider" },
    action: "account.create_on_sign_in",
    entity: "user",
    entityId: id,
    after: { role: "employee", employeeId: employee.id, provider: provider.id },
  });
  return id;
}

/** Keeps which provider subject signed in as which account; matching never reads it back. */
async function recordLink(trx: Kysely<Database>, provider: IdentityProviderRow, subject: string, userId: string): Promise<void> {
  const providerId = ssoProviderId(provider.id);
  const at = now();
  const existing = await trx
    .selectFrom("account")
    .select("id")
    .where("provider_id", "=", providerId)
    .where("account_id", "=", subject)
    .executeTakeFirst();
  if (existing) {
    await trx.updateTable("account").set({ user_id: userId, updated_at: at }).where("id", "=", existing.id).execute();
    return;
  }
  await trx.insertInto("account").values(signInAccountRow(userId, { providerId, subject }, at)).execute();
}
