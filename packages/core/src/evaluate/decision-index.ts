// What a decision table's rows say about each other, worked out once when the table is compiled, so that a
// clean run tests only the rows that can hold:
// - an index on one column whose cells are values (`equal`, or `in` a list): the column's value picks the
//   rows that name it, with the rows that leave the column open, in row order;
// - whether the rows of a "unique" table exclude one another (on some column, by disjoint values or by
//   disjoint number ranges), so the first row that holds is the only one and the search may stop there.
// Both hold only on a clean run whose cells are all inline tests, which cannot throw or call anything:
// skipping a row can then change nothing but the time taken.
import type { DecisionTable } from "../ruleset/schema.js";

export interface RowIndex {
  /** The fact slot of the indexed column. */
  slot: number;
  /** For each value a cell names: the rows that may hold, in order. */
  rows: Map<unknown, number[]>;
  /** The rows that may hold for any other value: those whose cell in the column names no values. */
  open: number[];
}

/** The values a cell lets through, by ===, or null when it is not just a list of values. */
function cellValues(cell: Record<string, unknown>): unknown[] | null {
  const operators = Object.keys(cell);
  if (operators.length !== 1) return null;
  const value = cell[operators[0]!];
  if (operators[0] === "equal") return isPlainValue(value) ? [value] : null;
  if (operators[0] === "in") return Array.isArray(value) && value.every(isPlainValue) ? value : null;
  return null;
}

/** A primitive that === finds (NaN equals nothing, and an object in a rule is a private copy). */
function isPlainValue(value: unknown): boolean {
  return (value === null || (typeof value !== "object" && typeof value !== "function")) && !Number.isNaN(value);
}

interface Range {
  low: number;
  lowIncluded: boolean;
  high: number;
  highIncluded: boolean;
}

/** The number range a cell lets through, or null when it is not only comparisons with numbers. */
function cellRange(cell: Record<string, unknown>): Range | null {
  const operators = Object.keys(cell);
  if (operators.length === 0) return null;
  const range: Range = { low: -Infinity, lowIncluded: false, high: Infinity, highIncluded: false };
  for (const operator of operators) {
    const value = cell[operator];
    if (typeof value !== "number" || Number.isNaN(value)) return null;
    switch (operator) {
      case "greaterThan":
      case "greaterThanInclusive": {
        const included = operator === "greaterThanInclusive";
        if (value > range.low || (value === range.low && !included)) Object.assign(range, { low: value, lowIncluded: included });
        break;
      }
      case "lessThan":
      case "lessThanInclusive": {
        const included = operator === "lessThanInclusive";
        if (value < range.high || (value === range.high && !included)) Object.assign(range, { high: value, highIncluded: included });
        break;
      }
      default:
        return null;
    }
  }
  return range;
}

function isEmpty(r: Range): boolean {
  return r.low > r.high || (r.low === r.high && !(r.lowIncluded && r.highIncluded));
}

function rangesDisjoint(a: Range, b: Range): boolean {
  if (isEmpty(a) || isEmpty(b)) return true;
  const below = (x: Range, y: Range) => x.high < y.low || (x.high === y.low && !(x.highIncluded && y.lowIncluded));
  return below(a, b) || below(b, a);
}

/**
 * The index on the column whose cells name values in the most rows (at least two), or null. `slots` are
 * the columns' fact slots.
 */
export function rowIndex(table: DecisionTable, slots: readonly number[]): RowIndex | null {
  let best = -1;
  let bestCount = 1;
  for (let column = 0; column < table.inputs.length; column++) {
    const count = table.rows.filter((row) => cellValues(row.when[column] ?? {}) !== null).length;
    if (count > bestCount) [best, bestCount] = [column, count];
  }
  if (best === -1) return null;
  const values = table.rows.map((row) => cellValues(row.when[best] ?? {}));
  const open = values.flatMap((v, r) => (v === null ? [r] : []));
  const rows = new Map<unknown, number[]>();
  for (const list of values) for (const value of list ?? []) rows.set(value, []);
  for (const [value, list] of rows) {
    values.forEach((v, r) => {
      if (v === null || v.includes(value)) list.push(r);
    });
  }
  return { slot: slots[best]!, rows, open };
}

/**
 * Whether no two rows can hold together: every pair has a column where their values differ, or where their
 * number ranges do not meet. Ranges count only for a number, so the slots of the columns that needed them
 * are returned (their values must be numbers on the run), or null when some pair may overlap.
 */
export function exclusiveRows(table: DecisionTable, slots: readonly number[]): number[] | null {
  const rangeColumns = new Set<number>();
  const rows = table.rows;
  for (let a = 0; a < rows.length; a++) {
    for (let b = a + 1; b < rows.length; b++) {
      let byValues = false;
      let byRange = -1;
      for (let column = 0; column < table.inputs.length && !byValues; column++) {
        const x = rows[a]!.when[column] ?? {};
        const y = rows[b]!.when[column] ?? {};
        const xs = cellValues(x);
        const ys = cellValues(y);
        if (xs !== null && ys !== null && !xs.some((v) => ys.includes(v))) byValues = true;
        else if (byRange === -1) {
          const rx = cellRange(x);
          const ry = cellRange(y);
          if (rx !== null && ry !== null && rangesDisjoint(rx, ry)) byRange = column;
        }
      }
      if (byValues) continue;
      if (byRange === -1) return null;
      rangeColumns.add(byRange);
    }
  }
  return [...rangeColumns].map((column) => slots[column]!);
}
