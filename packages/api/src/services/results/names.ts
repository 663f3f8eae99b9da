// Employees named by NIP where a record stores NIPs (forum members, the deciding superior of an appeal).
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";

/** The names of the region's employees with these NIPs, by NIP; NIPs of no employee are left out. */
export async function namesByNip(db: Kysely<Database>, regionId: string, nips: readonly string[]): Promise<Map<string, string>> {
  if (nips.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["nip", "nama"]).where("region_id", "=", regionId).where("nip", "in", nips).execute();
  return new Map(rows.map((e) => [e.nip, e.nama]));
}
