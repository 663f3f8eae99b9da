// Static checks on decision tables: row shape, cell operators, rows that can never match, the predikat
// table, and score bands: gaps between bands, overlaps under hit policy "unique", rows hidden by earlier
// ones under "first".
import type { Lang } from "../domain/types.js";
import { holds, neverMessage, type ConditionChecker } from "./check-conditions.js";
import { show, type FactCatalog, type Reporter, type Scalar } from "./check-context.js";
import { pointer, type Texts } from "./errors.js";
import {
  boundInterval,
  boundSymbol,
  contains,
  describeInterval,
  EVERY_NUMBER,
  gaps,
  intersect,
  isBoundOperator,
  isEmpty,
  type Interval,
} from "./intervals.js";
import type { DecisionCell, DecisionTable, RuleSet } from "./schema.js";
import { didYouMeanTexts, listNamesTexts } from "./suggest.js";
import { own } from "./own.js";

/** A cell as the band checks see it: matches anything, a number interval, or some other test. */
type Cell = { kind: "any" } | { kind: "number"; interval: Interval } | { kind: "other"; key: string; cell: DecisionCell };

function classify(cell: DecisionCell): Cell {
  const entries = Object.entries(cell);
  if (!entries.length) return { kind: "any" };
  if (entries.every(([op, value]) => isBoundOperator(op) && typeof value === "number")) {
    let interval = EVERY_NUMBER;
    for (const [op, value] of entries) if (isBoundOperator(op)) interval = intersect(interval, boundInterval(op, value as number));
    return { kind: "number", interval };
  }
  const key = JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
  return { kind: "other", key, cell };
}

/** True when every input `inner` matches, `outer` matches too. */
function covers(outer: Cell, inner: Cell): boolean {
  if (outer.kind === "any") return true;
  if (outer.kind === "number") return inner.kind === "number" && contains(outer.interval, inner.interval);
  return inner.kind === "other" && inner.key === outer.key;
}

const AND: Texts = { id: " dan ", en: " and " };
const OR: Texts = { id: " atau ", en: " or " };

function cellText(fact: string, cell: DecisionCell, lang: Lang): string {
  const tests = Object.entries(cell).map(([op, value]) => `${isBoundOperator(op) ? boundSymbol(op) : op} ${show(value)}`);
  if (tests.length) return `${fact} ${tests.join(AND[lang])}`;
  return lang === "en" ? `any ${fact}` : `${fact} apa pun`;
}

function rowText(table: DecisionTable, r: number, lang: Lang, columns?: number[]): string {
  const cells = table.rows[r]?.when ?? [];
  const shown = (columns ?? cells.map((_, c) => c)).filter((c) => Object.keys(cells[c] ?? {}).length);
  const text = shown.map((c) => cellText(table.inputs[c] ?? "?", cells[c] ?? {}, lang)).join(", ");
  return `rows/${r} (${text || (lang === "en" ? "matches anything" : "cocok dengan apa pun")})`;
}

/** Two rows and what both match, with what "unique" expects instead. */
function bothMatch(table: DecisionTable, a: number, b: number, what: Texts): Texts {
  return {
    id: `${rowText(table, a, "id")} dan ${rowText(table, b, "id")} sama-sama cocok ${what.id}; ${ONE_ROW_EXPECTED.id}`,
    en: `${rowText(table, a, "en")} and ${rowText(table, b, "en")} both match ${what.en}; ${ONE_ROW_EXPECTED.en}`,
  };
}

/** The values a numeric column can take: a declared fact's min/max; scores are never negative. */
function numericDomain(ruleSet: RuleSet, fact: string): Interval {
  const declared = own(ruleSet.facts, fact);
  if (declared && (declared.min !== undefined || declared.max !== undefined)) {
    return {
      lo: declared.min ?? -Infinity,
      loIncluded: declared.min !== undefined,
      hi: declared.max ?? Infinity,
      hiIncluded: declared.max !== undefined,
    };
  }
  if (fact === "score" || fact.startsWith("score.")) return { lo: 0, loIncluded: true, hi: Infinity, hiIncluded: false };
  return EVERY_NUMBER;
}

const ONE_ROW_EXPECTED: Texts = {
  id:
    'hit policy "unique" mengharapkan paling banyak satu baris yang cocok; yang diharapkan: baris yang tidak tumpang tindih ' +
    '(atau "first" bila baris yang lebih awal harus menang)',
  en:
    'hit policy "unique" expects at most one row to match, so expected rows that do not overlap ' +
    '(or "first" if the earlier row should win)',
};
const BANDS_MEET: Texts = {
  id: 'pita yang bersambung, seperti "lessThan": 91 di sebelah "greaterThanInclusive": 91',
  en: 'bands that meet, such as "lessThan": 91 next to "greaterThanInclusive": 91',
};

/** Beyond this many combinations of input values, tables are checked band by band instead. */
const MAX_COMBINATIONS = 1000;

export class DecisionChecker {
  constructor(
    private readonly ruleSet: RuleSet,
    private readonly catalog: FactCatalog,
    private readonly conditions: ConditionChecker,
    private readonly report: Reporter,
  ) {}

  checkAll(): void {
    const { decisions, predikat } = this.ruleSet;
    decisions.forEach((table, i) => this.checkTable(table, i));
    if (!decisions.some((t) => t.output === "predikat")) {
      this.report.error(pointer("decisions"), {
        id: 'tidak ada tabel keputusan yang menetapkan "predikat"; yang diharapkan: satu tabel dengan "output": "predikat" (pita skor atau kuadran)',
        en: 'no decision table sets "predikat"; expected one with "output": "predikat" (score bands or the kuadran)',
      });
    } else {
      const producible = new Set(
        decisions.filter((t) => t.output === "predikat").flatMap((t) => [...t.rows.map((row) => row.then), t.default]),
      );
      predikat.forEach((p, i) => {
        if (!producible.has(p.id)) {
          this.report.warning(pointer("predikat", i), {
            id:
              `predikat "${p.id}" tidak pernah menjadi hasil tabel yang menetapkan predikat; ` +
              'yang diharapkan: predikat ini sebagai "then" suatu baris (atau sebagai "default")',
            en: `predikat "${p.id}" is never the result of a table that sets predikat; expected it as some row's "then" (or a "default")`,
          });
        }
      });
    }
  }

  private checkTable(table: DecisionTable, i: number): void {
    const at = pointer("decisions", i);
    const order = this.catalog.decisionOrder(i);
    table.inputs.forEach((fact, c) => this.conditions.checkFact(fact, `${at}/inputs/${c}`, order));
    if (table.when) {
      const never = this.conditions.check(table.when, `${at}/when`, order);
      const what = { id: `tabel "${table.id}" tidak pernah berlaku`, en: `table "${table.id}" never applies` };
      if (never) this.report.error(`${at}/when`, neverMessage(what, never, `${at}/when`));
    }
    let shapeOk = true;
    table.rows.forEach((row, r) => {
      const rowAt = `${at}/rows/${r}`;
      if (row.when.length !== table.inputs.length) {
        shapeOk = false;
        this.report.error(`${rowAt}/when`, {
          id:
            `baris ini punya ${row.when.length} sel; yang diharapkan: ${table.inputs.length}, ` +
            `satu per masukan (${table.inputs.join(", ")}), {} untuk "nilai apa pun"`,
          en:
            `this row has ${row.when.length} ${row.when.length === 1 ? "cell" : "cells"}, expected ` +
            `${table.inputs.length}: one per input (${table.inputs.join(", ")}), {} for "any value"`,
        });
        return;
      }
      const leaves = row.when.flatMap((cell, c) =>
        Object.entries(cell).map(([operator, value]) => {
          const leaf = { fact: table.inputs[c] ?? "", operator, value };
          const cellAt = `${rowAt}/when/${c}/${pointer(operator).slice(1)}`;
          this.conditions.checkLeaf(leaf, order, { operator: cellAt, value: cellAt });
          return { leaf, at: cellAt };
        }),
      );
      const never = this.conditions.contradiction(leaves, `${rowAt}/when`);
      const what = { id: "baris ini tidak pernah cocok", en: "this row can never match" };
      if (never) this.report.error(`${rowAt}/when`, neverMessage(what, never, `${rowAt}/when`));
    });
    if (table.output === "predikat") this.checkPredikatTable(table, at);
    if (!shapeOk || this.checkCombinations(table, at)) return;
    const cells = table.rows.map((row) => row.when.map(classify));
    if (table.hitPolicy !== "collect") this.checkGaps(table, at, cells);
    if (table.hitPolicy === "unique") this.checkOverlaps(table, at, cells);
    if (table.hitPolicy === "first") this.checkShadowed(table, at, cells);
  }

  private checkPredikatTable(table: DecisionTable, at: string): void {
    const ids = this.ruleSet.predikat.map((p) => p.id);
    if (!ids.length) {
      this.report.error(pointer("predikat"), {
        id: `belum ada predikat yang dideklarasikan, padahal ${at} menetapkan predikat; yang diharapkan: daftar predikat, mis. { "id": "baik", "label": "Baik" }`,
        en: `no predikat declared, but ${at} sets predikat; expected a list of predikat, e.g. { "id": "baik", "label": "Baik" }`,
      });
      return;
    }
    if (table.hitPolicy === "collect") {
      this.report.error(`${at}/hitPolicy`, {
        id: 'tabel yang menetapkan predikat harus memilih satu baris, tetapi hit policy-nya "collect"; yang diharapkan: "first" atau "unique"',
        en: 'a table that sets predikat must choose one row, but its hit policy is "collect"; expected "first" or "unique"',
      });
    }
    const names = listNamesTexts(ids);
    const checkId = (value: unknown, where: string) => {
      if (typeof value === "string" && ids.includes(value)) return;
      const hint = didYouMeanTexts(value, ids);
      this.report.error(where, {
        id: `${show(value)} bukan predikat yang dideklarasikan${hint.id}; yang diharapkan: salah satu dari ${names.id} (lihat /predikat)`,
        en: `${show(value)} is not a declared predikat${hint.en}; expected one of ${names.en} (see /predikat)`,
      });
    };
    table.rows.forEach((row, r) => checkId(row.then, `${at}/rows/${r}/then`));
    if (table.default !== undefined) checkId(table.default, `${at}/default`);
  }

  /**
   * When every input has a fixed set of values (the kuadran reads two rating tables), tries every
   * combination: one that no row matches, two rows that match the same one under "unique", a row that
   * under "first" is never the first to match. False when the table's inputs do not allow this.
   */
  private checkCombinations(table: DecisionTable, at: string): boolean {
    const domains = table.inputs.map((fact) => this.catalog.domain(fact)?.values);
    const size = domains.reduce((n, values) => n * (values?.length ?? Infinity), 1);
    if (size > MAX_COMBINATIONS) return false;
    const matches = (r: number, combination: Scalar[]): boolean | undefined => {
      let all: boolean | undefined = true;
      table.rows[r]?.when.forEach((cell, c) => {
        for (const [operator, value] of Object.entries(cell)) {
          const result = holds(operator, combination[c], value);
          if (result === undefined) all = undefined;
          else if (!result && all !== undefined) all = false;
        }
      });
      return all;
    };
    const combinations = (domains as Scalar[][]).reduce<Scalar[][]>(
      (partial, values) => partial.flatMap((prefix) => values.map((v) => [...prefix, v])),
      [[]],
    );
    const hits = combinations.map((combination) => table.rows.map((_, r) => matches(r, combination)));
    if (hits.some((row) => row.includes(undefined))) return false;
    const describe = (combinations: Scalar[][], lang: Lang) =>
      combinations.map((combination) => `(${table.inputs.map((fact, c) => `${fact} = ${show(combination[c])}`).join(AND[lang])})`).join(", ");
    const unmatched = combinations.filter((_, k) => !hits[k]?.includes(true));
    if (unmatched.length && table.default === undefined && table.hitPolicy !== "collect") {
      const shown = unmatched.slice(0, 5);
      const more = unmatched.length - shown.length;
      this.report.error(`${at}/rows`, {
        id:
          `tidak ada baris yang cocok dengan ${describe(shown, "id")}${more > 0 ? ` dan ${more} lainnya` : ""}; ` +
          'yang diharapkan: satu baris untuk setiap kombinasi nilai masukan, atau "default"',
        en:
          `no row matches ${describe(shown, "en")}${more > 0 ? ` and ${more} more` : ""}; ` +
          `expected a row for every combination of the inputs' values, or a "default"`,
      });
    }
    const first = (k: number) => hits[k]?.indexOf(true) ?? -1;
    if (table.hitPolicy === "unique") {
      const shared = new Map<string, { a: number; b: number; combinations: Scalar[][] }>();
      combinations.forEach((combination, k) => {
        const [a, b] = hits[k]?.flatMap((hit, r) => (hit ? [r] : [])) ?? [];
        if (a === undefined || b === undefined) return;
        const pair = shared.get(`${a}|${b}`) ?? { a, b, combinations: [] };
        pair.combinations.push(combination);
        shared.set(`${a}|${b}`, pair);
      });
      for (const { a, b, combinations: both } of shared.values()) {
        this.report.error(`${at}/rows/${b}`, bothMatch(table, a, b, { id: describe(both, "id"), en: describe(both, "en") }));
      }
    }
    if (table.hitPolicy === "first") {
      table.rows.forEach((_, r) => {
        const matched = combinations.some((_, k) => hits[k]?.[r] === true);
        if (!matched || combinations.some((_, k) => first(k) === r)) return;
        const earlier = combinations.map((_, k) => (hits[k]?.[r] ? first(k) : -1)).filter((e) => e >= 0);
        const rows = (lang: Lang) => [...new Set(earlier)].map((e) => `rows/${e}`).join(OR[lang]);
        this.report.warning(`${at}/rows/${r}`, {
          id:
            `baris ini tidak pernah terpilih: setiap masukan yang cocok dengannya lebih dulu cocok dengan ${rows("id")}; ` +
            "yang diharapkan: baris ini di atasnya, atau dihapus",
          en: `this row is never chosen: every input it matches is matched first by ${rows("en")}; expected it above them, or removed`,
        });
      });
    }
    return true;
  }

  /** Values of a numeric column no row matches, among rows that agree on every other column. */
  private checkGaps(table: DecisionTable, at: string, cells: Cell[][]): void {
    const reported = new Set<string>();
    table.inputs.forEach((fact, column) => {
      const columnCells = cells.map((row) => row[column]);
      if (!columnCells.some((c) => c?.kind === "number") || columnCells.some((c) => c?.kind === "other")) return;
      const domain = numericDomain(this.ruleSet, fact);
      cells.forEach((pattern, g) => {
        const others = (row: Cell[]) => row.every((cell, c) => c === column || covers(cell, pattern[c] ?? cell));
        const members = cells.flatMap((row, r) => (others(row) ? [r] : []));
        const intervals = members.map((r) => {
          const cell = cells[r]?.[column];
          return cell?.kind === "number" ? cell.interval : EVERY_NUMBER;
        });
        const when = this.groupText(table, column, g, pattern, cells);
        for (const gap of gaps(domain, intervals)) {
          const key = `${column}|${JSON.stringify(gap)}|${when.en}`;
          if (reported.has(key)) continue;
          reported.add(key);
          this.reportGap(table, at, fact, column, gap, when, members, intervals, domain);
        }
      });
    });
  }

  /**
   * The other columns' part of a gap message: " when inovasi = true" for a group of rows that tests
   * it, " unless inovasi = true" for rows that match any value while other rows test specific ones.
   */
  private groupText(table: DecisionTable, column: number, g: number, pattern: Cell[], cells: Cell[][]): Texts {
    const inLang = (lang: Lang): string => {
      const when: string[] = [];
      const unless = new Set<string>();
      table.inputs.forEach((fact, c) => {
        if (c === column) return;
        if (pattern[c]?.kind !== "any") {
          when.push(cellText(fact, table.rows[g]?.when[c] ?? {}, lang));
          return;
        }
        cells.forEach((row, r) => {
          if (row[c]?.kind !== "any") unless.add(cellText(fact, table.rows[r]?.when[c] ?? {}, lang));
        });
      });
      const [whenWord, unlessWord] = lang === "en" ? ["when", "unless"] : ["bila", "kecuali bila"];
      return `${when.length ? ` ${whenWord} ${when.join(AND[lang])}` : ""}${unless.size ? ` ${unlessWord} ${[...unless].join(OR[lang])}` : ""}`;
    };
    return { id: inLang("id"), en: inLang("en") };
  }

  private reportGap(
    table: DecisionTable,
    at: string,
    fact: string,
    column: number,
    gap: Interval,
    when: Texts,
    members: number[],
    intervals: Interval[],
    domain: Interval,
  ): void {
    const interior = gap.lo !== domain.lo && gap.hi !== domain.hi;
    if (table.default !== undefined && !interior) return;
    const below = members.find((_, k) => intervals[k]?.hi === gap.lo);
    const above = members.find((_, k) => intervals[k]?.lo === gap.hi);
    const nearRows = [below, above].filter((r): r is number => r !== undefined);
    const where = (lang: Lang): string => {
      const near = nearRows.map((r) => rowText(table, r, lang, [column]));
      if (near.length === 2) return lang === "en" ? ` (between ${near[0]} and ${near[1]})` : ` (antara ${near[0]} dan ${near[1]})`;
      if (near.length === 1) return lang === "en" ? ` (next to ${near[0]})` : ` (di sebelah ${near[0]})`;
      return "";
    };
    const id = `${fact} ${describeInterval(gap, "id")} tidak cocok dengan baris mana pun${when.id}${where("id")}`;
    const en = `${fact} ${describeInterval(gap, "en")} matches no row${when.en}${where("en")}`;
    if (table.default !== undefined) {
      const fallback = show(table.default);
      this.report.warning(`${at}/rows`, {
        id: `${id}, sehingga jatuh ke default ${fallback}; yang diharapkan: ${BANDS_MEET.id}`,
        en: `${en}, so it falls to the default ${fallback}; expected ${BANDS_MEET.en}`,
      });
    } else {
      this.report.error(`${at}/rows`, {
        id: `${id}; yang diharapkan: baris yang mencakup setiap nilai (${BANDS_MEET.id}), atau "default"`,
        en: `${en}; expected the rows to cover every value (${BANDS_MEET.en}), or a "default"`,
      });
    }
  }

  /** Under "unique", two rows that both match some input. */
  private checkOverlaps(table: DecisionTable, at: string, cells: Cell[][]): void {
    cells.forEach((rowB, b) => {
      for (let a = 0; a < b; a++) {
        const rowA = cells[a] ?? [];
        const region: Array<(lang: Lang) => string> = [];
        const overlap = rowB.every((cellB, c) => {
          const cellA = rowA[c];
          const fact = table.inputs[c] ?? "";
          if (!cellA) return false;
          if (cellA.kind === "any" || cellB.kind === "any") {
            const narrower = cellA.kind === "any" ? b : a;
            const cell = table.rows[narrower]?.when[c] ?? {};
            if (Object.keys(cell).length) region.push((lang) => cellText(fact, cell, lang));
            return true;
          }
          if (cellA.kind === "number" && cellB.kind === "number") {
            const both = intersect(cellA.interval, cellB.interval);
            if (isEmpty(both)) return false;
            region.push((lang) => `${fact} ${describeInterval(both, lang)}`);
            return true;
          }
          // Two other tests overlap for certain only when they are the same test.
          if (cellA.kind === "other" && cellB.kind === "other" && cellA.key === cellB.key) {
            const cell = cellA.cell;
            region.push((lang) => cellText(fact, cell, lang));
            return true;
          }
          return false;
        });
        if (!overlap) continue;
        const regionText = (lang: Lang) => region.map((part) => part(lang)).join(AND[lang]);
        this.report.error(
          `${at}/rows/${b}`,
          bothMatch(table, a, b, { id: `bila ${regionText("id") || "apa pun"}`, en: `when ${regionText("en") || "anything"}` }),
        );
        return;
      }
    });
  }

  /** Under "first", a row that an earlier row always catches first. */
  private checkShadowed(table: DecisionTable, at: string, cells: Cell[][]): void {
    cells.forEach((rowB, b) => {
      // A row that matches nothing is reported as such, not as hidden.
      if (rowB.some((cell) => cell.kind === "number" && isEmpty(cell.interval))) return;
      const a = cells.findIndex((rowA, k) => k < b && rowA.every((cellA, c) => covers(cellA, rowB[c] ?? cellA)));
      if (a < 0) return;
      this.report.warning(`${at}/rows/${b}`, {
        id:
          `baris ini tidak pernah terpilih: ${rowText(table, a, "id")} lebih dulu dan cocok dengan semua yang cocok dengannya; ` +
          `yang diharapkan: baris ini di atas rows/${a}, atau dihapus`,
        en:
          `this row is never chosen: ${rowText(table, a, "en")} comes first and matches everything it matches; ` +
          `expected it above rows/${a}, or removed`,
      });
    });
  }
}
