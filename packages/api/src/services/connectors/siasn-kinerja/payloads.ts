// A finalised cycle's results as SIASN's kinerja save bodies, one per employee, laid out by the mapping. The
// ratings are the decision outputs the mapping names (the rule set's `rating.hasil_kerja`, `rating.perilaku`);
// the kuadran is the result's predikat as its national predikat (the rule set says which: @kinerja/core's
// nationalPredikatMap); the penilai is the employee's atasan. A value that cannot be had (a rule set that
// decides no rating, an employee with no atasan) is null, and a null in a `required` field makes the
// employee's body invalid with a reason: it is shown and never sent.
import { nationalPredikatMap, valueLabel, type CompiledRuleSet, type PeriodKind } from "@kinerja/core";
import { parseJson, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findCycle } from "../../cycles/index.js";
import { DomainError } from "../../lib/index.js";
import { resolveRun } from "../../results/index.js";
import { cycleRules } from "../../rules/index.js";
import { periodRange } from "../attendance/index.js";
import type { KinerjaMapping, KinerjaSource } from "./mapping.js";

export type PayloadValue = string | number | null;

export interface KinerjaPayload {
  employeeId: string;
  nip: string;
  nama: string;
  unit: string;
  /** The rule set's words for what was sent (predikat label, rating labels), for people to read. */
  predikatLabel: string;
  ratingHasilKerja: string;
  ratingPerilaku: string;
  /** The body posted, as the mapping lays it out. */
  body: Record<string, PayloadValue>;
  /** Why the body cannot be sent (a required field without a value…); null when it can. */
  problem: string | null;
}

export interface KinerjaPayloads {
  cycle: CycleRow;
  runId: string;
  runVersion: number;
  payloads: KinerjaPayload[];
}

/** The cycle, refused unless finalised: only final results go to SIASN. */
export async function finalisedCycle(db: Kysely<Database>, regionId: string, cycleId: string): Promise<CycleRow> {
  const cycle = await findCycle(db, regionId, cycleId);
  if (cycle.status !== "finalised") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus "${cycle.name}" belum difinalkan (status ${cycle.status}); hanya hasil akhir yang dikirim ke SIASN. Finalkan siklus dulu` });
  }
  return cycle;
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** Every employee's body for the cycle's final results, in unit and name order. */
export async function buildPayloads(db: Kysely<Database>, regionId: string, cycleId: string, mapping: KinerjaMapping): Promise<KinerjaPayloads> {
  const cycle = await finalisedCycle(db, regionId, cycleId);
  const run = await resolveRun(db, regionId, cycle);
  if (!run) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada hasil untuk dikirim" });
  const compiled: CompiledRuleSet = await cycleRules(db, cycle);
  const national = nationalPredikatMap(compiled.ruleSet.predikat);
  const rows = await db
    .selectFrom("results")
    .leftJoin("employees as e", (j) => j.onRef("e.region_id", "=", "results.region_id").onRef("e.id", "=", "results.employee_id"))
    .leftJoin("employees as a", (j) => j.onRef("a.region_id", "=", "e.region_id").onRef("a.nip", "=", "e.atasan_nip"))
    .leftJoin("units as u", (j) => j.onRef("u.region_id", "=", "results.region_id").onRef("u.id", "=", "results.unit_id"))
    .leftJoin("units as au", (j) => j.onRef("au.region_id", "=", "a.region_id").onRef("au.id", "=", "a.unit_id"))
    .select([
      "results.employee_id",
      "results.nip",
      "results.nama",
      "results.jabatan",
      "results.unit_id",
      "results.predikat",
      "results.predikat_label",
      "results.score",
      "results.decisions",
      "results.error",
      "u.name as unit_name",
      "a.nip as penilai_nip",
      "a.nama as penilai_nama",
      "a.jabatan as penilai_jabatan",
      "a.golongan as penilai_golongan",
      "au.name as penilai_unit",
    ])
    .where("results.region_id", "=", regionId)
    .where("results.run_id", "=", run.id)
    .orderBy("u.name")
    .orderBy("results.nama")
    .orderBy("results.nip")
    .execute();
  const kind = cycle.period_kind as PeriodKind;
  const range = periodRange(cycle.period_label);
  const year = range ? Number(range.from.slice(0, 4)) : Number(cycle.period_label.slice(0, 4));
  const payloads = rows.map((r): KinerjaPayload => {
    const decisions = parseJson<Record<string, unknown>>(r.decisions ?? "{}");
    const hasil = decisions[mapping.ratings.hasilKerja];
    const perilaku = decisions[mapping.ratings.perilaku];
    const nationalPredikat = r.predikat ? (national.get(r.predikat) ?? null) : null;
    const reference = (map: Record<string, string | number | undefined>, value: unknown): PayloadValue => (typeof value === "string" && map[value] !== undefined ? map[value]! : null);
    const values: Record<KinerjaSource, PayloadValue> = {
      nip: r.nip,
      nama: r.nama,
      jabatan: r.jabatan,
      unit: r.unit_name ?? r.unit_id,
      tahun: Number.isFinite(year) ? year : null,
      periode: cycle.period_label,
      periodik: reference(mapping.values.periodik, kind),
      bulanMulai: range ? Number(range.from.slice(5, 7)) : null,
      bulanSelesai: range ? Number(range.to.slice(5, 7)) : null,
      "rating.hasilKerja": reference(mapping.values.rating, hasil),
      "rating.perilaku": reference(mapping.values.rating, perilaku),
      predikat: reference(mapping.values.predikat, nationalPredikat),
      predikatNasional: nationalPredikat,
      predikatLabel: r.predikat_label,
      nilai: typeof r.score === "number" ? Math.round(r.score * 100) / 100 : null,
      "penilai.nip": r.penilai_nip ?? null,
      "penilai.nama": r.penilai_nama ?? null,
      "penilai.jabatan": r.penilai_jabatan ?? null,
      "penilai.golongan": r.penilai_golongan ?? null,
      "penilai.unit": r.penilai_unit ?? null,
    };
    const body: Record<string, PayloadValue> = {};
    for (const [field, from] of Object.entries(mapping.fields)) body[field] = from.startsWith("=") ? from.slice(1) : values[from as KinerjaSource];
    const missing = mapping.required.filter((f) => body[f] === null || body[f] === "");
    const why = (field: string): string => {
      const from = mapping.fields[field]!;
      if (from === "rating.hasilKerja" || from === "rating.perilaku") {
        const output = from === "rating.hasilKerja" ? mapping.ratings.hasilKerja : mapping.ratings.perilaku;
        const value = from === "rating.hasilKerja" ? hasil : perilaku;
        return value === undefined || value === null
          ? `${field}: aturan penilaian tidak menghasilkan "${output}"`
          : `${field}: nilai "${text(value)}" tidak ada di values.rating berkas pemetaan`;
      }
      if (from === "predikat") return r.predikat ? `${field}: predikat "${text(r.predikat)}" tanpa padanan nasional di values.predikat` : `${field}: hasil tanpa predikat${r.error ? ` (${r.error})` : ""}`;
      if (from.startsWith("penilai.")) return `${field}: pegawai tanpa atasan (penilai) di Kinerja`;
      return `${field}: kosong`;
    };
    return {
      employeeId: r.employee_id,
      nip: r.nip,
      nama: r.nama,
      unit: r.unit_name ?? r.unit_id,
      predikatLabel: r.predikat_label ?? "",
      ratingHasilKerja: hasil === undefined || hasil === null ? "" : valueLabel(compiled.ruleSet, hasil),
      ratingPerilaku: perilaku === undefined || perilaku === null ? "" : valueLabel(compiled.ruleSet, perilaku),
      body,
      problem: missing.length > 0 ? `Tidak dapat dikirim: ${missing.map(why).join("; ")}` : null,
    };
  });
  return { cycle, runId: run.id, runVersion: run.version, payloads };
}
