import { describe, expect, it } from "vitest";
import { compileCondition } from "./index.js";
import { RuleDefinitionError, UndefinedConditionError, UndefinedFactError, UnknownOperatorError } from "./errors.js";
import type { NestedCondition } from "./types.js";

const low = (fact: string, below: number): NestedCondition => ({ fact, operator: "lessThan", value: below });

describe("all / any / not", () => {
  const facts = { "score.komunikasi": 55, "score.kualitas": 80 };

  it("combines conditions", () => {
    expect(compileCondition({ all: [low("score.komunikasi", 60), low("score.kualitas", 90)] })(facts)).toBe(true);
    expect(compileCondition({ all: [low("score.komunikasi", 60), low("score.kualitas", 70)] })(facts)).toBe(false);
    expect(compileCondition({ any: [low("score.komunikasi", 50), low("score.kualitas", 90)] })(facts)).toBe(true);
    expect(compileCondition({ any: [low("score.komunikasi", 50), low("score.kualitas", 70)] })(facts)).toBe(false);
    expect(compileCondition({ not: low("score.komunikasi", 60) })(facts)).toBe(false);
  });

  it("counts an empty all and an empty any as passing, as json-rules-engine does", () => {
    expect(compileCondition({ all: [] })({})).toBe(true);
    expect(compileCondition({ any: [] })({})).toBe(true);
    expect(compileCondition({ not: { any: [] } })({})).toBe(false);
  });

  it("evaluates a single fact condition on its own", () => {
    expect(compileCondition(low("score.komunikasi", 60))(facts)).toBe(true);
  });
});

describe("undefined facts", () => {
  it("fails with the fact's name", () => {
    const check = compileCondition({ all: [low("score.kualitas", 60)] });
    expect(() => check({})).toThrow(new UndefinedFactError("score.kualitas"));
    expect(() => check({})).toThrow("Undefined fact: score.kualitas");
  });

  it("reads as undefined when allowed", () => {
    const check = compileCondition({ fact: "predikat.previous", operator: "equal", value: undefined }, { allowUndefinedFacts: true });
    expect(check({})).toBe(true);
  });

  it("counts a fact given as undefined as defined", () => {
    expect(compileCondition({ fact: "x", operator: "equal", value: undefined })({ x: undefined })).toBe(true);
  });

  it("fails even when another condition of the same priority already decided the group", () => {
    const decidedByFirst = compileCondition({ all: [low("a", 0), low("missing", 1)] });
    expect(() => decidedByFirst({ a: 5 })).toThrow("Undefined fact: missing");
    const anyDecided = compileCondition({ any: [low("a", 10), low("missing", 1)] });
    expect(() => anyDecided({ a: 5 })).toThrow("Undefined fact: missing");
  });

  it("is never read when a higher-priority group decided first", () => {
    const check = compileCondition({ all: [{ ...low("a", 0), priority: 2 }, low("missing", 1)] });
    expect(check({ a: 5 })).toBe(false);
    const any = compileCondition({ any: [{ ...low("a", 10), priority: 2 }, low("missing", 1)] });
    expect(any({ a: 5 })).toBe(true);
  });

  it("groups fact conditions by their priority as written (2.5 runs before 2)", () => {
    const check = compileCondition({ all: [{ ...low("a", 0), priority: 2.5 }, { ...low("missing", 1), priority: 2 }] });
    expect(check({ a: 5 })).toBe(false);
  });

  it("only finds facts that are own properties, whatever their names", () => {
    expect(() => compileCondition({ fact: "constructor", operator: "equal", value: 1 })({})).toThrow(
      "Undefined fact: constructor",
    );
    expect(compileCondition({ fact: "constructor", operator: "equal", value: 1 })({ constructor: 1 })).toBe(true);
  });

  it("cannot find a fact named by something other than a string", () => {
    const check = compileCondition({ fact: 1 as unknown as string, operator: "equal", value: 5 });
    expect(() => check({ 1: 5 })).toThrow("Undefined fact: 1");
  });
});

describe("path", () => {
  const employee = { jenisJabatan: "fungsional", status: "PNS" };

  it("reads into an object fact", () => {
    const check = compileCondition({ fact: "employee", path: "$.jenisJabatan", operator: "equal", value: "fungsional" });
    expect(check({ employee })).toBe(true);
  });

  it("is ignored on a fact that is not an object", () => {
    const check = compileCondition({ fact: "score", path: "$.nilai", operator: "equal", value: 85 });
    expect(check({ score: 85 })).toBe(true);
  });

  it("falls back to jsonpath-plus for anything but plain properties", () => {
    const check = compileCondition({ fact: "history", path: "$[*].predikat", operator: "contains", value: "kurang" });
    expect(check({ history: [{ predikat: "baik" }, { predikat: "kurang" }] })).toBe(true);
  });
});

describe("a fact as the value", () => {
  it("compares with another fact, with its own path", () => {
    const check = compileCondition({
      fact: "predikat",
      operator: "equal",
      value: { fact: "history", path: "$[0].predikat" },
    });
    expect(check({ predikat: "baik", history: [{ predikat: "baik" }] })).toBe(true);
    expect(check({ predikat: "baik", history: [] })).toBe(false);
  });

  it("reports the value's fact first when both are missing", () => {
    const check = compileCondition({ fact: "a", operator: "equal", value: { fact: "b" } });
    expect(() => check({})).toThrow("Undefined fact: b");
  });

  it("never equals the rule's own value, as json-rules-engine compares against a clone", () => {
    const list = ["baik"];
    const check = compileCondition({ fact: "allowed", operator: "equal", value: list });
    expect(check({ allowed: list })).toBe(false);
  });
});

describe("function facts", () => {
  it("are called with the condition's params", () => {
    const check = compileCondition({ fact: "rating", params: { source: "peer" }, operator: "greaterThan", value: 3 });
    expect(check({ rating: (params: { source: string }) => (params.source === "peer" ? 4 : 1) })).toBe(true);
  });

  it("are refused when they return a promise", () => {
    const check = compileCondition({ fact: "rating", operator: "equal", value: 4 });
    expect(() => check({ rating: async () => 4 })).toThrow(/returned a promise/);
  });
});

describe("named conditions", () => {
  const conditions = { rendah: { any: [low("score.komunikasi", 60), low("score.kualitas", 60)] } };

  it("are evaluated where they are referenced", () => {
    const check = compileCondition({ all: [{ condition: "rendah" }] }, { conditions });
    expect(check({ "score.komunikasi": 50, "score.kualitas": 90 })).toBe(true);
    expect(check({ "score.komunikasi": 70, "score.kualitas": 90 })).toBe(false);
  });

  it("fail the run when the name is unknown, or are false when that is allowed", () => {
    expect(() => compileCondition({ condition: "nowhere" })({})).toThrow(new UndefinedConditionError("nowhere"));
    expect(compileCondition({ condition: "nowhere" }, { allowUndefinedConditions: true })({})).toBe(false);
  });

  it("may refer to other named conditions, but not in a cycle", () => {
    const chained = { a: { condition: "b" }, b: { all: [low("x", 1)] } };
    expect(compileCondition({ condition: "a" }, { conditions: chained })({ x: 0 })).toBe(true);
    const cyclic = { a: { condition: "b" }, b: { not: { condition: "a" } } };
    expect(() => compileCondition({ all: [] }, { conditions: cyclic })).toThrow(/cycle: a → b → a/);
  });
});

describe("operators", () => {
  it("fail only when a condition with an unknown operator is evaluated", () => {
    const check = compileCondition({ all: [{ ...low("a", 0), priority: 2 }, { fact: "a", operator: "bogus", value: 1 }] });
    expect(check({ a: 5 })).toBe(false);
    expect(() => check({ a: -1 })).toThrow(new UnknownOperatorError("bogus"));
  });
});

describe("definition errors", () => {
  it.each<[unknown, string]>([
    [{ all: {} }, '/all: "all" must be an array'],
    [{ not: [] }, '/not: "not" cannot be an array'],
    [{ all: [{ fact: "a", value: 1 }] }, '/all/0: a fact condition requires "operator"'],
    [{ any: [null] }, "/any/0: a condition is required here"],
  ])("refuses %j with where and what", (condition, message) => {
    expect(() => compileCondition(condition as NestedCondition)).toThrow(RuleDefinitionError);
    expect(() => compileCondition(condition as NestedCondition)).toThrow(message);
  });
});
