// Regions (a kota, kabupaten or kecamatan with its own rules) and their first admin, created by a national
// operator in one transaction.
import { DomainError } from "../lib/index.js";
import { now, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { isOperator } from "../access/index.js";
import type { Actor } from "../lib/index.js";
import { createAccount, type Account } from "./accounts.js";
import { audit } from "../lib/index.js";

export interface RegionSummary {
  id: string;
  name: string;
  createdAt: string;
  employees: number;
  units: number;
}

/** Operators see every region; everyone else their own. */
export async function listRegions(db: Kysely<Database>, user: SessionUser): Promise<RegionSummary[]> {
  let query = db
    .selectFrom("regions")
    .select((eb) => [
      "regions.id",
      "regions.name",
      "regions.created_at",
      eb.selectFrom("employees").whereRef("employees.region_id", "=", "regions.id").where("employees.left_at", "is", null).select(eb.fn.countAll<number>().as("n")).as("employees"),
      eb.selectFrom("units").whereRef("units.region_id", "=", "regions.id").select(eb.fn.countAll<number>().as("n")).as("units"),
    ]);
  if (!isOperator(user)) query = query.where("regions.id", "=", user.regionId ?? "");
  const rows = await query.orderBy("regions.name").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    employees: Number(r.employees ?? 0),
    units: Number(r.units ?? 0),
  }));
}

export interface NewRegion {
  id: string;
  name: string;
  admin: { name: string; email: string; password: string };
}

export async function createRegion(
  db: Kysely<Database>,
  actor: Actor,
  input: NewRegion,
): Promise<{ region: { id: string; name: string }; admin: Account }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("regions").select("id").where("id", "=", input.id).executeTakeFirst();
    if (existing) throw new DomainError({ code: "CONFLICT", message: `Wilayah dengan id ${input.id} sudah ada` });
    await trx.insertInto("regions").values({ id: input.id, name: input.name, created_at: now() }).execute();
    const admin = await createAccount(trx, {
      name: input.admin.name,
      email: input.admin.email,
      password: input.admin.password,
      role: "admin",
      regionId: input.id,
    });
    await audit(trx, {
      regionId: input.id,
      actor,
      action: "region.create",
      entity: "region",
      entityId: input.id,
      after: { id: input.id, name: input.name, admin: { id: admin.id, email: admin.email } },
    });
    return { region: { id: input.id, name: input.name }, admin };
  });
}
