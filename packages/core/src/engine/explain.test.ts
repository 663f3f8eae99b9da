import { describe, expect, it } from "vitest";
import { compileRules } from "./index.js";
import type { BooleanConditionTrace, FactConditionTrace, RuleProperties } from "./types.js";

const rules: RuleProperties[] = [
  {
    name: "angka_kredit_baik",
    priority: 3,
    conditions: {
      all: [
        { fact: "employee", path: "$.jenisJabatan", operator: "equal", value: "fungsional" },
        { fact: "predikat", operator: "equal", value: { fact: "target" } },
      ],
    },
    event: { type: "angka_kredit", params: { persen: 100 } },
  },
  {
    name: "pelatihan",
    conditions: {
      any: [
        { fact: "score.komunikasi", operator: "lessThan", value: 60, priority: 2 },
        { fact: "score.kualitas", operator: "lessThan", value: 60 },
      ],
    },
    event: { type: "pelatihan" },
  },
];

describe("explain", () => {
  it("reports each rule and each condition's inputs and result", () => {
    const facts = { employee: { jenisJabatan: "fungsional" }, predikat: "baik", target: "baik", "score.komunikasi": 50 };
    const [angkaKredit, pelatihan] = compileRules(rules).explain(facts);
    expect(angkaKredit).toMatchObject({ index: 0, name: "angka_kredit_baik", priority: 3, fired: true });
    expect((angkaKredit!.conditions as BooleanConditionTrace).conditions).toEqual([
      {
        kind: "fact",
        priority: 1,
        fact: "employee",
        path: "$.jenisJabatan",
        operator: "equal",
        value: "fungsional",
        valueResult: "fungsional",
        factResult: "fungsional",
        result: true,
      },
      {
        kind: "fact",
        priority: 1,
        fact: "predikat",
        operator: "equal",
        value: { fact: "target" },
        valueResult: "baik",
        factResult: "baik",
        result: true,
      },
    ]);
    // The priority-2 condition decided the any, so the other was never evaluated (its fact is not even given).
    const [komunikasi, kualitas] = (pelatihan!.conditions as BooleanConditionTrace).conditions as FactConditionTrace[];
    expect(pelatihan).toMatchObject({ name: "pelatihan", fired: true, event: { type: "pelatihan" } });
    expect(komunikasi).toMatchObject({ factResult: 50, result: true });
    expect(kualitas).not.toHaveProperty("result");
  });

  it("notes the error on the condition that failed the run, and on its rule", () => {
    const [angkaKredit] = compileRules(rules).explain({ employee: { jenisJabatan: "pelaksana" }, predikat: "baik" });
    expect(angkaKredit).toMatchObject({ fired: false, error: "Undefined fact: target" });
    const [jabatan, predikat] = (angkaKredit!.conditions as BooleanConditionTrace).conditions as FactConditionTrace[];
    expect(jabatan).toMatchObject({ result: false });
    expect(predikat).toMatchObject({ error: "Undefined fact: target" });
  });

  it("agrees with run", () => {
    const compiled = compileRules(rules);
    const facts = { employee: { jenisJabatan: "struktural" }, predikat: "baik", target: "x", "score.komunikasi": 70, "score.kualitas": 50 };
    const fired = compiled.explain(facts).filter((trace) => trace.fired).map((trace) => trace.event);
    expect(fired).toEqual(compiled.run(facts).events);
  });
});
