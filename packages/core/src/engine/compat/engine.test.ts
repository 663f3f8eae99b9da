// The Engine class as json-rules-engine's documentation describes it (engine, rules, facts, almanac and
// operators pages): each behaviour the docs promise, checked on our Engine, on both of its paths where
// a run can take either.
import { describe, expect, it, onTestFinished, vi } from "vitest";
import engineFactory, { Almanac, Engine, Fact, Operator, OperatorDecorator, Rule, type RuleProperties } from "./index.js";

const adult: RuleProperties = {
  name: "adult",
  conditions: { all: [{ fact: "age", operator: "greaterThanInclusive", value: 18 }] },
  event: { type: "adult", params: { message: "is an adult" } },
};

describe("Engine: construction and rules", () => {
  it("runs the rules it was given and resolves with events, failure events, results and the almanac", async () => {
    const engine = new Engine([adult]);
    const passed = await engine.run({ age: 20 });
    expect(passed.events).toEqual([{ type: "adult", params: { message: "is an adult" } }]);
    expect(passed.failureEvents).toEqual([]);
    expect(passed.results.map((r) => [r.name, r.result, r.priority])).toEqual([["adult", true, 1]]);
    expect(passed.almanac).toBeInstanceOf(Almanac);
    expect(await passed.almanac.factValue("age")).toBe(20);
    const failed = await engine.run({ age: 12 });
    expect(failed.events).toEqual([]);
    expect(failed.failureEvents.map((e) => e.type)).toEqual(["adult"]);
    expect(failed.failureResults[0]!.conditions.all![0]).toMatchObject({ fact: "age", factResult: 12, valueResult: 18, result: false });
    expect(engineFactory([adult])).toBeInstanceOf(Engine);
  });

  it("refuses rules without event or conditions, and priorities below one", () => {
    const engine = new Engine();
    expect(() => engine.addRule({ conditions: { all: [] } } as never)).toThrow('Engine: addRule() argument requires "event" property');
    expect(() => engine.addRule({ event: { type: "x" } } as never)).toThrow('Engine: addRule() argument requires "conditions" property');
    expect(() => new Rule({ conditions: { all: [] }, event: { type: "x" }, priority: 0 }).setPriority(0)).toThrow("Priority must be greater than zero");
    expect(() => new Rule().setConditions({ fact: "a" })).toThrow('"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
    expect(() => new Rule().setName("")).toThrow('Rule "name" must be defined');
    expect(() => new Rule().setEvent({} as never)).toThrow('Rule: setEvent() requires event object with "type" property');
  });

  it("adds Rule instances, removes rules by instance or name, and updates a rule by name", async () => {
    const engine = new Engine();
    const rule = new Rule().setConditions({ any: [{ fact: "x", operator: "equal", value: 1 }] }).setEvent({ type: "one" }).setName("one");
    engine.addRule(rule).addRule({ ...adult });
    expect((await engine.run({ x: 1, age: 30 })).events.map((e) => e.type).sort()).toEqual(["adult", "one"]);
    expect(engine.removeRule("adult")).toBe(true);
    expect(engine.removeRule("adult")).toBe(false);
    expect((await engine.run({ x: 1 })).events.map((e) => e.type)).toEqual(["one"]);
    engine.updateRule(new Rule({ name: "one", conditions: { all: [{ fact: "x", operator: "equal", value: 2 }] }, event: { type: "two" } }));
    expect((await engine.run({ x: 2 })).events.map((e) => e.type)).toEqual(["two"]);
    expect(() => engine.updateRule(new Rule({ name: "none", conditions: { all: [] }, event: { type: "n" } }))).toThrow("Engine: updateRule() rule not found");
    expect(engine.removeRule(engine.rules[0]!)).toBe(true);
    expect((await engine.run({ x: 2 })).events).toEqual([]);
  });

  it("sees a Rule changed after it was added (setConditions, setEvent, setPriority)", async () => {
    const rule = new Rule({ conditions: { all: [{ fact: "x", operator: "equal", value: 1 }] }, event: { type: "a" } });
    const engine = new Engine([rule]);
    expect((await engine.run({ x: 1 })).events).toEqual([{ type: "a" }]);
    rule.setConditions({ all: [{ fact: "x", operator: "equal", value: 2 }] }).setEvent({ type: "b", params: { p: 1 } });
    expect((await engine.run({ x: 1 })).failureEvents).toEqual([{ type: "b", params: { p: 1 } }]);
    expect((await engine.run({ x: 2 })).events).toEqual([{ type: "b", params: { p: 1 } }]);
  });

  it("runs higher priorities first, and stop() in a handler skips the lower priorities but not the rest of its own", async () => {
    const rule = (type: string, priority: number): RuleProperties => ({ conditions: { all: [] }, event: { type }, priority });
    const engine = new Engine([rule("low", 1), rule("high", 10), rule("middle", 5), rule("middle-too", 5)]);
    const heard: string[] = [];
    engine.on("success", (event: { type: string }) => {
      heard.push(event.type);
      if (event.type === "middle") engine.stop();
    });
    const result = await engine.run();
    expect(heard.slice(0, 1)).toEqual(["high"]);
    expect(heard.slice(1).sort()).toEqual(["middle", "middle-too"]);
    expect(result.events.map((e) => e.type).sort()).toEqual(["high", "middle", "middle-too"]);
    expect(result.results).toHaveLength(3);
    expect(engine.status).toBe("FINISHED");
  });

  it("tells 'success', 'failure' and the event's type listeners with the event, almanac and rule result, awaiting them", async () => {
    const engine = new Engine([adult, { ...adult, name: "senior", event: { type: "senior" }, conditions: { all: [{ fact: "age", operator: "greaterThan", value: 64 }] } }]);
    const calls: unknown[] = [];
    let waited = false;
    engine.on("success", (event: unknown, almanac: Almanac, ruleResult: { result: unknown; name: unknown }) => {
      calls.push(["success", event, almanac instanceof Almanac, ruleResult.result, ruleResult.name]);
      return new Promise<void>((resolve) => setTimeout(() => ((waited = true), resolve()), 5));
    });
    engine.on("failure", (event: unknown, _almanac: Almanac, ruleResult: { result: unknown }) => calls.push(["failure", event, ruleResult.result]));
    engine.on("adult", (params: unknown) => calls.push(["adult", params, waited]));
    const { almanac } = await engine.run({ age: 30 });
    expect(calls).toContainEqual(["success", { type: "adult", params: { message: "is an adult" } }, true, true, "adult"]);
    expect(calls).toContainEqual(["adult", { message: "is an adult" }, true]);
    expect(calls).toContainEqual(["failure", { type: "senior" }, false]);
    expect(calls).toHaveLength(3);
    expect(almanac.getEvents("success")).toEqual([{ type: "adult", params: { message: "is an adult" } }]);
  });

  it("calls a rule's onSuccess and onFailure with its event and the almanac", async () => {
    const seen: unknown[] = [];
    const engine = new Engine([
      { ...adult, onSuccess: (event: unknown) => seen.push(["ok", event]), onFailure: (event: unknown) => seen.push(["no", event]) },
    ]);
    await engine.run({ age: 40 });
    await engine.run({ age: 4 });
    expect(seen).toEqual([
      ["ok", { type: "adult", params: { message: "is an adult" } }],
      ["no", { type: "adult", params: { message: "is an adult" } }],
    ]);
  });

  it("rejects a run on an undefined fact unless allowUndefinedFacts, and on an unknown named condition unless allowUndefinedConditions", async () => {
    await expect(new Engine([adult]).run({})).rejects.toThrow("Undefined fact: age");
    expect((await new Engine([adult], { allowUndefinedFacts: true }).run({})).failureEvents).toHaveLength(1);
    const referring: RuleProperties = { conditions: { all: [{ condition: "isAdult" }] }, event: { type: "ref" } };
    await expect(new Engine([referring]).run({ age: 30 })).rejects.toThrow("No condition isAdult exists");
    const lenient = new Engine([referring], { allowUndefinedConditions: true });
    const result = await lenient.run({ age: 30 });
    expect(result.failureEvents).toEqual([{ type: "ref" }]);
    expect(result.failureResults[0]!.conditions.all![0]).toMatchObject({ condition: "isAdult", result: false });
  });

  it("shares conditions set by name, replaced in a rule result by the condition they name, until removed", async () => {
    const engine = new Engine([{ conditions: { any: [{ condition: "isAdult" }] }, event: { type: "ref" } }]);
    engine.setCondition("isAdult", { all: [{ fact: "age", operator: "greaterThanInclusive", value: 18 }] });
    const { events, results } = await engine.run({ age: 30 });
    expect(events).toEqual([{ type: "ref" }]);
    expect(results[0]!.conditions.any![0]).toMatchObject({ operator: "all", result: true, all: [{ fact: "age", factResult: 30, result: true }] });
    expect(results[0]!.conditions.any![0]!.condition).toBeUndefined();
    expect(engine.removeCondition("isAdult")).toBe(true);
    await expect(engine.run({ age: 30 })).rejects.toThrow("No condition isAdult exists");
    expect(() => engine.setCondition("bad", { fact: "a" } as never)).toThrow('"conditions" root must contain');
  });

  it("refuses named conditions that refer to each other in a cycle, naming them, whether or not anything listens", async () => {
    const engine = new Engine([{ conditions: { all: [{ condition: "a" }, { fact: "x", operator: "equal", value: 1 }] }, event: { type: "x" } }]);
    engine.setCondition("a", { any: [{ condition: "b" }] });
    engine.setCondition("b", { all: [{ condition: "a" }, { fact: "x", operator: "equal", value: 1 }] });
    await expect(engine.run({ x: 1 })).rejects.toThrow("Named conditions refer to each other in a cycle: a → b → a");
    engine.on("success", () => undefined);
    await expect(engine.run({ x: 1 })).rejects.toThrow("Named conditions refer to each other in a cycle: a → b → a");
  });

  it("replaces fact references in event params when replaceFactsInEventParams", async () => {
    const rule: RuleProperties = { conditions: { all: [] }, event: { type: "e", params: { who: { fact: "user", path: "$.name" }, fixed: 1 } } };
    expect((await new Engine([rule], { replaceFactsInEventParams: true }).run({ user: { name: "Sari" } })).events).toEqual([
      { type: "e", params: { who: "Sari", fixed: 1 } },
    ]);
    expect((await new Engine([rule]).run({ user: { name: "Sari" } })).events[0]!.params!.who).toEqual({ fact: "user", path: "$.name" });
  });

  it("reads paths with a custom pathResolver", async () => {
    const resolver = (object: object, path: string) => path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], object);
    const rule: RuleProperties = { conditions: { all: [{ fact: "user", path: "profile.age", operator: "greaterThan", value: 17 }] }, event: { type: "ok" } };
    expect((await new Engine([rule], { pathResolver: resolver }).run({ user: { profile: { age: 18 } } })).events).toEqual([{ type: "ok" }]);
    const jsonPath: RuleProperties = { conditions: { all: [{ fact: "user", path: "$.profile.age", operator: "greaterThan", value: 17 }] }, event: { type: "ok" } };
    expect((await new Engine([jsonPath]).run({ user: { profile: { age: 18 } } })).events).toEqual([{ type: "ok" }]);
  });
});

describe("Engine: facts", () => {
  it("computes a function fact from the condition's params and the almanac, caching per params by default", async () => {
    const calls: unknown[] = [];
    const engine = new Engine([
      {
        conditions: {
          all: [
            { fact: "balance", params: { account: 1 }, operator: "greaterThan", value: 10 },
            { fact: "balance", params: { account: 1 }, operator: "lessThan", value: 1000 },
            { fact: "balance", params: { account: 2 }, operator: "equal", value: 5 },
          ],
        },
        event: { type: "checked" },
      },
    ]);
    engine.addFact("balance", async (params: Record<string, unknown>, almanac: Almanac) => {
      calls.push(params.account);
      const rate = await almanac.factValue<number>("rate");
      return params.account === 1 ? 100 * rate : 5;
    });
    const { events, almanac } = await engine.run({ rate: 1 });
    expect(events).toEqual([{ type: "checked" }]);
    expect(calls.sort()).toEqual([1, 2]);
    expect(await almanac.factValue("balance", { account: 1 })).toBe(100);
    expect(calls).toHaveLength(2);
  });

  it("recomputes a fact with cache: false each time it is read", async () => {
    let calls = 0;
    const rule: RuleProperties = {
      conditions: { all: [{ fact: "tick", operator: "greaterThan", value: 0 }, { fact: "tick", operator: "lessThan", value: 100 }] },
      event: { type: "t" },
    };
    const engine = new Engine([rule]).addFact("tick", () => ++calls, { cache: false });
    await engine.run();
    expect(calls).toBe(2);
    engine.addFact(new Fact("tick", () => ++calls));
    await engine.run();
    expect(calls).toBe(3);
  });

  it("evaluates conditions on higher-priority facts first and skips the rest once the all is decided", async () => {
    const read: string[] = [];
    const engine = new Engine([
      {
        conditions: {
          all: [
            { fact: "expensive", operator: "equal", value: true },
            { fact: "cheap", operator: "equal", value: true },
          ],
        },
        event: { type: "both" },
      },
    ]);
    engine.addFact("cheap", () => (read.push("cheap"), false), { priority: 10 });
    engine.addFact("expensive", () => (read.push("expensive"), true), { priority: 1 });
    const { failureResults } = await engine.run();
    expect(read).toEqual(["cheap"]);
    expect(failureResults[0]!.conditions.all![0]!.result).toBeUndefined();
    expect(failureResults[0]!.conditions.all![1]!.result).toBe(false);
  });

  it("fails the run with a removed fact, and lets runtime facts override engine facts", async () => {
    const engine = new Engine([adult]).addFact("age", 40);
    expect((await engine.run()).events).toHaveLength(1);
    expect((await engine.run({ age: 3 })).events).toHaveLength(0);
    expect(engine.removeFact("age")).toBe(true);
    await expect(engine.run()).rejects.toThrow("Undefined fact: age");
  });

  it("awaits a runtime fact that is a promise or a function", async () => {
    expect((await new Engine([adult]).run({ age: Promise.resolve(19) })).events).toHaveLength(1);
    expect((await new Engine([adult]).run({ age: () => 19 })).events).toHaveLength(1);
  });
});

describe("Engine: almanac", () => {
  it("chains rules: a handler's addRuntimeFact is seen by rules of lower priority", async () => {
    const engine = new Engine([
      { ...adult, priority: 10, onSuccess: (_e: unknown, almanac: Almanac) => almanac.addRuntimeFact("adult-passed", true) },
      { conditions: { all: [{ fact: "adult-passed", operator: "equal", value: true }] }, event: { type: "chained" }, priority: 1 },
    ]);
    const { events, almanac } = await engine.run({ age: 30, "adult-passed": false });
    expect(events.map((e) => e.type)).toEqual(["adult", "chained"]);
    expect(await almanac.factValue("adult-passed")).toBe(true);
    expect(almanac.getResults()).toHaveLength(2);
    expect(almanac.getEvents().map((e) => e.type)).toEqual(["adult", "chained"]);
  });

  it("runs with an almanac passed in, keeping the facts added to it", async () => {
    const almanac = new Almanac();
    almanac.addFact("age", 50);
    almanac.addFact("greeting", (params: Record<string, unknown>) => `halo ${String(params.name)}`);
    const { events, almanac: used } = await new Engine([adult]).run({}, { almanac });
    expect(used).toBe(almanac);
    expect(events).toHaveLength(1);
    expect(await almanac.factValue("greeting", { name: "Budi" })).toBe("halo Budi");
    expect(await almanac.factValue("missing").catch((error: Error) => error.message)).toBe("Undefined fact: missing");
  });

  it("gives the compiled run's almanac its facts, events and results", async () => {
    const { almanac } = await new Engine([adult]).run({ age: 20, user: { name: "Sari" } });
    expect(await almanac.factValue("user", {}, "$.name")).toBe("Sari");
    expect(almanac.getEvents("success")).toEqual([{ type: "adult", params: { message: "is an adult" } }]);
    expect(almanac.getEvents("failure")).toEqual([]);
    expect(almanac.getResults().map((r) => r.toJSON(false))).toEqual([
      {
        name: "adult",
        priority: 1,
        result: true,
        event: { type: "adult", params: { message: "is an adult" } },
        conditions: { priority: 1, all: [{ fact: "age", operator: "greaterThanInclusive", value: 18, factResult: 20, valueResult: 18, result: true }] },
      },
    ]);
  });
});

describe("Engine: operators", () => {
  const on = (operator: string, value: unknown, fact = "x"): RuleProperties => ({ conditions: { all: [{ fact, operator, value }] }, event: { type: operator } });
  const fires = async (engine: Engine, facts: Record<string, unknown>) => (await engine.run(facts)).events.length === 1;

  it("has the built-in decorators someFact, someValue, everyFact, everyValue, swap and not", async () => {
    expect(await fires(new Engine([on("someFact:equal", 2)]), { x: [1, 2] })).toBe(true);
    expect(await fires(new Engine([on("everyFact:greaterThan", 0)]), { x: [1, 2] })).toBe(true);
    expect(await fires(new Engine([on("everyFact:greaterThan", 1)]), { x: [1, 2] })).toBe(false);
    expect(await fires(new Engine([on("someValue:equal", [3, 4])]), { x: 4 })).toBe(true);
    expect(await fires(new Engine([on("everyValue:lessThan", [3, 4])]), { x: 2 })).toBe(true);
    expect(await fires(new Engine([on("swap:contains", [1, 5])]), { x: 5 })).toBe(true);
    expect(await fires(new Engine([on("not:in", [1, 5])]), { x: 5 })).toBe(false);
    expect(await fires(new Engine([on("not:someFact:equal", 9)]), { x: [1, 2] })).toBe(true);
  });

  it("adds and removes custom operators, refusing a run that uses a removed one", async () => {
    const engine = new Engine([on("startsWithLetter", "a", "username")]);
    engine.addOperator("startsWithLetter", (factValue: unknown, jsonValue: unknown) => {
      const text = String(factValue);
      return text.length > 0 && text[0]!.toLowerCase() === String(jsonValue).toLowerCase();
    });
    expect(await fires(engine, { username: "Ani" })).toBe(true);
    expect(await fires(engine, { username: "Budi" })).toBe(false);
    engine.addOperator(new Operator("startsWithLetter", () => true, (value) => typeof value === "string"));
    expect(await fires(engine, { username: 12 })).toBe(false);
    expect(await fires(engine, { username: "Budi" })).toBe(true);
    expect(engine.removeOperator("startsWithLetter")).toBe(true);
    await expect(engine.run({ username: "Ani" })).rejects.toThrow("Unknown operator: startsWithLetter");
  });

  it("adds and removes custom decorators, which apply to built-in and custom operators", async () => {
    const engine = new Engine([on("either:lessThan", 5)]);
    engine.addOperatorDecorator("either", (a: unknown, b: unknown, next) => next(a, b) || next(b, a));
    expect(await fires(engine, { x: 9 })).toBe(true);
    engine.addOperatorDecorator(new OperatorDecorator("flip", (a: unknown, b: unknown, next) => next(b, a)));
    engine.addRule(on("flip:either:lessThan", 5));
    expect((await engine.run({ x: 9 })).events.map((e) => e.type)).toEqual(["either:lessThan", "flip:either:lessThan"]);
    expect(engine.removeOperatorDecorator("either")).toBe(true);
    await expect(engine.run({ x: 1 })).rejects.toThrow("Unknown operator: either:lessThan");
  });

  it("keeps the numeric operators' check that the fact reads as a number", async () => {
    expect(await fires(new Engine([on("greaterThan", 5)]), { x: "10" })).toBe(true);
    expect(await fires(new Engine([on("greaterThan", 5)]), { x: "10px" })).toBe(false);
    expect(await fires(new Engine([on("greaterThan", 5)]), { x: "ten" })).toBe(false);
    expect(await fires(new Engine([on("contains", 1)]), { x: "1" })).toBe(false);
  });
});

describe("Engine: the compiled path", () => {
  it("is taken when facts are constants and nothing listens, and left when a listener or function fact appears", async () => {
    const reads = vi.spyOn(Almanac.prototype, "factValue");
    onTestFinished(() => reads.mockRestore());
    const engine = new Engine([adult]);
    const compiled = await engine.run({ age: 20 });
    expect(reads).toHaveBeenCalledTimes(0);
    compiled.events[0]!.params!.message = "changed by the caller";
    expect((await engine.run({ age: 20 })).events[0]!.params!.message).toBe("is an adult");
    await engine.run({ age: () => 20 });
    expect(reads).toHaveBeenCalledTimes(1);
    engine.on("adult", () => undefined);
    await engine.run({ age: 20 });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it("compiles again after the rules or named conditions change", async () => {
    const engine = new Engine([{ conditions: { all: [{ condition: "c" }] }, event: { type: "c" } }]);
    engine.setCondition("c", { all: [{ fact: "x", operator: "equal", value: 1 }] });
    expect((await engine.run({ x: 1 })).events).toEqual([{ type: "c" }]);
    engine.setCondition("c", { all: [{ fact: "x", operator: "equal", value: 2 }] });
    expect((await engine.run({ x: 1 })).events).toEqual([]);
    engine.addRule({ conditions: { any: [] }, event: { type: "any" } });
    expect((await engine.run({ x: 2 })).events.map((e) => e.type).sort()).toEqual(["any", "c"]);
  });

  it("rejects as the almanac path does: an undefined fact fails the run", async () => {
    await expect(new Engine([adult]).run({ other: 1 })).rejects.toThrow("Undefined fact: age");
  });
});
