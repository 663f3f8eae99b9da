// Calculations (angka kredit, TPP amounts …): arithmetic over facts, compiled once into closures. A null
// input makes the result null (the value is not known), rather than counting as 0.
import { pointer } from "../ruleset/errors.js";
import type { Calculation, Expression, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";
import { expressionFacts, type FactReference } from "./references.js";
import { compileRuleCondition } from "./rule-errors.js";

type Evaluator = (facts: Facts, ctx: RunContext) => number | null;

export interface CompiledCalculation {
  calculation: Calculation;
  evaluate(facts: Facts, ctx: RunContext): void;
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

function compileExpression(expression: Expression, label: string): Evaluator {
  if (typeof expression === "number") return () => expression;
  if ("fact" in expression) {
    const name = expression.fact;
    return (facts, ctx) => {
      const value = facts[name];
      if (value === null || value === undefined) return null;
      if (typeof value !== "number") refuse(ctx, `${label}: fakta "${name}" harus angka, bukan ${show(value)}`);
      return value;
    };
  }
  if ("add" in expression) return fold(expression.add.map((e) => compileExpression(e, label)), (a, b) => a + b);
  if ("mul" in expression) return fold(expression.mul.map((e) => compileExpression(e, label)), (a, b) => a * b);
  if ("min" in expression) return fold(expression.min.map((e) => compileExpression(e, label)), Math.min);
  if ("max" in expression) return fold(expression.max.map((e) => compileExpression(e, label)), Math.max);
  if ("sub" in expression) return fold(expression.sub.map((e) => compileExpression(e, label)), (a, b) => a - b);
  const [dividend, divisor] = expression.div.map((e) => compileExpression(e, label)) as [Evaluator, Evaluator];
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

export function compileCalculation(ruleSet: RuleSet, index: number): CompiledCalculation {
  const calculation = ruleSet.calculations[index]!;
  const label = `perhitungan "${calculation.id}" (${calculation.name})`;
  const expression = compileExpression(calculation.expression, label);
  const gate = calculation.when
    ? compileRuleCondition(ruleSet, calculation.when, pointer("calculations", index, "when"))
    : null;
  const reads: FactReference[] = [];
  expressionFacts(calculation.expression, [], reads);
  const inputNames = [...new Set(reads.map((r) => r.fact))];
  const { id, round } = calculation;
  return {
    calculation,
    evaluate(facts, ctx) {
      const applied = gate === null || gate(facts);
      let value = applied ? expression(facts, ctx) : null;
      if (value !== null && round !== undefined) value = roundTo(value, round);
      facts[id] = value;
      if (ctx.steps) {
        const inputs: Record<string, unknown> = {};
        for (const name of inputNames) inputs[name] = facts[name];
        ctx.steps.push({ kind: "calculation", id, name: calculation.name, applied, inputs, value });
      }
    },
  };
}
