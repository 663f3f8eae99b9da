// An explanation as text a BKD admin, an assessor or the employee can read: every step of the data path
// with the numbers it used. Indonesian first (decimal comma), English second.
import type { ConditionTrace } from "../engine/index.js";
import type { Lang, TargetAspect } from "../domain/types.js";
import { raterSourceLabel } from "../ruleset/read.js";
import type {
  AxisStep,
  CalculationStep,
  Contribution,
  DecisionStep,
  Explanation,
  ExplanationStep,
  IndicatorSetStep,
  IndicatorStep,
  OutcomeStep,
  ScoreStep,
} from "./steps.js";

/** A number with `decimals` places (trailing zeros kept when `fixed`), grouped, decimal comma in Indonesian. */
export function formatNumber(value: number, lang: Lang, decimals = 2, fixed = false): string {
  let text = value.toFixed(decimals);
  if (!fixed && text.includes(".")) text = text.replace(/\.?0+$/, "");
  if (text === "-0") text = "0";
  const [whole = "", fraction] = text.split(".");
  const [group, point] = lang === "id" ? [".", ","] : [",", "."];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return fraction === undefined ? grouped : `${grouped}${point}${fraction}`;
}

/** A score: always two decimals (80,00). */
function score(value: number, lang: Lang): string {
  return formatNumber(value, lang, 2, true);
}

/** An input value: up to two decimals, as short as it goes (3,5; 12). */
function num(value: number, lang: Lang): string {
  return formatNumber(value, lang, 2);
}

function percent(share: number, lang: Lang): string {
  return `${num(share * 100, lang)}%`;
}

function value(v: unknown, lang: Lang): string {
  if (typeof v === "number") return num(v, lang);
  if (typeof v === "boolean") return lang === "id" ? (v ? "ya" : "tidak") : v ? "yes" : "no";
  if (v === null || v === undefined) return lang === "id" ? "kosong" : "empty";
  if (typeof v === "string") return `"${v}"`;
  return JSON.stringify(v);
}

const T = {
  id: {
    title: (nama: string, nip: string, rules: string, id: string) => `Penjelasan penilaian ${nama} (NIP ${nip}) menurut aturan "${rules}" (${id})`,
    set: "Set indikator",
    matchedAll: "berlaku untuk semua pegawai",
    matched: "syaratnya terpenuhi",
    notMatched: "tidak cocok",
    tried: "dicoba",
    indicator: "Nilai indikator",
    ratersMean: "rata-rata penilai",
    renormalised: "bobot dibagi ulang di antara penilai yang menilai",
    missing: "tidak menilai",
    weightWord: "bobot",
    onScale: (min: string, max: string) => `skala ${min}–${max}`,
    pp46: "PP 46/2011",
    taskMean: "rata-rata aspek",
    tasks: "rata-rata tugas",
    aspects: { kuantitas: "kuantitas", kualitas: "kualitas", waktu: "waktu", biaya: "biaya" } as Record<TargetAspect, string>,
    cap: "dibatasi",
    achievementOf: "capaian",
    days: (d: string) => `${d} hari tidak masuk tanpa keterangan`,
    band: (max: string | null) => (max === null ? "pita terakhir" : `pita ≤ ${max} hari`),
    direct: (min: string, max: string) => `nilai langsung, rentang ${min}–${max}`,
    yesno: (v: boolean) => (v ? "ya" : "tidak"),
    axis: { hasil_kerja: "Nilai Hasil Kerja", perilaku: "Nilai Perilaku Kerja" },
    noScore: "tidak ada (tidak ada indikator berbobot)",
    final: "Nilai akhir",
    byAxes: "bobot sumbu",
    byIndicators: "rata-rata tertimbang semua indikator",
    table: "Tabel keputusan",
    assessor: "diberikan oleh pejabat penilai (penilaian atasan); tabel tidak dipakai",
    gate: "tabel tidak berlaku (syarat 'when' tidak terpenuhi), memakai nilai bawaan",
    noRow: "tidak ada baris yang cocok, memakai nilai bawaan",
    row: "baris",
    rowsHit: "cocok",
    inputs: "masukan",
    calculation: "Perhitungan",
    notApplied: "tidak berlaku (syarat 'when' tidak terpenuhi)",
    outcome: "Aturan tindak lanjut",
    fired: "terpicu",
    notFired: "tidak terpicu",
    notEvaluated: "tidak dievaluasi",
    all: "semua dari",
    any: "salah satu dari",
    not: "bukan",
    condition: "syarat",
    predikat: "Predikat",
    refused: "Penilaian ditolak",
    adjusted: (fact: string, from: string, to: string, by: string, reason: string) =>
      `Penyesuaian ${fact}: ${from} → ${to} oleh ${by}; alasan: ${reason}`,
  },
  en: {
    title: (nama: string, nip: string, rules: string, id: string) => `Explanation of the appraisal of ${nama} (NIP ${nip}) under "${rules}" (${id})`,
    set: "Indicator set",
    matchedAll: "applies to every employee",
    matched: "its condition holds",
    notMatched: "no match",
    tried: "tried",
    indicator: "Indicator score",
    ratersMean: "raters' mean",
    renormalised: "weights renormalised over the raters present",
    missing: "did not rate",
    weightWord: "weight",
    onScale: (min: string, max: string) => `scale ${min}–${max}`,
    pp46: "PP 46/2011",
    taskMean: "mean of aspects",
    tasks: "mean of tasks",
    aspects: { kuantitas: "quantity", kualitas: "quality", waktu: "time", biaya: "cost" } as Record<TargetAspect, string>,
    cap: "capped at",
    achievementOf: "achievement",
    days: (d: string) => `${d} days of unexcused absence`,
    band: (max: string | null) => (max === null ? "last band" : `band ≤ ${max} days`),
    direct: (min: string, max: string) => `direct score, range ${min}–${max}`,
    yesno: (v: boolean) => (v ? "yes" : "no"),
    axis: { hasil_kerja: "Work results score", perilaku: "Work behaviour score" },
    noScore: "none (no weighted indicator)",
    final: "Final score",
    byAxes: "axis weights",
    byIndicators: "weighted mean of every indicator",
    table: "Decision table",
    assessor: "given by the assessor (judgement); the table was not used",
    gate: "table does not apply (its 'when' does not hold), default used",
    noRow: "no row matched, default used",
    row: "row",
    rowsHit: "matched",
    inputs: "inputs",
    calculation: "Calculation",
    notApplied: "does not apply (its 'when' does not hold)",
    outcome: "Outcome rule",
    fired: "fired",
    notFired: "did not fire",
    notEvaluated: "not evaluated",
    all: "all of",
    any: "any of",
    not: "not",
    condition: "condition",
    predikat: "Predikat",
    refused: "Appraisal refused",
    adjusted: (fact: string, from: string, to: string, by: string, reason: string) =>
      `Adjustment of ${fact}: ${from} → ${to} by ${by}; reason: ${reason}`,
  },
} as const;

type Words = (typeof T)[Lang];

function renderSet(step: IndicatorSetStep, w: Words): string {
  const chosen = step.tried.at(-1);
  const why = chosen?.when ? w.matched : w.matchedAll;
  const tried =
    step.tried.length > 1
      ? `; ${w.tried}: ${step.tried.map((t) => `${t.id} (${t.matched ? (t.when ? w.matched : w.matchedAll) : w.notMatched})`).join(", ")}`
      : "";
  return `${w.set}: ${step.name} (${step.chosen}), ${why}${tried}`;
}

function renderIndicator(step: IndicatorStep, w: Words, lang: Lang): string {
  const head = `${w.indicator} ${step.name}: ${score(step.score, lang)}`;
  const i = step.inputs;
  let detail: string;
  switch (step.formula) {
    case "rating.percentOfMax":
    case "rating.linear": {
      const raters = step.raters!;
      const renormalised = raters.missing.length > 0;
      const parts = raters.sources
        .filter((s) => s.mean !== null)
        .map((s) => {
          const label = raterSourceLabel(s.source, lang);
          const values = s.values.length > 1 ? ` [${s.values.map((v) => num(v, lang)).join("; ")}]` : "";
          const weight = renormalised
            ? `${percent(s.share!, lang)} (${w.weightWord} ${num(s.weight, lang)}%)`
            : percent(s.share!, lang);
          return `${label} ${num(s.mean!, lang)}${values} × ${weight}`;
        });
      const missing = renormalised
        ? `; ${w.missing}: ${raters.missing.map((s) => raterSourceLabel(s, lang)).join(", ")}, ${w.renormalised}`
        : "";
      const min = num(i.min as number, lang);
      const max = num(i.max as number, lang);
      const top = num(typeof i.scoreMax === "number" ? i.scoreMax : 100, lang);
      const formula =
        step.formula === "rating.linear"
          ? `(${num(raters.aggregate, lang)} − ${min}) / (${max} − ${min}) × ${top}`
          : `${num(raters.aggregate, lang)} / ${max} × ${top}`;
      detail = `${w.ratersMean}: ${parts.join(", ")} = ${num(raters.aggregate, lang)}${missing}; ${w.onScale(min, max)}: ${formula}`;
      break;
    }
    case "pp46.task": {
      const aspects = i.aspects as Record<TargetAspect, { target: number; realisasi: number; score: number }>;
      const parts = Object.entries(aspects).map(
        ([aspect, a]) =>
          `${w.aspects[aspect as TargetAspect]} ${num(a.realisasi, lang)}/${num(a.target, lang)} → ${score(a.score, lang)}`,
      );
      const cap = typeof i.cap === "number" && (i.taskScore as number) > i.cap ? `, ${w.cap} ${num(i.cap, lang)}` : "";
      detail = `${w.pp46}: ${parts.join("; ")}; ${w.taskMean} ${score(i.taskScore as number, lang)}${cap}`;
      break;
    }
    case "tasks.mean": {
      const tasks = (i.tasks as number[]).map((t) => score(t, lang)).join("; ");
      const capped = (i.tasks as number[]).some((t) => typeof i.cap === "number" && t > i.cap) ? `, ${w.cap} ${num(i.cap as number, lang)}` : "";
      detail = `${w.tasks}: ${tasks}${capped}`;
      break;
    }
    case "achievement": {
      const from =
        typeof i.target === "number"
          ? `${num(i.realisasi as number, lang)} / ${num(i.target, lang)} × 100 = ${score(i.percent as number, lang)}%`
          : `${score(i.percent as number, lang)}%`;
      const cap = typeof i.cap === "number" && (i.percent as number) > i.cap ? `, ${w.cap} ${num(i.cap, lang)}` : "";
      detail = `${w.achievementOf} ${from}${cap}`;
      break;
    }
    case "attendance.bands":
      detail = `${w.days(num(i.days as number, lang))} → ${w.band(i.maxDays === null ? null : num(i.maxDays as number, lang))}`;
      break;
    case "yesno":
      detail = w.yesno(i.value as boolean);
      break;
    case "score":
      detail = w.direct(num(i.min as number, lang), num(i.max as number, lang));
      break;
  }
  return `${head} (${detail})`;
}

function renderContributions(parts: Contribution[], lang: Lang): string {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  return parts.map((p) => `${p.name} ${score(p.score, lang)} × ${percent(total === 0 ? 0 : p.weight / total, lang)}`).join(" + ");
}

function renderAxis(step: AxisStep, w: Words, lang: Lang): string {
  if (step.score === null) return `${w.axis[step.axis]}: ${w.noScore}`;
  return `${w.axis[step.axis]}: ${score(step.score, lang)} (${renderContributions(step.contributions, lang)})`;
}

function renderScore(step: ScoreStep, w: Words, lang: Lang): string {
  if (step.score === null) return `${w.final}: ${w.noScore}`;
  const how = step.method === "axes" ? w.byAxes : w.byIndicators;
  return `${w.final}: ${score(step.score, lang)} (${how}: ${renderContributions(step.contributions, lang)})`;
}

function renderDecision(step: DecisionStep, w: Words, lang: Lang): string {
  const head = `${w.table} ${step.name ?? step.table}: ${step.output} = ${value(step.value, lang)}`;
  const inputs = Object.entries(step.inputs)
    .map(([fact, v]) => `${fact} = ${value(v, lang)}`)
    .join(", ");
  switch (step.source) {
    case "assessor":
      return `${head} (${w.assessor})`;
    case "gate":
      return `${head} (${w.gate})`;
    case "default":
      return `${head} (${w.inputs}: ${inputs}; ${w.noRow})`;
    case "rows": {
      const hits = step.hits
        .map((h) => `${w.row} ${h.index + 1}${h.note ? ` "${h.note}"` : ""} → ${value(h.then, lang)}`)
        .join("; ");
      return `${head} (${w.inputs}: ${inputs}; ${w.rowsHit}: ${hits})`;
    }
  }
}

function renderCalculation(step: CalculationStep, w: Words, lang: Lang): string {
  const head = `${w.calculation} ${step.name}: ${value(step.value, lang)}`;
  if (!step.applied) return `${head} (${w.notApplied})`;
  const inputs = Object.entries(step.inputs).map(([fact, v]) => `${fact} = ${value(v, lang)}`);
  return inputs.length > 0 ? `${head} (${inputs.join(", ")})` : head;
}

function mark(result: boolean | undefined, w: Words): string {
  return result === undefined ? `(${w.notEvaluated})` : result ? "✓" : "✗";
}

/** A condition trace on one line: each leaf with the fact value it saw and whether it held. */
/** Operators as a reader knows them; decorated chains (e.g. "not:someFact:equal") stay as written. */
const OPERATOR_WORDS: Record<Lang, Record<string, string>> = {
  id: {
    equal: "=",
    notEqual: "≠",
    lessThan: "<",
    lessThanInclusive: "≤",
    greaterThan: ">",
    greaterThanInclusive: "≥",
    in: "salah satu dari",
    notIn: "bukan salah satu dari",
    contains: "memuat",
    doesNotContain: "tidak memuat",
  },
  en: {
    equal: "=",
    notEqual: "≠",
    lessThan: "<",
    lessThanInclusive: "≤",
    greaterThan: ">",
    greaterThanInclusive: "≥",
    in: "one of",
    notIn: "none of",
    contains: "contains",
    doesNotContain: "does not contain",
  },
};

function operatorWord(operator: unknown, lang: Lang): string {
  const name = String(operator);
  return OPERATOR_WORDS[lang][name] ?? name;
}

/** One condition of an outcome rule's trace, in words, with the value each fact had and whether it held. */
export function renderCondition(trace: ConditionTrace, lang: Lang): string {
  const w = T[lang];
  switch (trace.kind) {
    case "fact": {
      const path = typeof trace.path === "string" ? trace.path : "";
      const seen = "factResult" in trace ? ` (${value(trace.factResult, lang)})` : "";
      const compared = "valueResult" in trace && trace.valueResult !== trace.value ? value(trace.valueResult, lang) : value(trace.value, lang);
      return `${String(trace.fact)}${path}${seen} ${operatorWord(trace.operator, lang)} ${compared} ${mark(trace.result, w)}`;
    }
    case "all":
    case "any":
      return `${trace.kind === "all" ? w.all : w.any} [${trace.conditions.map((c) => renderCondition(c, lang)).join("; ")}] ${mark(trace.result, w)}`;
    case "not":
      return `${w.not} (${renderCondition(trace.condition, lang)}) ${mark(trace.result, w)}`;
    case "condition":
      return `${w.condition} "${trace.condition}"${trace.resolved ? ` ${renderCondition(trace.resolved, lang)}` : ` ${mark(trace.result, w)}`}`;
  }
}

function renderOutcome(step: OutcomeStep, w: Words, lang: Lang): string {
  const head = `${w.outcome} "${step.rule}": ${step.fired ? w.fired : w.notFired}`;
  const event = step.event
    ? ` → ${step.event.type}${Object.keys(step.event.params).length > 0 ? ` ${JSON.stringify(step.event.params)}` : ""}`
    : "";
  const why = step.trace ? ` (${renderCondition(step.trace, lang)})` : "";
  return `${head}${event}${why}`;
}

function renderStep(step: ExplanationStep, lang: Lang): string {
  const w = T[lang];
  switch (step.kind) {
    case "indicatorSet":
      return renderSet(step, w);
    case "indicator":
      return renderIndicator(step, w, lang);
    case "axis":
      return renderAxis(step, w, lang);
    case "score":
      return renderScore(step, w, lang);
    case "decision":
      return renderDecision(step, w, lang);
    case "calculation":
      return renderCalculation(step, w, lang);
    case "outcome":
      return renderOutcome(step, w, lang);
    case "predikat":
      return `${w.predikat}: ${step.label} (${step.predikat})`;
    case "adjustment":
      return w.adjusted(step.fact, JSON.stringify(step.from), JSON.stringify(step.to), step.by, step.reason);
  }
}

/** The explanation as numbered lines, in the language asked (Indonesian by default). */
export function renderExplanation(explanation: Explanation, lang: Lang = "id"): string {
  const w = T[lang];
  const lines = [w.title(explanation.nama ?? "?", explanation.nip, explanation.ruleSetName, explanation.ruleSetId)];
  explanation.steps.forEach((step, i) => lines.push(`${i + 1}. ${renderStep(step, lang)}`));
  if (explanation.error) lines.push(`${w.refused}: ${explanation.error}`);
  return lines.join("\n");
}
