// Calculations (angka kredit, TPP amounts …): arithmetic over facts, compiled once into closures. A null
// input makes the result null (the value is not known), rather than counting as 0.
import { pointer } from "../ruleset/errors.js";
import type { Calculation, Expression, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type RunContext } from "./context.js";
import { clean, type FactState, type FactTable } from "./fact-table.js";
import { expressionFacts, type FactReference } from "./references.js";
import { compileRuleCondition } from "./rule-errors.js";

type Evaluator = (facts: FactState, ctx: RunContext) => number | null;

export interface CompiledCalculation {
  calculation: Calculation;
  evaluate(facts: FactState, ctx: RunContext): void;
}

function fold(args: Evaluator[], combine: (a: number, b: number) => number): Evaluator {
  return (facts, ctx) => {
    let acc = args[0]!(facts, ctx);
    if (acc === null) return null;
    for (let i = 1; i < args.length; i++) {
      const next = args[i]!(facts, ctx);
      if (next === null) return null;
      acc = combine(acc, next);
    }
    return acc;
  };
}

function compileExpression(expression: Expression, label: string, table: FactTable): Evaluator {
  if (typeof expression === "number") return () => expression;
  if ("fact" in expression) {
    const name = expression.fact;
    const slot = table.slot(name);
    return (facts, ctx) => {
      const value = table.get(facts, slot, name);
      if (value === null || value === undefined) return null;
      if (typeof value !== "number") refuse(ctx, `${label}: fakta "${name}" harus angka, bukan ${show(value)}`);
      return value;
    };
  }
  const operands = (list: Expression[]) => list.map((e) => compileExpression(e, label, table));
  if ("add" in expression) return fold(operands(expression.add), (a, b) => a + b);
  if ("mul" in expression) return fold(operands(expression.mul), (a, b) => a * b);
  if ("min" in expression) return fold(operands(expression.min), Math.min);
  if ("max" in expression) return fold(operands(expression.max), Math.max);
  if ("sub" in expression) return fold(operands(expression.sub), (a, b) => a - b);
  const [dividend, divisor] = operands(expression.div) as [Evaluator, Evaluator];
  return (facts, ctx) => {
    const a = dividend(facts, ctx);
    const b = divisor(facts, ctx);
    if (a === null || b === null) return null;
    if (b === 0) refuse(ctx, `${label}: pembagian dengan nol`);
    return a / b;
  };
}

/**
 * Rounds half away from zero at `places` decimals. The nudge of one relative epsilon undoes the binary
 * error that makes 1.005 × 100 = 100.49999…, so 1.005 rounds to 1.01 as a person expects.
 */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor * (1 + Number.EPSILON))) / factor;
}

export function compileCalculation(ruleSet: RuleSet, index: number, table: FactTable): CompiledCalculation {
  const calculation = ruleSet.calculations[index]!;
  const label = `perhitungan "${calculation.id}" (${calculation.name})`;
  const expression = compileExpression(calculation.expression, label, table);
  const gate = calculation.when
    ? compileRuleCondition(ruleSet, table, calculation.when, pointer("calculations", index, "when"))
    : null;
  const reads: FactReference[] = [];
  expressionFacts(calculation.expression, [], reads);
  const inputNames = [...new Set(reads.map((r) => r.fact))];
  const inputSlots = inputNames.map((name) => table.slot(name));
  const { id, round } = calculation;
  const slot = table.slot(id);
  return {
    calculation,
    evaluate(facts, ctx) {
      if (gate !== null) table.fillPaths(facts, true);
      const applied = gate === null || gate(facts, clean(facts));
      let value = applied ? expression(facts, ctx) : null;
      if (value !== null && round !== undefined) value = roundTo(value, round);
      facts[slot] = value;
      if (ctx.steps) {
        const inputs: Record<string, unknown> = {};
        inputNames.forEach((name, i) => (inputs[name] = table.get(facts, inputSlots[i]!, name)));
        ctx.steps.push({ kind: "calculation", id, name: calculation.name, applied, inputs, value });
      }
    },
  };
}
