// A rule set compiled once into closures, then evaluated for any number of appraisals: the data path of
// DESIGN.md, from inputs to indicator scores, axis scores, decision tables, calculations, outcome rules
// and predikat (the stages are in appraisal.ts). The hot path copies one array of fact values per
// appraisal and builds only the result; an explanation is recorded only when `explain` is called.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import type { IndicatorSet, RuleSet } from "../ruleset/schema.js";
import { compileAppraisal, type CompiledAppraisal } from "./appraisal.js";
import { nipOf, runContext, type Facts } from "./context.js";
import type { Explanation, ExplanationStep } from "./steps.js";

/** A rule set compiled once by compileRuleSet, to evaluate and explain any number of appraisals. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  /** Evaluates one appraisal; throws AppraisalError when its inputs cannot be evaluated. */
  evaluate(input: AppraisalInput): AppraisalResult;
  /** Evaluates lazily, one result or AppraisalError per input, in order: one bad appraisal never stops the batch. */
  evaluateMany(inputs: Iterable<AppraisalInput>): Iterable<AppraisalResult | AppraisalError>;
  /** Evaluates again, recording every step. Never throws AppraisalError: a refusal is reported in `error`. */
  explain(input: AppraisalInput): Explanation;
  /** The full fact map after evaluation (every fact, null where unknown), for debugging and what-if. */
  facts(input: AppraisalInput): Facts;
  /**
   * The indicator set an employee is appraised on, from the employee and period alone (no ratings needed),
   * e.g. to show a rating form. Throws AppraisalError when no set applies.
   */
  indicatorSetFor(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">): IndicatorSet;
}

/**
 * Compiles a resolved rule set (from loadRuleSet or resolveRuleSet) once; the result evaluates appraisals
 * synchronously, records an explanation only when `explain` is asked, and may be reused for every appraisal.
 */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const appraisal = compileAppraisal(ruleSet);

  return {
    ruleSet,
    evaluate(input) {
      return appraisal.evaluate(input, runContext(input, null));
    },
    *evaluateMany(inputs) {
      for (const input of inputs) {
        try {
          yield appraisal.evaluate(input, runContext(input, null));
        } catch (error) {
          if (error instanceof AppraisalError) {
            yield error;
            continue;
          }
          // A rule the engine cannot run, or input of the wrong shape, fails this appraisal only.
          const message = error instanceof Error ? error.message : String(error);
          yield new AppraisalError(nipOf(input), `penilaian gagal: ${message}`);
        }
      }
    },
    explain(input) {
      return explain(ruleSet, appraisal.evaluate, input);
    },
    facts(input) {
      return appraisal.factsOf(appraisal.run(input, runContext(input, null, true)).facts);
    },
    indicatorSetFor(input) {
      return appraisal.chooseSet(input, runContext(input, null)).set;
    },
  };
}

/** Evaluates with every step recorded; a refused appraisal becomes the explanation's `error`. */
function explain(
  ruleSet: RuleSet,
  evaluate: CompiledAppraisal["evaluate"],
  input: AppraisalInput,
): Explanation {
  const steps: ExplanationStep[] = [];
  const nama = (input as Partial<AppraisalInput> | null)?.employee?.nama;
  const explanation: Explanation = {
    ruleSetId: ruleSet.id,
    ruleSetName: ruleSet.name,
    nip: "",
    nama: typeof nama === "string" ? nama : null,
    steps,
    result: null,
    error: null,
  };
  try {
    const ctx = runContext(input, steps);
    explanation.nip = ctx.nip;
    explanation.result = evaluate(input, ctx);
  } catch (error) {
    if (!(error instanceof AppraisalError)) throw error;
    explanation.nip = error.nip;
    explanation.error = error.message;
  }
  return explanation;
}
