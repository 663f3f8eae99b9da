// Benchmark (not a test): the appraisal outcome rules evaluated by compileRules, by json-rules-engine
// and by hand-written TypeScript, per appraisal; then whole appraisals of shipped regions (appraisals.ts).
// Run with `pnpm bench` (tsx bench/engine.bench.ts). Every side must give the same answers before
// anything is timed.
import { Engine } from "json-rules-engine";
import { compileRules, type Event, type RunResult } from "../src/engine/index.js";
import { benchAppraisals } from "./appraisals.js";
import { bundleSizes } from "./bundle-sizes.js";
import { appraisalRules, generateAppraisalFacts, type AppraisalFacts } from "./appraisal-rules.js";
import { handwrittenOutcomes } from "./handwritten-outcomes.js";
import { benchJsonRulesEngineCompat } from "./json-rules-engine-compat.js";

/** `pnpm bench --quick`: the same comparison on fewer appraisals and rounds, to show it runs. */
const QUICK = process.env.KINERJA_BENCH_QUICK === "1";
const APPRAISALS = QUICK ? 2_000 : 20_000;
/** json-rules-engine is timed on a prefix of the appraisals, then scaled per appraisal. */
const REFERENCE_APPRAISALS = QUICK ? 200 : 1_000;
const WARMUP_ROUNDS = QUICK ? 1 : 5;
const ROUNDS = QUICK ? 3 : 21;
const REFERENCE_ROUNDS = QUICK ? 1 : 5;

const facts = generateAppraisalFacts(APPRAISALS);
const compiled = compileRules(appraisalRules);
const engine = new Engine(structuredClone(appraisalRules) as never);

/** json-rules-engine's order among rules of equal priority is not defined, so compare those as sets. */
const priorityOfEvent = new Map(appraisalRules.map((rule) => [JSON.stringify(rule.event), rule.priority ?? 1]));
function normalised(events: readonly Event[]): string[] {
  return events
    .map((event) => JSON.stringify(event))
    .sort((a, b) => priorityOfEvent.get(b)! - priorityOfEvent.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
}

function sameOutcome(a: RunResult, b: RunResult, exactOrder: boolean): boolean {
  const view = (events: readonly Event[]) => (exactOrder ? events.map((e) => JSON.stringify(e)) : normalised(events));
  return (
    JSON.stringify(view(a.events)) === JSON.stringify(view(b.events)) &&
    JSON.stringify(view(a.failureEvents)) === JSON.stringify(view(b.failureEvents))
  );
}

async function verify(): Promise<void> {
  for (const [i, appraisal] of facts.entries()) {
    const ours = compiled.run(appraisal);
    if (!sameOutcome(ours, handwrittenOutcomes(appraisal), true)) {
      throw new Error(`appraisal ${i}: compiled rules and hand-written code disagree`);
    }
    if (i < REFERENCE_APPRAISALS) {
      const reference = await engine.run(appraisal);
      if (!sameOutcome(ours, reference as RunResult, false)) {
        throw new Error(`appraisal ${i}: compiled rules and json-rules-engine disagree`);
      }
    }
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sum of event counts, kept so the work cannot be optimised away. */
let checksum = 0;

/** Nanoseconds per appraisal for one pass over every appraisal. */
function round(run: (appraisal: AppraisalFacts) => RunResult): number {
  const start = process.hrtime.bigint();
  for (const appraisal of facts) checksum += run(appraisal).events.length;
  return Number(process.hrtime.bigint() - start) / facts.length;
}

/** Median per-appraisal times; rounds alternate between the two so a busy machine slows both alike. */
function timeSynchronous(): { ours: number; handwritten: number } {
  const ours: number[] = [];
  const handwritten: number[] = [];
  const compiledRun = (appraisal: AppraisalFacts) => compiled.run(appraisal);
  for (let i = 0; i < WARMUP_ROUNDS + ROUNDS; i++) {
    const a = round(compiledRun);
    const b = round(handwrittenOutcomes);
    if (i >= WARMUP_ROUNDS) {
      ours.push(a);
      handwritten.push(b);
    }
  }
  return { ours: median(ours), handwritten: median(handwritten) };
}

async function referenceNsPerAppraisal(): Promise<number> {
  const subset = facts.slice(0, REFERENCE_APPRAISALS);
  const referenceRound = async () => {
    const start = process.hrtime.bigint();
    for (const appraisal of subset) checksum += (await engine.run(appraisal)).events.length;
    return Number(process.hrtime.bigint() - start) / subset.length;
  };
  await referenceRound();
  const times: number[] = [];
  for (let i = 0; i < REFERENCE_ROUNDS; i++) times.push(await referenceRound());
  return median(times);
}

await verify();
const reference = await referenceNsPerAppraisal();
const { ours, handwritten } = timeSynchronous();

console.log(`node ${process.version}, ${appraisalRules.length} rules, ${APPRAISALS} appraisals (json-rules-engine: first ${REFERENCE_APPRAISALS})`);
console.log(`events identical across the three: yes (checksum ${checksum})`);
console.log(`compileRules().run:     ${ours.toFixed(0)} ns per appraisal (median of ${ROUNDS} rounds)`);
console.log(`hand-written:           ${handwritten.toFixed(0)} ns per appraisal (median of ${ROUNDS} rounds)`);
console.log(`json-rules-engine run:  ${reference.toFixed(0)} ns per appraisal (median of ${REFERENCE_ROUNDS} rounds)`);
console.log(`engine.speedup_vs_json_rules_engine: ${(reference / ours).toFixed(2)}`);
console.log(`engine.slowdown_vs_handwritten: ${(ours / handwritten).toFixed(2)}`);
for (const line of benchAppraisals()) console.log(line);
for (const line of await benchJsonRulesEngineCompat()) console.log(line);
for (const { name, gzipKb } of await bundleSizes()) console.log(`core.bundle_gzip_kb.${name}: ${gzipKb}`);
