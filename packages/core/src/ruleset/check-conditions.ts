// Static checks on json-rules-engine conditions: facts read (known, and available at that point of the
// evaluation), operators, named-condition references, values a fact can never take, and conditions that
// can never hold (contradictory bounds in an `all`, an `any` whose every branch is impossible).
import type { Lang } from "../domain/types.js";
import { KNOWN_OPERATORS, isKnownOperator } from "../engine/operators.js";
import type { FactCatalog, Reporter } from "./check-context.js";
import { show, type Scalar } from "./check-context.js";
import { pointer, type Texts } from "./errors.js";
import { boundInterval, boundSymbol, intersect, isBoundOperator, isEmpty } from "./intervals.js";
import { factPathProblem } from "./json-path.js";
import type { ConditionLeaf, NestedCondition, RuleSet } from "./schema.js";
import { didYouMeanTexts, listNamesTexts } from "./suggest.js";
import { own } from "./own.js";

/** The condition declared under `name` in /conditions, or undefined. */
export function namedCondition(ruleSet: Pick<RuleSet, "conditions">, name: string): NestedCondition | undefined {
  return own(ruleSet.conditions, name);
}

/** A leaf with the pointer of the condition it came from (a named condition's leaves keep their own). */
export interface PlacedLeaf {
  leaf: ConditionLeaf;
  at: string;
}

/** Why a condition can never hold, and where. */
export interface Impossibility {
  at: string;
  reason: Texts;
}

/** A value naming a fact: `{ fact, path?, params? }`. */
export function isFactValue(value: unknown): value is { fact: string; path?: unknown } {
  return typeof value === "object" && value !== null && typeof (value as { fact?: unknown }).fact === "string";
}

export function unknownOperatorMessage(operator: string): Texts {
  const hint = didYouMeanTexts(operator, KNOWN_OPERATORS);
  return {
    id:
      `operator "${operator}" tidak dikenal${hint.id}; yang diharapkan: salah satu dari ${KNOWN_OPERATORS.join(", ")}, ` +
      'boleh dengan dekorator seperti "not:equal" atau "someFact:greaterThan"',
    en:
      `unknown operator "${operator}"${hint.en}; expected one of ` +
      `${KNOWN_OPERATORS.join(", ")}, optionally decorated as in "not:equal" or "someFact:greaterThan"`,
  };
}

const OPERATOR_WORDS: Record<Lang, Record<string, string>> = {
  id: { notEqual: "≠", in: "salah satu dari", notIn: "bukan salah satu dari" },
  en: { notEqual: "≠", in: "in", notIn: "not in" },
};

export function describeLeaf(leaf: ConditionLeaf, lang: Lang = "id"): string {
  const { operator } = leaf;
  const symbol = isBoundOperator(operator) ? boundSymbol(operator) : (OPERATOR_WORDS[lang][operator] ?? operator);
  const value = isFactValue(leaf.value) ? `${lang === "en" ? "fact" : "fakta"} ${leaf.value.fact}` : show(leaf.value);
  return `${leaf.fact}${leaf.path ? leaf.path : ""} ${symbol} ${value}`;
}

/** Whether `fact operator value` holds for a fact value; undefined when this check cannot tell. */
export function holds(operator: string, factValue: unknown, value: unknown): boolean | undefined {
  switch (operator) {
    case "equal":
      return factValue === value;
    case "notEqual":
      return factValue !== value;
    case "in":
      return Array.isArray(value) ? value.includes(factValue) : undefined;
    case "notIn":
      return Array.isArray(value) ? !value.includes(factValue) : undefined;
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive": {
      if (typeof value !== "number") return undefined;
      // json-rules-engine's number operators fail (false) for a fact value that is not a number.
      if (typeof factValue !== "number") return false;
      const i = boundInterval(operator, value);
      return !isEmpty(intersect(i, { lo: factValue, loIncluded: true, hi: factValue, hiIncluded: true }));
    }
    default:
      return undefined;
  }
}

const LITERAL_OPERATORS = new Set(["equal", "notEqual", "in", "notIn"]);

function literalsOf(leaf: ConditionLeaf): unknown[] {
  return leaf.operator === "in" || leaf.operator === "notIn" ? (Array.isArray(leaf.value) ? leaf.value : []) : [leaf.value];
}

export class ConditionChecker {
  constructor(
    private readonly ruleSet: RuleSet,
    private readonly catalog: FactCatalog,
    private readonly report: Reporter,
  ) {}

  /**
   * Checks the facts, operators, references and values of a condition read at evaluation position
   * `order` (see FactCatalog.problem), and returns why it can never hold, if it cannot.
   */
  check(condition: NestedCondition, at: string, order: number): Impossibility | undefined {
    this.visit(condition, at, order);
    return this.impossible(condition, at, []);
  }

  /** Checks a named condition's own leaves once, as outcome rules would read them. */
  checkNamed(name: string): void {
    const condition = namedCondition(this.ruleSet, name);
    if (condition) this.visit(condition, pointer("conditions", name), Infinity);
  }

  /** Reports a fact that cannot be read at `order`; `at` points at the fact name. */
  checkFact(fact: string, at: string, order: number): void {
    const problem = this.catalog.problem(fact, order);
    if (problem) this.report.error(at, problem);
  }

  /** Reports a `path` outside the JSONPath subset the engine reads; `at` points at the path. */
  checkPath(path: unknown, at: string): void {
    const problem = factPathProblem(path, "id");
    if (problem) this.report.error(at, { id: problem, en: factPathProblem(path, "en") ?? problem });
  }

  /**
   * Checks one leaf's fact and path (unless `where.fact` is undefined, as for a decision cell whose column
   * names the fact), operator, fact-valued value and literal values.
   */
  checkLeaf(leaf: ConditionLeaf, order: number, where: { fact?: string; path?: string; operator: string; value: string }): void {
    if (where.fact !== undefined) this.checkFact(leaf.fact, where.fact, order);
    if (where.path !== undefined && leaf.path !== undefined) this.checkPath(leaf.path, where.path);
    if (!isKnownOperator(leaf.operator)) this.report.error(where.operator, unknownOperatorMessage(leaf.operator));
    if (isFactValue(leaf.value)) {
      this.checkFact(leaf.value.fact, `${where.value}/fact`, order);
      if (Object.hasOwn(leaf.value, "path")) this.checkPath(leaf.value.path, `${where.value}/path`);
    }
    this.checkLiterals(leaf, where.value);
  }

  /** Values that a fact with a fixed set of values never takes, where they do not already make the leaf impossible. */
  private checkLiterals(leaf: ConditionLeaf, valueAt: string): void {
    const domain = leaf.path || leaf.params || isFactValue(leaf.value) ? undefined : this.catalog.domain(leaf.fact);
    if (!domain || !LITERAL_OPERATORS.has(leaf.operator)) return;
    const literals = literalsOf(leaf);
    const outside = literals.flatMap((v, k) => (domain.values.includes(v as never) ? [] : [{ v, k }]));
    if (!outside.length) return;
    const negated = leaf.operator === "notEqual" || leaf.operator === "notIn";
    // An `equal`, or an `in` with no possible value, is reported as a condition that can never hold.
    if (!negated && outside.length === literals.length) return;
    for (const { v, k } of outside) {
      const where = leaf.operator === "in" || leaf.operator === "notIn" ? `${valueAt}/${k}` : valueAt;
      const outsideText = domain.outside(v);
      if (negated) {
        this.report.warning(where, { id: `${outsideText.id}; jadi uji ini selalu terpenuhi`, en: `${outsideText.en}; so this test always holds` });
      } else this.report.error(where, outsideText);
    }
  }

  private visit(condition: NestedCondition, at: string, order: number): void {
    if ("all" in condition) condition.all.forEach((c, i) => this.visit(c, `${at}/all/${i}`, order));
    else if ("any" in condition) condition.any.forEach((c, i) => this.visit(c, `${at}/any/${i}`, order));
    else if ("not" in condition) this.visit(condition.not, `${at}/not`, order);
    else if ("condition" in condition) this.visitReference(condition.condition, at, order);
    else this.checkLeaf(condition, order, { fact: `${at}/fact`, path: `${at}/path`, operator: `${at}/operator`, value: `${at}/value` });
  }

  private visitReference(name: string, at: string, order: number): void {
    const target = namedCondition(this.ruleSet, name);
    if (!target) {
      const names = Object.keys(this.ruleSet.conditions);
      const listed = listNamesTexts(names);
      const hint = didYouMeanTexts(name, names);
      this.report.error(`${at}/condition`, {
        id:
          `syarat "${name}" tidak dikenal${hint.id}; yang diharapkan: ` +
          (names.length ? `salah satu nama di /conditions: ${listed.id}` : "syarat yang dideklarasikan di /conditions (belum ada)"),
        en:
          `unknown condition "${name}"${hint.en}; expected ` +
          (names.length ? `one of the names in /conditions: ${listed.en}` : "a condition declared in /conditions (there are none)"),
      });
      return;
    }
    if (order === Infinity) return;
    // A named condition is checked as outcome rules read it; here, only whether its facts exist yet.
    for (const fact of this.factsOf(target, new Set([name]))) {
      const problem = this.catalog.problem(fact, order);
      if (problem) this.report.error(`${at}/condition`, { id: `syarat "${name}": ${problem.id}`, en: `condition "${name}" reads ${problem.en}` });
    }
  }

  private factsOf(condition: NestedCondition, seen: Set<string>): string[] {
    if ("all" in condition) return condition.all.flatMap((c) => this.factsOf(c, seen));
    if ("any" in condition) return condition.any.flatMap((c) => this.factsOf(c, seen));
    if ("not" in condition) return this.factsOf(condition.not, seen);
    if ("condition" in condition) {
      const target = namedCondition(this.ruleSet, condition.condition);
      if (!target || seen.has(condition.condition)) return [];
      return this.factsOf(target, new Set([...seen, condition.condition]));
    }
    return isFactValue(condition.value) ? [condition.fact, condition.value.fact] : [condition.fact];
  }

  /** Why the condition can never hold, or undefined. Dead branches of an `any` are reported on the way. */
  impossible(condition: NestedCondition, at: string, refs: string[]): Impossibility | undefined {
    if ("all" in condition) {
      for (const [i, child] of condition.all.entries()) {
        const dead = this.impossible(child, `${at}/all/${i}`, refs);
        if (dead) return dead;
      }
      return this.contradiction(this.leavesOfAll(condition, at, refs), at);
    }
    if ("any" in condition) {
      if (!condition.any.length) {
        return {
          at,
          reason: {
            id: "any yang kosong tidak pernah terpenuhi; yang diharapkan: paling sedikit satu syarat di dalamnya",
            en: "an empty any never holds; expected at least one condition in it",
          },
        };
      }
      const verdicts = condition.any.map((child, i) => this.impossible(child, `${at}/any/${i}`, refs));
      const dead = verdicts.filter((v): v is Impossibility => v !== undefined);
      if (dead.length === verdicts.length) {
        const each = dead.map((v) => describeImpossibility(v, at));
        return {
          at,
          reason: {
            id: `tidak satu pun cabangnya bisa terpenuhi: ${each.map((t) => t.id).join("; ")}`,
            en: `none of its branches can hold: ${each.map((t) => t.en).join("; ")}`,
          },
        };
      }
      for (const verdict of dead) {
        this.report.error(verdict.at, neverMessage({ id: "cabang any ini tidak pernah terpenuhi", en: "this branch of the any can never hold" }, verdict, verdict.at));
      }
      return undefined;
    }
    if ("not" in condition) {
      const inner = this.impossible(condition.not, `${at}/not`, refs);
      if (inner) {
        const prefix = {
          id: "not ini selalu terpenuhi, karena yang dinegasikannya tidak pernah terpenuhi",
          en: "this not always holds, because what it negates never does",
        };
        this.report.warning(at, neverMessage(prefix, inner, `${at}/not`));
      }
      return undefined;
    }
    if ("condition" in condition) {
      const target = namedCondition(this.ruleSet, condition.condition);
      if (!target || refs.includes(condition.condition)) return undefined;
      return this.impossible(target, pointer("conditions", condition.condition), [...refs, condition.condition]);
    }
    return this.contradiction([{ leaf: condition, at }], at);
  }

  /** The leaves an `all` requires, through nested `all`s and named conditions. */
  private leavesOfAll(condition: NestedCondition, at: string, refs: string[]): PlacedLeaf[] {
    if ("all" in condition) return condition.all.flatMap((c, i) => this.leavesOfAll(c, `${at}/all/${i}`, refs));
    if ("condition" in condition) {
      const target = namedCondition(this.ruleSet, condition.condition);
      if (!target || refs.includes(condition.condition)) return [];
      return this.leavesOfAll(target, pointer("conditions", condition.condition), [...refs, condition.condition]);
    }
    if ("any" in condition || "not" in condition) return [];
    return [{ leaf: condition, at }];
  }

  /**
   * Why leaves that must all hold cannot: a value outside the fact's possible values, or tests that
   * clash. `at` is the pointer of the whole group (an `all`, a decision row).
   */
  contradiction(leaves: PlacedLeaf[], at: string): Impossibility | undefined {
    const groups = new Map<string, PlacedLeaf[]>();
    for (const placed of leaves) {
      const { leaf } = placed;
      if (isFactValue(leaf.value)) continue;
      if (leaf.operator === "in" && Array.isArray(leaf.value) && !leaf.value.length) {
        return {
          at: placed.at,
          reason: {
            id: `${describeLeaf(leaf, "id")} tidak pernah terpenuhi; yang diharapkan: paling sedikit satu nilai di daftar`,
            en: `${describeLeaf(leaf, "en")} never holds; expected at least one value in the list`,
          },
        };
      }
      const key = `${leaf.fact}\u0000${leaf.path ?? ""}\u0000${JSON.stringify(leaf.params ?? {})}`;
      groups.set(key, [...(groups.get(key) ?? []), placed]);
    }
    for (const group of groups.values()) {
      const found = this.domainContradiction(group, at) ?? candidateContradiction(group, at) ?? numericContradiction(group, at);
      if (found) return found;
    }
    return undefined;
  }

  /** Tests on a fact with a fixed set of values (predikat, a table's results) that no value passes. */
  private domainContradiction(group: PlacedLeaf[], at: string): Impossibility | undefined {
    const [first] = group;
    const domain = !first || first.leaf.path || first.leaf.params ? undefined : this.catalog.domain(first.leaf.fact);
    if (!domain) return undefined;
    const values = domain.values.map(show).join(", ");
    for (const placed of group) {
      const { leaf } = placed;
      if (domain.values.some((v) => holds(leaf.operator, v, leaf.value) !== false)) continue;
      const literals = literalsOf(leaf);
      const reason: Texts =
        LITERAL_OPERATORS.has(leaf.operator) && literals.length === 1
          ? domain.outside(literals[0])
          : leaf.operator === "in"
            ? {
                id: `tidak satu pun dari ${show(leaf.value)} adalah nilai yang bisa diambil ${leaf.fact}; yang diharapkan: sebagian dari ${values}`,
                en: `none of ${show(leaf.value)} is a value ${leaf.fact} can take; expected some of ${values}`,
              }
            : {
                id:
                  `${describeLeaf(leaf, "id")} tidak terpenuhi oleh nilai mana pun yang bisa diambil ${leaf.fact}; ` +
                  `yang diharapkan: uji yang dilewati salah satu dari ${values}`,
                en: `${describeLeaf(leaf, "en")} holds for none of the values ${leaf.fact} can take; expected a test that one of ${values} passes`,
              };
      return { at: placed.at, reason };
    }
    const passesAll = (v: Scalar) => group.every(({ leaf }) => holds(leaf.operator, v, leaf.value) !== false);
    if (group.length > 1 && !domain.values.some(passesAll)) {
      return {
        at,
        reason: {
          id: `${listPlaced(group, "id")} tidak bisa terpenuhi bersamaan; yang diharapkan: uji yang dilewati salah satu dari ${values}`,
          en: `${listPlaced(group, "en")} cannot all hold; expected tests that one of ${values} passes`,
        },
      };
    }
    return undefined;
  }
}

/** An `equal` or `in` names the only values the fact may have; another test may reject them all. */
function candidateContradiction(group: PlacedLeaf[], at: string): Impossibility | undefined {
  for (const candidateLeaf of group) {
    if (candidateLeaf.leaf.operator !== "equal" && candidateLeaf.leaf.operator !== "in") continue;
    const candidates = literalsOf(candidateLeaf.leaf);
    const clash = group.find(
      (other) => other !== candidateLeaf && candidates.every((v) => holds(other.leaf.operator, v, other.leaf.value) === false),
    );
    if (clash) {
      const both = [candidateLeaf, clash];
      return {
        at,
        reason: {
          id: `${listPlaced(both, "id")} tidak bisa terpenuhi bersamaan; yang diharapkan: uji yang dilewati suatu nilai`,
          en: `${listPlaced(both, "en")} cannot both hold; expected tests that some value passes`,
        },
      };
    }
  }
  return undefined;
}

function listPlaced(group: PlacedLeaf[], lang: Lang): string {
  return group.map(({ leaf, at }) => `${describeLeaf(leaf, lang)} (${at})`).join(lang === "en" ? " and " : " dan ");
}

/** Two number bounds on one fact that leave no value, e.g. score > 90 and score < 80. */
function numericContradiction(group: PlacedLeaf[], at: string): Impossibility | undefined {
  const bounds = group.flatMap((placed) => {
    const { operator, value } = placed.leaf;
    return isBoundOperator(operator) && typeof value === "number" ? [{ placed, interval: boundInterval(operator, value) }] : [];
  });
  for (const [i, a] of bounds.entries()) {
    for (const b of bounds.slice(i + 1)) {
      if (isEmpty(intersect(a.interval, b.interval))) {
        const both = [a.placed, b.placed];
        return {
          at,
          reason: {
            id: `${listPlaced(both, "id")} tidak bisa terpenuhi bersamaan; yang diharapkan: batas yang menyisakan suatu nilai di antaranya`,
            en: `${listPlaced(both, "en")} cannot both hold; expected bounds that leave some value between them`,
          },
        };
      }
    }
  }
  return undefined;
}

/** An impossibility as text for an issue reported at `reportedAt`: names its own place when that differs. */
export function describeImpossibility(impossibility: Impossibility, reportedAt: string): Texts {
  const { at, reason } = impossibility;
  return at === reportedAt ? reason : { id: `di ${at}, ${reason.id}`, en: `at ${at}, ${reason.en}` };
}

/** "<what never happens>: <why>", for an issue reported at `reportedAt`. */
export function neverMessage(what: Texts, impossibility: Impossibility, reportedAt: string): Texts {
  const why = describeImpossibility(impossibility, reportedAt);
  return { id: `${what.id}: ${why.id}`, en: `${what.en}: ${why.en}` };
}
