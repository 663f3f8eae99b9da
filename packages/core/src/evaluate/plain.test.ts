// The sentences people read, over each shipped region's demo appraisals (four scales: 1–5, 1–5 with
// competencies, 1–5 with attendance bands, 0–100): no id, no JSON, no number with more than two decimals;
// the predikat label, the TPP percentage and each training topic stated in words.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { demoProfileSchema, generateDemo } from "../demo/index.js";
import type { AppraisalInput } from "../domain/types.js";
import { loadRuleSet } from "../ruleset/resolve.js";
import { compileRuleSet } from "./compile.js";
import { describeExplanation, factLabel, humanise, outcomeText, tppPercent, valueLabel } from "./plain.js";

const RULES = resolve(import.meta.dirname, "../../../../rules");
const REGIONS = ["samarinda", "amplas", "binjai", "pariaman"];

function region(name: string) {
  const { ruleSet } = loadRuleSet(`${RULES}/${name}.json`, (path) => JSON.parse(readFileSync(path, "utf8")) as unknown, { check: false });
  const profile = demoProfileSchema.parse(JSON.parse(readFileSync(`${RULES}/demo/${name}.json`, "utf8")));
  return { ruleSet, profile, compiled: compileRuleSet(ruleSet) };
}

/** Every id the rule set defines that a person should never read: predikat, indicator, table, fact and outcome ids. */
function idsOf(ruleSet: ReturnType<typeof region>["ruleSet"]): string[] {
  const ids = [
    ...ruleSet.predikat.map((p) => p.id),
    ...ruleSet.indicatorSets.flatMap((s) => [s.id, ...s.indicators.map((i) => i.id)]),
    ...ruleSet.decisions.flatMap((d) => [d.id, d.output]),
    ...Object.keys(ruleSet.facts),
    ...ruleSet.outcomes.map((o) => o.event.type),
  ];
  // Only ids that could not be a plain word ("baik" reads as a word; "sangat_baik" does not).
  return [...new Set(ids)].filter((id) => /[._]/.test(id));
}

describe.each(REGIONS)("the sentences of %s's demo results", (name) => {
  const { ruleSet, profile, compiled } = region(name);
  const inputs: AppraisalInput[] = [...generateDemo(ruleSet, profile, { size: 120, seed: 7 })];

  it.each(["id", "en"] as const)("in %s carry no id, JSON or float noise, and name the predikat", (lang) => {
    const ids = idsOf(ruleSet);
    for (const input of inputs) {
      const explanation = compiled.explain(input);
      const text = describeExplanation(explanation, ruleSet, lang).join("\n");
      const where = `${input.employee.nip}:\n${text}`;
      expect(text, where).not.toMatch(/[{}[\]"]\s*[a-z_]+"?\s*:/);
      expect(text, where).not.toMatch(/[{}]/);
      // More than two decimals (Indonesian groups thousands with a dot, so only the decimal comma counts there).
      expect(text, where).not.toMatch(lang === "id" ? /\d,\d{3}/ : /\d\.\d{3}/);
      expect(text, where).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      for (const id of ids) expect(text, `${where}\n(id ${id})`).not.toContain(id);
      expect(text, where).toContain(explanation.result!.predikatLabel);
    }
  });

  it("states each training topic and the TPP percentage the results carry", () => {
    let trainings = 0;
    for (const input of inputs) {
      const explanation = compiled.explain(input);
      const text = describeExplanation(explanation, ruleSet, "id").join("\n");
      for (const outcome of explanation.result!.outcomes) {
        if (outcome.type === "pelatihan") {
          trainings++;
          expect(text).toContain(`Usulan pelatihan: ${String(outcome.params.topic)}`);
        }
        if (outcome.type === "tpp") expect(text).toContain(`TPP yang dibayarkan: ${String(outcome.params.persen)}%`);
      }
    }
    // Every region's rules give training below a threshold, and the demo holds raters severe enough to reach it.
    expect(trainings).toBeGreaterThan(0);
  });
});

describe("describeExplanation", () => {
  it("rounds to two decimals with a decimal comma and names the decision values", () => {
    const { ruleSet, profile, compiled } = region("samarinda");
    const [input] = [...generateDemo(ruleSet, profile, { size: 10, seed: 3 })];
    const sentences = describeExplanation(compiled.explain(input!), ruleSet, "id");
    expect(sentences[0]).toMatch(/^Penilaian memakai kelompok indikator "/);
    expect(sentences.find((s) => s.startsWith("Rating hasil kerja dari capaian:"))).toMatch(/^Rating hasil kerja dari capaian: (Di Atas|Sesuai|Di Bawah)\. Dasarnya: Nilai Hasil Kerja \d+(,\d{1,2})? \(/);
    expect(sentences.at(-1)).toMatch(/^Predikat: /);
  });

  it("gives as the reason only the columns the matching row tests", () => {
    const { ruleSet, profile, compiled } = region("samarinda");
    const [input] = [...generateDemo(ruleSet, profile, { size: 1, seed: 3 })];
    // A unit leader of a unit rated Baik: the row that matches tests leadership and the unit, not the score.
    // A structural leader is also rated by their subordinates on leading the team (Samarinda's pimpinan_struktural).
    const ratings = { ...input!.ratings, subordinate: [{ kepemimpinan_komunikasi: 4 }] };
    const leader = { ...input!, ratings, unit: { predikat: "baik" as const, pimpinan: true } };
    const sentence = describeExplanation(compiled.explain(leader), ruleSet, "id").find((s) => s.startsWith("Rating hasil kerja dari capaian:"));
    expect(sentence).toBe("Rating hasil kerja dari capaian: Sesuai. Dasarnya: pimpinan unit kerja ya, predikat organisasi unit kerja Baik (pimpinan unit: predikat organisasi Baik).");
  });

  it("names facts, values and follow-ups for the what-if screen, the sheets and the PDFs", () => {
    const { ruleSet } = region("samarinda");
    expect(factLabel(ruleSet, "rating.hasil_kerja")).toBe("Rating hasil kerja dari capaian");
    expect(factLabel(ruleSet, "score.perilaku")).toBe("Nilai Perilaku Kerja");
    expect(factLabel(ruleSet, "score", "en")).toBe("final score");
    expect(valueLabel(ruleSet, "sangat_baik")).toBe("Sangat Baik");
    expect(valueLabel(ruleSet, "di_atas")).toBe("Di Atas");
    expect(valueLabel(ruleSet, 99.80799999999999)).toBe("99,81");
    expect(valueLabel(ruleSet, 99.80799999999999, "en")).toBe("99.81");
    const tpp = { type: "tpp", params: { label: "Pembayaran TPP", persen: 90 } };
    expect(outcomeText(tpp)).toBe("TPP 90%");
    expect(outcomeText({ type: "pelatihan", params: { indicator: "kolaboratif", topic: "Kerja sama tim" } })).toBe("Pelatihan: Kerja sama tim");
    expect(outcomeText({ type: "usulan_kenaikan_gaji", params: {} })).toBe("Usulan Kenaikan Gaji");
    expect(tppPercent([{ type: "penghargaan", params: {} }, tpp])).toBe(90);
    expect(tppPercent([])).toBeNull();
  });

  it("turns an id into words when the rule set names it nowhere", () => {
    expect(humanise("di_atas")).toBe("Di Atas");
    expect(humanise("rating.hasil_kerja")).toBe("Rating Hasil Kerja");
  });
});
