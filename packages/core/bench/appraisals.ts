// Benchmark of whole appraisals: `compileRuleSet(…).evaluate` and `.explain` on a region's demo appraisals,
// each against a hand-written function giving the identical result (handwritten-appraisals.ts), timed in
// the same run. Both must agree on every appraisal before anything is timed.
// Alone, without the engine lines: `npx tsx bench/appraisals.ts`; `KINERJA_BENCH_REGIONS=binjai` times one region.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { demoProfileSchema, generateDemo } from "../src/demo/index.js";
import type { AppraisalInput, AppraisalResult } from "../src/domain/types.js";
import { compileRuleSet } from "../src/evaluate/compile.js";
import { loadRuleSet } from "../src/ruleset/resolve.js";
import type { RuleSet } from "../src/ruleset/schema.js";
import { handwrittenBinjai, handwrittenMedanAmplas, handwrittenPariaman, handwrittenSamarinda } from "./handwritten-appraisals.js";

const RULES = resolve(import.meta.dirname, "../../../rules");
/** `pnpm bench --quick`: the same comparison on fewer appraisals and rounds, to show it runs. */
const QUICK = process.env.KINERJA_BENCH_QUICK === "1";
const APPRAISALS = QUICK ? 1_000 : 10_000;
const TRIALS = QUICK ? 1 : 3;
const WARMUP_ROUNDS = QUICK ? 1 : 3;
const ROUNDS = QUICK ? 3 : 9;

const REGIONS: Array<{ region: string; handwritten: (ruleSet: RuleSet) => (input: AppraisalInput) => AppraisalResult }> = [
  { region: "binjai", handwritten: handwrittenBinjai },
  { region: "samarinda", handwritten: handwrittenSamarinda },
  { region: "pariaman", handwritten: handwrittenPariaman },
  // Kecamatan Medan Amplas, resolved over Kota Medan and the national baseline.
  { region: "amplas", handwritten: handwrittenMedanAmplas },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Kept so the work cannot be optimised away. */
let checksum = 0;

/**
 * Microseconds of CPU time per appraisal for one pass over every appraisal. CPU time rather than the clock:
 * on a shared machine the clock also counts the time other processes held the cores.
 */
function round(inputs: readonly AppraisalInput[], run: (input: AppraisalInput) => unknown): number {
  const start = process.cpuUsage();
  for (const input of inputs) if (run(input)) checksum++;
  const { user, system } = process.cpuUsage(start);
  return (user + system) / inputs.length;
}

/** One trial: rounds alternate between the two so a busy machine slows both alike; medians in µs. */
function trial(
  inputs: readonly AppraisalInput[],
  ours: (input: AppraisalInput) => unknown,
  baseline: (input: AppraisalInput) => unknown,
): { ours: number; baseline: number } {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < WARMUP_ROUNDS + ROUNDS; i++) {
    const x = round(inputs, ours);
    const y = round(inputs, baseline);
    if (i >= WARMUP_ROUNDS) {
      a.push(x);
      b.push(y);
    }
  }
  return { ours: median(a), baseline: median(b) };
}

/** The median of TRIALS trials: the slowdown, and the µs per appraisal of each side in the median trial. */
function measure(
  inputs: readonly AppraisalInput[],
  ours: (input: AppraisalInput) => unknown,
  baseline: (input: AppraisalInput) => unknown,
): { ratio: number; ours: number; baseline: number } {
  const trials = Array.from({ length: TRIALS }, () => trial(inputs, ours, baseline)).map((t) => ({ ...t, ratio: t.ours / t.baseline }));
  const ratio = median(trials.map((t) => t.ratio));
  return trials.find((t) => t.ratio === ratio)!;
}

function load(region: string): { ruleSet: RuleSet; inputs: AppraisalInput[] } {
  const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const { ruleSet } = loadRuleSet(`${RULES}/${region}.json`, read, { check: false });
  const profile = demoProfileSchema.parse(read(`${RULES}/demo/${region}.json`));
  return { ruleSet, inputs: [...generateDemo(ruleSet, profile, { size: APPRAISALS, seed: 2011 })] };
}

export function benchAppraisals(): string[] {
  const lines = [`appraisals: ${APPRAISALS} demo appraisals per region, median of ${TRIALS} trials of ${ROUNDS} rounds each`];
  const only = process.env.KINERJA_BENCH_REGIONS?.split(",");
  for (const { region, handwritten } of REGIONS) {
    if (only && !only.includes(region)) continue;
    const { ruleSet, inputs } = load(region);
    const compiled = compileRuleSet(ruleSet);
    const byHand = handwritten(ruleSet);
    for (const [i, input] of inputs.entries()) {
      const expected = JSON.stringify(byHand(input));
      if (JSON.stringify(compiled.evaluate(input)) !== expected) throw new Error(`${region} appraisal ${i}: evaluate and hand-written code disagree`);
      if (JSON.stringify(compiled.explain(input).result) !== expected) throw new Error(`${region} appraisal ${i}: explain and hand-written code disagree`);
    }
    const plain = measure(inputs, (input) => compiled.evaluate(input), byHand);
    const explained = measure(inputs, (input) => compiled.explain(input), byHand);
    const line = (name: string, m: typeof plain) =>
      `${name}.slowdown_vs_handwritten.${region}: ${m.ratio.toFixed(2)} (${m.ours.toFixed(2)} µs vs ${m.baseline.toFixed(2)} µs)`;
    lines.push(line("evaluate", plain), line("evaluate_explain", explained));
  }
  lines.push(`appraisal checksum ${checksum}`);
  return lines;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of benchAppraisals()) console.log(line);
}
