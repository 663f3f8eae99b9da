// Demo regions for a first start on an empty database: the national baselines as their version 1, each
// region with its rule file published as version 1, its units and generated employees, an open cycle
// holding their assessments, and one sign-in per role, plus a national operator. Returns the sign-ins so the server can print them.
import { systemScope } from "../access/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { demoProfileSchema, type PeriodKind } from "@kinerja/core";
import { now, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Actor } from "../lib/index.js";
import { createAccount } from "../organisation/index.js";
import { createCycle, openCycle } from "../cycles/index.js";
import { demoAppraisals, writeDemoAssessments, writeDemoOrganisation } from "./demo.js";
import { loadRuleFile } from "../rules/index.js";
import { publishRuleSet, saveDraft, seedBaselines } from "../rules/index.js";

export const DEMO_REGIONS = [
  { id: "samarinda", name: "Kota Samarinda" },
  { id: "binjai", name: "Kota Binjai" },
  { id: "pariaman", name: "Kota Pariaman" },
  { id: "amplas", name: "Kecamatan Medan Amplas" },
] as const;

export const DEMO_YEAR = 2025;
const SEEDER: Actor = { id: null, name: "Seeder (data demo)", role: "system" };

export interface SignIn {
  role: "operator" | "admin" | "assessor" | "employee";
  regionId: string | null;
  name: string;
  /** The e-mail (operator, admin) or NIP (assessor, employee) to sign in with. */
  login: string;
  password: string;
}

export interface SeedOptions {
  rulesDir: string;
  password: string;
  /** Employees per region. */
  size: number;
  regions?: ReadonlyArray<{ id: string; name: string }>;
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("regions").select("id").limit(1).executeTakeFirst()) === undefined;
}

function seedOf(regionId: string): number {
  return [...regionId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 2025);
}

function periodLabel(kind: PeriodKind): string {
  const labels: Record<PeriodKind, string> = { annual: "", semester: "-S1", quarterly: "-Q1", monthly: "-01" };
  return `${DEMO_YEAR}${labels[kind]}`;
}

/** A demo region as it will be written: its rule file, demo profile and generated appraisals, checked. */
function plannedRegion(region: { id: string; name: string }, options: SeedOptions) {
  const file = join(options.rulesDir, `${region.id}.json`);
  const { content, ruleSet, issues } = loadRuleFile(file);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((i) => `${i.pointer || "/"}: ${i.message}`).join("; ")}`);
  const profile = demoProfileSchema.parse(JSON.parse(readFileSync(join(options.rulesDir, "demo", `${region.id}.json`), "utf8")));
  const inputs = demoAppraisals(ruleSet, profile, { size: options.size, seed: seedOf(region.id), year: DEMO_YEAR });
  // A region's first employees are its units' heads: with too few, no one has staff to assess, and there is
  // no assessor to sign in as. Checked for every region before anything is written.
  const nips = new Set(inputs.map((input) => input.employee.nip));
  const headsSomeone = inputs.some(({ employee }) => {
    const atasan = employee.attributes?.atasan;
    return typeof atasan === "string" && nips.has(atasan);
  });
  if (!headsSomeone) {
    throw new Error(
      `Seeding ${region.name}: none of its ${options.size} demo employees heads anyone, so there is no assessor to sign in as; expected more employees per region (KINERJA_SEED_SIZE, default 300)`,
    );
  }
  return { region, content, ruleSet, profile, inputs };
}

async function seedRegion(db: Kysely<Database>, planned: ReturnType<typeof plannedRegion>, options: SeedOptions): Promise<SignIn[]> {
  const { region, content, ruleSet, profile, inputs } = planned;
  await db.insertInto("regions").values({ id: region.id, name: region.name, created_at: now() }).execute();
  const scope = systemScope(db, region.id, SEEDER);
  const { version } = await saveDraft(scope, { content });
  await publishRuleSet(scope, version);

  const employees = await db.transaction().execute((trx) => writeDemoOrganisation(trx, region.id, profile, inputs));
  const kind = ruleSet.period?.kind ?? "annual";
  const cycle = await createCycle(scope, {
    name: `Penilaian Kinerja ${DEMO_YEAR}`,
    periodKind: kind,
    periodLabel: periodLabel(kind),
  });
  await openCycle(scope, cycle.id);
  await db.transaction().execute((trx) => writeDemoAssessments(trx, region.id, cycle.id, inputs, employees));

  // The assessor heads a team; the employee is one of that team.
  const team = await db
    .selectFrom("employees as head")
    .innerJoin("employees as member", (join) =>
      join.onRef("member.region_id", "=", "head.region_id").onRef("member.atasan_nip", "=", "head.nip"),
    )
    .select(["head.nip as headNip", "head.nama as headNama", "member.nip as memberNip", "member.nama as memberNama"])
    .where("head.region_id", "=", region.id)
    .orderBy("head.nip")
    .orderBy("member.nip")
    .executeTakeFirstOrThrow();
  const password = options.password;
  const admin = await createAccount(db, {
    name: `Admin BKPSDM ${region.name}`,
    email: `admin@${region.id}.kinerja.local`,
    password,
    role: "admin",
    regionId: region.id,
  });
  await createAccount(db, { name: team.headNama, nip: team.headNip, password, role: "assessor", regionId: region.id });
  await createAccount(db, { name: team.memberNama, nip: team.memberNip, password, role: "employee", regionId: region.id });
  return [
    { role: "admin", regionId: region.id, name: admin.name, login: admin.email, password },
    { role: "assessor", regionId: region.id, name: team.headNama, login: team.headNip, password },
    { role: "employee", regionId: region.id, name: team.memberNama, login: team.memberNip, password },
  ];
}

/** Seeds every demo region and the operator; call only on an empty database (see isEmpty). */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<SignIn[]> {
  // Every region is read and checked before anything is written: a refusal leaves the database empty.
  const regions = (options.regions ?? DEMO_REGIONS).map((region) => plannedRegion(region, options));
  const signIns: SignIn[] = [];
  const operator = await createAccount(db, {
    name: "Operator Nasional",
    email: "operator@kinerja.local",
    password: options.password,
    role: "operator",
    regionId: null,
  });
  signIns.push({ role: "operator", regionId: null, name: operator.name, login: operator.email, password: options.password });
  await seedBaselines(db, SEEDER, options.rulesDir);
  for (const planned of regions) signIns.push(...(await seedRegion(db, planned, options)));
  return signIns;
}
