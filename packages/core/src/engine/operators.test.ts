// Every built-in operator and decorator, with concrete expected results; each row is also run through
// json-rules-engine so the expectations themselves are checked against the engine we mirror.
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { compileCondition } from "./index.js";
import { KNOWN_DECORATORS, KNOWN_OPERATORS, isKnownOperator, parseOperatorName } from "./operators.js";

type Row = [operator: string, fact: unknown, value: unknown, expected: boolean | "throws"];

const ROWS: Row[] = [
  ["equal", 5, 5, true],
  ["equal", "5", 5, false],
  ["equal", null, null, true],
  ["equal", [1], [1], false],
  ["notEqual", 5, "5", true],
  ["notEqual", "baik", "baik", false],
  ["in", "baik", ["sangat_baik", "baik"], true],
  ["in", 1, ["1"], false],
  ["in", null, [null], true],
  ["in", { a: 1 }, [{ a: 1 }], false],
  ["in", "ai", "baik", true],
  ["in", "z", "baik", false],
  ["in", 5, 5, "throws"],
  ["in", "a", null, "throws"],
  ["notIn", "kurang", ["sangat_baik", "baik"], true],
  ["notIn", "baik", ["sangat_baik", "baik"], false],
  ["contains", ["a", "b"], "b", true],
  ["contains", "abc", "a", false],
  ["contains", [[1]], [1], false],
  ["doesNotContain", ["a", "b"], "c", true],
  ["doesNotContain", "abc", "z", false],
  ["lessThan", 59.9, 60, true],
  ["lessThan", 60, 60, false],
  ["lessThan", "5", 10, true],
  ["lessThan", "5px", 10, false], // parseFloat accepts it, but < converts with Number()
  ["lessThan", "abc", 10, false],
  ["lessThan", null, 10, false],
  ["lessThan", true, 10, false],
  ["lessThan", [5], 10, true],
  ["lessThan", 5, "10", true],
  ["lessThan", "9", "10", false],
  ["lessThanInclusive", 60, 60, true],
  ["greaterThan", 90.1, 90, true],
  ["greaterThan", 90, 90, false],
  ["greaterThanInclusive", 90, 90, true],
  ["greaterThanInclusive", "", 0, false],
  ["someFact:equal", [1, 2], 2, true],
  ["someFact:equal", 2, 2, false],
  ["everyFact:greaterThan", [5, 6], 4, true],
  ["everyFact:greaterThan", [], 4, true],
  ["everyFact:greaterThan", [5, 3], 4, false],
  ["someValue:equal", 1, [3, 1], true],
  ["someValue:equal", 1, [], false],
  ["someValue:equal", 1, "1", "throws"],
  ["everyValue:lessThan", 1, [2, 3], true],
  ["everyValue:lessThan", 1, [], true],
  ["everyValue:lessThan", 2, [2, 3], false],
  ["swap:in", [1, 2], 1, true],
  ["swap:in", 5, 1, "throws"],
  ["swap:contains", 1, [1, 2], true],
  ["swap:lessThan", 10, 5, true],
  ["not:equal", 1, 2, true],
  ["not:someFact:equal", [1, 2], 3, true],
  ["not:someFact:equal", "x", 3, true],
  ["someFact:someValue:equal", [1, 2], [2, 9], true],
  ["someFact:in", [["a"], "b"], "abc", true],
  ["everyFact:notIn", ["a", "c"], ["b"], true],
];

async function reference(operator: string, fact: unknown, value: unknown): Promise<boolean | "throws"> {
  const engine = new Engine([{ conditions: { all: [{ fact: "x", operator, value }] }, event: { type: "pass" } }]);
  try {
    const { events } = await engine.run({ x: fact });
    return events.length === 1;
  } catch {
    return "throws";
  }
}

function compiled(operator: string, fact: unknown, value: unknown): boolean | "throws" {
  try {
    return compileCondition({ fact: "x", operator, value })({ x: fact });
  } catch {
    return "throws";
  }
}

describe("operators", () => {
  it.each(ROWS)("%s: fact %j, value %j → %s", async (operator, fact, value, expected) => {
    expect(compiled(operator, fact, value)).toBe(expected);
    expect(await reference(operator, fact, value)).toBe(expected);
  });

  it("gives the same answer when the value is another fact", async () => {
    for (const [operator, fact, value, expected] of ROWS) {
      const check = compileCondition({ fact: "x", operator, value: { fact: "y" } });
      const actual = (() => {
        try {
          return check({ x: fact, y: value });
        } catch {
          return "throws";
        }
      })();
      expect(actual, `${operator} ${JSON.stringify([fact, value])}`).toBe(expected);
    }
  });
});

describe("operator names", () => {
  it("lists json-rules-engine's operators and decorators", () => {
    expect(KNOWN_OPERATORS).toHaveLength(10);
    expect(KNOWN_DECORATORS).toEqual(["someFact", "someValue", "everyFact", "everyValue", "swap", "not"]);
  });

  it("splits decorators off, outermost first", () => {
    expect(parseOperatorName("equal")).toEqual({ decorators: [], base: "equal" });
    expect(parseOperatorName("not:someFact:equal")).toEqual({ decorators: ["not", "someFact"], base: "equal" });
  });

  it.each(["bogus", "someFact:", ":equal", "not:bogus", "bogus:equal", "equal:", "", 42])(
    "refuses %j as json-rules-engine does",
    (name) => {
      expect(parseOperatorName(name)).toBeUndefined();
      if (typeof name === "string") expect(isKnownOperator(name)).toBe(false);
    },
  );

  it("accepts any chain of known decorators", () => {
    expect(isKnownOperator("swap:swap:not:everyValue:greaterThanInclusive")).toBe(true);
  });
});
