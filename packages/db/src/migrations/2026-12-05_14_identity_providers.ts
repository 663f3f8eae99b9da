// A region's OpenID Connect identity providers (SIASN/MyASN or any other): where to discover the provider,
// the client the region registered there, the scopes asked for, the claim that carries the NIP, and whether
// an employee of the register who has no account yet gets one at first sign-in. The client secret is
// write-only: no read of the API selects it. `disabled_at` set: the provider signs nobody in. The id is
// unique on its own too, because the sign-in and callback URLs name a provider by id alone.
// Times are ISO-8601 UTC text; flags are 0/1 integers.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("identity_providers")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("discovery_url", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("client_secret", "text", (c) => c.notNull())
    // Space-separated, as OAuth writes them; "openid" is always asked for besides.
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("nip_claim", "text", (c) => c.notNull().defaultTo("nip"))
    .addColumn("create_accounts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled_at", "text")
    .addColumn("updated_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("identity_providers_pk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("identity_providers_id_idx").on("identity_providers").column("id").unique().execute();
}
