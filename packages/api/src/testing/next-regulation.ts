// A version 2 of the PermenPANRB 6/2022 baseline as an operator might publish it for a new regulation:
// Sesuai hasil kerja with Di Atas perilaku becomes Sangat Baik (was Baik), and the baseline's own cases
// whose input is Sesuai/Di Atas follow it, so the version passes its cases and may be published.

interface Row {
  when: Array<Record<string, unknown>>;
  then: unknown;
}

/** The parts of a baseline's content the change touches. */
export type BaselineContent = Record<string, unknown> & {
  decisions: Array<{ id: string; rows: Row[] }>;
  tests: Array<{ name: string; expect: { predikat?: string; facts?: Record<string, unknown> } }>;
};

export function nextRegulation(v1: BaselineContent): BaselineContent {
  const v2 = structuredClone(v1);
  v2.decisions.find((d) => d.id === "predikat")!.rows.find((r) => r.when[0]?.equal === "sesuai" && r.when[1]?.equal === "di_atas")!.then = "sangat_baik";
  for (const test of v2.tests) {
    if (test.name.startsWith("Kuadran: Sesuai (95%) dan Di Atas") || test.name.startsWith("Pimpinan unit: unit Baik → hasil kerja Sesuai")) test.expect.predikat = "sangat_baik";
  }
  // Its input is Sesuai/Di Atas too: the case follows the new regulation's predikat and angka kredit (150 %).
  const angkaKredit = v2.tests.find((test) => test.name.startsWith("Angka kredit: Ahli Madya, Baik"))!;
  angkaKredit.name = "Angka kredit: Ahli Madya, Sangat Baik (Sesuai dan Di Atas), 12 bulan → 56,25";
  angkaKredit.expect = { ...angkaKredit.expect, predikat: "sangat_baik", facts: { angka_kredit_koefisien: 37.5, angka_kredit: 56.25 } };
  return v2;
}
