// Realistic, deterministic appraisal inputs for any region: employees with valid NIPs placed in the
// region's units and posts, rater scores with each supervisor's leniency or severity, objective
// inputs per indicator kind, attendance, declared facts and history. Driven only by the rule set
// and the region's profile, and yielded one at a time so a million appraisals need flat memory.
import type { AppraisalInput, Employee, IndicatorValue, RaterRatings, RaterSource } from "../domain/types.js";
import { compileRuleSet } from "../evaluate/compile.js";
import { isGivenFact } from "../ruleset/facts.js";
import { ratersOf } from "../ruleset/raters.js";
import { scaleOf, sourcesOf } from "../ruleset/read.js";
import type { Indicator, RuleSet, Scale } from "../ruleset/schema.js";
import { FAMILY_NAMES, GIVEN_NAMES } from "./names.js";
import type { DemoPost, DemoProfile, DemoUnit } from "./profile.js";
import { seededRandom, type Random } from "./random.js";

/** How many demo appraisals, from which seed. */
export interface DemoOptions {
  size: number;
  seed: number;
  /** Appraisal year; history covers the two years before it. */
  year?: number;
}

/** The most demo appraisals generateDemo makes in one run. */
export const DEMO_MAX_SIZE = 1_000_000;
const BIRTH_DAY_SPAN = 12_000; // days from 1966-01-01: birth dates up to 1998
const BIRTH_DAY_STEP = 7_919; // prime, coprime with the span: a bijection that spreads birth dates
const PEERS_PER_EMPLOYEE = 3;
const TEAM_SIZE = 12;

interface Rater {
  nip: string;
  /** Leniency (positive) or severity (negative), in standard deviations of a rating. */
  bias: number;
}

interface UnitState {
  unit: DemoUnit;
  head: Rater | null;
  members: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function makeNip(index: number, seed: number, year: number, random: Random): { nip: string; birthYear: number } {
  const sequence = (index % 999) + 1;
  // A run's groups are consecutive and fewer than the span, so birth dates (and NIPs) never repeat within
  // a run; the seed shifts them so that runs with other seeds (other regions) get other NIPs.
  const group = Math.floor(index / 999) + ((seed >>> 0) * 1_009) % BIRTH_DAY_SPAN;
  const dayOffset = (group * BIRTH_DAY_STEP) % BIRTH_DAY_SPAN;
  const birth = new Date(Date.UTC(1966, 0, 1 + dayOffset));
  const birthYear = birth.getUTCFullYear();
  const startYear = Math.min(year - 1, birthYear + random.int(21, 35));
  const sex = random.chance(0.5) ? "1" : "2";
  const nip =
    pad(birthYear, 4) +
    pad(birth.getUTCMonth() + 1, 2) +
    pad(birth.getUTCDate(), 2) +
    pad(startYear, 4) +
    pad(random.int(1, 12), 2) +
    sex +
    pad(sequence, 3);
  return { nip, birthYear };
}

function rate(scale: Scale, ability: number, bias: number, random: Random): number {
  // Ratings in practice sit above the middle of a scale: most civil servants are rated as meeting
  // expectations, fewer above, few below.
  const centre = scale.min + (scale.max - scale.min) * 0.74;
  const spread = (scale.max - scale.min) / 7;
  const raw = centre + (ability + bias + random.normal() * 0.4) * spread;
  const step = scale.step ?? 1;
  const stepped = Math.round(raw / step) * step;
  return Math.min(scale.max, Math.max(scale.min, Number(stepped.toFixed(2))));
}

function objectiveValue(indicator: Indicator, ability: number, random: Random): IndicatorValue | null {
  const input = indicator.input;
  switch (input.kind) {
    case "rating":
      return null;
    case "target": {
      const target = { kuantitas: random.int(4, 60), kualitas: 100, waktu: 12, biaya: random.int(10, 200) * 1_000_000 };
      const level = 0.97 + ability * 0.05 + random.normal() * 0.03;
      const realisasi = {
        kuantitas: Math.max(0, Math.round(target.kuantitas * level)),
        kualitas: Math.min(100, Math.max(40, Math.round(93 + ability * 5 + random.normal() * 3))),
        waktu: Math.max(6, Math.min(14, Math.round(12 - ability + random.normal()))),
        biaya: Math.round(target.biaya * Math.min(1.1, Math.max(0.7, 1 - ability * 0.05))),
      };
      const pickAspects = <T extends Record<string, number>>(values: T) =>
        Object.fromEntries(input.aspects.map((aspect) => [aspect, values[aspect]]));
      return { target: pickAspects(target), realisasi: pickAspects(realisasi) };
    }
    case "achievement":
      return { target: 100, realisasi: Math.max(0, Math.round(96 + ability * 6 + random.normal() * 3)) };
    case "attendance": {
      // Days of unexcused absence in the period: most have none, a few have many.
      const roll = random.next() - Math.max(-0.1, Math.min(0.1, ability * 0.05));
      if (roll < 0.82) return 0;
      if (roll < 0.93) return random.int(1, 3);
      if (roll < 0.99) return random.int(4, 10);
      return random.int(11, 30);
    }
    case "yesno":
      return ability + random.normal() * 0.5 > 0.8;
    case "score":
      return Math.min(input.max, Math.max(input.min, Math.round(82 + ability * 8 + random.normal() * 4)));
  }
}

function historyPredikat(ruleSet: RuleSet, ability: number, random: Random): string {
  const ids = ruleSet.predikat.map((p) => p.id);
  // Best first: able employees sit near the top of the list.
  const position = Math.round((1 - Math.tanh(ability + random.normal() * 0.6)) * 0.8 * (ids.length - 1) * 0.6);
  return ids[Math.min(ids.length - 1, Math.max(0, position))] ?? ids[0] ?? "baik";
}

function declaredFacts(ruleSet: RuleSet, ability: number, random: Random): Record<string, string | number | boolean> {
  const decided = new Set(ruleSet.decisions.map((d) => d.output));
  const facts: Record<string, string | number | boolean> = {};
  for (const [name, fact] of Object.entries(ruleSet.facts)) {
    // Outputs of decision tables are left to the tables (an assessor's judgement may override them), and
    // facts taken from a scored fact or counted from history are the evaluation's to set.
    if (decided.has(name) || !isGivenFact(fact)) continue;
    if (fact.type === "boolean") facts[name] = ability + random.normal() * 0.5 > 1.3;
    else if (fact.type === "number") {
      const min = fact.min ?? 0;
      const max = fact.max ?? Math.max(min + 10, 30);
      facts[name] = random.chance(0.8) ? min : random.int(min, Math.min(max, min + 15));
    } else if (fact.values && fact.values.length > 0) facts[name] = random.pick(fact.values);
  }
  return facts;
}

function postsFor(profile: DemoProfile, unit: DemoUnit): DemoPost[] {
  const posts = profile.posts.filter((p) => p.unitTypes.length === 0 || p.unitTypes.includes(unit.type));
  if (posts.length === 0) throw new Error(`demo profile ${profile.region.id}: no post fits unit type "${unit.type}"`);
  return posts;
}

/**
 * Yields `size` appraisal inputs for the region; the same seed gives the same inputs. The rule set must be
 * usable (compileRuleSet throws RuleSetError otherwise).
 */
export function* generateDemo(ruleSet: RuleSet, profile: DemoProfile, options: DemoOptions): Generator<AppraisalInput> {
  const { size, seed } = options;
  const year = options.year ?? 2025;
  if (!Number.isInteger(size) || size < 1 || size > DEMO_MAX_SIZE) {
    throw new RangeError(`demo size must be a whole number from 1 to ${DEMO_MAX_SIZE}, got ${size}`);
  }
  const random = seededRandom(seed);
  const units = new Map<string, UnitState>(profile.units.map((u) => [u.id, { unit: u, head: null, members: 0 }]));
  // Each employee gets inputs for the indicators of the set the rule set chooses for them, rated by the
  // sources each indicator names (its own raterWeights included), and nothing else.
  const selector = compileRuleSet(ruleSet);
  const sourcesOfSet = new Map<string, RaterSource[]>(
    ruleSet.indicatorSets.map((set) => [set.id, [...new Set(set.indicators.flatMap((i) => sourcesOf(ruleSet, i)))]]),
  );
  const period = { kind: ruleSet.period?.kind ?? "annual", label: String(year), months: 12 } as const;

  for (let index = 0; index < size; index++) {
    const state = random.pickWeighted([...units.values()], (s) => s.unit.size);
    const { unit } = state;
    const posts = postsFor(profile, unit);
    const isHead = state.head === null || state.members % TEAM_SIZE === 0;
    const structural = posts.filter((p) => p.jenisJabatan === "struktural");
    const post =
      isHead && structural.length > 0
        ? random.pick(structural)
        : random.pickWeighted(posts.filter((p) => p.jenisJabatan !== "struktural").concat(), (p) => p.share);
    const { nip } = makeNip(index, seed, year, random);
    const ability = random.normal();
    const employee: Employee = {
      nip,
      nama: `${random.pick(GIVEN_NAMES)} ${random.pick(FAMILY_NAMES)}`,
      jabatan: post.jabatan,
      jenisJabatan: post.jenisJabatan,
      golongan: random.pick(post.golongan),
      unit: unit.id,
      unitType: unit.type,
      status: random.chance(0.85) ? "PNS" : "PPPK",
      ...(post.jenjang ? { jenjang: post.jenjang } : {}),
      attributes: { ...(post.attributes ?? {}), ...(state.head ? { atasan: state.head.nip } : {}) },
    };
    const supervisorBias = state.head?.bias ?? 0;
    // The unit's first head leads it (unit.pimpinan); later heads lead teams within it.
    const leadsUnit = state.head === null && employee.jenisJabatan === "struktural";
    const unitFacts = leadsUnit ? { unit: { pimpinan: true } } : {};
    if (isHead) state.head = { nip, bias: random.normal() * 0.4 };
    state.members++;

    const set = selector.indicatorSetFor({ employee, period, ...unitFacts });
    const indicators = set.indicators;
    const ratings: Partial<Record<RaterSource, RaterRatings | RaterRatings[]>> = {};
    const values: Record<string, IndicatorValue> = {};
    for (const source of sourcesOfSet.get(set.id) ?? []) {
      const count = source === "peer" ? PEERS_PER_EMPLOYEE : source === "public" ? 5 : 1;
      const sheets: RaterRatings[] = [];
      for (let k = 0; k < count; k++) {
        const bias = source === "supervisor" ? supervisorBias : source === "self" ? 0.4 : random.normal() * 0.2;
        const sheet: RaterRatings = {};
        for (const indicator of indicators) {
          const scale = scaleOf(ruleSet, indicator);
          const raters = ratersOf(ruleSet, indicator);
          if (scale && raters.includes(source)) sheet[indicator.id] = rate(scale, ability, bias, random);
        }
        sheets.push(sheet);
      }
      if (sheets.some((s) => Object.keys(s).length > 0)) ratings[source] = count === 1 ? (sheets[0] as RaterRatings) : sheets;
    }
    for (const indicator of indicators) {
      const value = objectiveValue(indicator, ability, random);
      if (value !== null) values[indicator.id] = value;
    }

    yield {
      employee,
      period,
      ...unitFacts,
      ratings,
      values,
      facts: declaredFacts(ruleSet, ability, random),
      history: [
        { year: year - 2, predikat: historyPredikat(ruleSet, ability, random) },
        { year: year - 1, predikat: historyPredikat(ruleSet, ability, random) },
      ],
    };
  }
}
