// Rater quality, against subjective ratings (the first challenge Samarinda names): how each rater's
// scores sit against the other raters of the same people. Every rating is put on 0–100 by its scale; for
// each employee a rater rated, the rater's mean over the indicators they share with other raters is
// compared with the other raters' mean on those indicators. A rater's mean difference is their leniency
// (positive) or severity (negative); the z-score of that difference among the cycle's raters flags
// outliers, and a rater whose ratings barely vary (the same value for everyone) is flagged too.
// Self-ratings and anonymous public survey answers are neither judged nor used as the yardstick.
import type { RaterSource } from "@kinerja/core";
import { formatNumber, indicatorsById, ratingScore, scaleOf } from "@kinerja/core";
import { parseJson, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { groupBy } from "../lib/index.js";
import { unitSubtree } from "../organisation/index.js";
import { cycleRules } from "../rules/index.js";

/** |z| at or above this marks a lenient or severe rater. */
export const Z_THRESHOLD = 2;
/** A standard deviation (0–100 points) at or below this over enough ratings is "hardly varies". */
export const FLAT_SD = 2;
export const FLAT_MIN_RATINGS = 6;
/** Fewer raters than this give no z-scores. */
const MIN_RATERS = 3;

const JUDGED: ReadonlySet<string> = new Set<RaterSource>(["supervisor", "peer", "subordinate"]);

export interface RaterFlag {
  kind: "lenient" | "severe" | "flat";
  message: string;
}

export interface RaterQuality {
  rater: string;
  nama: string | null;
  sources: RaterSource[];
  /** Employees rated whose ratings could be compared with another rater's. */
  ratees: number;
  ratings: number;
  /** Mean of the rater's ratings, 0–100. */
  mean: number;
  /** Standard deviation of the rater's ratings, 0–100 points. */
  sd: number;
  /** Mean difference from the other raters of the same employees, in 0–100 points; null with nothing to compare. */
  meanDifference: number | null;
  z: number | null;
  flags: RaterFlag[];
  /** The employees they rated (ids), so a view can keep to one unit. */
  rateeIds: string[];
}

const num = (n: number) => formatNumber(n, "id", 1);

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

interface Sheet {
  rater: string;
  source: RaterSource;
  employeeId: string;
  /** Indicator id → rating on 0–100. */
  scores: Map<string, number>;
}

/** The names of the region's employees with these NIPs, by NIP; raters who are no employee (respondents) are left out. */
async function namesByNip(db: Kysely<Database>, regionId: string, nips: readonly string[]): Promise<Map<string, string>> {
  if (nips.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["nip", "nama"]).where("region_id", "=", regionId).where("nip", "in", nips).execute();
  return new Map(rows.map((e) => [e.nip, e.nama]));
}

/** Every judged rater of the cycle's submitted sheets, most extreme first. */
export async function raterQuality(db: Kysely<Database>, cycle: CycleRow): Promise<RaterQuality[]> {
  const regionId = cycle.region_id;
  const { ruleSet } = await cycleRules(db, cycle);
  const indicators = indicatorsById(ruleSet);
  const rows = await db
    .selectFrom("assessments")
    .select(["employee_id", "source", "rater", "ratings"])
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("submitted_at", "is not", null)
    .where("source", "in", [...JUDGED])
    .execute();
  const sheets: Sheet[] = rows.map((r) => {
    const scores = new Map<string, number>();
    for (const [id, value] of Object.entries(parseJson<Record<string, number>>(r.ratings))) {
      const indicator = indicators.get(id);
      const scale = indicator ? scaleOf(ruleSet, indicator) : null;
      if (scale && typeof value === "number") scores.set(id, ratingScore(scale, value));
    }
    return { rater: r.rater, source: r.source as RaterSource, employeeId: r.employee_id, scores };
  });
  const byEmployee = groupBy(sheets, (s) => s.employeeId);

  const perRater = new Map<string, { sources: Set<RaterSource>; values: number[]; differences: number[]; rateeIds: Set<string> }>();
  for (const sheet of sheets) {
    const entry = perRater.get(sheet.rater) ?? { sources: new Set(), values: [], differences: [], rateeIds: new Set() };
    perRater.set(sheet.rater, entry);
    entry.sources.add(sheet.source);
    entry.values.push(...sheet.scores.values());
    entry.rateeIds.add(sheet.employeeId);
    const others = (byEmployee.get(sheet.employeeId) ?? []).filter((o) => o.rater !== sheet.rater);
    const mine: number[] = [];
    const theirs: number[] = [];
    for (const [id, score] of sheet.scores) {
      const given = others.map((o) => o.scores.get(id)).filter((v): v is number => v !== undefined);
      if (given.length === 0) continue;
      mine.push(score);
      theirs.push(mean(given));
    }
    if (mine.length > 0) entry.differences.push(mean(mine) - mean(theirs));
  }

  const names = await namesByNip(db, regionId, [...perRater.keys()]);
  const compared = [...perRater.values()].filter((e) => e.differences.length > 0).map((e) => mean(e.differences));
  const mu = compared.length > 0 ? mean(compared) : 0;
  const sigma = sd(compared);
  const result: RaterQuality[] = [...perRater.entries()].map(([rater, e]) => {
    const meanDifference = e.differences.length > 0 ? mean(e.differences) : null;
    const z = meanDifference !== null && compared.length >= MIN_RATERS && sigma > 1e-9 ? (meanDifference - mu) / sigma : null;
    const spread = sd(e.values);
    const flags: RaterFlag[] = [];
    if (z !== null && meanDifference !== null && Math.abs(z) >= Z_THRESHOLD) {
      const lenient = z > 0;
      flags.push({
        kind: lenient ? "lenient" : "severe",
        message:
          `${lenient ? "Cenderung murah" : "Cenderung pelit"}: rata-rata ${meanDifference >= 0 ? "+" : ""}${num(meanDifference)} poin ` +
          `${lenient ? "di atas" : "di bawah"} penilai lain untuk ${e.differences.length} pegawai yang sama (z = ${num(z)})`,
      });
    }
    if (e.values.length >= FLAT_MIN_RATINGS && spread <= FLAT_SD) {
      flags.push({ kind: "flat", message: `Nilai hampir seragam: simpangan baku ${num(spread)} poin dari ${e.values.length} nilai` });
    }
    return {
      rater,
      nama: names.get(rater) ?? null,
      sources: [...e.sources],
      ratees: e.differences.length,
      ratings: e.values.length,
      mean: e.values.length > 0 ? mean(e.values) : 0,
      sd: spread,
      meanDifference,
      z,
      flags,
      rateeIds: [...e.rateeIds],
    };
  });
  return result.sort((a, b) => Math.abs(b.z ?? 0) - Math.abs(a.z ?? 0) || a.rater.localeCompare(b.rater));
}

/** The cycle's raters (those who rated someone in the unit, when one is named), optionally only the flagged. */
export async function raterQualityReport(scope: Scope, input: { cycleId: string; unitId?: string; flaggedOnly?: boolean }): Promise<RaterQuality[]> {
  requireAdmin(scope, "melihat mutu penilai");
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  let raters = await raterQuality(db, cycle);
  if (input.unitId) {
    const units = await unitSubtree(db, regionId, input.unitId);
    const inUnit = new Set(
      (await db.selectFrom("employees").select("id").where("region_id", "=", regionId).where("unit_id", "in", units).execute()).map((e) => e.id),
    );
    raters = raters.filter((r) => r.rateeIds.some((id) => inUnit.has(id)));
  }
  return input.flaggedOnly ? raters.filter((r) => r.flags.length > 0) : raters;
}
