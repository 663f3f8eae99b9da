// Decision tables (predikat bands, the kuadran, sanction tables …), compiled once. Each cell is a set of
// json-rules-engine operators ANDed against its column's fact, so a cell reads like a condition leaf:
// { "greaterThanInclusive": 91 } or { "in": ["di_atas", "sesuai"] }. A table sets one fact, which later
// tables, calculations and outcome rules may read.
import { isNumeric } from "../engine/comparison.js";
import { passesSource } from "../engine/constant-test.js";
import { passes, type InlineCondition, type SlotPredicate } from "../engine/slot-compiler.js";
import { pointer } from "../ruleset/errors.js";
import type { ConditionLeaf, DecisionTable, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type RunContext } from "./context.js";
import { clean, type FactState, type FactTable } from "./fact-table.js";
import { exclusiveRows, rowIndex } from "./decision-index.js";
import { generate } from "../engine/generated.js";
import { compileRuleCondition, compiling, ruleSetError } from "./rule-errors.js";
import type { DecisionStep, DecisionValue } from "./steps.js";

export interface CompiledDecision {
  table: DecisionTable;
  outputSlot: number;
  /** The value of the first row that holds, or MISS, on a clean run, for a table that stops at its first hit. */
  quick: RowValue | null;
  /** Sets the output fact. `judged` says whether the appraisal itself gave that value. */
  evaluate(facts: FactState, judged: boolean, ctx: RunContext): void;
}

/**
 * A row: its predicate, and, when every cell is an operator against a constant (nearly always), the cells
 * as plain data, which a clean run tests inline one after another.
 */
interface Row {
  test: SlotPredicate;
  cells: InlineCondition[] | null;
}

const always: Row = { test: () => true, cells: [] };

function compileRow(table: DecisionTable, rowIndex: number, at: string, ruleSet: RuleSet, facts: FactTable): Row {
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
  const test = compiling(ruleSet, `${at}/rows/${rowIndex}/when`, () => facts.conditions.condition(condition), false);
  const cells = leaves.map((leaf) => facts.conditions.inline(leaf));
  return { test, cells: cells.every((cell) => cell !== undefined) ? cells : null };
}

/** Whether the row holds; `fast` when the run is clean. The cells in written order, as `all` tests them. */
function matches(row: Row, facts: FactState, fast: boolean): boolean {
  const cells = row.cells;
  if (!fast || cells === null) return row.test(facts, fast);
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    if (!passes(cell.test, facts[cell.slot])) return false;
  }
  return true;
}

/** Above this many rows a table keeps its index and closures rather than one written-out scan. */
const SCANNED_ROWS = 64;

/** The first row from `start` on that holds, in file order, or -1: for clean runs only. */
type RowScan = (facts: FactState, start: number) => number;

/** The value of the first row that holds, or MISS, on a clean run: a table's production path in one call. */
type RowValue = (facts: FactState) => unknown;
export const MISS = {};

/**
 * The rows of a table whose cells are all inline tests, written out as one JavaScript function: each row's
 * cells in written order, each constant a JSON literal (`passesSource`), as `matches` tests them on a clean
 * run. With `values`, the function returns the first hit's value (MISS for none, or when `guard`, a list
 * of slots, holds a value that is not a number) instead of its index. Null where code may not be generated;
 * the closures then run.
 */
function rowScan<T>(rows: readonly Row[], values?: readonly unknown[], guard: readonly number[] = []): T | null {
  const tests: InlineCondition["test"][] = [];
  const slots = new Set<number>(guard);
  const lines = rows.map((row, r) => {
    const cells = row.cells!.map((cell) => {
      slots.add(cell.slot);
      tests.push(cell.test);
      return passesSource(cell.test, `s${cell.slot}`, `tests[${tests.length - 1}]`, { passes: "passes", isNumeric: "isNumeric" });
    });
    const holds = cells.length === 0 ? "true" : cells.map((cell) => `(${cell})`).join(" && ");
    return values ? `if (${holds}) return values[${r}];` : `if (start <= ${r} && ${holds}) return ${r};`;
  });
  const reads = [...slots].map((slot) => `const s${slot} = facts[${slot}];`);
  const checks = guard.map((slot) => `if (typeof s${slot} !== "number") return MISS;`);
  const body = ["const { passes, isNumeric, tests, values, MISS } = h;", "return function rows(facts, start) {", ...reads, ...checks, ...lines, `return ${values ? "MISS" : -1};`, "};"];
  return generate<T>(body.join("\n"), { passes, isNumeric, tests, values, MISS });
}

export function compileDecision(ruleSet: RuleSet, tableIndex: number, factTable: FactTable): CompiledDecision {
  const table = ruleSet.decisions[tableIndex]!;
  const at = pointer("decisions", tableIndex);
  const rows = table.rows.map((_, r) => compileRow(table, r, at, ruleSet, factTable));
  const gate = table.when ? compileRuleCondition(ruleSet, factTable, table.when, `${at}/when`) : null;
  const output = table.output;
  const outputSlot = factTable.slot(output);
  const inputSlots = table.inputs.map((fact) => factTable.slot(fact));
  const inputOf = (facts: FactState, column: number) => factTable.get(facts, inputSlots[column]!, table.inputs[column]!);
  const describeInputs = (facts: FactState) => table.inputs.map((fact, c) => `${fact} = ${show(inputOf(facts, c))}`).join(", ");
  const label = `tabel keputusan "${table.id}"${table.name ? ` (${table.name})` : ""}`;
  const fallback = table.default;
  const rowName = (r: number) => `${at}/rows/${r}${table.rows[r]!.note ? ` "${table.rows[r]!.note}"` : ""}`;

  // On a clean run whose cells are all inline tests, only the rows the index picks are tried, and a
  // "unique" table whose rows exclude one another stops at the first that holds (decision-index.ts).
  const inline = rows.every((row) => row.cells !== null);
  const index = inline ? rowIndex(table, inputSlots) : null;
  const everyRow = rows.map((_, r) => r);
  const exclusive = inline && table.hitPolicy === "unique" ? exclusiveRows(table, inputSlots) : null;
  const scan = inline && rows.length <= SCANNED_ROWS ? rowScan<RowScan>(rows) : null;
  // A "first" table, or a "unique" one whose rows exclude one another, stops at its first hit: its value.
  const values = table.rows.map((row) => row.then);
  const quick =
    scan === null || gate !== null ? null : table.hitPolicy === "first" ? rowScan<RowValue>(rows, values) : exclusive !== null ? rowScan<RowValue>(rows, values, exclusive) : null;

  /** The rows that may hold, in order: all of them unless the run is clean and the table indexed. */
  function candidates(facts: FactState, fast: boolean): number[] {
    if (!fast || index === null) return everyRow;
    return index.rows.get(facts[index.slot]) ?? index.open;
  }

  /** Whether a "unique" table may stop at its first hit on this run. */
  function stopsAtFirst(facts: FactState, fast: boolean): boolean {
    if (!fast || exclusive === null) return false;
    for (let i = 0; i < exclusive.length; i++) if (typeof facts[exclusive[i]!] !== "number") return false;
    return true;
  }

  function hitsOf(facts: FactState): number[] {
    const hits: number[] = [];
    const fast = clean(facts);
    if (fast && scan !== null) {
      for (let r = scan(facts, 0); r !== -1; r = scan(facts, r + 1)) hits.push(r);
      return hits;
    }
    const tried = candidates(facts, fast);
    for (let i = 0; i < tried.length; i++) if (matches(rows[tried[i]!]!, facts, fast)) hits.push(tried[i]!);
    return hits;
  }

  const hitOf = (index: number) => ({ index, then: table.rows[index]!.then, note: table.rows[index]!.note ?? null });

  /** Called only when explaining, so the production path builds no list of hits; one hit may come as its index. */
  function record(ctx: RunContext, facts: FactState, source: DecisionStep["source"], hits: number[] | number, value: DecisionValue): void {
    if (!ctx.steps) return;
    const inputs: Record<string, unknown> = {};
    for (let c = 0; c < table.inputs.length; c++) inputs[table.inputs[c]!] = inputOf(facts, c);
    ctx.steps.push({
      kind: "decision",
      table: table.id,
      name: table.name ?? null,
      output,
      hitPolicy: table.hitPolicy,
      inputs,
      source,
      hits: typeof hits === "number" ? [hitOf(hits)] : hits.map(hitOf),
      value,
    });
  }

  function decide(facts: FactState, ctx: RunContext): DecisionValue {
    switch (table.hitPolicy) {
      case "first": {
        const fast = clean(facts);
        if (fast && scan !== null) {
          const r = scan(facts, 0);
          if (r === -1) break;
          const value = table.rows[r]!.then;
          if (ctx.steps) record(ctx, facts, "rows", r, value);
          return value;
        }
        const tried = candidates(facts, fast);
        for (let i = 0; i < tried.length; i++) {
          const r = tried[i]!;
          if (matches(rows[r]!, facts, fast)) {
            const value = table.rows[r]!.then;
            if (ctx.steps) record(ctx, facts, "rows", r, value);
            return value;
          }
        }
        break;
      }
      case "unique": {
        const fast = clean(facts);
        if (fast && scan !== null) {
          const r = scan(facts, 0);
          if (r === -1) break;
          // A second hit is refused below, with every row that holds named.
          if (stopsAtFirst(facts, fast) || scan(facts, r + 1) === -1) {
            const value = table.rows[r]!.then;
            if (ctx.steps) record(ctx, facts, "rows", r, value);
            return value;
          }
        }
        const tried = candidates(facts, fast);
        const first = stopsAtFirst(facts, fast);
        let hit = -1;
        let several = false;
        for (let i = 0; i < tried.length && !several; i++) {
          const r = tried[i]!;
          if (!matches(rows[r]!, facts, fast)) continue;
          several = hit !== -1;
          hit = r;
          if (first) break;
        }
        if (hit === -1) break;
        const hits = several ? hitsOf(facts) : [hit];
        if (hits.length > 1) {
          refuse(
            ctx,
            `${label}: ${hits.length} baris cocok (${hits.map(rowName).join(", ")}) untuk ${describeInputs(facts)}; ` +
              `hitPolicy "unique" menuntut paling banyak satu`,
          );
        }
        const value = table.rows[hit]!.then;
        if (ctx.steps) record(ctx, facts, "rows", hits, value);
        return value;
      }
      case "collect": {
        const hits = hitsOf(facts);
        const value = hits.length > 0 ? hits.map((r) => table.rows[r]!.then) : fallback === undefined ? [] : [fallback];
        if (ctx.steps) record(ctx, facts, hits.length > 0 ? "rows" : "default", hits, value);
        return value;
      }
    }
    if (fallback === undefined) {
      refuse(ctx, `${label}: tidak ada baris yang cocok untuk ${describeInputs(facts)}, dan tabel tidak punya default`);
    }
    if (ctx.steps) record(ctx, facts, "default", [], fallback);
    return fallback;
  }

  return {
    table,
    outputSlot,
    quick,
    evaluate(facts, judged, ctx) {
      if (judged) {
        if (ctx.steps) record(ctx, facts, "assessor", [], factTable.get(facts, outputSlot, output) as DecisionValue);
        return;
      }
      if (gate && !gate(facts, clean(facts))) {
        const value = fallback ?? null;
        facts[outputSlot] = value;
        if (ctx.steps) record(ctx, facts, "gate", [], value);
        return;
      }
      facts[outputSlot] = decide(facts, ctx);
    },
  };
}
