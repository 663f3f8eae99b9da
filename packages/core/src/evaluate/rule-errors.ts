// Rule-set problems found while compiling, reported as RuleSetError with the JSON pointer of the bad
// value, the same way the static checker reports them.
import { RuleDefinitionError } from "../engine/index.js";
import type { SlotPredicate } from "../engine/slot-compiler.js";
import { RuleSetError } from "../ruleset/errors.js";
import type { NestedCondition, RuleSet } from "../ruleset/schema.js";
import type { FactTable } from "./fact-table.js";

/** The file a resolved rule set's pointers refer to: the last one it was built from. */
export function ruleFile(ruleSet: RuleSet): string {
  return ruleSet.sources.at(-1) ?? ruleSet.id;
}

export function ruleSetError(ruleSet: RuleSet, at: string, message: string): RuleSetError {
  return new RuleSetError([{ file: ruleFile(ruleSet), pointer: at, message, severity: "error" }]);
}

/**
 * Runs an engine compile step; a rule the engine refuses becomes a RuleSetError at `at` followed by the
 * engine's own pointer (or at `at` alone when the engine compiled something the file does not spell out).
 */
export function compiling<T>(
  ruleSet: RuleSet,
  at: string,
  compile: () => T,
  enginePointer = true,
  relative: (enginePointer: string) => string = (p) => p,
): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof RuleDefinitionError) {
      const message = error.message.slice(error.message.indexOf(": ") + 2);
      throw ruleSetError(ruleSet, enginePointer ? at + relative(error.pointer) : at, message);
    }
    throw error;
  }
}

/** A condition of the rule set (a `when`), compiled into the rule set's fact table. */
export function compileRuleCondition(ruleSet: RuleSet, table: FactTable, condition: NestedCondition, at: string): SlotPredicate {
  return compiling(ruleSet, at, () => table.conditions.condition(condition));
}
