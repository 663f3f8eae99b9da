// Static checks on a resolved rule set, run before any appraisal: weights that total 100, duplicate or
// dangling ids, facts read before they exist, unknown operators, gaps and overlaps in score bands, rules
// that can never fire, scores asked for above what the rules can give, and test cases that expect what the
// rules cannot give. Pointers refer to the resolved set, whose structure mirrors the rule file's.
import { AXES } from "../domain/types.js";
import { ConditionChecker, isFactValue, namedCondition, neverMessage } from "./check-conditions.js";
import { FactCatalog, Reporter } from "./check-context.js";
import { DecisionChecker } from "./check-decisions.js";
import { checkScaleLabels, checkScoreMaxima } from "./check-maximum.js";
import { pointer, type RuleIssue, type Texts } from "./errors.js";
import { indicatorFactNames } from "./facts.js";
import { ruleSetSizeIssues } from "./limits.js";
import { followUpTypes } from "./read.js";
import type { Expression, Indicator, NestedCondition, RuleSet, Scale } from "./schema.js";
import { didYouMeanTexts, listNamesTexts } from "./suggest.js";

const TOLERANCE = 1e-6;

function total(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  return Number(sum.toFixed(6));
}

/** The weights as listed in a message, "none given" when there are none. */
function parts(entries: Array<[string, number]>): Texts {
  const listed = entries.map(([name, weight]) => `${name} ${weight}`).join(", ");
  return { id: listed || "tidak ada", en: listed || "none given" };
}

function checkWeights(ruleSet: RuleSet, report: Reporter): void {
  const raterEntries = Object.entries(ruleSet.raters.weights).filter((e): e is [string, number] => e[1] !== undefined);
  const raterTotal = total(raterEntries.map(([, w]) => w));
  if (Math.abs(raterTotal - 100) > TOLERANCE) {
    const listed = parts(raterEntries);
    report.error(pointer("raters", "weights"), {
      id: `bobot penilai berjumlah ${raterTotal} (${listed.id}); yang diharapkan: 100`,
      en: `rater weights total ${raterTotal} (${listed.en}), expected 100`,
    });
  }
  const splits: Array<{ axes: NonNullable<RuleSet["axes"]>; at: string }> = [];
  if (ruleSet.axes) splits.push({ axes: ruleSet.axes, at: pointer("axes") });
  ruleSet.axisVariants?.forEach((variant, v) => splits.push({ axes: variant.axes, at: pointer("axisVariants", v, "axes") }));
  for (const { axes, at } of splits) {
    const axisEntries = Object.entries(axes).filter((e): e is [string, number] => e[1] !== undefined);
    const axisTotal = total(axisEntries.map(([, w]) => w));
    if (Math.abs(axisTotal - 100) > TOLERANCE) {
      const listed = parts(axisEntries);
      report.error(at, {
        id: `bobot sumbu berjumlah ${axisTotal} (${listed.id}); yang diharapkan: 100`,
        en: `axis weights total ${axisTotal} (${listed.en}), expected 100`,
      });
    }
  }
  ruleSet.indicatorSets.forEach((set, s) => {
    const at = pointer("indicatorSets", s, "indicators");
    for (const axis of AXES) {
      const members = set.indicators.filter((indicator) => indicator.axis === axis);
      if (!members.length) {
        for (const split of splits) {
          const axisWeight = split.axes[axis];
          if (axisWeight === undefined || axisWeight === 0) continue;
          report.error(at, {
            id:
              `set "${set.id}" tidak punya indikator ${axis}, padahal ${split.at} memberi ${axis} bobot ${axisWeight}; ` +
              `yang diharapkan: paling sedikit satu indikator ${axis} di set ini, atau ${axis}: 0 di ${split.at}`,
            en:
              `set "${set.id}" has no ${axis} indicator, but ${split.at} gives ${axis} a weight of ${axisWeight}; ` +
              `expected at least one ${axis} indicator in this set, or ${axis}: 0 in ${split.at}`,
          });
        }
        continue;
      }
      const sum = total(members.map((m) => m.weight));
      if (Math.abs(sum - 100) > TOLERANCE) {
        const listed = parts(members.map((m) => [m.id, m.weight]));
        report.error(at, {
          id: `indikator ${axis} di set "${set.id}" berjumlah ${sum} (${listed.id}); yang diharapkan: 100`,
          en: `the ${axis} indicators of set "${set.id}" total ${sum} (${listed.en}), expected 100`,
        });
      }
    }
  });
}

/** Axis variants: a condition that can hold, and /axes beside them for when none does. */
function checkAxisVariants(ruleSet: RuleSet, conditions: ConditionChecker, report: Reporter): void {
  ruleSet.axisVariants?.forEach((variant, v) => {
    const at = pointer("axisVariants", v, "when");
    const never = conditions.check(variant.when, at, -1);
    const what = { id: `varian sumbu "${variant.id}" tidak pernah berlaku`, en: `axis variant "${variant.id}" never applies` };
    if (never) report.error(at, neverMessage(what, never, at));
  });
  if (ruleSet.axisVariants?.length && !ruleSet.axes) {
    report.error(pointer("axisVariants"), {
      id: 'ada varian sumbu tetapi tidak ada /axes untuk pegawai yang tidak masuk varian mana pun; yang diharapkan: "axes" di samping "axisVariants"',
      en: 'there are axis variants but no /axes for employees no variant applies to; expected "axes" beside "axisVariants"',
    });
  }
}

/** Reports every item after the first whose key repeats, pointing at the repeated key. */
function checkUnique<T>(
  items: readonly T[],
  key: (item: T) => string,
  at: (index: number) => string,
  what: Texts,
  report: Reporter,
): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, index);
    else {
      report.error(at(index), {
        id: `${what.id} "${k}" ganda (juga di ${at(earlier)}); yang diharapkan: setiap ${what.id} sekali saja`,
        en: `duplicate ${what.en} "${k}" (also at ${at(earlier)}); expected each ${what.en} once`,
      });
    }
  });
}

function checkIds(ruleSet: RuleSet, report: Reporter): void {
  const { indicatorSets, decisions, calculations, predikat, outcomes, tests } = ruleSet;
  checkUnique(indicatorSets, (s) => s.id, (i) => pointer("indicatorSets", i, "id"), { id: "id set indikator", en: "indicator set id" }, report);
  indicatorSets.forEach((set, s) =>
    checkUnique(
      set.indicators,
      (x) => x.id,
      (i) => pointer("indicatorSets", s, "indicators", i, "id"),
      { id: "id indikator", en: "indicator id" },
      report,
    ),
  );
  checkUnique(decisions, (t) => t.id, (i) => pointer("decisions", i, "id"), { id: "id tabel keputusan", en: "decision table id" }, report);
  checkUnique(calculations, (c) => c.id, (i) => pointer("calculations", i, "id"), { id: "id perhitungan", en: "calculation id" }, report);
  checkUnique(predikat, (p) => p.id, (i) => pointer("predikat", i, "id"), { id: "id predikat", en: "predikat id" }, report);
  checkUnique(outcomes, (o) => o.name, (i) => pointer("outcomes", i, "name"), { id: "nama aturan tindak lanjut", en: "outcome rule name" }, report);
  checkUnique(tests, (t) => t.name, (i) => pointer("tests", i, "name"), { id: "nama kasus uji", en: "test name" }, report);
}

function checkScale(scale: Scale, at: string, report: Reporter): void {
  if (scale.min >= scale.max) {
    report.error(`${at}/max`, {
      id: `max skala (${scale.max}) tidak di atas min-nya (${scale.min}); yang diharapkan: max > min`,
      en: `the scale's max (${scale.max}) is not above its min (${scale.min}); expected max > min`,
    });
  }
}

function checkIndicator(ruleSet: RuleSet, indicator: Indicator, at: string, report: Reporter): void {
  if ((AXES as readonly string[]).includes(indicator.id)) {
    const axes = listNamesTexts(AXES);
    report.error(`${at}/id`, {
      id:
        `id indikator "${indicator.id}" juga nama sumbu, sehingga score.${indicator.id} bermakna ganda; ` +
        `yang diharapkan: id selain ${axes.id}`,
      en:
        `indicator id "${indicator.id}" is also an axis name, so score.${indicator.id} would mean two things; ` +
        `expected an id other than ${axes.en}`,
    });
  }
  const { input } = indicator;
  if (input.kind === "rating") {
    if (typeof input.scale === "string") {
      const names = Object.keys(ruleSet.scales);
      if (!names.includes(input.scale)) {
        const listed = listNamesTexts(names);
        const hint = didYouMeanTexts(input.scale, names);
        report.error(`${at}/input/scale`, {
          id:
            `skala "${input.scale}" tidak dikenal${hint.id}; yang diharapkan: ` +
            (names.length ? `salah satu skala di /scales: ${listed.id}` : "skala yang dideklarasikan di /scales (belum ada), atau objek skala di sini"),
          en:
            `unknown scale "${input.scale}"${hint.en}; expected ` +
            (names.length ? `one of the scales in /scales: ${listed.en}` : "a scale declared in /scales (there are none), or a scale object here"),
        });
      }
    } else {
      checkScale(input.scale, `${at}/input/scale`, report);
      checkScaleLabels(input.scale, `${at}/input/scale`, report);
    }
  }
  if (input.kind === "attendance") {
    input.bands.forEach((band, b) => {
      const last = b === input.bands.length - 1;
      const where = `${at}/input/bands/${b}/maxDays`;
      const previous = input.bands[b - 1]?.maxDays;
      if (last && band.maxDays !== null) {
        report.error(where, {
          id:
            `pita terakhir punya maxDays ${band.maxDays}, sehingga jumlah hari yang lebih dari itu tidak mendapat skor; ` +
            "yang diharapkan: null (semua jumlah hari sisanya)",
          en: `the last band has maxDays ${band.maxDays}, so more days than that get no score; expected null (every remaining day count)`,
        });
      }
      if (!last && band.maxDays === null) {
        report.error(where, {
          id: "hanya pita terakhir yang boleh punya maxDays null; yang diharapkan: jumlah hari di sini",
          en: "only the last band may have maxDays null, expected a number of days here",
        });
      }
      if (band.maxDays !== null && previous !== undefined && previous !== null && band.maxDays <= previous) {
        report.error(where, {
          id: `maxDays ${band.maxDays} tidak melebihi ${previous} pada pita sebelumnya; yang diharapkan: pita berurutan naik menurut maxDays`,
          en: `maxDays ${band.maxDays} does not follow ${previous} of the band before; expected bands in ascending order of maxDays`,
        });
      }
    });
  }
  if (indicator.raters) {
    if (input.kind !== "rating") {
      report.warning(`${at}/raters`, {
        id: `raters hanya berlaku untuk masukan rating, dan masukan ini "${input.kind}"; yang diharapkan: tanpa raters di sini`,
        en: `raters apply only to rating inputs, and this input is "${input.kind}"; expected no raters here`,
      });
    }
    const own = indicator.raterWeights;
    const weights = own ?? ruleSet.raters.weights;
    const where = own ? `${at}/raterWeights` : "/raters/weights";
    const weighted = Object.entries(weights).flatMap(([source, w]) => (w ? [source] : []));
    const listed = listNamesTexts(weighted);
    indicator.raters.forEach((source, r) => {
      if (!weighted.includes(source)) {
        report.error(`${at}/raters/${r}`, {
          id: `penilai "${source}" tidak punya bobot di ${where}; yang diharapkan: salah satu sumber yang punya bobot: ${listed.id}`,
          en: `rater "${source}" has no weight in ${where}; expected one of the sources with a weight: ${listed.en}`,
        });
      }
    });
  }
  if (indicator.raterWeights) {
    const entries = Object.entries(indicator.raterWeights).filter((e): e is [string, number] => e[1] !== undefined);
    const sum = total(entries.map(([, w]) => w));
    if (Math.abs(sum - 100) > TOLERANCE) {
      const listed = parts(entries);
      report.error(`${at}/raterWeights`, {
        id: `bobot penilai indikator ini berjumlah ${sum} (${listed.id}); yang diharapkan: 100`,
        en: `rater weights of this indicator total ${sum} (${listed.en}), expected 100`,
      });
    }
    if (input.kind !== "rating") {
      report.warning(`${at}/raterWeights`, {
        id: `bobot penilai hanya berlaku untuk masukan rating, dan masukan ini "${input.kind}"; yang diharapkan: tanpa bobot penilai di sini`,
        en: `rater weights apply only to rating inputs, and this input is "${input.kind}"; expected none here`,
      });
    }
  }
}

function checkIndicatorSets(ruleSet: RuleSet, conditions: ConditionChecker, report: Reporter): void {
  for (const [name, scale] of Object.entries(ruleSet.scales)) {
    checkScale(scale, pointer("scales", name), report);
    checkScaleLabels(scale, pointer("scales", name), report);
  }
  ruleSet.indicatorSets.forEach((set, s) => {
    const at = pointer("indicatorSets", s);
    set.indicators.forEach((indicator, i) => checkIndicator(ruleSet, indicator, `${at}/indicators/${i}`, report));
    if (set.when) {
      const never = conditions.check(set.when, `${at}/when`, -1);
      const what = { id: `set "${set.id}" tidak pernah terpilih`, en: `set "${set.id}" is never chosen` };
      if (never) report.error(`${at}/when`, neverMessage(what, never, `${at}/when`));
    }
    const catchAll = ruleSet.indicatorSets.findIndex((other, k) => k < s && !other.when);
    if (catchAll >= 0) {
      report.warning(at, {
        id:
          `set "${set.id}" tidak pernah terpilih: /indicatorSets/${catchAll} tidak punya "when", sehingga mengambil setiap pegawai lebih dulu; ` +
          'yang diharapkan: set dengan "when" sebelum set tanpa "when"',
        en:
          `set "${set.id}" is never chosen: /indicatorSets/${catchAll} has no "when", so it takes every employee first; ` +
          'expected sets with a "when" before the one without',
      });
    }
  });
}

/** Declared facts: values consistent with their type, and no name the evaluation computes itself. */
function checkDeclaredFacts(ruleSet: RuleSet, report: Reporter): void {
  const computed = new Map<string, Texts>([
    ["score", { id: "skor akhir", en: "the final score" }],
    ["indicatorSet", { id: "set indikator yang terpilih", en: "the chosen indicator set" }],
  ]);
  for (const axis of AXES) computed.set(`score.${axis}`, { id: `skor sumbu ${axis}`, en: `the ${axis} axis score` });
  for (const set of ruleSet.indicatorSets) {
    for (const indicator of set.indicators) {
      const source = { id: `indikator "${indicator.id}"`, en: `indicator "${indicator.id}"` };
      for (const name of indicatorFactNames(indicator.id)) computed.set(name, source);
    }
  }
  // What a `from` may name: facts that exist once indicators are scored, before any decision table.
  const scored = new Set([...computed.keys()].filter((name) => name !== "indicatorSet"));
  ruleSet.calculations.forEach((calc, j) =>
    computed.set(calc.id, { id: `perhitungan /calculations/${j}`, en: `calculation /calculations/${j}` }),
  );
  for (const [name, fact] of Object.entries(ruleSet.facts)) {
    const at = pointer("facts", name);
    const source = computed.get(name);
    if (source) {
      report.error(at, {
        id: `fakta "${name}" dihitung dari ${source.id}, sehingga penilaian tidak bisa memberikannya; yang diharapkan: nama masukan yang tidak dihitung apa pun`,
        en: `fact "${name}" is computed from ${source.en}, so an appraisal cannot give it; expected a name for an input that nothing computes`,
      });
    }
    if (fact.from !== undefined && !scored.has(fact.from)) {
      const hint = didYouMeanTexts(fact.from, scored);
      report.error(`${at}/from`, {
        id:
          `"${fact.from}" bukan fakta hasil penskoran${hint.id}; ` +
          "yang diharapkan: fakta indikator (score.<id>, raw.<id>, rating.<id>.<source>) atau skor sumbu",
        en:
          `"${fact.from}" is not a fact that scoring gives${hint.en}; ` +
          "expected an indicator fact (score.<id>, raw.<id>, rating.<id>.<source>) or an axis score",
      });
    }
    if (fact.consecutiveYears !== undefined) checkConsecutiveYears(ruleSet, at, fact, report);
    if (fact.min !== undefined && fact.max !== undefined && fact.min > fact.max) {
      report.error(`${at}/max`, {
        id: `max ${fact.max} di bawah min ${fact.min}; yang diharapkan: max ≥ min`,
        en: `max ${fact.max} is below min ${fact.min}; expected max ≥ min`,
      });
    }
    if (fact.values && fact.type !== "string") {
      report.error(`${at}/values`, {
        id: `values hanya berlaku untuk fakta string, dan fakta ini ${fact.type}; yang diharapkan: tanpa values, atau "type": "string"`,
        en: `values apply to string facts, and this fact is a ${fact.type}; expected no values, or "type": "string"`,
      });
    }
    const value = fact.default;
    if (value === undefined || value === null) continue;
    if (typeof value !== fact.type) {
      report.error(`${at}/default`, {
        id: `default ${JSON.stringify(value)} bukan ${fact.type}; yang diharapkan: ${fact.type}, sesuai "type"`,
        en: `default ${JSON.stringify(value)} is not a ${fact.type}; expected a ${fact.type}, as "type" says`,
      });
    } else if (fact.values && !fact.values.includes(String(value))) {
      const listed = listNamesTexts(fact.values);
      report.error(`${at}/default`, {
        id: `default ${JSON.stringify(value)} bukan salah satu values fakta ini; yang diharapkan: salah satu dari ${listed.id}`,
        en: `default ${JSON.stringify(value)} is not one of the fact's values; expected one of ${listed.en}`,
      });
    }
  }
}

/** Named conditions that refer to themselves would never finish evaluating. */
function checkConditionCycles(ruleSet: RuleSet, report: Reporter): void {
  const references = (condition: NestedCondition): string[] => {
    if ("all" in condition) return condition.all.flatMap(references);
    if ("any" in condition) return condition.any.flatMap(references);
    if ("not" in condition) return references(condition.not);
    if ("condition" in condition) return [condition.condition];
    return [];
  };
  const reported = new Set<string>();
  const walk = (name: string, chain: string[]): void => {
    const condition = namedCondition(ruleSet, name);
    if (!condition) return;
    const start = chain.indexOf(name);
    if (start >= 0) {
      const cycle = chain.slice(start);
      const key = [...cycle].sort().join("\u0000");
      if (!reported.has(key)) {
        reported.add(key);
        const chain = [...cycle, name].join(" → ");
        report.error(pointer("conditions", name), {
          id: `syarat "${name}" merujuk kembali ke dirinya sendiri (${chain}); yang diharapkan: syarat yang tidak merujuk ke dirinya sendiri`,
          en: `condition "${name}" refers back to itself (${chain}); expected conditions that do not refer to themselves`,
        });
      }
      return;
    }
    for (const next of new Set(references(condition))) walk(next, [...chain, name]);
  };
  for (const name of Object.keys(ruleSet.conditions)) walk(name, []);
}

function checkExpression(expression: Expression, at: string, order: number, conditions: ConditionChecker): void {
  if (typeof expression === "number") return;
  if ("fact" in expression) {
    conditions.checkFact(expression.fact, `${at}/fact`, order);
    return;
  }
  for (const [op, args] of Object.entries(expression) as Array<[string, Expression[]]>) {
    args.forEach((arg, i) => checkExpression(arg, `${at}/${op}/${i}`, order, conditions));
  }
}

function checkCalculations(ruleSet: RuleSet, catalog: FactCatalog, conditions: ConditionChecker, report: Reporter): void {
  ruleSet.calculations.forEach((calc, j) => {
    const at = pointer("calculations", j);
    const order = catalog.calculationOrder(j);
    checkExpression(calc.expression, `${at}/expression`, order, conditions);
    if (calc.when) {
      const never = conditions.check(calc.when, `${at}/when`, order);
      const what = { id: `perhitungan "${calc.id}" tidak pernah berlaku`, en: `calculation "${calc.id}" never applies` };
      if (never) report.error(`${at}/when`, neverMessage(what, never, `${at}/when`));
    }
  });
}

function checkOutcomes(ruleSet: RuleSet, conditions: ConditionChecker, report: Reporter): void {
  for (const name of Object.keys(ruleSet.conditions)) conditions.checkNamed(name);
  ruleSet.outcomes.forEach((rule, k) => {
    const at = pointer("outcomes", k);
    const never = conditions.check(rule.conditions, `${at}/conditions`, Infinity);
    const what = { id: `aturan tindak lanjut "${rule.name}" tidak pernah terpicu`, en: `outcome rule "${rule.name}" can never fire` };
    if (never) report.error(at, neverMessage(what, never, `${at}/conditions`));
    for (const [key, value] of Object.entries(rule.event.params ?? {})) {
      if (!isFactValue(value)) continue;
      const paramAt = `${at}/event/params/${pointer(key).slice(1)}`;
      conditions.checkFact(value.fact, `${paramAt}/fact`, Infinity);
      if (Object.hasOwn(value, "path")) conditions.checkPath(value.path, `${paramAt}/path`);
    }
  });
}

function checkTests(ruleSet: RuleSet, catalog: FactCatalog, report: Reporter): void {
  const predikatIds = ruleSet.predikat.map((p) => p.id);
  const setIds = ruleSet.indicatorSets.map((s) => s.id);
  const events = new Set(followUpTypes(ruleSet));
  const predikatNames = listNamesTexts(predikatIds);
  const setNames = listNamesTexts(setIds);
  const eventNames = listNamesTexts(events);
  ruleSet.tests.forEach((test, t) => {
    const at = pointer("tests", t, "expect");
    const { predikat, computedPredikat, indicatorSet, outcomes, notOutcomes, facts } = test.expect;
    const named: Array<[string, string | undefined]> = [
      [`${at}/predikat`, predikat],
      [`${at}/computedPredikat`, computedPredikat],
      [pointer("tests", t, "judgement", "predikat"), test.judgement?.predikat],
    ];
    for (const [where, value] of named) {
      if (value === undefined || predikatIds.includes(value)) continue;
      const hint = didYouMeanTexts(value, predikatIds);
      report.error(where, {
        id: `"${value}" bukan predikat yang dideklarasikan${hint.id}; yang diharapkan: salah satu dari ${predikatNames.id}`,
        en: `"${value}" is not a declared predikat${hint.en}; expected one of ${predikatNames.en}`,
      });
    }
    if ((test.judgement !== undefined || computedPredikat !== undefined) && test.periods === undefined) {
      report.error(pointer("tests", t), {
        id: "judgement dan expect.computedPredikat hanya untuk kasus tahunan dari periode: tambahkan periods (masukan tiap periode)",
        en: "judgement and expect.computedPredikat are only for a year rolled up from periods: add periods (each period's input)",
      });
    }
    if (indicatorSet !== undefined && !setIds.includes(indicatorSet)) {
      const hint = didYouMeanTexts(indicatorSet, setIds);
      report.error(`${at}/indicatorSet`, {
        id: `"${indicatorSet}" bukan set indikator${hint.id}; yang diharapkan: salah satu dari ${setNames.id}`,
        en: `"${indicatorSet}" is not an indicator set${hint.en}; expected one of ${setNames.en}`,
      });
    }
    for (const [key, list] of [["outcomes", outcomes], ["notOutcomes", notOutcomes]] as const) {
      list?.forEach((type, i) => {
        if (events.has(type)) return;
        const hint = didYouMeanTexts(type, events);
        report.error(`${at}/${key}/${i}`, {
          id:
            `tidak ada aturan tindak lanjut yang memancarkan "${type}"${hint.id}; yang diharapkan: ` +
            (events.size ? `salah satu jenis event dari aturan tindak lanjut: ${eventNames.id}` : "jenis event suatu aturan tindak lanjut (belum ada)"),
          en:
            `no outcome rule emits "${type}"${hint.en}; expected ` +
            (events.size ? `one of the event types the outcome rules emit: ${eventNames.en}` : "an event type of some outcome rule (there are none)"),
        });
      });
    }
    for (const name of Object.keys(facts ?? {})) {
      const problem = catalog.problem(name, Infinity);
      if (problem) report.error(`${at}/facts/${pointer(name).slice(1)}`, problem);
    }
  });
}

/** Every problem the static checks find in a resolved rule set, errors and warnings. */
/** A panel that decides appeals must name someone: members by NIP or account roles. */
function checkAppeals(ruleSet: RuleSet, report: Reporter): void {
  const { fallback, panel } = ruleSet.workflow.appeals;
  if (fallback !== "panel" || (panel.members ?? []).length > 0 || (panel.roles ?? []).length > 0) return;
  report.error(pointer("workflow", "appeals", "panel"), {
    id: `workflow.appeals.fallback "panel" memutus keberatan lewat panel "${panel.name}", tetapi panel itu tidak punya anggota; yang diharapkan: members (NIP) atau roles (mis. ["admin"])`,
    en: `workflow.appeals.fallback "panel" has the panel "${panel.name}" decide appeals, but it has no members; expected members (NIPs) or roles (e.g. ["admin"])`,
  });
}

/**
 * The static checks of a resolved rule set: unknown facts, operators and conditions, weights, tables that
 * cannot decide, predikat and workflow settings. Returns errors and warnings, each with the file and JSON pointer.
 */
export function checkRuleSet(ruleSet: RuleSet, file = ruleSet.sources.at(-1) ?? ruleSet.id): RuleIssue[] {
  // The checks below follow named conditions recursively, and `extends` may have joined conditions that
  // refer to one another from several files: a set past the limits is refused before they run.
  const tooLarge = ruleSetSizeIssues(ruleSet, file);
  if (tooLarge.length) return tooLarge;
  const report = new Reporter(file);
  const catalog = new FactCatalog(ruleSet);
  const conditions = new ConditionChecker(ruleSet, catalog, report);
  checkWeights(ruleSet, report);
  checkAppeals(ruleSet, report);
  checkIds(ruleSet, report);
  checkIndicatorSets(ruleSet, conditions, report);
  checkAxisVariants(ruleSet, conditions, report);
  checkDeclaredFacts(ruleSet, report);
  checkConditionCycles(ruleSet, report);
  new DecisionChecker(ruleSet, catalog, conditions, report).checkAll();
  checkScoreMaxima(ruleSet, report);
  checkCalculations(ruleSet, catalog, conditions, report);
  checkOutcomes(ruleSet, conditions, report);
  checkTests(ruleSet, catalog, report);
  return report.issues;
}

/** A fact counted from history: a number of years, of predikat the rule set has, and nothing else sets it. */
function checkConsecutiveYears(ruleSet: RuleSet, at: string, fact: RuleSet["facts"][string], report: Reporter): void {
  if (fact.type !== "number") {
    report.error(`${at}/type`, {
      id: `fakta consecutiveYears menghitung tahun, jadi bertipe number, bukan ${fact.type}; yang diharapkan: "type": "number"`,
      en: `a consecutiveYears fact counts years, so its type is number, not ${fact.type}; expected "type": "number"`,
    });
  }
  if (fact.from !== undefined) {
    report.error(`${at}/from`, {
      id: 'fakta ini dihitung dari riwayat (consecutiveYears), jadi tidak juga diambil dari fakta lain; yang diharapkan: from atau consecutiveYears, bukan keduanya',
      en: "this fact is counted from history (consecutiveYears), so it is not also taken from another fact; expected from or consecutiveYears, not both",
    });
  }
  if (fact.default !== undefined) {
    report.error(`${at}/default`, {
      id: "fakta yang dihitung dari riwayat selalu punya nilai (0 tanpa riwayat), jadi default tidak dipakai; yang diharapkan: tanpa default",
      en: "a fact counted from history always has a value (0 without history), so a default is never used; expected no default",
    });
  }
  const known = ruleSet.predikat.map((p) => p.id);
  fact.consecutiveYears!.predikat.forEach((id, i) => {
    if (known.includes(id)) return;
    const hint = didYouMeanTexts(id, known);
    report.error(`${at}/consecutiveYears/predikat/${i}`, {
      id: `predikat "${id}" tidak ada di /predikat${hint.id}; yang diharapkan: salah satu dari ${known.join(", ")}`,
      en: `predikat "${id}" is not in /predikat${hint.en}; expected one of ${known.join(", ")}`,
    });
  });
}
