// One result read with its explanation, on SQLite and on PostgreSQL: what rebuilding the explanation on read
// costs. A region of evaluated results (the results page's, national rules, 2,000 results, none storing its
// explanation) and beside it a run of the same rows with their explanations stored, as runs wrote them before.
// Every employee of the 64 distinct appraisals is read from each run, taking turns (ROUNDS each): the row
// by its key, then its explanation as every reader gets it (explanationOf); the rules are compiled once
// before, as a server holds them. Prints:
//   result_detail.<dialect>.rebuilt_ms   a result row read and its explanation rebuilt (explain of the stored input)
//   result_detail.<dialect>.stored_ms    the same row read with its explanation stored, parsed
//   result_detail.<dialect>.ratio        their ratio
//   result_detail.explain_us             explain of one stored input (its JSON parsed) alone
//   result_detail.parse_us               the parse of one stored explanation alone
import { compileRuleSet, type AppraisalInput, type CompiledRuleSet } from "@kinerja/core";
import { parseJson, toJson, type DialectName } from "@kinerja/db";
import { createTestDatabase, probePostgres } from "@kinerja/db/testing";
import { findCycle } from "../src/services/cycles/index.js";
import { explanationOf, insertRun } from "../src/services/results/index.js";
import { loadRuleFile } from "../src/services/rules/index.js";
import { NATIONAL_RULES } from "../src/testing/env.js";
import { seedResultsRegion } from "../src/testing/results-region.js";

const SIZE = 2_000;
const READS = 64;
const ROUNDS = 5;
const ACTOR = { id: null, name: "Uji baca", role: "operator" } as const;

async function measure(dialect: DialectName): Promise<void> {
  const database = await createTestDatabase(dialect);
  try {
    const { db } = database;
    const region = await seedResultsRegion(db, dialect, { regionId: "bench", size: SIZE });
    const cycle = await findCycle(db, region.regionId, region.cycleId);
    const rows = await db.selectFrom("results").selectAll().where("region_id", "=", region.regionId).where("run_id", "=", region.runId).orderBy("employee_id").limit(READS).execute();
    const compiled = compileRuleSet(loadRuleFile(NATIONAL_RULES).ruleSet);
    const { runId: storedRun } = await insertRun(db, cycle, ACTOR, { kind: "cycle.run", total: READS, reason: null, complete: true, at: new Date().toISOString() });
    const withExplanation = rows.map((row) => ({ ...row, run_id: storedRun, explanation: toJson(compiled.explain(parseJson<AppraisalInput>(row.input))) }));
    await db.insertInto("results").values(withExplanation).execute();

    const readAll = async (runId: string): Promise<number> => {
      const started = performance.now();
      for (const row of rows) {
        const read = await db.selectFrom("results").selectAll().where("region_id", "=", region.regionId).where("run_id", "=", runId).where("employee_id", "=", row.employee_id).executeTakeFirstOrThrow();
        await explanationOf(db, read);
      }
      return (performance.now() - started) / rows.length;
    };
    await readAll(region.runId);
    await readAll(storedRun);
    let rebuilt = 0;
    let stored = 0;
    for (let round = 0; round < ROUNDS; round++) {
      rebuilt += await readAll(region.runId);
      stored += await readAll(storedRun);
    }
    if (dialect === "sqlite") explainAlone(compiled, rows.map((row) => row.input), withExplanation.map((row) => row.explanation));
    console.log(`result_detail.${dialect}.rebuilt_ms: ${(rebuilt / ROUNDS).toFixed(3)}`);
    console.log(`result_detail.${dialect}.stored_ms: ${(stored / ROUNDS).toFixed(3)}`);
    console.log(`result_detail.${dialect}.ratio: ${(rebuilt / stored).toFixed(2)}`);
  } finally {
    await database.dispose();
  }
}

/** explain of each stored input, and the parse of each stored explanation, alone: microseconds per result. */
function explainAlone(compiled: CompiledRuleSet, inputs: string[], explanations: string[]): void {
  const time = (work: () => void): number => {
    work();
    const started = performance.now();
    for (let round = 0; round < 20; round++) work();
    return ((performance.now() - started) * 1000) / (20 * inputs.length);
  };
  const explained = time(() => inputs.forEach((input) => compiled.explain(parseJson<AppraisalInput>(input))));
  const parsed = time(() => explanations.forEach((text) => parseJson<unknown>(text)));
  console.log(`result_detail.explain_us: ${explained.toFixed(1)}`);
  console.log(`result_detail.parse_us: ${parsed.toFixed(1)}`);
}

const dialects: DialectName[] = ["sqlite"];
if ((await probePostgres()).ok) dialects.push("postgres");
for (const dialect of dialects) await measure(dialect);
