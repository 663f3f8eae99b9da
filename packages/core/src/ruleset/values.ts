// Whether a value recorded for an appraisal fits what the rule set declares for it, and if not, what was
// expected: a rating on its indicator's scale from a source that rates it, an objective value of its
// indicator's input kind, a declared fact of its type. The API's sheets and the evaluator ask these
// questions here, so a scale, an input kind or a fact declaration is interpreted in one place. Each
// problem is given in Indonesian and English (Texts), naming the indicator or fact and what was expected.
import { TARGET_ASPECTS, type Lang, type RaterSource } from "../domain/types.js";
import { formatNumber } from "../evaluate/explain.js";
import type { Texts } from "./errors.js";
import { objectiveIndicators, raterSourceLabel, ratedBy, scaleOf, sourcesOf } from "./read.js";
import type { Indicator, IndicatorSet, RuleSet, Scale } from "./schema.js";
import { own } from "./own.js";

type Declared = RuleSet["facts"][string];
/** A declared fact's value as an appraisal gives it. */
export type FactValue = string | number | boolean | null;

/** One text per language, each built by `text`. */
function texts(text: (lang: Lang) => string): Texts {
  return { id: text("id"), en: text("en") };
}

const num = (n: number, lang: Lang) => formatNumber(n, lang);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const listed = (ids: string[], lang: Lang) => ids.join(", ") || (lang === "id" ? "(tidak ada)" : "(none)");

/** `indikator "ketepatan" (Ketepatan Waktu)`, as messages name an indicator. */
export function indicatorLabel(indicator: Pick<Indicator, "id" | "name">, lang: Lang = "id"): string {
  return `${lang === "id" ? "indikator" : "indicator"} "${indicator.id}" (${indicator.name})`;
}

/** A scale as a rater reads it: "1–5, bilangan bulat", "0–4, kelipatan 0,5", "0–100". */
export function describeScale(scale: Scale, lang: Lang = "id"): string {
  const { step } = scale;
  const whole = lang === "id" ? "bilangan bulat" : "whole numbers";
  const multiple = (s: number) => (lang === "id" ? `kelipatan ${num(s, lang)}` : `in steps of ${num(s, lang)}`);
  const suffix = step === undefined ? "" : `, ${step === 1 ? whole : multiple(step)}`;
  return `${num(scale.min, lang)}–${num(scale.max, lang)}${suffix}`;
}

/** The values of a scale, when few enough to pick from (1–5, 1–4); null for a wide range. */
export function scaleChoices(scale: Scale): number[] | null {
  const step = scale.step ?? 1;
  const count = Math.floor((scale.max - scale.min) / step) + 1;
  if (count > 11 || count < 2) return null;
  return Array.from({ length: count }, (_, i) => Math.round((scale.min + i * step) * 1000) / 1000);
}

/** Why a rating does not fit its scale: not a finite number, outside min–max, or between two steps. */
export type RatingMisfit = "notNumber" | "outOfScale" | "offStep";

/** How a rating misses its scale, or null when it fits. */
export function ratingMisfit(scale: Scale, value: unknown): RatingMisfit | null {
  if (!isNumber(value)) return "notNumber";
  if (value < scale.min || value > scale.max) return "outOfScale";
  if (scale.step !== undefined) {
    const k = (value - scale.min) / scale.step;
    if (Math.abs(k - Math.round(k)) > 1e-9) return "offStep";
  }
  return null;
}

/**
 * What is wrong with a rating of indicator `id` by `source` for an employee of `set`: an indicator not in
 * the set, one not rated on a scale, one the source does not rate, a value off its scale. Null when it fits.
 */
export function ratingProblem(ruleSet: RuleSet, set: IndicatorSet, source: RaterSource, id: string, value: number): Texts | null {
  const indicator = set.indicators.find((i) => i.id === id);
  if (!indicator) {
    const rated = ratedBy(ruleSet, set, source).map((i) => i.id);
    return texts((lang) =>
      lang === "id"
        ? `indikator "${id}" tidak ada di set ${set.name} (${set.id}); yang dinilai ${raterSourceLabel(source, lang)}: ${listed(rated, lang)}`
        : `indicator "${id}" is not in set ${set.name} (${set.id}); rated by ${raterSourceLabel(source, lang)}: ${listed(rated, lang)}`,
    );
  }
  const scale = scaleOf(ruleSet, indicator);
  if (!scale) {
    return texts((lang) =>
      lang === "id"
        ? `${indicatorLabel(indicator, lang)} bukan penilaian berskala (jenis ${indicator.input.kind}); isi nilainya di values`
        : `${indicatorLabel(indicator, lang)} is not rated on a scale (kind ${indicator.input.kind}); give its value in values`,
    );
  }
  const sources = sourcesOf(ruleSet, indicator);
  if (!sources.includes(source)) {
    return texts((lang) => {
      const by = sources.map((s) => raterSourceLabel(s, lang)).join(", ");
      return lang === "id"
        ? `${indicatorLabel(indicator, lang)} tidak dinilai oleh ${raterSourceLabel(source, lang)}; penilainya: ${by}`
        : `${indicatorLabel(indicator, lang)} is not rated by ${raterSourceLabel(source, lang)}; its raters: ${by}`;
    });
  }
  const misfit = ratingMisfit(scale, value);
  if (misfit === null) return null;
  return texts((lang) => {
    const what = lang === "id" ? `nilai ${num(value, lang)} untuk ${indicatorLabel(indicator, lang)}` : `the value ${num(value, lang)} for ${indicatorLabel(indicator, lang)}`;
    const expected = describeScale(scale, lang);
    if (misfit === "offStep") {
      return lang === "id" ? `${what} tidak pada langkah skala; yang diharapkan: ${expected}` : `${what} is not a step of the scale; expected: ${expected}`;
    }
    return lang === "id" ? `${what} di luar skala; yang diharapkan: ${expected}` : `${what} is outside the scale; expected: ${expected}`;
  });
}

/** What an objective value of the input kind must look like, when `value` does not; null when it does. */
function expectedValue(indicator: Indicator, value: unknown): Texts | null {
  const spec = indicator.input;
  // Several tasks of a target or achievement indicator (PP 46/2011: SKP is the mean over the tasks).
  if (Array.isArray(value) && (spec.kind === "target" || spec.kind === "achievement")) {
    if (value.length === 0) return { id: "paling sedikit satu tugas", en: "at least one task" };
    for (const [i, task] of value.entries()) {
      const expected = expectedValue(indicator, task);
      if (expected) return { id: `tugas ke-${i + 1}: ${expected.id}`, en: `task ${i + 1}: ${expected.en}` };
    }
    return null;
  }
  switch (spec.kind) {
    case "rating":
      return null;
    case "achievement": {
      if (isNumber(value)) return value >= 0 ? null : { id: "persentase capaian 0 atau lebih", en: "an achievement percentage of 0 or more" };
      if (isRecord(value) && isNumber(value.target) && isNumber(value.realisasi) && value.target > 0 && value.realisasi >= 0) return null;
      return {
        id: "{ target, realisasi } dengan target lebih dari 0 dan realisasi 0 atau lebih, atau persentase capaian",
        en: "{ target, realisasi } with a target above 0 and a realisasi of 0 or more, or an achievement percentage",
      };
    }
    case "target": {
      const aspects = spec.aspects.join(", ");
      if (!isRecord(value) || !isRecord(value.target) || !isRecord(value.realisasi)) {
        const shape = `{ target: { ${aspects} }, realisasi: { ${aspects} } }`;
        return { id: shape, en: shape };
      }
      const target = value.target;
      const realisasi = value.realisasi;
      const missing = spec.aspects.filter((a) => !isNumber(target[a]) || !isNumber(realisasi[a])).join(", ");
      if (missing) {
        return {
          id: `angka target dan realisasi untuk aspek ${missing} (aspek yang dipakai: ${aspects})`,
          en: `target and realisasi numbers for the aspects ${missing} (aspects used: ${aspects})`,
        };
      }
      const unknown = Object.keys({ ...target, ...realisasi }).filter((a) => !(TARGET_ASPECTS as readonly string[]).includes(a));
      if (unknown.length > 0) {
        return {
          id: `hanya aspek ${TARGET_ASPECTS.join(", ")}; tidak dikenal: ${unknown.join(", ")}`,
          en: `only the aspects ${TARGET_ASPECTS.join(", ")}; unknown: ${unknown.join(", ")}`,
        };
      }
      return null;
    }
    case "attendance":
      return isNumber(value) && value >= 0 && Number.isInteger(value)
        ? null
        : { id: "jumlah hari tidak masuk tanpa keterangan (bilangan bulat 0 atau lebih)", en: "the days absent without leave (a whole number, 0 or more)" };
    case "yesno":
      return typeof value === "boolean" ? null : { id: "true (ya) atau false (tidak)", en: "true (yes) or false (no)" };
    case "score":
      return isNumber(value) && value >= spec.min && value <= spec.max
        ? null
        : texts((lang) => `${lang === "id" ? "angka" : "a number"} ${num(spec.min, lang)}–${num(spec.max, lang)}`);
  }
}

/**
 * What is wrong with the objective value recorded for indicator `id` of `set`: an indicator not in the set,
 * a rated one, or a value its input kind does not take. Null when it fits.
 */
export function valueProblem(set: IndicatorSet, id: string, value: unknown): Texts | null {
  const indicator = set.indicators.find((i) => i.id === id);
  if (!indicator) {
    const objective = objectiveIndicators(set).map((i) => i.id);
    return texts((lang) =>
      lang === "id"
        ? `indikator "${id}" tidak ada di set ${set.name} (${set.id}); nilai objektif yang diisi: ${listed(objective, lang)}`
        : `indicator "${id}" is not in set ${set.name} (${set.id}); the objective values recorded: ${listed(objective, lang)}`,
    );
  }
  if (indicator.input.kind === "rating") {
    return texts((lang) =>
      lang === "id"
        ? `${indicatorLabel(indicator, lang)} dinilai dengan skala, bukan diisi sebagai nilai objektif; isi di ratings`
        : `${indicatorLabel(indicator, lang)} is rated on a scale, not recorded as an objective value; give it in ratings`,
    );
  }
  const expected = expectedValue(indicator, value);
  if (!expected) return null;
  return texts((lang) =>
    lang === "id"
      ? `nilai ${JSON.stringify(value)} untuk ${indicatorLabel(indicator, lang)} tidak sesuai; yang diharapkan: ${expected.id}`
      : `the value ${JSON.stringify(value)} for ${indicatorLabel(indicator, lang)} does not fit; expected: ${expected.en}`,
  );
}

/** Why a value does not fit its fact's declaration. */
export type FactMisfit = "notNumber" | "outOfRange" | "notBoolean" | "notText" | "unknownValue";

/** How a (non-null) value misses its fact's declaration, or null when it fits. */
export function factMisfit(declared: Declared, value: unknown): FactMisfit | null {
  switch (declared.type) {
    case "number":
      if (!isNumber(value)) return "notNumber";
      return (declared.min !== undefined && value < declared.min) || (declared.max !== undefined && value > declared.max) ? "outOfRange" : null;
    case "boolean":
      return typeof value === "boolean" ? null : "notBoolean";
    case "string":
      if (typeof value !== "string") return "notText";
      return declared.values && !declared.values.includes(value) ? "unknownValue" : null;
  }
}

/**
 * What is wrong with a value given for the fact `name`: a fact the rule set does not declare, one taken
 * `from` a scored fact or counted from history (which the evaluation sets), or a value its declaration does not take. Null fits any
 * declared fact (left empty). Null when it fits.
 */
export function factProblem(ruleSet: Pick<RuleSet, "facts">, name: string, value: FactValue): Texts | null {
  const declared = own(ruleSet.facts, name);
  if (!declared) {
    const known = Object.keys(ruleSet.facts);
    return texts((lang) =>
      lang === "id"
        ? `fakta "${name}" tidak dideklarasikan aturan wilayah ini; yang ada: ${listed(known, lang)}`
        : `fact "${name}" is not declared by this region's rules; declared: ${listed(known, lang)}`,
    );
  }
  if (value === null) return null;
  const { from } = declared;
  if (from !== undefined) {
    // The evaluation sets it from the score and refuses a value given for it.
    return texts((lang) =>
      lang === "id"
        ? `fakta "${name}" (${declared.label}) diambil dari ${from}, jadi tidak diisi langsung; yang diharapkan: kosong`
        : `fact "${name}" (${declared.label}) is taken from ${from}, so it is not given directly; expected: empty`,
    );
  }
  if (declared.consecutiveYears !== undefined) {
    return texts((lang) =>
      lang === "id"
        ? `fakta "${name}" (${declared.label}) dihitung dari riwayat, jadi tidak diisi langsung; yang diharapkan: kosong`
        : `fact "${name}" (${declared.label}) is counted from history, so it is not given directly; expected: empty`,
    );
  }
  const misfit = factMisfit(declared, value);
  if (misfit === null) return null;
  const found = JSON.stringify(value);
  return texts((lang) => {
    const label = `${lang === "id" ? "fakta" : "fact"} "${name}" (${declared.label})`;
    const id = lang === "id";
    switch (misfit) {
      case "notBoolean":
        return id ? `${label}: yang diharapkan true atau false, bukan ${found}` : `${label}: expected true or false, not ${found}`;
      case "notNumber":
        return id ? `${label}: yang diharapkan angka, bukan ${found}` : `${label}: expected a number, not ${found}`;
      case "outOfRange": {
        const range = `${declared.min ?? "-∞"}–${declared.max ?? "∞"}`;
        return id ? `${label}: ${num(value as number, lang)} di luar rentang ${range}` : `${label}: ${num(value as number, lang)} is outside the range ${range}`;
      }
      case "notText":
        return id ? `${label}: yang diharapkan teks, bukan ${found}` : `${label}: expected text, not ${found}`;
      case "unknownValue": {
        const allowed = (declared.values ?? []).join(", ");
        return id ? `${label}: ${found} tidak dikenal; yang boleh: ${allowed}` : `${label}: ${found} is not known; allowed: ${allowed}`;
      }
    }
  });
}
