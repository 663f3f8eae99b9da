// For tests of the assessment workflow (assessments, forum, finalisation, appeals, follow-up, documents):
// a region with its own rule file published, and an organisation small enough to walk by hand. A parent
// unit holds the head (kepala: the assessors' superior, so appeals go to them); the pilot unit holds the
// assessor (kabid) with six staff and two section heads (kasi) who are the assessor's peers; another unit
// holds three employees for a later cycle. People act as fabricated session users (no password round).
import type { IndicatorInput, IndicatorValue, RaterSource, Scale } from "@kinerja/core";
import { now, toJson, type NewEmployee } from "@kinerja/db";
import { sql } from "kysely";
import type { SessionUser } from "../auth.js";
import type { AssessmentForm } from "../services/assessment/index.js";
import { loadRuleFile } from "../services/rules/index.js";
import { publishRuleSet, saveDraft } from "../services/rules/index.js";
import { scopeIn } from "../services/access/index.js";
import { RULES_DIR, type TestEnv } from "./env.js";
import { personUser } from "./work-period.js";

export const WALK_REGIONS = [
  { id: "samarinda", name: "Kota Samarinda", pilotType: "puskesmas", otherType: "dinas" },
  { id: "binjai", name: "Kota Binjai", pilotType: "sekolah", otherType: "dinas" },
  { id: "pariaman", name: "Kota Pariaman", pilotType: "puskesmas", otherType: "dinas" },
  { id: "amplas", name: "Kecamatan Medan Amplas", pilotType: "kecamatan", otherType: "kelurahan" },
] as const;

export type WalkRegionId = (typeof WALK_REGIONS)[number]["id"];

export interface Member {
  id: string;
  nip: string;
  nama: string;
  user: SessionUser;
  /** How good their work is, 0–1: every honest rater rates them from it. */
  quality: number;
}

export interface WalkRegion {
  regionId: WalkRegionId;
  regionName: string;
  admin: SessionUser;
  units: { parent: string; pilot: string; other: string };
  kepala: Member;
  assessor: Member;
  kasi: Member[];
  staff: Member[];
  others: Member[];
}

const NAMES = [
  "Rahmat Hidayat",
  "Siti Aminah",
  "Budi Santoso",
  "Dewi Lestari",
  "Agus Salim",
  "Nur Aisyah",
  "Hendra Gunawan",
  "Rina Marlina",
  "Yusuf Maulana",
  "Fitri Handayani",
  "Andi Saputra",
  "Maya Sari",
  "Joko Widodo Prasetyo",
  "Lina Marpaung",
];

/** A valid NIP: born 1985, in service from 2010, the given sequence. */
export function walkNip(regionIndex: number, sequence: number): string {
  return `1985${String(regionIndex + 1).padStart(2, "0")}15` + "201003" + "1" + String(sequence).padStart(3, "0");
}

/** Publishes the region's rule file and writes its walk organisation. */
export async function seedWalkRegion(env: TestEnv, regionId: WalkRegionId): Promise<WalkRegion> {
  const { db } = env.database;
  const index = WALK_REGIONS.findIndex((r) => r.id === regionId);
  const spec = WALK_REGIONS[index] as (typeof WALK_REGIONS)[number];
  const at = now();
  await db.insertInto("regions").values({ id: regionId, name: spec.name, created_at: at }).execute();
  const admin: SessionUser = { id: `admin-${regionId}`, name: `Admin BKPSDM ${spec.name}`, email: `admin@${regionId}.uji`, username: null, role: "admin", regionId, employeeId: null };
  const { content } = loadRuleFile(`${RULES_DIR}${regionId}.json`);
  const adminScope = await scopeIn(db, admin, regionId);
  const { version } = await saveDraft(adminScope, { content });
  await publishRuleSet(adminScope, version);

  const units = { parent: "induk", pilot: "unit-rintisan", other: "unit-lain" };
  await db
    .insertInto("units")
    .values([
      { region_id: regionId, id: units.parent, parent_id: null, name: "Dinas Induk", type: "dinas", created_at: at },
      { region_id: regionId, id: units.pilot, parent_id: units.parent, name: "Unit Rintisan", type: spec.pilotType, created_at: at },
      { region_id: regionId, id: units.other, parent_id: units.parent, name: "Unit Lain", type: spec.otherType, created_at: at },
    ])
    .execute();
  let sequence = 0;
  const rows: NewEmployee[] = [];
  const members: Array<Omit<Member, "user"> & { role: "assessor" | "employee" }> = [];
  const add = (unit: string, atasan: string | null, jabatan: string, jenis: string, quality: number, role: "assessor" | "employee") => {
    sequence++;
    const nip = walkNip(index, sequence);
    const nama = NAMES[(sequence - 1) % NAMES.length] as string;
    const id = `${regionId}-pegawai-${sequence}`;
    rows.push({
      region_id: regionId,
      id,
      nip,
      nama,
      jabatan,
      jenis_jabatan: jenis,
      jenjang: jenis === "fungsional" ? "Ahli Pertama" : null,
      golongan: "III/b",
      status: "PNS",
      unit_id: unit,
      atasan_nip: atasan,
      attributes: toJson({}),
      created_at: at,
      updated_at: at,
    });
    members.push({ id, nip, nama, quality, role });
    return nip;
  };
  const kepalaNip = add(units.parent, null, "Kepala Dinas", "struktural", 0.8, "assessor");
  const assessorNip = add(units.pilot, kepalaNip, "Kepala Bidang", "struktural", 0.75, "assessor");
  add(units.pilot, kepalaNip, "Kepala Seksi Program", "struktural", 0.7, "employee");
  add(units.pilot, kepalaNip, "Kepala Seksi Layanan", "struktural", 0.6, "employee");
  for (const quality of [0.95, 0.85, 0.7, 0.55, 0.35, 0.15]) add(units.pilot, assessorNip, "Pranata Komputer Ahli Pertama", "fungsional", quality, "employee");
  for (const quality of [0.8, 0.6, 0.4]) add(units.other, kepalaNip, "Pengadministrasi Umum", "pelaksana", quality, "employee");
  await db.insertInto("employees").values(rows).execute();
  await db
    .insertInto("imported_history")
    .values(rows.flatMap((row) => [2023, 2024].map((year) => ({ region_id: regionId, employee_id: row.id, year, predikat: "baik", imported_by: "uji", imported_at: at }))))
    .execute();
  // The assessors hold accounts, as personUser signs them in: an appeal goes to the assessor's superior
  // only while that superior has one.
  await db
    .insertInto("user")
    .values(
      members
        .filter((m) => m.role === "assessor")
        .map((m) => {
          const user = personUser(regionId, m, m.role);
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            email_verified: sql<boolean>`TRUE`,
            image: null,
            created_at: at,
            updated_at: at,
            username: user.username,
            role: user.role,
            region_id: regionId,
            employee_id: m.id,
          };
        }),
    )
    .execute();

  const withUser = members.map((m) => ({ id: m.id, nip: m.nip, nama: m.nama, quality: m.quality, user: personUser(regionId, m, m.role) }));
  return {
    regionId,
    regionName: spec.name,
    admin,
    units,
    kepala: withUser[0] as Member,
    assessor: withUser[1] as Member,
    kasi: withUser.slice(2, 4),
    staff: withUser.slice(4, 10),
    others: withUser.slice(10),
  };
}

/** A rating on the scale for a quality 0–1. */
export function ratingOn(scale: Scale, quality: number): number {
  const step = scale.step ?? 1;
  const steps = Math.round(((scale.max - scale.min) * Math.min(1, Math.max(0, quality))) / step);
  return scale.min + steps * step;
}

/** An objective value of the indicator for a quality 0–1. */
export function objectiveValue(input: IndicatorInput, quality: number): IndicatorValue | null {
  switch (input.kind) {
    case "achievement":
      return { target: 100, realisasi: Math.round(55 + 55 * quality) };
    case "target":
      return {
        target: Object.fromEntries(input.aspects.map((a) => [a, a === "kualitas" ? 100 : 12])),
        realisasi: Object.fromEntries(input.aspects.map((a) => [a, a === "kualitas" ? Math.round(60 + 45 * quality) : Math.round(7 + 6 * quality)])),
      };
    case "attendance":
      return quality >= 0.5 ? 0 : Math.round((1 - quality) * 6);
    case "yesno":
      return quality > 0.7;
    case "score":
      return Math.round(input.min + (input.max - input.min) * quality);
    case "rating":
      return null;
  }
}

export type RatingStyle = "honest" | "lenient" | "flat";

/** The sheet a rater fills in from the form, rating as the style says. */
export function fillForm(form: AssessmentForm, quality: number, style: RatingStyle = "honest", comment?: string) {
  const ratings: Record<string, number> = {};
  for (const indicator of form.indicators) {
    const q = style === "lenient" ? 1 : style === "flat" ? 0.5 : quality;
    ratings[indicator.id] = ratingOn(indicator.scale, q);
  }
  const values: Record<string, IndicatorValue> = {};
  for (const indicator of form.objective) {
    const value = objectiveValue(indicator.input, quality);
    if (value !== null) values[indicator.id] = value;
  }
  return {
    cycleId: form.cycleId,
    employeeId: form.employee.id,
    source: form.source as RaterSource,
    ratings,
    ...(form.objective.length > 0 ? { values } : {}),
    ...(comment ? { comment } : {}),
  };
}
