import { describe, expect, it } from "vitest";
import { RATER_SOURCES } from "../domain/types.js";
import {
  followUpTypes,
  indicatorsById,
  objectiveIndicators,
  predikatChoices,
  predikatDistance,
  predikatLabel,
  predikatLevels,
  predikatWithin,
  raterSourceLabel,
  raterSourceTitle,
  ratingScore,
  realisasiIndicators,
  scaleOf,
  sourcesOf,
  sourcesOfRuleSet,
  sourcesOfSet,
} from "./read.js";
import type { Indicator, IndicatorSet, RuleSet } from "./schema.js";
import { baseFile, ruleSetOf } from "./test-support/rule-files.js";

/** The base rule set with a second set that is rated only, by a peer and the supervisor on its own scale. */
function ruleSet(): RuleSet {
  const file = baseFile();
  file.indicatorSets!.push({
    id: "fungsional",
    name: "Fungsional",
    indicators: [
      {
        id: "karya",
        name: "Karya tulis",
        axis: "hasil_kerja",
        weight: 100,
        input: { kind: "rating", scale: { min: 0, max: 4, toScore: "linear" } },
        raters: ["peer", "supervisor"],
      },
      { id: "kerja_sama", name: "Kerja sama", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "likert5" } },
    ],
  });
  return ruleSetOf(file);
}

function setOf(rules: RuleSet, id: string): IndicatorSet {
  return rules.indicatorSets.find((s) => s.id === id)!;
}

function indicatorOf(rules: RuleSet, id: string): Indicator {
  return rules.indicatorSets.flatMap((s) => s.indicators).find((i) => i.id === id)!;
}

describe("indicatorsById", () => {
  it("lists every set's indicators by id, the first set's where two sets share an id", () => {
    const rules = ruleSet();
    const shared: Indicator = { ...indicatorOf(rules, "pelayanan"), name: "Pelayanan (fungsional)" };
    setOf(rules, "fungsional").indicators.push(shared);
    const found = indicatorsById(rules);
    expect([...found.keys()]).toEqual(["kualitas", "kuantitas", "pelayanan", "karya", "kerja_sama"]);
    expect(found.get("pelayanan")?.name).toBe(indicatorOf(rules, "pelayanan").name);
  });
});

describe("scaleOf", () => {
  it("looks a named scale up and takes an inline one as written", () => {
    const rules = ruleSet();
    expect(scaleOf(rules, indicatorOf(rules, "pelayanan"))).toEqual({ min: 1, max: 5, toScore: "percentOfMax" });
    expect(scaleOf(rules, indicatorOf(rules, "karya"))).toEqual({ min: 0, max: 4, toScore: "linear" });
  });

  it("is null for an objective indicator and for a scale name the rule set does not declare", () => {
    const rules = ruleSet();
    expect(scaleOf(rules, indicatorOf(rules, "kualitas"))).toBeNull();
    const unknown: Indicator = { ...indicatorOf(rules, "pelayanan"), input: { kind: "rating", scale: "likert7" } };
    expect(scaleOf(rules, unknown)).toBeNull();
  });
});

describe("ratingScore", () => {
  it("scores a rating as a share of the maximum by default", () => {
    expect(ratingScore({ min: 1, max: 5, toScore: "percentOfMax" }, 4)).toBe(80);
    expect(ratingScore({ min: 1, max: 5, toScore: "percentOfMax" }, 1)).toBe(20);
  });

  it("scores a rating on a linear scale by its distance from the minimum", () => {
    expect(ratingScore({ min: 1, max: 5, toScore: "linear" }, 4)).toBe(75);
    expect(ratingScore({ min: 1, max: 5, toScore: "linear" }, 1)).toBe(0);
  });
});

describe("rater sources", () => {
  it("of an indicator: its own raters, else the rule set's weights; none for an objective indicator", () => {
    const rules = ruleSet();
    expect(sourcesOf(rules, indicatorOf(rules, "karya"))).toEqual(["peer", "supervisor"]);
    expect(sourcesOf(rules, indicatorOf(rules, "pelayanan"))).toEqual(["self", "peer", "supervisor"]);
    expect(sourcesOf(rules, indicatorOf(rules, "kualitas"))).toEqual([]);
  });

  it("of a set: every source rating one of its indicators, and the supervisor where a value is recorded", () => {
    const rules = ruleSet();
    expect([...sourcesOfSet(rules, setOf(rules, "umum"))].sort()).toEqual(["peer", "self", "supervisor"]);
    const peerOnly: RuleSet = { ...rules, raters: { ...rules.raters, weights: { peer: 100 } } };
    expect([...sourcesOfSet(peerOnly, setOf(rules, "umum"))].sort()).toEqual(["peer", "supervisor"]);
  });

  it("of a rule set: the union over its sets, in RATER_SOURCES order", () => {
    const rules = ruleSet();
    expect(sourcesOfRuleSet(rules)).toEqual(["self", "peer", "supervisor"]);
    const publicOnly: RuleSet = {
      ...rules,
      indicatorSets: [{ ...setOf(rules, "fungsional"), indicators: [{ ...indicatorOf(rules, "karya"), raters: ["public"] }] }],
    };
    expect(sourcesOfRuleSet(publicOnly)).toEqual(["public"]);
  });
});

describe("objective indicators", () => {
  it("of a set are those whose value is recorded, not rated", () => {
    const rules = ruleSet();
    expect(objectiveIndicators(setOf(rules, "umum")).map((i) => i.id)).toEqual(["kualitas", "kuantitas"]);
    expect(objectiveIndicators(setOf(rules, "fungsional"))).toEqual([]);
  });

  it("that realisasi feeds are the target and achievement indicators of every set, by id", () => {
    const file = baseFile();
    file.indicatorSets![0]!.indicators.push(
      { id: "skp", name: "SKP", axis: "hasil_kerja", weight: 0, input: { kind: "target", aspects: ["kuantitas", "waktu"] } },
      { id: "hadir", name: "Kehadiran", axis: "perilaku", weight: 0, input: { kind: "attendance", bands: [{ maxDays: null, score: 100 }] } },
    );
    const found = realisasiIndicators(ruleSetOf(file));
    expect([...found.keys()]).toEqual(["kualitas", "kuantitas", "skp"]);
    expect(found.get("skp")).toEqual({ id: "skp", name: "SKP", kind: "target", aspects: ["kuantitas", "waktu"] });
    expect(found.get("kualitas")).toEqual({ id: "kualitas", name: "Kualitas", kind: "achievement", aspects: [] });
  });
});

describe("raterSourceLabel", () => {
  it("names a source in Indonesian unless English is asked for", () => {
    expect(raterSourceLabel("peer")).toBe("rekan kerja");
    expect(raterSourceLabel("supervisor")).toBe("atasan langsung");
    expect(raterSourceLabel("supervisor", "en")).toBe("supervisor");
  });

  it("capitalises the label where it stands alone", () => {
    expect(raterSourceTitle("peer")).toBe("Rekan kerja");
    expect(raterSourceTitle("self", "en")).toBe("Self");
  });

  it("gives every source an Indonesian label with no English key in it, and a distinct one", () => {
    const labels = RATER_SOURCES.map((source) => raterSourceLabel(source, "id"));
    expect(new Set(labels).size).toBe(RATER_SOURCES.length);
    for (const label of labels) for (const source of RATER_SOURCES) expect(label).not.toContain(source);
  });
});

describe("predikat", () => {
  const rules = ruleSetOf(baseFile());

  it("are levels best first, in the order the rule set lists them", () => {
    expect(predikatLevels(rules)).toEqual(["sangat_baik", "baik", "kurang"]);
  });

  it("are named by their label, by the id when the rule set does not list it, and not at all when there is none", () => {
    expect(predikatLabel(rules, "sangat_baik")).toBe("Sangat Baik");
    expect(predikatLabel(rules, "istimewa")).toBe("istimewa");
    expect(predikatLabel(rules, null)).toBeNull();
  });

  it("are as far apart as their levels, whichever comes first; unknown ones have no distance", () => {
    expect(predikatDistance(rules, "sangat_baik", "kurang")).toBe(2);
    expect(predikatDistance(rules, "kurang", "baik")).toBe(1);
    expect(predikatDistance(rules, "baik", "baik")).toBe(0);
    expect(predikatDistance(rules, "baik", "istimewa")).toBeNull();
  });

  it("within some levels of one are those on both sides, best first, and none around an unknown one", () => {
    expect(predikatWithin(rules, "baik", 1)).toEqual(["sangat_baik", "baik", "kurang"]);
    expect(predikatWithin(rules, "sangat_baik", 1)).toEqual(["sangat_baik", "baik"]);
    expect(predikatWithin(rules, "kurang", 0)).toEqual(["kurang"]);
    expect(predikatWithin(rules, "istimewa", 2)).toEqual([]);
    expect(predikatWithin(rules, null, 2)).toEqual([]);
  });

  it("are offered to pick from best first with their labels, and none from a file that lists none", () => {
    expect(predikatChoices(rules)).toEqual([
      { id: "sangat_baik", label: "Sangat Baik" },
      { id: "baik", label: "Baik" },
      { id: "kurang", label: "Kurang" },
    ]);
    expect(predikatChoices({})).toEqual([]);
  });
});

describe("followUpTypes", () => {
  it("are the outcome rules' event types, then pelatihan where an indicator names training", () => {
    expect(followUpTypes(ruleSetOf(baseFile()))).toEqual(["penghargaan", "pelatihan"]);
    const file = baseFile();
    for (const set of file.indicatorSets ?? []) for (const indicator of set.indicators) delete indicator.training;
    expect(followUpTypes(ruleSetOf(file))).toEqual(["penghargaan"]);
    expect(followUpTypes({})).toEqual([]);
  });
});
