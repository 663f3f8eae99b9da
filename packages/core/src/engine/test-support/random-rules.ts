// Random rule sets and facts for the differential test against json-rules-engine. Values come from
// one small pool, so facts and rule values often coincide and conditions pass as well as fail;
// the pool mixes the types whose comparisons are easy to get wrong (numeric strings, arrays, null).
import { KNOWN_DECORATORS, KNOWN_OPERATORS } from "../operators.js";
import type { CompileOptions, Facts, NestedCondition, RuleProperties, TopLevelCondition } from "../types.js";
import type { Random } from "./random.js";

export interface RandomCase {
  rules: RuleProperties[];
  options: CompileOptions;
  factSets: Facts[];
}

const FACTS = ["a", "b", "n", "s", "obj", "arr", "flag"];
/** Facts no fact set defines, or that collide with Object.prototype members. */
const RARE_FACTS = ["zz", "toString", "constructor"];
const PATHS = [
  "$.a",
  "$.b.c",
  "$.arr[0]",
  "$['a']",
  "$.b",
  "$",
  "$.arr.length",
  "$.s[1]",
  "$.arr",
  "a",
  "$.missing",
  "$.s.length",
  "$..c",
  "$.arr[*]",
  "$.*",
  "$.arr[0:2]",
  "$.arr[?(@ > 1)]",
  "$['a','s']",
  "$.constructor",
  "$.arr.push",
];
const PRIMITIVES: readonly unknown[] = [
  0, 1, 2, 3, 5, 7, 10, -1, 2.5, "3", "7.5", "10px", "", "abc", " 4", "x", "baik", "sangat_baik", true, false, null,
];
const UNKNOWN_OPERATORS = ["bogus", "bogus:equal", "someFact:", ":equal", "not:bogus"];

function primitive(random: Random): unknown {
  return random.pick(PRIMITIVES);
}

function value(random: Random, depth: number): unknown {
  const roll = random.next();
  if (depth > 0 && roll < 0.2) return Array.from({ length: random.int(0, 4) }, () => value(random, depth - 1));
  if (depth > 0 && roll < 0.3) return objectValue(random, depth);
  return primitive(random);
}

function objectValue(random: Random, depth: number): Record<string, unknown> {
  return { a: value(random, depth - 1), b: { c: primitive(random) }, arr: [primitive(random), primitive(random)], s: "xyz" };
}

function factName(random: Random): string {
  return random.chance(0.03) ? random.pick(RARE_FACTS) : random.pick(FACTS);
}

function operatorName(random: Random): string {
  if (random.chance(0.007)) return random.pick(UNKNOWN_OPERATORS);
  const decorators: string[] = [];
  const count = random.chance(0.55) ? 0 : random.chance(0.6) ? 1 : 2;
  for (let i = 0; i < count; i++) decorators.push(random.pick(KNOWN_DECORATORS));
  return [...decorators, random.pick(KNOWN_OPERATORS)].join(":");
}

function leaf(random: Random): NestedCondition {
  const operator = operatorName(random);
  const wantsArray = /in$|In$|Value:/.test(operator);
  const condition: NestedCondition = {
    fact: factName(random),
    operator,
    value: random.chance(wantsArray ? 0.06 : 0.2)
      ? reference(random)
      : wantsArray && random.chance(0.93)
        ? Array.from({ length: random.int(0, 5) }, () => value(random, 1))
        : value(random, 2),
  };
  if (random.chance(0.35)) condition.path = random.pick(PATHS);
  // 1.5: json-rules-engine groups fact conditions by the priority as written, not parsed.
  if (random.chance(0.2)) condition.priority = random.pick([1, 2, 3, 1.5]);
  return condition;
}

function reference(random: Random): { fact: string; path?: string } {
  const ref: { fact: string; path?: string } = { fact: factName(random) };
  if (random.chance(0.3)) ref.path = random.pick(PATHS);
  return ref;
}

/** A condition tree; `names` are the named conditions it may refer to (plus one that does not exist). */
function condition(random: Random, depth: number, names: readonly string[]): NestedCondition {
  if (random.chance(0.08) && (names.length > 0 || random.chance(0.1))) {
    const ref: NestedCondition = { condition: names.length > 0 && random.chance(0.95) ? random.pick(names) : "nowhere" };
    if (random.chance(0.2)) ref.priority = random.int(1, 3);
    return ref;
  }
  if (depth === 0 || random.chance(0.45)) return leaf(random);
  return booleanCondition(random, depth, names);
}

function booleanCondition(random: Random, depth: number, names: readonly string[]): TopLevelCondition {
  const roll = random.next();
  const children = (): NestedCondition[] =>
    Array.from({ length: random.int(0, 4) }, () => condition(random, depth - 1, names));
  const node: TopLevelCondition =
    roll < 0.42
      ? { all: children() }
      : roll < 0.84
        ? { any: children() }
        : { not: condition(random, depth - 1, names) };
  if (random.chance(0.15)) node.priority = random.int(1, 3);
  return node;
}

function eventParams(random: Random): Record<string, unknown> | undefined {
  const roll = random.next();
  if (roll < 0.3) return { x: 1, label: "const" };
  if (roll < 0.5) return { v: reference(random), k: "const" };
  return undefined;
}

function facts(random: Random): Facts {
  const result: Facts = {};
  for (const name of FACTS) {
    if (random.chance(0.04)) continue;
    result[name] = name === "obj" && random.chance(0.7) ? objectValue(random, 2) : value(random, 2);
  }
  if (random.chance(0.05)) Object.assign(result, { toString: primitive(random) });
  return result;
}

export function randomCase(random: Random): RandomCase {
  const names: string[] = [];
  const conditions: Record<string, TopLevelCondition> = {};
  const namedCount = random.chance(0.4) ? random.int(1, 3) : 0;
  for (let i = 0; i < namedCount; i++) {
    const name = `named${i}`;
    // Only earlier names, so named conditions never refer to each other in a cycle.
    conditions[name] = booleanCondition(random, 2, [...names]);
    names.push(name);
  }
  const rules: RuleProperties[] = Array.from({ length: random.int(1, 5) }, (_, i) => {
    const rule: RuleProperties = {
      conditions:
        names.length > 0 && random.chance(0.05) ? { condition: random.pick(names) } : booleanCondition(random, 3, names),
      event: { type: `r${i}` },
    };
    const params = eventParams(random);
    if (params) rule.event.params = params;
    if (random.chance(0.5)) rule.priority = random.int(1, 3);
    return rule;
  });
  const options: CompileOptions = {
    allowUndefinedFacts: random.chance(0.5),
    allowUndefinedConditions: random.chance(0.3),
    replaceFactsInEventParams: random.chance(0.4),
  };
  if (namedCount > 0) options.conditions = conditions;
  return { rules, options, factSets: Array.from({ length: 4 }, () => facts(random)) };
}
