import { describe, expect, it } from "vitest";
import { RuleDefinitionError } from "./errors.js";
import { compileRules } from "./index.js";
import type { RuleProperties } from "./types.js";

const predikatIs = (value: string) => ({ all: [{ fact: "predikat", operator: "equal", value }] });

describe("compileRules().run", () => {
  it("returns passing and failing rules' events, highest priority first, then in the order given", () => {
    const rules: RuleProperties[] = [
      { conditions: predikatIs("baik"), event: { type: "pembinaan" } },
      { conditions: predikatIs("sangat_baik"), event: { type: "penghargaan" }, priority: 10 },
      { conditions: { any: [] }, event: { type: "catatan" } },
      { conditions: predikatIs("sangat_baik"), event: { type: "mentor" }, priority: 3 },
    ];
    const { events, failureEvents } = compileRules(rules).run({ predikat: "sangat_baik" });
    expect(events).toEqual([{ type: "penghargaan" }, { type: "mentor" }, { type: "catatan" }]);
    expect(failureEvents).toEqual([{ type: "pembinaan" }]);
  });

  it("keeps params, drops falsy ones, and hands out frozen events", () => {
    const compiled = compileRules([
      { conditions: { any: [] }, event: { type: "tpp", params: { persen: 90, band: [80, 90] } } },
      { conditions: { any: [] }, event: { type: "kosong", params: 0 as unknown as Record<string, unknown> } },
    ]);
    const { events } = compiled.run({});
    expect(events).toEqual([{ type: "tpp", params: { persen: 90, band: [80, 90] } }, { type: "kosong" }]);
    expect(Object.isFrozen(events[0]) && Object.isFrozen(events[0]!.params!.band)).toBe(true);
  });

  it("is not affected by later edits to the rules it was compiled from", () => {
    const rule: RuleProperties = {
      conditions: { all: [{ fact: "predikat", operator: "in", value: ["baik"] }] },
      event: { type: "promosi", params: { tingkat: 1 } },
    };
    const compiled = compileRules([rule]);
    ((rule.conditions as { all: Array<{ value: string[] }> }).all[0]!.value).push("kurang");
    rule.event.params!.tingkat = 2;
    expect(compiled.run({ predikat: "kurang" }).events).toEqual([]);
    expect(compiled.run({ predikat: "baik" }).events).toEqual([{ type: "promosi", params: { tingkat: 1 } }]);
  });

  it("fails the whole run on an undefined fact in any rule", () => {
    const compiled = compileRules([
      { conditions: predikatIs("baik"), event: { type: "a" } },
      { conditions: { all: [{ fact: "score.kualitas", operator: "lessThan", value: 60 }] }, event: { type: "b" } },
    ]);
    expect(() => compiled.run({ predikat: "baik" })).toThrow("Undefined fact: score.kualitas");
  });

  it("serves a run started from inside a run (a function fact) with its own state", () => {
    const compiled = compileRules([{ conditions: predikatIs("baik"), event: { type: "pembinaan" } }]);
    const inner = () => compiled.run({ predikat: "kurang" }).events.length;
    const outer = compiled.run({ predikat: () => (inner() === 0 ? "baik" : "?") });
    expect(outer.events).toEqual([{ type: "pembinaan" }]);
  });

  it("does so too when the function fact is read only by an event param", () => {
    const compiled = compileRules(
      [
        { conditions: predikatIs("baik"), event: { type: "a", params: { n: { fact: "n" } } } },
        { conditions: predikatIs("baik"), event: { type: "b" } },
      ],
      { replaceFactsInEventParams: true },
    );
    const n = () => compiled.run({ predikat: "kurang", n: 0 }).events.length;
    expect(compiled.run({ predikat: "baik", n }).events).toEqual([{ type: "a", params: { n: 0 } }, { type: "b" }]);
  });
});

describe("replaceFactsInEventParams", () => {
  const rules: RuleProperties[] = [
    {
      conditions: predikatIs("baik"),
      event: { type: "tpp", params: { persen: { fact: "tpp" }, unit: { fact: "employee", path: "$.unit" }, tetap: 1 } },
    },
  ];

  it("fills params that name facts, for passing and failing rules", () => {
    const compiled = compileRules(rules, { replaceFactsInEventParams: true });
    const facts = { predikat: "baik", tpp: 90, employee: { unit: "dinas-kesehatan" } };
    expect(compiled.run(facts).events).toEqual([{ type: "tpp", params: { persen: 90, unit: "dinas-kesehatan", tetap: 1 } }]);
    expect(compiled.run({ ...facts, predikat: "kurang" }).failureEvents[0]!.params!.persen).toBe(90);
  });

  it("leaves params alone when off, and fails on an undefined fact when on", () => {
    expect(compileRules(rules).run({ predikat: "baik" }).events[0]!.params!.persen).toEqual({ fact: "tpp" });
    expect(() => compileRules(rules, { replaceFactsInEventParams: true }).run({ predikat: "kurang" })).toThrow(
      "Undefined fact: tpp",
    );
  });
});

describe("rule definitions json-rules-engine would refuse", () => {
  it.each<[unknown, string]>([
    [{ conditions: { all: [] } }, '/0: a rule requires "event"'],
    [{ event: { type: "x" } }, '/0: a rule requires "conditions"'],
    [{ conditions: { fact: "a" }, event: { type: "x" } }, '/0/conditions: "conditions" root must contain'],
    [{ conditions: { all: [] }, event: { type: "x" }, priority: -1 }, "/0/priority: priority must be greater than zero"],
    [{ conditions: { all: [] }, event: { params: {} } }, '/0/event: an event requires a "type"'],
  ])("refuses %j", (rule, message) => {
    expect(() => compileRules([rule as RuleProperties])).toThrow(RuleDefinitionError);
    expect(() => compileRules([rule as RuleProperties])).toThrow(message);
  });

  it("gives a rule without an event object json-rules-engine's default event", () => {
    const rule = { conditions: { all: [] }, event: undefined } as unknown as RuleProperties;
    expect(compileRules([rule]).run({}).events).toEqual([{ type: "unknown" }]);
  });
});
