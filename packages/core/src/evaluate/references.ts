// Every fact a rule set reads, with where it reads it. The compiler uses it to start each of them as
// null (free `employee.<attribute>` facts an employee may lack) and to refuse a rule set that reads a fact
// no evaluation provides, rather than failing on every appraisal.
import type { Expression, NestedCondition, RuleSet } from "../ruleset/schema.js";
import { pointer } from "../ruleset/errors.js";

export interface FactReference {
  fact: string;
  pointer: string;
}

function isFactReference(value: unknown): value is { fact: string } {
  return typeof value === "object" && value !== null && typeof (value as { fact?: unknown }).fact === "string";
}

function conditionFacts(condition: NestedCondition, at: Array<string | number>, out: FactReference[]): void {
  if ("all" in condition) condition.all.forEach((c, i) => conditionFacts(c, [...at, "all", i], out));
  else if ("any" in condition) condition.any.forEach((c, i) => conditionFacts(c, [...at, "any", i], out));
  else if ("not" in condition) conditionFacts(condition.not, [...at, "not"], out);
  else if ("fact" in condition) {
    out.push({ fact: condition.fact, pointer: pointer(...at, "fact") });
    if (isFactReference(condition.value)) out.push({ fact: condition.value.fact, pointer: pointer(...at, "value", "fact") });
  }
}

/** The facts an expression reads, in order of appearance. */
export function expressionFacts(expression: Expression, at: Array<string | number>, out: FactReference[]): void {
  if (typeof expression === "number") return;
  if ("fact" in expression) {
    out.push({ fact: expression.fact, pointer: pointer(...at, "fact") });
    return;
  }
  const [op, args] = Object.entries(expression)[0] as [string, Expression[]];
  args.forEach((arg, i) => expressionFacts(arg, [...at, op, i], out));
}

export function ruleSetFactReferences(ruleSet: RuleSet): FactReference[] {
  const out: FactReference[] = [];
  ruleSet.indicatorSets.forEach((set, i) => {
    if (set.when) conditionFacts(set.when, ["indicatorSets", i, "when"], out);
  });
  ruleSet.axisVariants?.forEach((variant, i) => conditionFacts(variant.when, ["axisVariants", i, "when"], out));
  for (const [name, condition] of Object.entries(ruleSet.conditions)) conditionFacts(condition, ["conditions", name], out);
  ruleSet.decisions.forEach((table, t) => {
    table.inputs.forEach((fact, c) => out.push({ fact, pointer: pointer("decisions", t, "inputs", c) }));
    table.rows.forEach((row, r) =>
      row.when.forEach((cell, c) => {
        for (const [operator, value] of Object.entries(cell)) {
          if (isFactReference(value)) {
            out.push({ fact: value.fact, pointer: pointer("decisions", t, "rows", r, "when", c, operator, "fact") });
          }
        }
      }),
    );
    if (table.when) conditionFacts(table.when, ["decisions", t, "when"], out);
  });
  ruleSet.calculations.forEach((calc, i) => {
    expressionFacts(calc.expression, ["calculations", i, "expression"], out);
    if (calc.when) conditionFacts(calc.when, ["calculations", i, "when"], out);
  });
  ruleSet.outcomes.forEach((rule, i) => {
    conditionFacts(rule.conditions, ["outcomes", i, "conditions"], out);
    for (const [key, value] of Object.entries(rule.event.params ?? {})) {
      if (isFactReference(value)) out.push({ fact: value.fact, pointer: pointer("outcomes", i, "event", "params", key, "fact") });
    }
  });
  return out;
}
