// Benchmark lines for the Engine class of @kinerja/core/json-rules-engine against json-rules-engine:
// - engine.compile_vs_json_rules_engine_first_run: 1,000 rules, a fresh start each trial: our
//   compileRules plus one run, against json-rules-engine's `new Engine(rules)` plus its first run of the
//   same rules on the same facts (ours / theirs; below 1 means compiling first still finishes sooner).
// - jre_engine.speedup_vs_json_rules_engine: `await engine.run(facts)` on the Engine class against the
//   same call on json-rules-engine, the appraisal outcome rules over many appraisals (theirs / ours).
// Both sides must give the same events before anything is timed. Run alone with
// `tsx bench/json-rules-engine-compat.ts`; engine.bench.ts prints these lines too.
import { pathToFileURL } from "node:url";
import { Engine as ReferenceEngine } from "json-rules-engine";
import { Engine } from "../src/engine/compat/index.js";
import { compileRules, type Event, type RuleProperties } from "../src/engine/index.js";
import { appraisalRules, generateAppraisalFacts, type AppraisalFacts } from "./appraisal-rules.js";

const QUICK = process.env.KINERJA_BENCH_QUICK === "1";
const RULE_COUNT = 1_000;
const FIRST_RUN_TRIALS = QUICK ? 3 : 11;
const APPRAISALS = QUICK ? 200 : 2_000;
const ROUNDS = QUICK ? 3 : 9;

/** 1,000 rules: the appraisal rules again and again, each copy's numbers shifted and its event named apart. */
export function thousandRules(): RuleProperties[] {
  return Array.from({ length: RULE_COUNT }, (_, i) => {
    const rule = structuredClone(appraisalRules[i % appraisalRules.length]!);
    const shift = (i % 9) * 0.5;
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const record = node as Record<string, unknown>;
        if (typeof record.value === "number") record.value += shift;
        for (const key of ["all", "any", "not"]) if (key in record) walk(record[key]);
      }
    };
    walk(rule.conditions);
    rule.name = `${rule.name ?? "rule"}-${i}`;
    rule.event = { ...rule.event, type: `${rule.event.type}-${i}` };
    return rule;
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Events as a sorted list of JSON, for comparing runs whose order within a priority may differ. */
function eventSet(events: readonly Event[]): string {
  return JSON.stringify(events.map((event) => JSON.stringify(event)).sort());
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let checksum = 0;

async function compileVersusFirstRun(): Promise<{ ours: number; theirs: number }> {
  const rules = thousandRules();
  const facts = generateAppraisalFacts(1)[0]!;
  const compiled = compileRules(structuredClone(rules));
  const reference = await new ReferenceEngine(structuredClone(rules) as never).run(facts);
  const ourRun = compiled.run(facts);
  if (eventSet(ourRun.events) !== eventSet(reference.events as Event[]) || eventSet(ourRun.failureEvents) !== eventSet(reference.failureEvents as Event[])) {
    throw new Error("1,000 rules: compileRules and json-rules-engine disagree");
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < FIRST_RUN_TRIALS; i++) {
    // Copies are made before the clock starts: each side gets rules it has never seen.
    const ourRules = structuredClone(rules);
    const theirRules = structuredClone(rules);
    let start = process.hrtime.bigint();
    checksum += compileRules(ourRules).run(facts).events.length;
    ours.push(elapsedMs(start));
    start = process.hrtime.bigint();
    checksum += (await new ReferenceEngine(theirRules as never).run(facts)).events.length;
    theirs.push(elapsedMs(start));
  }
  return { ours: median(ours), theirs: median(theirs) };
}

async function engineVersusReference(): Promise<{ ours: number; theirs: number }> {
  const facts = generateAppraisalFacts(APPRAISALS);
  const ours = new Engine(structuredClone(appraisalRules));
  const theirs = new ReferenceEngine(structuredClone(appraisalRules) as never);
  for (const [i, appraisal] of facts.entries()) {
    const a = await ours.run(appraisal);
    const b = await theirs.run(appraisal);
    if (eventSet(a.events) !== eventSet(b.events as Event[]) || eventSet(a.failureEvents) !== eventSet(b.failureEvents as Event[])) {
      throw new Error(`appraisal ${i}: the Engine class and json-rules-engine disagree`);
    }
  }
  const round = async (engine: { run(f: AppraisalFacts): Promise<{ events: unknown[] }> }) => {
    const start = process.hrtime.bigint();
    for (const appraisal of facts) checksum += (await engine.run(appraisal)).events.length;
    return Number(process.hrtime.bigint() - start) / facts.length;
  };
  const ourTimes: number[] = [];
  const theirTimes: number[] = [];
  // Rounds alternate, so a busy machine slows both alike.
  for (let i = 0; i < ROUNDS + 1; i++) {
    const a = await round(ours);
    const b = await round(theirs as never);
    if (i > 0) {
      ourTimes.push(a);
      theirTimes.push(b);
    }
  }
  return { ours: median(ourTimes), theirs: median(theirTimes) };
}

/** The benchmark's lines. */
export async function benchJsonRulesEngineCompat(): Promise<string[]> {
  const first = await compileVersusFirstRun();
  const engine = await engineVersusReference();
  return [
    `compileRules + first run, ${RULE_COUNT} rules: ${first.ours.toFixed(1)} ms; json-rules-engine first run: ${first.theirs.toFixed(1)} ms (median of ${FIRST_RUN_TRIALS})`,
    `engine.compile_vs_json_rules_engine_first_run: ${(first.ours / first.theirs).toFixed(2)}`,
    `Engine class run: ${engine.ours.toFixed(0)} ns per appraisal; json-rules-engine: ${engine.theirs.toFixed(0)} ns (${appraisalRules.length} rules, ${APPRAISALS} appraisals, median of ${ROUNDS} rounds)`,
    `jre_engine.speedup_vs_json_rules_engine: ${(engine.theirs / engine.ours).toFixed(2)}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await benchJsonRulesEngineCompat()) console.log(line);
  console.log(`(checksum ${checksum})`);
}
