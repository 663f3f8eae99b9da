// For tests of the work of a period (plans, work entries, feedback, dialogues): the demo regions seeded
// from their own rule files, as the server seeds them, and in each a team to walk a cycle with: a
// superior, a report whose indicator set holds the indicator the report's IKI feeds, a colleague of the
// report, and an outsider of another team. People sign in as fabricated session users (no password round).
import type { TargetAspect } from "@kinerja/core";
import { parseJson, type Role } from "@kinerja/db";
import type { SessionUser } from "../auth.js";
import { DEMO_REGIONS, seedDemo } from "../services/seed/index.js";
import { PASSWORD, RULES_DIR, type TestEnv } from "./env.js";

export interface RegionCase {
  regionId: string;
  /** A target or achievement indicator of the region's rule set that the report's IKI feeds. */
  indicatorId: string;
  /** The aspect for target indicators; null for achievement. */
  aspect: TargetAspect | null;
  /** Whether an employee's indicator set (chosen by the rule file's conditions) holds the indicator. */
  fits(employee: { unitType: string | null; guru: boolean }): boolean;
}

export const REGION_CASES: RegionCase[] = [
  // Puskesmas staff are also rated by the public, which the demo data leaves out for some of them.
  { regionId: "samarinda", indicatorId: "rhk_utama", aspect: "kuantitas", fits: (e) => e.unitType !== "puskesmas" },
  { regionId: "binjai", indicatorId: "penyelesaian_tepat_waktu", aspect: null, fits: (e) => e.unitType !== "sekolah" && !e.guru },
  {
    regionId: "pariaman",
    indicatorId: "cakupan_vaksinasi",
    aspect: null,
    fits: (e) => e.unitType === "puskesmas" || e.unitType === "dinas_kesehatan",
  },
  { regionId: "amplas", indicatorId: "capaian_target_layanan", aspect: null, fits: () => true },
];

export interface Person {
  /** The employee id. */
  id: string;
  nip: string;
  nama: string;
  user: SessionUser;
}

export interface RegionWorld {
  regionId: string;
  cycleId: string;
  admin: SessionUser;
  superior: Person;
  report: Person;
  colleague: Person;
  outsider: Person;
}

export function personUser(regionId: string, row: { id: string; nip: string; nama: string }, role: Role): SessionUser {
  return { id: `uji-${row.nip}`, name: row.nama, email: `${row.nip}@uji.invalid`, username: row.nip, role, regionId, employeeId: row.id };
}

/** Seeds the cases' regions (one env, once) and picks each region's team. */
export async function seedWorkRegions(env: TestEnv, cases: RegionCase[] = REGION_CASES, size = 16): Promise<Map<string, RegionWorld>> {
  const { db } = env.database;
  const ids = new Set(cases.map((c) => c.regionId));
  await seedDemo(db, { rulesDir: RULES_DIR, password: PASSWORD, size, regions: DEMO_REGIONS.filter((r) => ids.has(r.id)) });
  const worlds = new Map<string, RegionWorld>();
  for (const regionCase of cases) {
    const regionId = regionCase.regionId;
    const admin = await db.selectFrom("user").selectAll().where("region_id", "=", regionId).where("role", "=", "admin").executeTakeFirstOrThrow();
    const cycle = await db.selectFrom("cycles").select("id").where("region_id", "=", regionId).executeTakeFirstOrThrow();
    const people = await db
      .selectFrom("employees as e")
      .innerJoin("units as u", (join) => join.onRef("u.region_id", "=", "e.region_id").onRef("u.id", "=", "e.unit_id"))
      .select(["e.id", "e.nip", "e.nama", "e.atasan_nip", "e.attributes", "u.type"])
      .where("e.region_id", "=", regionId)
      .orderBy("e.nip")
      .execute();
    const fits = (p: (typeof people)[number]) => regionCase.fits({ unitType: p.type, guru: parseJson<{ guru?: boolean }>(p.attributes).guru === true });
    const superior = people.find((s) => {
      const reports = people.filter((p) => p.atasan_nip === s.nip);
      return reports.length >= 2 && reports.some(fits);
    });
    if (!superior) throw new Error(`${regionId}: no superior with two reports, one of them fitting ${regionCase.indicatorId}`);
    const reports = people.filter((p) => p.atasan_nip === superior.nip);
    const report = reports.find(fits) as (typeof people)[number];
    const colleague = reports.find((p) => p.id !== report.id) as (typeof people)[number];
    const outsider = people.find((p) => p.atasan_nip !== null && p.atasan_nip !== superior.nip);
    if (!outsider) throw new Error(`${regionId}: no employee outside the team`);
    const person = (row: (typeof people)[number], role: Role): Person => ({ id: row.id, nip: row.nip, nama: row.nama, user: personUser(regionId, row, role) });
    worlds.set(regionId, {
      regionId,
      cycleId: cycle.id,
      admin: { id: admin.id, name: admin.name, email: admin.email, username: admin.username, role: admin.role, regionId, employeeId: null },
      superior: person(superior, "assessor"),
      report: person(report, "employee"),
      colleague: person(colleague, "employee"),
      outsider: person(outsider, "employee"),
    });
  }
  return worlds;
}
