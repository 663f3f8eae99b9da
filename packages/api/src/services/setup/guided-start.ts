// A new region's first hour, as one checklist: rules from a national baseline, units and employees,
// accounts for them, the first cycle. Each step says whether it is done, from what is stored, and what
// is left; the portal's guided start walks the admin through them in order.
import type { Scope } from "../access/index.js";
import { listNationalBaselines, type NationalBaseline } from "../rules/index.js";

export interface GuidedStart {
  regionName: string;
  baselines: NationalBaseline[];
  rules: { published: { id: string; version: number; name: string } | null; draft: { id: string; version: number; name: string; revision: number } | null };
  units: number;
  employees: number;
  /** Employees with no account linked to them: they cannot sign in yet. */
  employeesWithoutAccount: number;
  cycles: number;
  /** The first step not done, or null when the region is running. */
  next: "rules" | "people" | "accounts" | "cycle" | null;
}

export async function guidedStart(scope: Scope): Promise<GuidedStart> {
  const { db, regionId } = scope;
  const region = await db.selectFrom("regions").select("name").where("id", "=", regionId).executeTakeFirstOrThrow();
  const versions = await db
    .selectFrom("rule_set_versions")
    .select(["id", "version", "name", "status", "revision"])
    .where("region_id", "=", regionId)
    .orderBy("version", "desc")
    .execute();
  const published = versions.find((v) => v.status === "published") ?? null;
  const draft = versions.find((v) => v.status === "draft" && (!published || v.version > published.version)) ?? null;
  const count = async (table: "units" | "employees" | "cycles") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("region_id", "=", regionId).executeTakeFirstOrThrow()).n);
  const [units, cycles] = [await count("units"), await count("cycles")];
  // Those who left the region are neither counted nor waiting for an account.
  const employees = Number(
    (await db.selectFrom("employees").select((eb) => eb.fn.countAll<number>().as("n")).where("region_id", "=", regionId).where("left_at", "is", null).executeTakeFirstOrThrow()).n,
  );
  const withoutAccount = await db
    .selectFrom("employees as e")
    .leftJoin("user as u", (join) => join.onRef("u.employee_id", "=", "e.id").onRef("u.region_id", "=", "e.region_id"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("e.region_id", "=", regionId)
    .where("e.left_at", "is", null)
    .where("u.id", "is", null)
    .executeTakeFirstOrThrow();
  const employeesWithoutAccount = Number(withoutAccount.n);
  const next = !published ? "rules" : employees === 0 ? "people" : employeesWithoutAccount > 0 ? "accounts" : cycles === 0 ? "cycle" : null;
  return {
    regionName: region.name,
    baselines: listNationalBaselines(),
    rules: {
      published: published && { id: published.id, version: published.version, name: published.name },
      draft: draft && { id: draft.id, version: draft.version, name: draft.name, revision: draft.revision },
    },
    units,
    employees,
    employeesWithoutAccount,
    cycles,
    next,
  };
}
