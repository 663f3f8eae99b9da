// What a rule set says about its indicators, their raters and its predikat, read here and nowhere else:
// the evaluator, the API and the portal all ask these questions. The indicators by id, an indicator's scale
// and how a rating on it becomes a score, the rater sources of an indicator and of a set, the indicators a
// source rates, the indicators whose value is recorded rather than rated, the name of each rater source,
// the predikat as levels with their labels, and the follow-up types it can give. Whether a given value
// fits is answered in values.ts.
import { RATER_SOURCES, type Lang, type RaterSource, type TargetAspect } from "../domain/types.js";
import { ratersOf } from "./raters.js";
import type { APPEAL_FALLBACKS, Indicator, IndicatorSet, PANEL_ROLES, RuleSet, Scale } from "./schema.js";
import { isGivenFact } from "./facts.js";
import { own } from "./own.js";

/** Every indicator of the rule set by id (the first set's, where sets share an id). */
export function indicatorsById(ruleSet: Pick<RuleSet, "indicatorSets">): Map<string, Indicator> {
  const found = new Map<string, Indicator>();
  for (const set of ruleSet.indicatorSets) {
    for (const indicator of set.indicators) if (!found.has(indicator.id)) found.set(indicator.id, indicator);
  }
  return found;
}

/** The scale a rating indicator is rated on (a named scale looked up); null for an objective indicator or an unknown name. */
export function scaleOf(ruleSet: Pick<RuleSet, "scales">, indicator: Indicator): Scale | null {
  if (indicator.input.kind !== "rating") return null;
  const { scale } = indicator.input;
  return typeof scale === "string" ? (own(ruleSet.scales, scale) ?? null) : scale;
}

/** The score the top of a scale gives: its own `scoreMax`, otherwise 100. */
export function scaleScoreMax(scale: Scale): number {
  return scale.scoreMax ?? 100;
}

/** A rating as a score up to the scale's scoreMax: value / max × scoreMax, or for a linear scale (value − min) / (max − min) × scoreMax. */
export function ratingScore(scale: Scale, value: number): number {
  const top = scaleScoreMax(scale);
  return scale.toScore === "linear" ? ((value - scale.min) / (scale.max - scale.min)) * top : (value / scale.max) * top;
}

/** The sources that rate an indicator, in the order the rule file lists them; none for an objective indicator. */
export function sourcesOf(ruleSet: Pick<RuleSet, "raters">, indicator: Indicator): RaterSource[] {
  return indicator.input.kind === "rating" ? ratersOf(ruleSet, indicator) : [];
}

/** The rating indicators of a set that the source rates, in the set's order; never an objective one. */
export function ratedBy(ruleSet: Pick<RuleSet, "raters">, set: IndicatorSet, source: RaterSource): Indicator[] {
  return set.indicators.filter((indicator) => sourcesOf(ruleSet, indicator).includes(source));
}

/** The indicators of a set whose value is recorded (target, achievement, attendance, yes/no, score), not rated. */
export function objectiveIndicators(set: IndicatorSet): Indicator[] {
  return set.indicators.filter((indicator) => indicator.input.kind !== "rating");
}

/** The source whose sheet records the objective values and the declared facts: the employee's supervisor. */
export const OBJECTIVE_RECORDER: RaterSource = "supervisor";

/** A fact a rater records on the assessor's sheet, as a form shows it. */
export interface RecordedFact {
  name: string;
  type: "number" | "boolean" | "string";
  label: string;
  description: string | null;
  /** The values a text fact takes; null for any. */
  values: string[] | null;
  min: number | null;
  max: number | null;
}

/**
 * The declared facts a rater records, in file order; not those the evaluation sets (taken `from` a scored
 * fact, or counted from history).
 */
export function recordedFacts(ruleSet: Pick<RuleSet, "facts">): RecordedFact[] {
  return Object.entries(ruleSet.facts)
    .filter(([, fact]) => isGivenFact(fact))
    .map(([name, fact]) => ({
      name,
      type: fact.type,
      label: fact.label,
      description: fact.description ?? null,
      values: fact.values ?? null,
      min: fact.min ?? null,
      max: fact.max ?? null,
    }));
}

/** The sources an employee of the set expects sheets from; the supervisor records the objective values. */
export function sourcesOfSet(ruleSet: Pick<RuleSet, "raters">, set: IndicatorSet): Set<RaterSource> {
  const sources = new Set<RaterSource>();
  for (const indicator of set.indicators) for (const source of sourcesOf(ruleSet, indicator)) sources.add(source);
  if (objectiveIndicators(set).length > 0) sources.add(OBJECTIVE_RECORDER);
  return sources;
}

/** The sources any set of the rule set expects sheets from, in RATER_SOURCES order. */
export function sourcesOfRuleSet(ruleSet: Pick<RuleSet, "raters" | "indicatorSets">): RaterSource[] {
  const used = new Set<RaterSource>();
  for (const set of ruleSet.indicatorSets) for (const source of sourcesOfSet(ruleSet, set)) used.add(source);
  return RATER_SOURCES.filter((source) => used.has(source));
}

/** An indicator a plan's IKI can feed with realisasi: a target (PP 46/2011 aspects) or an achievement. */
export interface RealisasiIndicator {
  id: string;
  name: string;
  kind: "target" | "achievement";
  /** The aspects of a target indicator; empty for achievement. */
  aspects: TargetAspect[];
}

/** Every target and achievement indicator of the rule set, by id (the first set's, where sets share an id). */
export function realisasiIndicators(ruleSet: Pick<RuleSet, "indicatorSets">): Map<string, RealisasiIndicator> {
  const found = new Map<string, RealisasiIndicator>();
  for (const set of ruleSet.indicatorSets) {
    for (const indicator of set.indicators) {
      const input = indicator.input;
      if (found.has(indicator.id) || (input.kind !== "target" && input.kind !== "achievement")) continue;
      found.set(indicator.id, {
        id: indicator.id,
        name: indicator.name,
        kind: input.kind,
        aspects: input.kind === "target" ? [...input.aspects] : [],
      });
    }
  }
  return found;
}

// Lower case, as they read inside a sentence; raterSourceTitle capitalises them.
const RATER_SOURCE_LABELS: Record<RaterSource, Record<Lang, string>> = {
  self: { id: "diri sendiri", en: "self" },
  peer: { id: "rekan kerja", en: "peer" },
  supervisor: { id: "atasan langsung", en: "supervisor" },
  subordinate: { id: "bawahan", en: "subordinate" },
  public: { id: "masyarakat", en: "public" },
};

/** Who a rater source is, in Indonesian (or English): "rekan kerja", "atasan langsung" … */
export function raterSourceLabel(source: RaterSource, lang: Lang = "id"): string {
  return RATER_SOURCE_LABELS[source][lang];
}

/** The label as it stands alone, in a heading, a table cell or a list: "Rekan kerja", "Atasan langsung" … */
export function raterSourceTitle(source: RaterSource, lang: Lang = "id"): string {
  const label = raterSourceLabel(source, lang);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Predikat ids best first, as the rule set lists them: the distance between two is their level gap. */
export function predikatLevels(ruleSet: Pick<RuleSet, "predikat">): string[] {
  return ruleSet.predikat.map((p) => p.id);
}

/** A predikat's label ("Sangat Baik"); the id itself when the rule set does not list it; null for no predikat. */
export function predikatLabel(ruleSet: Pick<RuleSet, "predikat">, id: string): string;
export function predikatLabel(ruleSet: Pick<RuleSet, "predikat">, id: string | null): string | null;
export function predikatLabel(ruleSet: Pick<RuleSet, "predikat">, id: string | null): string | null {
  if (id === null) return null;
  return ruleSet.predikat.find((p) => p.id === id)?.label ?? id;
}

/** The predikat best first, each with its label, to pick one from; none when the rule set lists none. */
export function predikatChoices(ruleSet: Partial<Pick<RuleSet, "predikat">>): Array<{ id: string; label: string }> {
  return (ruleSet.predikat ?? []).map((p) => ({ id: p.id, label: p.label }));
}

/** The follow-up (outcome event) types the rule set can give: its outcome rules', then "pelatihan" when an indicator has `training`. */
export function followUpTypes(ruleSet: Partial<Pick<RuleSet, "outcomes" | "indicatorSets">>): string[] {
  const types = new Set((ruleSet.outcomes ?? []).map((rule) => rule.event.type));
  if ((ruleSet.indicatorSets ?? []).some((set) => set.indicators.some((indicator) => indicator.training))) types.add("pelatihan");
  return [...types];
}

/** How many levels apart two predikat are; null when the rule set does not list one of them. */
export function predikatDistance(ruleSet: Pick<RuleSet, "predikat">, from: string, to: string): number | null {
  const levels = predikatLevels(ruleSet);
  const a = levels.indexOf(from);
  const b = levels.indexOf(to);
  return a < 0 || b < 0 ? null : Math.abs(a - b);
}

/** The predikat at most `maxLevels` levels from `from`, best first (`from` among them); none when the rule set does not list `from`. */
export function predikatWithin(ruleSet: Pick<RuleSet, "predikat">, from: string | null, maxLevels: number): string[] {
  const levels = predikatLevels(ruleSet);
  const at = from === null ? -1 : levels.indexOf(from);
  if (at < 0) return [];
  return levels.filter((_, i) => Math.abs(i - at) <= maxLevels);
}

/** Who decides an appeal in place of the assessor's superior, and after how many days (workflow.appeals). */
export interface AppealFallback {
  kind: (typeof APPEAL_FALLBACKS)[number];
  /** Days the superior has to decide before the appeal passes to the fallback. */
  afterDays: number;
  /** The panel, when it is the fallback: its name, members by NIP and the roles that sit on it. */
  panel: { name: string; members: string[]; roles: Array<(typeof PANEL_ROLES)[number]> } | null;
}

/** Who decides an appeal when the assessor's superior cannot, and after how many days. */
export function appealFallback(ruleSet: Pick<RuleSet, "workflow">): AppealFallback {
  const { fallback, fallbackAfterDays, panel } = ruleSet.workflow.appeals;
  return {
    kind: fallback,
    afterDays: fallbackAfterDays,
    panel: fallback === "panel" ? { name: panel.name, members: panel.members ?? [], roles: panel.roles ?? [] } : null,
  };
}

/** How the admin's automatic peer assignment chooses, from workflow.peers with its defaults filled. */
export interface PeerAssignmentRule {
  /** Peers each employee is given: assign.count, else peers.min (at least 1), never more than peers.max. */
  count: number;
  /** The employee's own unit only, or anyone in the cycle. */
  from: "unit" | "cycle";
  level: "jenisJabatan" | "jenjang" | "golongan" | "any";
  min: number;
  max: number;
}

/** How peers are assigned automatically, from the rule set's workflow.peers with its defaults filled. */
export function peerAssignmentRule(ruleSet: Pick<RuleSet, "workflow">): PeerAssignmentRule {
  const { min, max, assign } = ruleSet.workflow.peers;
  const wanted = assign.count ?? Math.max(min, 1);
  return { count: Math.max(0, Math.min(wanted, max)), from: assign.from ?? "unit", level: assign.level ?? "jenisJabatan", min, max };
}

/** What makes two employees the same level under the rule; equal keys are peers' levels. */
export function peerLevelOf(
  rule: Pick<PeerAssignmentRule, "level">,
  employee: { jenisJabatan: string | null; jenjang: string | null; golongan: string | null },
): string {
  switch (rule.level) {
    case "jenisJabatan":
      return employee.jenisJabatan ?? "";
    case "jenjang":
      return `${employee.jenisJabatan ?? ""}/${employee.jenjang ?? ""}`;
    case "golongan":
      return (employee.golongan ?? "").split("/")[0]?.trim() ?? "";
    case "any":
      return "";
  }
}

/** The rule's level in words, for a person reading why peers could not be found. */
export function peerLevelLabel(rule: Pick<PeerAssignmentRule, "level">, lang: Lang = "id"): string {
  const labels = {
    jenisJabatan: { id: "jenis jabatan", en: "position type" },
    jenjang: { id: "jenis jabatan dan jenjang", en: "position type and grade" },
    golongan: { id: "golongan", en: "rank group" },
    any: { id: "tingkat mana pun", en: "any level" },
  } as const;
  return labels[rule.level][lang];
}

/**
 * The ids of the indicators, in any indicator set, whose value is a count of days absent without leave
 * (input kind `attendance`): where an attendance import gives an appraisal its days.
 */
export function attendanceIndicatorIds(ruleSet: Pick<RuleSet, "indicatorSets">): string[] {
  const ids = new Set<string>();
  for (const set of ruleSet.indicatorSets) for (const indicator of set.indicators) if (indicator.input.kind === "attendance") ids.add(indicator.id);
  return [...ids];
}
