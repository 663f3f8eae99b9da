// Decision tables (predikat bands, the kuadran, sanction tables …), compiled once. Each cell is a set of
// json-rules-engine operators ANDed against its column's fact, so a cell reads like a condition leaf:
// { "greaterThanInclusive": 91 } or { "in": ["di_atas", "sesuai"] }. A table sets one fact, which later
// tables, calculations and outcome rules may read.
import { compileCondition } from "../engine/index.js";
import { pointer } from "../ruleset/errors.js";
import type { ConditionLeaf, DecisionTable, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";
import { compileRuleCondition, compiling, ruleSetError } from "./rule-errors.js";
import type { DecisionStep, DecisionValue } from "./steps.js";

type Predicate = (facts: Facts) => boolean;

export interface CompiledDecision {
  table: DecisionTable;
  /** Sets `facts[table.output]`. `judged` says whether the appraisal itself gave that value. */
  evaluate(facts: Facts, judged: boolean, ctx: RunContext): void;
}

const always: Predicate = () => true;

function rowPredicate(table: DecisionTable, rowIndex: number, at: string, ruleSet: RuleSet): Predicate {
  const row = table.rows[rowIndex]!;
  if (row.when.length !== table.inputs.length) {
    throw ruleSetError(
      ruleSet,
      `${at}/rows/${rowIndex}/when`,
      `baris ini punya ${row.when.length} sel, padahal tabel punya ${table.inputs.length} kolom (${table.inputs.join(", ")})`,
    );
  }
  const leaves: ConditionLeaf[] = [];
  row.when.forEach((cell, column) => {
    for (const [operator, value] of Object.entries(cell)) leaves.push({ fact: table.inputs[column]!, operator, value });
  });
  if (leaves.length === 0) return always;
  const condition = { all: leaves };
  const options = { allowUndefinedFacts: false, conditions: ruleSet.conditions };
  return compiling(ruleSet, `${at}/rows/${rowIndex}/when`, () => compileCondition(condition, options), false);
}

function describeInputs(table: DecisionTable, facts: Facts): string {
  return table.inputs.map((fact) => `${fact} = ${show(facts[fact])}`).join(", ");
}

export function compileDecision(ruleSet: RuleSet, tableIndex: number): CompiledDecision {
  const table = ruleSet.decisions[tableIndex]!;
  const at = pointer("decisions", tableIndex);
  const rows = table.rows.map((_, r) => rowPredicate(table, r, at, ruleSet));
  const gate = table.when ? compileRuleCondition(ruleSet, table.when, `${at}/when`) : null;
  const output = table.output;
  const label = `tabel keputusan "${table.id}"${table.name ? ` (${table.name})` : ""}`;
  const fallback = table.default;
  const rowName = (r: number) => `${at}/rows/${r}${table.rows[r]!.note ? ` "${table.rows[r]!.note}"` : ""}`;

  function hitsOf(facts: Facts): number[] {
    const hits: number[] = [];
    for (let r = 0; r < rows.length; r++) if (rows[r]!(facts)) hits.push(r);
    return hits;
  }

  function record(ctx: RunContext, facts: Facts, source: DecisionStep["source"], hits: number[], value: DecisionValue): void {
    if (!ctx.steps) return;
    const inputs: Record<string, unknown> = {};
    for (const fact of table.inputs) inputs[fact] = facts[fact];
    ctx.steps.push({
      kind: "decision",
      table: table.id,
      name: table.name ?? null,
      output,
      hitPolicy: table.hitPolicy,
      inputs,
      source,
      hits: hits.map((index) => ({ index, then: table.rows[index]!.then, note: table.rows[index]!.note ?? null })),
      value,
    });
  }

  function decide(facts: Facts, ctx: RunContext): DecisionValue {
    switch (table.hitPolicy) {
      case "first": {
        for (let r = 0; r < rows.length; r++) {
          if (rows[r]!(facts)) {
            const value = table.rows[r]!.then;
            record(ctx, facts, "rows", [r], value);
            return value;
          }
        }
        break;
      }
      case "unique": {
        const hits = hitsOf(facts);
        if (hits.length > 1) {
          refuse(
            ctx,
            `${label}: ${hits.length} baris cocok (${hits.map(rowName).join(", ")}) untuk ${describeInputs(table, facts)}; ` +
              `hitPolicy "unique" menuntut paling banyak satu`,
          );
        }
        if (hits.length === 1) {
          const value = table.rows[hits[0]!]!.then;
          record(ctx, facts, "rows", hits, value);
          return value;
        }
        break;
      }
      case "collect": {
        const hits = hitsOf(facts);
        const value = hits.length > 0 ? hits.map((r) => table.rows[r]!.then) : fallback === undefined ? [] : [fallback];
        record(ctx, facts, hits.length > 0 ? "rows" : "default", hits, value);
        return value;
      }
    }
    if (fallback === undefined) {
      refuse(ctx, `${label}: tidak ada baris yang cocok untuk ${describeInputs(table, facts)}, dan tabel tidak punya default`);
    }
    record(ctx, facts, "default", [], fallback);
    return fallback;
  }

  return {
    table,
    evaluate(facts, judged, ctx) {
      if (judged) {
        record(ctx, facts, "assessor", [], facts[output] as DecisionValue);
        return;
      }
      if (gate && !gate(facts)) {
        const value = fallback ?? null;
        facts[output] = value;
        record(ctx, facts, "gate", [], value);
        return;
      }
      facts[output] = decide(facts, ctx);
    },
  };
}
