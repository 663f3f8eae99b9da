// Every tRPC procedure fed malformed and edge inputs drawn from its own zod input (testing/input-fuzz.ts),
// in process, as each role and signed out, on each dialect: no call may fail as the server's own fault
// (INTERNAL_SERVER_ERROR), crash the caller, or take longer than CALL_BOUND_MS. Ids and NIPs in answers are
// kept and reused, so inputs reach past "not found" into the services. The seed and the counts are
// printed; KINERJA_FUZZ_SEED=<seed> repeats a run. Inputs alternate between edge and malformed;
// KINERJA_LONG_TESTS=1 (CI) draws 10,000 malformed ones in all (and as many edge ones), shared among the
// dialects; otherwise 150 of each.
import { readdirSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "./auth.js";
import { loadRuleFile } from "./services/rules/index.js";
import { createOperator, createTestEnv, RULES_DIR, seedRegion, type Caller, type SeededRegion, type TestEnv } from "./testing/env.js";
import { InputDrawer, KnownValues, preview, procedures, type FuzzInput, type InputKind, type Procedure } from "./testing/input-fuzz.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const SEED = Number(process.env.KINERJA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const DIALECTS = inject("dialects");
/** KINERJA_FUZZ_INPUTS=<n> draws another number of malformed inputs, to look harder for a while. */
const MALFORMED_INPUTS = Number(process.env.KINERJA_FUZZ_INPUTS ?? (LONG ? 10_000 : 150));
/**
 * Generous: the machine running the tests is shared, and a call that starts a worker process (an employee
 * sheet) took 5.3 s on a loaded 2-core machine. A pathological input takes far longer than this.
 */
const CALL_BOUND_MS = 15_000;
/** A call still running after this is reported as hanging and left behind. */
const GIVE_UP_MS = 30_000;

const PROCEDURES = procedures();
const RUNS_PER_PROCEDURE = 2 * Math.max(1, Math.ceil(MALFORMED_INPUTS / DIALECTS.length / PROCEDURES.length));

/** The same seed gives every procedure the same inputs whichever procedures run before it. */
function seedFor(path: string): number {
  return [...path].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);
}

/** The region rule files, resolved into the self-contained content a rule set stores: examples for `content`. */
function ruleFileContents(): unknown[] {
  return readdirSync(RULES_DIR)
    .filter((name) => name.endsWith(".json") && name !== "ruleset.schema.json")
    .map((name) => loadRuleFile(`${RULES_DIR}${name}`).content);
}

type Outcome = "ok" | TRPCError["code"] | "crash" | "hang";

interface Failure {
  procedure: string;
  role: string;
  kind: InputKind;
  outcome: Outcome;
  ms: number;
  input: string;
  cause: string;
}

const namespaceOf = (procedure: Procedure) => procedure.path.split(".")[0] ?? "";

function callable(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return target as (input: unknown) => Promise<unknown>;
}

/** A subscription's first event, then the stream closed; anything else as it is. */
async function settle(answer: unknown): Promise<unknown> {
  if (answer !== null && typeof answer === "object" && Symbol.asyncIterator in answer) {
    const iterator = (answer as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    try {
      return (await iterator.next()).value;
    } finally {
      await iterator.return?.();
    }
  }
  return answer;
}

function firstLines(error: unknown): string {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const text = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  return text.split("\n").slice(0, 4).join(" | ");
}

describe.each(DIALECTS)("every procedure's input, fuzzed on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let roles: Array<[string, SessionUser | null]>;
  let known: KnownValues;
  let examples: Record<string, readonly unknown[]>;
  const inputs: Record<InputKind, number> = { edge: 0, malformed: 0 };
  const outcomes = new Map<string, number>();
  let calls = 0;
  let slowest = { ms: 0, procedure: "" };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    const operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    roles = [
      ["operator", operator],
      ["admin", binjai.admin],
      ["assessor", binjai.assessor],
      ["employee", binjai.employee],
      ["signed out", null],
    ];
    const units = await env.database.db.selectFrom("units").select("id").where("region_id", "=", "binjai").execute();
    known = new KnownValues();
    known.add("regionId", "binjai");
    known.add("cycleId", binjai.cycleId);
    known.add("ruleSetId", binjai.ruleSetVersionId);
    for (const unit of units) known.add("unitId", unit.id);
    for (const [nip, id] of binjai.employees) {
      known.add("nip", nip);
      known.add("employeeId", id);
    }
    examples = { content: ruleFileContents() };
    console.log(
      `[input fuzz, ${dialect}] seed ${SEED} (KINERJA_FUZZ_SEED=${SEED} repeats it); ${PROCEDURES.length} procedures × ${RUNS_PER_PROCEDURE} inputs × ${roles.length} callers`,
    );
  }, 120_000);

  afterAll(async () => {
    const byOutcome = [...outcomes].sort(([, a], [, b]) => b - a).map(([outcome, n]) => `${outcome} ${n}`).join(", ");
    console.log(
      `[input fuzz, ${dialect}] seed ${SEED}: ${inputs.edge + inputs.malformed} inputs (${inputs.edge} edge, ${inputs.malformed} malformed), ` +
        `${calls} calls: ${byOutcome}; slowest ${Math.round(slowest.ms)} ms (${slowest.procedure})`,
    );
    await env?.dispose();
  });

  async function callAs(procedure: Procedure, role: string, user: SessionUser | null, input: FuzzInput): Promise<Failure | null> {
    const call = callable(env.as(user), procedure.path);
    const started = performance.now();
    let outcome: Outcome = "ok";
    let cause = "";
    let timer: NodeJS.Timeout | undefined;
    try {
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer after ${GIVE_UP_MS} ms`)), GIVE_UP_MS);
      });
      const answer = await Promise.race([call(input.value).then(settle), hang]);
      known.harvest(answer, namespaceOf(procedure));
    } catch (error) {
      outcome = error instanceof TRPCError ? error.code : error instanceof Error && error.message.startsWith("no answer") ? "hang" : "crash";
      cause = firstLines(error);
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    calls++;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (ms > slowest.ms) slowest = { ms, procedure: procedure.path };
    const failed = outcome === "INTERNAL_SERVER_ERROR" || outcome === "crash" || outcome === "hang" || ms > CALL_BOUND_MS;
    if (!failed) return null;
    return { procedure: procedure.path, role, kind: input.kind, outcome, ms: Math.round(ms), input: preview(input.value), cause: cause || `took ${Math.round(ms)} ms` };
  }

  it.each(PROCEDURES.map((p) => [p.path, p] as const))(
    "%s answers every input without a server fault, within the bound",
    async (_path, procedure) => {
      const failures: Failure[] = [];
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const kind = run++ % 2 === 0 ? "edge" : "malformed";
          const input = new InputDrawer(g, { known, examples, namespace: namespaceOf(procedure) }).input(procedure.input, kind);
          inputs[input.kind]++;
          for (const [role, user] of roles) {
            const failure = await callAs(procedure, role, user, input);
            if (failure) failures.push(failure);
          }
        }),
        { seed: seedFor(procedure.path), numRuns: RUNS_PER_PROCEDURE },
      );
      expect(failures).toEqual([]);
    },
    RUNS_PER_PROCEDURE * 5 * GIVE_UP_MS,
  );
});
