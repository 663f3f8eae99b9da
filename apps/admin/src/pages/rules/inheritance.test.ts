import { describe, expect, it } from "vitest";
import { overridePart, rebaseOn, resetPart, ruleParts } from "./inheritance";

const baseline = {
  id: "nasional",
  name: "Nasional",
  raters: { weights: { supervisor: 100 }, missing: "skip" },
  predikat: [
    { id: "baik", label: "Baik" },
    { id: "kurang", label: "Kurang" },
  ],
  outcomes: [{ name: "penghargaan", conditions: { all: [] }, event: { type: "award" } }],
};

describe("inherited and own parts of rules on a baseline", () => {
  it("marks each part inherited, overriding the baseline's, or the region's own addition", () => {
    const own = { id: "daerah", name: "Daerah", extends: "national:x@1", raters: { missing: "zero" }, predikat: [{ id: "baik", label: "Baik sekali" }, { id: "istimewa", label: "Istimewa" }] };
    const parts = ruleParts(own, baseline);
    const state = (section: string, key: string) => parts.find((p) => p.section === section && p.key === key)?.state;
    expect(state("raters", "weights")).toBe("inherited");
    expect(state("raters", "missing")).toBe("overridden");
    expect(state("predikat", "baik")).toBe("overridden");
    expect(parts.find((p) => p.key === "baik")?.label).toBe("Baik sekali");
    expect(state("predikat", "kurang")).toBe("inherited");
    expect(state("predikat", "istimewa")).toBe("own");
    expect(state("outcomes", "penghargaan")).toBe("inherited");
  });

  it("makes an inherited part the region's own, and resets it to the baseline again", () => {
    const own = { id: "daerah", name: "Daerah", extends: "national:x@1" };
    const changed = overridePart(own, baseline, { section: "predikat", key: "kurang" });
    expect(changed.predikat).toEqual([{ id: "kurang", label: "Kurang" }]);
    const weights = overridePart(changed, baseline, { section: "raters", key: "weights" });
    expect(weights.raters).toEqual({ weights: { supervisor: 100 } });
    expect(resetPart(resetPart(weights, { section: "predikat", key: "kurang" }), { section: "raters", key: "weights" })).toEqual(own);
  });

  it("rebuilds self-contained rules on a baseline keeping only what differs", () => {
    const copy = { ...structuredClone(baseline), id: "daerah", name: "Daerah", raters: { weights: { supervisor: 100 }, missing: "zero" }, predikat: [{ id: "baik", label: "Baik" }, { id: "kurang", label: "Kurang sekali" }], tests: [] };
    expect(rebaseOn(copy, baseline, "national:x@1")).toEqual({
      id: "daerah",
      name: "Daerah",
      extends: "national:x@1",
      raters: { missing: "zero" },
      predikat: [{ id: "kurang", label: "Kurang sekali" }],
      tests: [],
    });
  });

  it("keeps a period that differs from the baseline's whole, its kind with its roll-up", () => {
    const withPeriod = { ...baseline, period: { kind: "annual" } };
    const own = { id: "daerah", name: "Daerah", period: { kind: "annual", rollup: { method: "average" } } };
    expect(rebaseOn(own, withPeriod, "national:x@1").period).toEqual({ kind: "annual", rollup: { method: "average" } });
    expect(rebaseOn({ id: "daerah", name: "Daerah", period: { kind: "annual" } }, withPeriod, "national:x@1")).not.toHaveProperty("period");
  });
});
