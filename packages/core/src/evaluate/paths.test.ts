// The production path (`evaluate`, `evaluateMany`) and the explaining path (`explain`) over each shipped
// region's demo appraisals: the same result, or the same refusal, for every appraisal; and an explanation
// whose steps agree with the result it carries. Variants with missing peers, adjustments, an assessor's
// judgement and malformed values take the paths through refusals and people's changes too.
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { demoProfileSchema, generateDemo } from "../demo/index.js";
import type { AppraisalInput } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import { loadRuleSet } from "../ruleset/resolve.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";

const RULES = resolve(import.meta.dirname, "../../../../rules");
const REGIONS = readdirSync(`${RULES}/demo`).map((file) => file.replace(/\.json$/, ""));

function region(name: string) {
  const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const { ruleSet } = loadRuleSet(`${RULES}/${name}.json`, read, { check: false });
  const profile = demoProfileSchema.parse(read(`${RULES}/demo/${name}.json`));
  return { ruleSet, inputs: [...generateDemo(ruleSet, profile, { size: 300, seed: 46 })] };
}

/** The demo appraisals, and every tenth changed so that it takes another path. */
function withVariants(ruleSet: RuleSet, inputs: AppraisalInput[]): AppraisalInput[] {
  const decided = ruleSet.decisions.map((table) => table.output);
  const predikat = ruleSet.predikat.map((p) => p.id);
  return inputs.flatMap((input, i) => {
    if (i % 10 !== 0) return [input];
    const variant = structuredClone(input);
    switch ((i / 10) % 5) {
      case 0:
        delete variant.ratings?.peer;
        break;
      case 1:
        variant.adjustments = [{ fact: "predikat", value: predikat[i % predikat.length]!, reason: "forum evaluasi", by: "forum" }];
        break;
      case 2:
        variant.facts = { ...variant.facts, [decided[0]!]: "tidak_dikenal" };
        break;
      case 3:
        variant.values = {};
        break;
      case 4:
        variant.history = [];
        break;
    }
    return [input, variant];
  });
}

describe.each(REGIONS)("%s: evaluate and explain", (name) => {
  const { ruleSet, inputs } = region(name);
  const compiled = compileRuleSet(ruleSet);
  const appraisals = withVariants(ruleSet, inputs);

  it("give the same result or the same refusal for every demo appraisal", () => {
    const many = [...compiled.evaluateMany(appraisals)];
    appraisals.forEach((input, i) => {
      const explanation = compiled.explain(input);
      const where = `${name} appraisal ${i} (${input.employee.nip})`;
      let evaluated: unknown;
      try {
        evaluated = compiled.evaluate(input);
      } catch (error) {
        if (!(error instanceof AppraisalError)) throw error;
        expect(explanation.error, where).toBe(error.message);
        expect(explanation.result, where).toBeNull();
        expect(many[i], where).toBeInstanceOf(AppraisalError);
        return;
      }
      expect(explanation.error, where).toBeNull();
      expect(explanation.result, where).toStrictEqual(evaluated);
      expect(many[i], where).toStrictEqual(evaluated);
    });
  });

  it("explain steps that agree with the result they carry", () => {
    for (const input of inputs) {
      const { steps, result } = compiled.explain(input);
      if (!result) continue;
      const where = `${name} ${input.employee.nip}`;
      const fired = steps.filter((step) => step.kind === "outcome" && step.fired).map((step) => step.kind === "outcome" && step.rule);
      expect(fired, where).toStrictEqual(result.outcomes.map((outcome) => outcome.rule));
      for (const step of steps) {
        if (step.kind === "indicator") expect(result.scores[`score.${step.indicator}`], where).toBe(step.score);
        if (step.kind === "decision") expect(result.decisions[step.output], where).toStrictEqual(step.value);
      }
      expect(steps.at(-1), where).toStrictEqual({ kind: "predikat", predikat: result.predikat, label: result.predikatLabel });
      const facts = compiled.facts(input);
      for (const [fact, value] of Object.entries(result.scores)) expect(facts[fact], where).toBe(value);
    }
  });
});
