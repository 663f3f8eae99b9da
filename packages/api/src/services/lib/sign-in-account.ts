// The better-auth account row that lets a user sign in one way: a password ("credential", the user's own id
// as account id; no password yet while an account awaits activation) or an identity provider (the
// provider's subject). Kinerja never keeps a provider's tokens.
import type { Insertable } from "kysely";
import { newId, type AccountTable } from "@kinerja/db";

export function signInAccountRow(
  userId: string,
  way: { providerId: "credential"; password: string | null } | { providerId: string; subject: string },
  at: string,
): Insertable<AccountTable> {
  return {
    id: newId(),
    account_id: "subject" in way ? way.subject : userId,
    provider_id: way.providerId,
    user_id: userId,
    access_token: null,
    refresh_token: null,
    id_token: null,
    access_token_expires_at: null,
    refresh_token_expires_at: null,
    scope: null,
    password: "password" in way ? way.password : null,
    created_at: at,
    updated_at: at,
  };
}
