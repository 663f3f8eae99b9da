// What a rater's sheet must hold, from the cycle's rule set: the indicators of the employee's indicator set
// that the rater's source rates, each on its scale, and (on the assessor's sheet) the objective values and
// declared facts. Every problem is reported at once, in Indonesian, naming the indicator and what was
// expected, so a rater can fix a whole sheet in one go.
import { TARGET_ASPECTS, type Indicator, type IndicatorSet, type IndicatorValue, type RaterSource, type RuleSet, type Scale } from "@kinerja/core";
import { formatNumber, objectiveIndicators, raterSourceLabel, scaleOf, sourcesOf } from "@kinerja/core";

export interface Sheet {
  source: RaterSource;
  ratings: Record<string, number>;
  values?: Record<string, IndicatorValue>;
  facts?: Record<string, string | number | boolean | null>;
}

const num = (n: number) => formatNumber(n, "id");

function named(indicator: Indicator): string {
  return `indikator "${indicator.id}" (${indicator.name})`;
}

export function describeScale(scale: Scale): string {
  const step = scale.step === undefined ? "" : scale.step === 1 ? ", bilangan bulat" : `, kelipatan ${num(scale.step)}`;
  return `${num(scale.min)}–${num(scale.max)}${step}`;
}

function ratingProblem(indicator: Indicator, scale: Scale, value: number): string | null {
  if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
    return `nilai ${num(value)} untuk ${named(indicator)} di luar skala; yang diharapkan: ${describeScale(scale)}`;
  }
  if (scale.step !== undefined) {
    const k = (value - scale.min) / scale.step;
    if (Math.abs(k - Math.round(k)) > 1e-9) {
      return `nilai ${num(value)} untuk ${named(indicator)} tidak pada langkah skala; yang diharapkan: ${describeScale(scale)}`;
    }
  }
  return null;
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What an objective value must look like for its indicator, or null when it does. */
function valueProblem(indicator: Indicator, value: unknown): string | null {
  const spec = indicator.input;
  const bad = (expected: string) => `nilai ${JSON.stringify(value)} untuk ${named(indicator)} tidak sesuai; yang diharapkan: ${expected}`;
  switch (spec.kind) {
    case "rating":
      return `${named(indicator)} dinilai dengan skala, bukan diisi sebagai nilai objektif; isi di ratings`;
    case "achievement": {
      if (isNumber(value)) return value >= 0 ? null : bad("persentase capaian 0 atau lebih");
      if (isRecord(value) && isNumber(value.target) && isNumber(value.realisasi) && value.target > 0 && value.realisasi >= 0) return null;
      return bad("{ target, realisasi } dengan target lebih dari 0 dan realisasi 0 atau lebih, atau persentase capaian");
    }
    case "target": {
      const aspects = spec.aspects.join(", ");
      if (!isRecord(value) || !isRecord(value.target) || !isRecord(value.realisasi)) return bad(`{ target: { ${aspects} }, realisasi: { ${aspects} } }`);
      const target = value.target;
      const realisasi = value.realisasi;
      const missing = spec.aspects.filter((a) => !isNumber(target[a]) || !isNumber(realisasi[a]));
      if (missing.length > 0) return bad(`angka target dan realisasi untuk aspek ${missing.join(", ")} (aspek yang dipakai: ${aspects})`);
      const unknown = Object.keys({ ...target, ...realisasi }).filter((a) => !(TARGET_ASPECTS as readonly string[]).includes(a));
      if (unknown.length > 0) return bad(`hanya aspek ${TARGET_ASPECTS.join(", ")}; tidak dikenal: ${unknown.join(", ")}`);
      return null;
    }
    case "attendance":
      return isNumber(value) && value >= 0 && Number.isInteger(value) ? null : bad("jumlah hari tidak masuk tanpa keterangan (bilangan bulat 0 atau lebih)");
    case "yesno":
      return typeof value === "boolean" ? null : bad("true (ya) atau false (tidak)");
    case "score":
      return isNumber(value) && value >= spec.min && value <= spec.max ? null : bad(`angka ${num(spec.min)}–${num(spec.max)}`);
  }
}

function factProblem(ruleSet: RuleSet, name: string, value: string | number | boolean | null): string | null {
  const declared = ruleSet.facts[name];
  if (!declared) {
    const known = Object.keys(ruleSet.facts);
    return `fakta "${name}" tidak dideklarasikan aturan wilayah ini; yang ada: ${known.join(", ") || "(tidak ada)"}`;
  }
  if (value === null) return null;
  const label = `fakta "${name}" (${declared.label})`;
  if (declared.type === "boolean") return typeof value === "boolean" ? null : `${label}: yang diharapkan true atau false, bukan ${JSON.stringify(value)}`;
  if (declared.type === "number") {
    if (!isNumber(value)) return `${label}: yang diharapkan angka, bukan ${JSON.stringify(value)}`;
    if ((declared.min !== undefined && value < declared.min) || (declared.max !== undefined && value > declared.max)) {
      return `${label}: ${num(value)} di luar rentang ${declared.min ?? "-∞"}–${declared.max ?? "∞"}`;
    }
    return null;
  }
  if (typeof value !== "string") return `${label}: yang diharapkan teks, bukan ${JSON.stringify(value)}`;
  if (declared.values && !declared.values.includes(value)) return `${label}: "${value}" tidak dikenal; yang boleh: ${declared.values.join(", ")}`;
  return null;
}

/** The rating indicators of the set that the source rates. */
export function ratedBy(ruleSet: RuleSet, set: IndicatorSet, source: RaterSource): Indicator[] {
  return set.indicators.filter((i) => sourcesOf(ruleSet, i).includes(source));
}

/**
 * Every problem of a sheet for an employee of the set. `complete` (a submission, not a draft) also
 * requires every indicator the source rates and, for the assessor, every objective value.
 */
export function sheetProblems(ruleSet: RuleSet, set: IndicatorSet, sheet: Sheet, complete: boolean): string[] {
  const problems: string[] = [];
  const bySetId = new Map(set.indicators.map((i) => [i.id, i]));
  const rated = ratedBy(ruleSet, set, sheet.source);
  const who = raterSourceLabel(sheet.source);
  for (const [id, value] of Object.entries(sheet.ratings)) {
    const indicator = bySetId.get(id);
    if (!indicator) {
      problems.push(`indikator "${id}" tidak ada di set ${set.name} (${set.id}); yang dinilai ${who}: ${rated.map((i) => i.id).join(", ") || "(tidak ada)"}`);
      continue;
    }
    const scale = scaleOf(ruleSet, indicator);
    if (!scale) {
      problems.push(`${named(indicator)} bukan penilaian berskala (jenis ${indicator.input.kind}); isi nilainya di values`);
      continue;
    }
    if (!sourcesOf(ruleSet, indicator).includes(sheet.source)) {
      const by = sourcesOf(ruleSet, indicator).map((s) => raterSourceLabel(s)).join(", ");
      problems.push(`${named(indicator)} tidak dinilai oleh ${who}; penilainya: ${by}`);
      continue;
    }
    const problem = ratingProblem(indicator, scale, value);
    if (problem) problems.push(problem);
  }
  const values = sheet.values ?? {};
  const facts = sheet.facts ?? {};
  if (sheet.source !== "supervisor" && (Object.keys(values).length > 0 || Object.keys(facts).length > 0)) {
    problems.push(`nilai objektif (values) dan fakta (facts) dicatat oleh ${raterSourceLabel("supervisor")}, bukan oleh ${who}`);
  } else {
    for (const [id, value] of Object.entries(values)) {
      const indicator = bySetId.get(id);
      if (!indicator) {
        const objective = objectiveIndicators(set).map((i) => i.id);
        problems.push(`indikator "${id}" tidak ada di set ${set.name} (${set.id}); nilai objektif yang diisi: ${objective.join(", ") || "(tidak ada)"}`);
        continue;
      }
      const problem = valueProblem(indicator, value);
      if (problem) problems.push(problem);
    }
    for (const [name, value] of Object.entries(facts)) {
      const problem = factProblem(ruleSet, name, value);
      if (problem) problems.push(problem);
    }
  }
  if (complete) {
    const unrated = rated.filter((i) => sheet.ratings[i.id] === undefined);
    if (unrated.length > 0) problems.push(`belum dinilai: ${unrated.map(named).join(", ")}`);
    if (sheet.source === "supervisor") {
      const missing = objectiveIndicators(set).filter((i) => values[i.id] === undefined);
      if (missing.length > 0) problems.push(`nilai objektif belum diisi: ${missing.map(named).join(", ")}`);
    }
  }
  return problems;
}
