import { describe, expect, it } from "vitest";
import type { NationalPredikat } from "../domain/types.js";
import { countNationalPredikat, emptyCounts } from "./counts.js";
import { checkBounds, checkDistribution, type Rounding } from "./distribution.js";

function counts(partial: Partial<Record<NationalPredikat, number>>): Record<NationalPredikat, number> {
  return { ...emptyCounts(), ...partial };
}

function broken(
  organisationPredikat: Parameters<typeof checkDistribution>[0]["organisationPredikat"],
  partial: Partial<Record<NationalPredikat, number>>,
  rounding: Rounding = "round",
): string[] {
  return checkDistribution({ counts: counts(partial), organisationPredikat, rounding }).map((b) => b.label.id);
}

describe("Istimewa: Sangat Baik at most 70%", () => {
  it("allows 7 of 10 and breaks at 8", () => {
    expect(broken("istimewa", { sangat_baik: 7, baik: 3 })).toEqual([]);
    const [bound] = checkDistribution({
      counts: counts({ sangat_baik: 8, baik: 2 }),
      organisationPredikat: "istimewa",
      rounding: "round",
    });
    expect(bound?.label).toEqual({ id: "Sangat Baik paling banyak 70%", en: "Very Good at most 70%" });
    expect(bound?.allowed).toBe(7);
    expect(bound?.actual).toBe(8);
    expect(bound?.actualShare).toBeCloseTo(0.8, 10);
    expect(bound?.message.id).toBe("Sangat Baik paling banyak 70%: paling banyak 7 dari 10 pegawai, ada 8 (80%)");
    expect(bound?.message.en).toBe("Very Good at most 70%: at most 7 of 10 employees, there are 8 (80%)");
  });

  it("n = 1: the one employee may be Sangat Baik under every rounding", () => {
    for (const rounding of ["floor", "round", "ceil"] as const) {
      expect(broken("istimewa", { sangat_baik: 1 }, rounding)).toEqual([]);
    }
  });

  it("n = 3: floor and round allow 2, ceil allows 3", () => {
    expect(broken("istimewa", { sangat_baik: 3 }, "floor")).toEqual(["Sangat Baik paling banyak 70%"]);
    expect(broken("istimewa", { sangat_baik: 3 }, "round")).toEqual(["Sangat Baik paling banyak 70%"]);
    expect(broken("istimewa", { sangat_baik: 3 }, "ceil")).toEqual([]);
  });
});

describe("Baik: Baik at most 70%, at least one in Butuh Perbaikan and/or Kurang/Misconduct", () => {
  it("n = 7, all Baik: breaks both", () => {
    expect(broken("baik", { baik: 7 })).toEqual([
      "Baik paling banyak 70%",
      "paling sedikit 1 pegawai Butuh Perbaikan dan/atau Kurang/Misconduct",
    ]);
    const checks = checkBounds({ counts: counts({ baik: 7 }), organisationPredikat: "baik", rounding: "round" });
    expect(checks[0]?.allowed).toBe(5); // round(4.9)
    expect(checks[1]?.allowed).toBe(1);
  });

  it("n = 7 fits with 5 Baik and one Kurang/Misconduct", () => {
    expect(broken("baik", { sangat_baik: 1, baik: 5, kurang: 1 })).toEqual([]);
    expect(broken("baik", { sangat_baik: 1, baik: 5, butuh_perbaikan: 1 })).toEqual([]);
  });

  it("n = 7 with floor allows only 4 Baik", () => {
    expect(broken("baik", { sangat_baik: 1, baik: 5, kurang: 1 }, "floor")).toEqual(["Baik paling banyak 70%"]);
  });

  it("n = 1: a unit of one must have its employee in Butuh Perbaikan or Kurang", () => {
    expect(broken("baik", { baik: 1 })).toEqual([
      "paling sedikit 1 pegawai Butuh Perbaikan dan/atau Kurang/Misconduct",
    ]);
    expect(broken("baik", { butuh_perbaikan: 1 })).toEqual([]);
  });

  it("n = 3: one Sangat Baik, one Baik, one Butuh Perbaikan fits", () => {
    expect(broken("baik", { sangat_baik: 1, baik: 1, butuh_perbaikan: 1 }, "floor")).toEqual([]);
  });
});

describe("Butuh Perbaikan: Butuh Perbaikan at least 60%, Sangat Baik at most 10%", () => {
  it("n = 10: 6 Butuh Perbaikan and 1 Sangat Baik fit; 5 and 2 break both", () => {
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 6, sangat_baik: 1, baik: 3 })).toEqual([]);
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 5, sangat_baik: 2, baik: 3 })).toEqual([
      "Butuh Perbaikan paling sedikit 60%",
      "Sangat Baik paling banyak 10%",
    ]);
  });

  it("n = 3: floor requires 1 Butuh Perbaikan, round and ceil 2", () => {
    const unit = { butuh_perbaikan: 1, baik: 2 };
    expect(broken("butuh_perbaikan", unit, "floor")).toEqual([]);
    expect(broken("butuh_perbaikan", unit, "round")).toEqual(["Butuh Perbaikan paling sedikit 60%"]);
    expect(broken("butuh_perbaikan", unit, "ceil")).toEqual(["Butuh Perbaikan paling sedikit 60%"]);
  });

  it("n = 3: one Sangat Baik is allowed although 10% of 3 rounds to 0", () => {
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 2, sangat_baik: 1 }, "floor")).toEqual([]);
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 1, sangat_baik: 2 }, "floor")).toEqual([
      "Sangat Baik paling banyak 10%",
    ]);
  });

  it("n = 1: the employee must be Butuh Perbaikan (60% of 1 rounds to 1)", () => {
    expect(broken("butuh_perbaikan", { baik: 1 })).toEqual(["Butuh Perbaikan paling sedikit 60%"]);
    expect(broken("butuh_perbaikan", { baik: 1 }, "floor")).toEqual([]);
  });

  it("n = 7 with round: 4 Butuh Perbaikan fit, 3 do not", () => {
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 4, baik: 3 })).toEqual([]);
    expect(broken("butuh_perbaikan", { butuh_perbaikan: 3, baik: 4 })).toEqual([
      "Butuh Perbaikan paling sedikit 60%",
    ]);
  });
});

describe("Kurang: Kurang/Misconduct at least 60%, Butuh Perbaikan at least 10%, Sangat Baik at most 10%", () => {
  it("n = 10 fits and breaks each bound", () => {
    expect(broken("kurang", { kurang: 6, butuh_perbaikan: 1, sangat_baik: 1, baik: 2 })).toEqual([]);
    expect(broken("kurang", { kurang: 5, baik: 3, sangat_baik: 2 })).toEqual([
      "Kurang/Misconduct paling sedikit 60%",
      "Butuh Perbaikan paling sedikit 10%",
      "Sangat Baik paling banyak 10%",
    ]);
  });

  it("n = 7: floor owes no Butuh Perbaikan, round and ceil owe one", () => {
    const unit = { kurang: 5, baik: 2 };
    expect(broken("kurang", unit, "floor")).toEqual([]);
    expect(broken("kurang", unit, "round")).toEqual(["Butuh Perbaikan paling sedikit 10%"]);
    expect(broken("kurang", { kurang: 4, baik: 3 }, "ceil")).toEqual([
      "Kurang/Misconduct paling sedikit 60%",
      "Butuh Perbaikan paling sedikit 10%",
    ]);
  });

  it("n = 1 with ceil: the two lower bounds never demand two employees", () => {
    const checks = checkBounds({ counts: counts({ kurang: 1 }), organisationPredikat: "kurang", rounding: "ceil" });
    expect(checks.map((c) => c.allowed)).toEqual([1, 0, 1]);
    expect(checks.every((c) => !c.broken)).toBe(true);
  });

  it("n = 3 with round", () => {
    expect(broken("kurang", { kurang: 2, butuh_perbaikan: 1 })).toEqual([]);
    expect(broken("kurang", { kurang: 1, butuh_perbaikan: 2 })).toEqual(["Kurang/Misconduct paling sedikit 60%"]);
  });
});

describe("Sangat Kurang: Sangat Kurang at least 60%, Butuh Perbaikan + Kurang at least 10%, no Sangat Baik", () => {
  it("n = 10", () => {
    expect(broken("sangat_kurang", { sangat_kurang: 6, kurang: 1, baik: 3 })).toEqual([]);
    expect(broken("sangat_kurang", { sangat_kurang: 6, baik: 3, sangat_baik: 1 })).toEqual([
      "Butuh Perbaikan dan/atau Kurang/Misconduct paling sedikit 10%",
      "tidak ada Sangat Baik",
    ]);
  });

  it("counts Butuh Perbaikan and Kurang together", () => {
    expect(broken("sangat_kurang", { sangat_kurang: 6, butuh_perbaikan: 1, kurang: 1, baik: 2 })).toEqual([]);
  });

  it("n = 1: one Sangat Baik is never allowed", () => {
    const checks = checkDistribution({
      counts: counts({ sangat_baik: 1 }),
      organisationPredikat: "sangat_kurang",
      rounding: "ceil",
    });
    expect(checks.map((c) => c.label.en)).toEqual(["Very Poor at least 60%", "no Very Good"]);
    const bound = checks[1];
    expect(bound?.allowed).toBe(0);
    expect(broken("sangat_kurang", { sangat_kurang: 1 }, "ceil")).toEqual([]);
  });

  it("n = 3 with round owes two Sangat Kurang", () => {
    expect(broken("sangat_kurang", { sangat_kurang: 1, kurang: 2 })).toEqual(["Sangat Kurang paling sedikit 60%"]);
  });
});

describe("edge cases", () => {
  it("an empty unit breaks nothing", () => {
    expect(broken("baik", {})).toEqual([]);
  });

  it("formats shares with a decimal comma in Indonesian", () => {
    const [bound] = checkDistribution({
      counts: counts({ sangat_baik: 3 }),
      organisationPredikat: "istimewa",
      rounding: "floor",
    });
    expect(bound?.message.id).toContain("ada 3 (100%)");
    const [two] = checkDistribution({
      counts: counts({ butuh_perbaikan: 1, sangat_baik: 2 }),
      organisationPredikat: "butuh_perbaikan",
      rounding: "floor",
    });
    expect(two?.message.id).toContain("(66,7%)");
    expect(two?.message.en).toContain("(66.7%)");
  });
});

describe("countNationalPredikat", () => {
  it("maps rule-set predikat to national ones and keeps the rest apart", () => {
    const predikat = [
      { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" as const },
      { id: "baik", label: "Baik", national: "baik" as const },
      { id: "cukup", label: "Cukup", national: "butuh_perbaikan" as const },
      { id: "buruk", label: "Buruk" },
    ];
    const results = [
      { predikat: "baik" },
      { predikat: "cukup" },
      { predikat: "baik" },
      { predikat: "buruk" },
      new Error("gagal"),
    ];
    const { counts: c, unmapped } = countNationalPredikat(results, predikat);
    expect(c).toEqual({ sangat_baik: 0, baik: 2, butuh_perbaikan: 1, kurang: 0, sangat_kurang: 0 });
    expect(unmapped).toEqual({ buruk: 1 });
  });
});
