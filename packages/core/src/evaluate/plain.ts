// An explanation as the employee and the assessor read it: one plain sentence per step that matters to them,
// numbers rounded to at most two decimals (decimal comma in Indonesian), and names from the rule set in place
// of ids (predikat labels, indicator and table names, fact labels, follow-ups with their TPP percentage or
// training topic). Steps that did nothing for this person (a table that does not apply, an outcome that did
// not fire) are left out. The technical trace (`explain.ts`) keeps every id and condition for admins.
import type { Lang } from "../domain/types.js";
import type { ConditionTrace } from "../engine/index.js";
import { raterSourceLabel } from "../ruleset/read.js";
import type { RuleSet } from "../ruleset/schema.js";
import { formatNumber } from "./explain.js";
import type {
  AdjustmentStep,
  AxisStep,
  CalculationStep,
  DecisionStep,
  Explanation,
  IndicatorStep,
  OutcomeStep,
  ScoreStep,
} from "./steps.js";

/** What the sentences need from a rule set: the names it gives to ids. */
export type LabelSource = Pick<RuleSet, "predikat" | "facts" | "decisions" | "calculations" | "indicatorSets">;

/** An id as words when the rule set gives it no name: "di_atas" → "Di Atas", "rating.hasil_kerja" → "Rating Hasil Kerja". */
export function humanise(id: string): string {
  return id
    .split(/[._:\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function num(value: number, lang: Lang): string {
  return formatNumber(value, lang, 2);
}

const AXIS_NAMES: Record<Lang, Record<string, string>> = {
  id: { hasil_kerja: "Nilai Hasil Kerja", perilaku: "Nilai Perilaku Kerja" },
  en: { hasil_kerja: "Work results score", perilaku: "Work behaviour score" },
};

/** The facts every appraisal has, by name. */
const BUILT_IN_FACTS: Record<Lang, Record<string, string>> = {
  id: {
    score: "nilai akhir",
    predikat: "predikat",
    "predikat.previous": "predikat periode sebelumnya",
    "unit.predikat": "predikat organisasi unit kerja",
    "unit.pimpinan": "pimpinan unit kerja",
    "employee.jabatan": "jabatan",
    "employee.jenisJabatan": "jenis jabatan",
    "employee.jenjang": "jenjang jabatan",
    "employee.golongan": "golongan",
    "employee.unit": "unit kerja",
    "employee.unitType": "jenis unit kerja",
    "employee.status": "status kepegawaian",
    "period.kind": "jenis periode",
    "period.label": "periode",
    "period.months": "bulan dalam periode",
  },
  en: {
    score: "final score",
    predikat: "predikat",
    "predikat.previous": "previous predikat",
    "unit.predikat": "the unit's organisation predikat",
    "unit.pimpinan": "leads the unit",
    "employee.jabatan": "position",
    "employee.jenisJabatan": "position type",
    "employee.jenjang": "position level",
    "employee.golongan": "rank",
    "employee.unit": "unit",
    "employee.unitType": "unit type",
    "employee.status": "employment status",
    "period.kind": "period kind",
    "period.label": "period",
    "period.months": "months in the period",
  },
};

const W = {
  id: {
    set: (name: string) => `Penilaian memakai kelompok indikator "${name}".`,
    rating: (name: string, score: string, mean: string, min: string, max: string, who: string) =>
      `${name}: nilai ${score}, dari rata-rata penilaian ${mean} pada skala ${min}–${max} (${who}).`,
    missingRaters: (who: string) => ` ${who} tidak menilai, jadi bobotnya dibagi ke penilai lain.`,
    pp46: (name: string, score: string, parts: string) => `${name}: nilai ${score}, rata-rata dari ${parts}.`,
    tasks: (name: string, score: string, tasks: string) => `${name}: nilai ${score}, rata-rata ${tasks}.`,
    task: (n: number, score: string) => `tugas ${n} (${score})`,
    aspect: (aspect: string, realisasi: string, target: string, score: string) => `${aspect} ${realisasi} dari target ${target} (${score})`,
    aspects: { kuantitas: "kuantitas", kualitas: "kualitas", waktu: "waktu", biaya: "biaya" } as Record<string, string>,
    achievement: (name: string, score: string, realisasi: string, target: string, percent: string) =>
      `${name}: realisasi ${realisasi} dari target ${target}, capaian ${percent}%, nilai ${score}.`,
    achievementPercent: (name: string, score: string, percent: string) => `${name}: capaian ${percent}%, nilai ${score}.`,
    capped: (cap: string) => ` Nilai dibatasi paling tinggi ${cap}.`,
    attendance: (name: string, score: string, days: string) => `${name}: nilai ${score}, karena ${days} hari tidak masuk kerja tanpa keterangan.`,
    yesno: (name: string, score: string, yes: boolean) => `${name}: ${yes ? "ya" : "tidak"}, nilai ${score}.`,
    direct: (name: string, score: string, min: string, max: string) => `${name}: nilai ${score} (rentang ${min}–${max}).`,
    axis: (name: string, score: string, count: number) => `${name}: ${score}, rata-rata tertimbang dari ${count} indikator.`,
    final: (score: string, parts: string) => `Nilai akhir: ${score} (${parts}).`,
    finalMean: (score: string) => `Nilai akhir: ${score}, rata-rata tertimbang semua indikator.`,
    noScore: (name: string) => `${name}: tidak ada indikator berbobot.`,
    decision: (name: string, value: string) => `${name}: ${value}.`,
    because: (why: string) => ` Dasarnya: ${why}.`,
    byAssessor: (name: string, value: string) => `${name}: ${value}, ditetapkan oleh pejabat penilai.`,
    noRow: " Tidak ada ketentuan yang cocok, jadi dipakai nilai bawaan.",
    calculation: (name: string, value: string) => `${name}: ${value}.`,
    tpp: (percent: string) => `TPP yang dibayarkan: ${percent}%.`,
    training: (topic: string, indicator: string, score: string, below: string | null) =>
      `Usulan pelatihan: ${topic}, karena nilai ${indicator} ${score}${below === null ? "" : ` di bawah ${below}`}.`,
    outcome: (label: string) => `Tindak lanjut: ${label}.`,
    predikat: (label: string) => `Predikat: ${label}.`,
    adjusted: (what: string, from: string, to: string, by: string, reason: string) =>
      `${what} diubah dari ${from} menjadi ${to} oleh ${by}, dengan alasan: ${reason}.`,
    empty: "kosong",
    yes: "ya",
    no: "tidak",
    refused: (error: string) => `Penilaian tidak dapat dihitung: ${error}`,
  },
  en: {
    set: (name: string) => `The appraisal uses the indicator set "${name}".`,
    rating: (name: string, score: string, mean: string, min: string, max: string, who: string) =>
      `${name}: score ${score}, from a mean rating of ${mean} on a ${min}–${max} scale (${who}).`,
    missingRaters: (who: string) => ` ${who} gave no rating, so their weight went to the other raters.`,
    pp46: (name: string, score: string, parts: string) => `${name}: score ${score}, the mean of ${parts}.`,
    tasks: (name: string, score: string, tasks: string) => `${name}: score ${score}, the mean of ${tasks}.`,
    task: (n: number, score: string) => `task ${n} (${score})`,
    aspect: (aspect: string, realisasi: string, target: string, score: string) => `${aspect} ${realisasi} of a target of ${target} (${score})`,
    aspects: { kuantitas: "quantity", kualitas: "quality", waktu: "time", biaya: "cost" } as Record<string, string>,
    achievement: (name: string, score: string, realisasi: string, target: string, percent: string) =>
      `${name}: ${realisasi} achieved of a target of ${target}, ${percent}% achievement, score ${score}.`,
    achievementPercent: (name: string, score: string, percent: string) => `${name}: ${percent}% achievement, score ${score}.`,
    capped: (cap: string) => ` The score is capped at ${cap}.`,
    attendance: (name: string, score: string, days: string) => `${name}: score ${score}, for ${days} days of unexcused absence.`,
    yesno: (name: string, score: string, yes: boolean) => `${name}: ${yes ? "yes" : "no"}, score ${score}.`,
    direct: (name: string, score: string, min: string, max: string) => `${name}: score ${score} (range ${min}–${max}).`,
    axis: (name: string, score: string, count: number) => `${name}: ${score}, the weighted mean of ${count} indicator${count === 1 ? "" : "s"}.`,
    final: (score: string, parts: string) => `Final score: ${score} (${parts}).`,
    finalMean: (score: string) => `Final score: ${score}, the weighted mean of every indicator.`,
    noScore: (name: string) => `${name}: no weighted indicator.`,
    decision: (name: string, value: string) => `${name}: ${value}.`,
    because: (why: string) => ` Based on: ${why}.`,
    byAssessor: (name: string, value: string) => `${name}: ${value}, set by the assessor.`,
    noRow: " No rule matched, so the default applies.",
    calculation: (name: string, value: string) => `${name}: ${value}.`,
    tpp: (percent: string) => `TPP paid: ${percent}%.`,
    training: (topic: string, indicator: string, score: string, below: string | null) =>
      `Training proposed: ${topic}, because the ${indicator} score is ${score}${below === null ? "" : `, below ${below}`}.`,
    outcome: (label: string) => `Follow-up: ${label}.`,
    predikat: (label: string) => `Predikat: ${label}.`,
    adjusted: (what: string, from: string, to: string, by: string, reason: string) =>
      `${what} was changed from ${from} to ${to} by ${by}, because: ${reason}.`,
    empty: "empty",
    yes: "yes",
    no: "no",
    refused: (error: string) => `The appraisal could not be computed: ${error}`,
  },
} as const;

type Words = (typeof W)[Lang];

/** The names a rule set gives to facts, predikat and indicators, looked up once per explanation. */
class Labels {
  private readonly indicators = new Map<string, string>();
  private readonly tables = new Map<string, string>();
  private readonly calculations = new Map<string, string>();

  constructor(
    private readonly ruleSet: LabelSource,
    private readonly lang: Lang,
  ) {
    for (const set of ruleSet.indicatorSets) for (const i of set.indicators) this.indicators.set(i.id, i.name);
    for (const table of ruleSet.decisions) if (table.name) this.tables.set(table.output, table.name);
    for (const calc of ruleSet.calculations) this.calculations.set(calc.id, calc.name);
  }

  /** The input facts that the given rows of table `id` test (a cell other than {}), or null when the table is unknown. */
  testedColumns(id: string, rows: readonly number[]): Set<string> | null {
    const table = this.ruleSet.decisions.find((t) => t.id === id);
    if (!table) return null;
    const tested = new Set<string>();
    for (const index of rows) {
      table.rows[index]?.when.forEach((cell, column) => {
        const fact = table.inputs[column];
        if (fact !== undefined && !(typeof cell === "object" && cell !== null && Object.keys(cell).length === 0)) tested.add(fact);
      });
    }
    return tested.size > 0 ? tested : null;
  }

  indicator(id: string): string {
    return this.indicators.get(id) ?? humanise(id);
  }

  /** A fact's name: built in, the indicator or axis it scores, the table or calculation that sets it, its declared label. */
  fact(name: string): string {
    const builtIn = BUILT_IN_FACTS[this.lang][name];
    if (builtIn) return builtIn;
    const dot = name.indexOf(".");
    const [head, rest] = [name.slice(0, dot), name.slice(dot + 1)];
    if (head === "score" || head === "raw") return AXIS_NAMES[this.lang][rest] ?? this.indicator(rest);
    return this.tables.get(name) ?? this.calculations.get(name) ?? this.ruleSet.facts[name]?.label ?? humanise(name);
  }

  /** A value as words: a predikat's label for a predikat id, other ids humanised, numbers rounded. */
  value(v: unknown): string {
    const w = W[this.lang];
    if (typeof v === "number") return num(v, this.lang);
    if (typeof v === "boolean") return v ? w.yes : w.no;
    if (v === null || v === undefined) return w.empty;
    if (typeof v === "string") return this.ruleSet.predikat.find((p) => p.id === v)?.label ?? humanise(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x)).join(", ");
    return w.empty;
  }
}

function indicatorSentence(step: IndicatorStep, w: Words, lang: Lang): string {
  const i = step.inputs;
  const score = num(step.score, lang);
  switch (step.formula) {
    case "rating.percentOfMax":
    case "rating.linear": {
      const raters = step.raters!;
      const who = raters.sources
        .filter((s) => s.mean !== null)
        .map((s) => `${raterSourceLabel(s.source, lang)} ${num(s.mean!, lang)}`)
        .join(", ");
      const missing = raters.missing.map((s) => raterSourceLabel(s, lang)).join(", ");
      const head = w.rating(step.name, score, num(raters.aggregate, lang), num(i.min as number, lang), num(i.max as number, lang), who);
      return raters.missing.length > 0 ? head + w.missingRaters(missing.charAt(0).toUpperCase() + missing.slice(1)) : head;
    }
    case "pp46.task": {
      const aspects = i.aspects as Record<string, { target: number; realisasi: number; score: number }>;
      const parts = Object.entries(aspects).map(([aspect, a]) =>
        w.aspect(w.aspects[aspect] ?? aspect, num(a.realisasi, lang), num(a.target, lang), num(a.score, lang)),
      );
      const capped = typeof i.cap === "number" && (i.taskScore as number) > i.cap ? w.capped(num(i.cap, lang)) : "";
      return w.pp46(step.name, score, parts.join("; ")) + capped;
    }
    case "tasks.mean": {
      const scores = i.scores as number[];
      const tasks = scores.map((t, k) => w.task(k + 1, num(t, lang))).join("; ");
      const capped = (i.tasks as number[]).some((t) => typeof i.cap === "number" && t > i.cap) ? w.capped(num(i.cap as number, lang)) : "";
      return w.tasks(step.name, score, tasks) + capped;
    }
    case "achievement": {
      const percent = num(i.percent as number, lang);
      const head =
        typeof i.target === "number"
          ? w.achievement(step.name, score, num(i.realisasi as number, lang), num(i.target, lang), percent)
          : w.achievementPercent(step.name, score, percent);
      return typeof i.cap === "number" && (i.percent as number) > i.cap ? head + w.capped(num(i.cap, lang)) : head;
    }
    case "attendance.bands":
      return w.attendance(step.name, score, num(i.days as number, lang));
    case "yesno":
      return w.yesno(step.name, score, i.value as boolean);
    case "score":
      return w.direct(step.name, score, num(i.min as number, lang), num(i.max as number, lang));
  }
}

function axisSentence(step: AxisStep, w: Words, lang: Lang): string {
  const name = AXIS_NAMES[lang][step.axis] ?? humanise(step.axis);
  return step.score === null ? w.noScore(name) : w.axis(name, num(step.score, lang), step.contributions.length);
}

function scoreSentence(step: ScoreStep, w: Words, lang: Lang, labels: Labels): string {
  if (step.score === null) return w.noScore(labels.fact("score"));
  if (step.method === "indicators") return w.finalMean(num(step.score, lang));
  const total = step.contributions.reduce((sum, p) => sum + p.weight, 0);
  const parts = step.contributions
    .map((p) => `${AXIS_NAMES[lang][p.part] ?? p.name} ${num(p.score, lang)} × ${num(total === 0 ? 0 : (p.weight / total) * 100, lang)}%`)
    .join(" + ");
  return w.final(num(step.score, lang), parts);
}

function decisionSentence(step: DecisionStep, w: Words, labels: Labels): string | null {
  if (step.source === "gate") return null;
  const name = step.name ?? labels.fact(step.output);
  const value = labels.value(step.value);
  if (step.source === "assessor") return w.byAssessor(name, value);
  if (step.source === "default") return w.decision(name, value) + w.noRow;
  // The reason names the columns the rows hit test; a column every hit row leaves open ({}) decided nothing.
  const tested = labels.testedColumns(step.table, step.hits.map((h) => h.index));
  const named = Object.entries(step.inputs).filter(([fact]) => tested === null || tested.has(fact));
  const inputs = named.map(([fact, v]) => `${labels.fact(fact)} ${labels.value(v)}`).join(", ");
  const notes = step.hits.map((h) => h.note).filter((n): n is string => Boolean(n));
  const why = notes.length > 0 ? `${inputs} (${notes.join("; ")})` : inputs;
  return w.decision(name, value) + w.because(why);
}

function calculationSentence(step: CalculationStep, w: Words, labels: Labels): string | null {
  return step.applied ? w.calculation(step.name, labels.value(step.value)) : null;
}

/** The threshold a training rule compared the score with, read from its condition trace. */
function threshold(trace: ConditionTrace | null): number | null {
  if (!trace) return null;
  switch (trace.kind) {
    case "fact":
      return typeof trace.value === "number" ? trace.value : null;
    case "all":
    case "any":
      return trace.conditions.map(threshold).find((t) => t !== null) ?? null;
    default:
      return null;
  }
}

function outcomeSentence(step: OutcomeStep, event: NonNullable<OutcomeStep["event"]>, w: Words, lang: Lang, labels: Labels, scores: Record<string, number>): string {
  const p = event.params;
  if (event.type === "tpp" && typeof p.persen === "number") return w.tpp(num(p.persen, lang));
  if (event.type === "pelatihan" && typeof p.topic === "string") {
    const indicator = String(p.indicator ?? "");
    const score = scores[`score.${indicator}`];
    const below = threshold(step.trace);
    return w.training(p.topic, labels.indicator(indicator), score === undefined ? "-" : num(score, lang), below === null ? null : num(below, lang));
  }
  return w.outcome(typeof p.label === "string" ? p.label : humanise(event.type));
}

/**
 * A follow-up in one line, as a list or a spreadsheet cell shows it: the TPP percentage, a training's topic,
 * otherwise the label the rule gives its event (the event type in words when it gives none).
 */
export function outcomeText(event: { type: string; params: Record<string, unknown> }, lang: Lang = "id"): string {
  const p = event.params;
  if (event.type === "tpp" && typeof p.persen === "number") return `TPP ${num(p.persen, lang)}%`;
  if (event.type === "pelatihan" && typeof p.topic === "string") return `${lang === "id" ? "Pelatihan" : "Training"}: ${p.topic}`;
  return typeof p.label === "string" ? p.label : humanise(event.type);
}

/** The TPP percentage a result's follow-ups pay (an outcome of type `tpp` with `persen`), or null. */
export function tppPercent(outcomes: ReadonlyArray<{ type: string; params: Record<string, unknown> }>): number | null {
  const persen = outcomes.find((o) => o.type === "tpp" && typeof o.params.persen === "number")?.params.persen;
  return typeof persen === "number" ? persen : null;
}

/** A fact's name as people read it: an indicator's or table's name, a declared label, the id in words otherwise. */
export function factLabel(ruleSet: LabelSource, fact: string, lang: Lang = "id"): string {
  return new Labels(ruleSet, lang).fact(fact);
}

/** A decision's value as people read it: a predikat's label, another id in words, a number rounded. */
export function valueLabel(ruleSet: LabelSource, value: unknown, lang: Lang = "id"): string {
  return new Labels(ruleSet, lang).value(value);
}

function adjustmentSentence(step: AdjustmentStep, w: Words, labels: Labels): string {
  return w.adjusted(labels.fact(step.fact), labels.value(step.from), labels.value(step.to), step.by, step.reason);
}

/**
 * The explanation as sentences for the employee and the assessor, in the language asked, with the rule set's
 * names for every id. The rule set must be the one the explanation was made with (a result's pinned rules).
 */
export function describeExplanation(explanation: Explanation, ruleSet: LabelSource, lang: Lang = "id"): string[] {
  const w = W[lang];
  const labels = new Labels(ruleSet, lang);
  const scores = explanation.result?.scores ?? {};
  const sentences: string[] = [];
  const add = (sentence: string | null) => {
    if (sentence) sentences.push(sentence);
  };
  for (const step of explanation.steps) {
    switch (step.kind) {
      case "indicatorSet":
        add(w.set(step.name));
        break;
      case "indicator":
        add(indicatorSentence(step, w, lang));
        break;
      case "axis":
        add(axisSentence(step, w, lang));
        break;
      case "score":
        add(scoreSentence(step, w, lang, labels));
        break;
      case "decision":
        add(decisionSentence(step, w, labels));
        break;
      case "calculation":
        add(calculationSentence(step, w, labels));
        break;
      case "outcome": {
        // The event as it fired, its params resolved (a fact's value in place of { fact }).
        if (step.fired && step.event) add(outcomeSentence(step, step.event, w, lang, labels, scores));
        break;
      }
      case "predikat":
        add(w.predikat(step.label));
        break;
      case "adjustment":
        add(adjustmentSentence(step, w, labels));
        break;
    }
  }
  if (explanation.error) add(w.refused(explanation.error));
  return sentences;
}
