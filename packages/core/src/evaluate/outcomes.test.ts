import { describe, expect, it } from "vitest";
import { compileRuleSet } from "./compile.js";
import { employee } from "./test-support/builders.js";
import { kuadranInput, kuadranRuleSet } from "./test-support/kuadran.js";

const compiled = compileRuleSet(kuadranRuleSet());

describe("angka kredit (PerBKN 3/2023)", () => {
  it("Ahli Pertama, Sangat Baik, 12 months → 18.75", () => {
    const result = compiled.evaluate(kuadranInput("di_atas", "di_atas"));
    expect(result.predikat).toBe("sangat_baik");
    expect(result.decisions.angka_kredit).toBe(18.75);
  });

  it("Ahli Pertama, Baik, 2 months → 2.08", () => {
    const result = compiled.evaluate(
      kuadranInput("sesuai", "sesuai", { period: { kind: "annual", label: "2025", months: 2 } }),
    );
    expect(result.predikat).toBe("baik");
    expect(result.decisions.angka_kredit).toBe(2.08);
  });

  it("months default from the period kind", () => {
    const facts = compiled.facts(kuadranInput("sesuai", "sesuai", { period: { kind: "semester", label: "2025-S1" } }));
    expect(facts["period.months"]).toBe(6);
    expect(facts.angka_kredit).toBe(6.25);
  });

  it("Ahli Madya, Baik, full year → 37.5", () => {
    const input = kuadranInput("sesuai", "sesuai", { employee: employee({ jenjang: "Ahli Madya" }) });
    expect(compiled.evaluate(input).decisions.angka_kredit).toBe(37.5);
  });

  it("is null for a structural post (the coefficient table does not apply)", () => {
    const input = kuadranInput("sesuai", "sesuai", { employee: employee({ jenisJabatan: "struktural", jenjang: undefined }) });
    const result = compiled.evaluate(input);
    expect(result.decisions.koefisien_angka_kredit).toBeNull();
    expect(result.decisions.angka_kredit).toBeNull();
  });
});

describe("training per weak indicator", () => {
  it("proposes training for each indicator scored below its threshold", () => {
    const result = compiled.evaluate(kuadranInput("sesuai", "di_bawah"));
    const training = result.outcomes.filter((o) => o.type === "pelatihan");
    expect(training).toEqual([
      { type: "pelatihan", params: { indicator: "pelayanan", topic: "Pelayanan prima" }, rule: "pelatihan:pelayanan" },
      { type: "pelatihan", params: { indicator: "kolaboratif", topic: "Kerja sama tim" }, rule: "pelatihan:kolaboratif" },
    ]);
  });

  it("proposes only for the weak one", () => {
    const input = kuadranInput("sesuai", "sesuai", {
      ratings: { supervisor: { pelayanan: 3, kolaboratif: 4 }, peer: [{ pelayanan: 3, kolaboratif: 4 }] },
    });
    const training = compiled.evaluate(input).outcomes.filter((o) => o.type === "pelatihan");
    expect(training.map((o) => o.params.indicator)).toEqual(["pelayanan"]);
  });

  it("proposes none when every indicator is strong", () => {
    expect(compiled.evaluate(kuadranInput("sesuai", "sesuai")).outcomes.some((o) => o.type === "pelatihan")).toBe(false);
  });
});

describe("promotion from history (two consecutive years Baik or better)", () => {
  it("fires after a Baik year followed by another", () => {
    const input = kuadranInput("sesuai", "sesuai", { history: [{ period: "2024", predikat: "baik" }] });
    expect(compiled.evaluate(input).outcomes.map((o) => o.type)).toContain("usul_kenaikan_pangkat");
    expect(compiled.facts(input)["predikat.previous"]).toBe("baik");
  });

  it("reads the latest history entry only", () => {
    const input = kuadranInput("sesuai", "sesuai", {
      history: [
        { period: "2023", predikat: "sangat_baik" },
        { period: "2024", predikat: "butuh_perbaikan" },
      ],
    });
    expect(compiled.evaluate(input).outcomes.map((o) => o.type)).not.toContain("usul_kenaikan_pangkat");
  });

  it("does not fire without history, nor when this year is below Baik", () => {
    expect(compiled.evaluate(kuadranInput("sesuai", "sesuai")).outcomes.map((o) => o.type)).not.toContain("usul_kenaikan_pangkat");
    const weak = kuadranInput("di_bawah", "sesuai", { history: [{ period: "2024", predikat: "baik" }] });
    expect(compiled.evaluate(weak).outcomes.map((o) => o.type)).not.toContain("usul_kenaikan_pangkat");
  });
});
