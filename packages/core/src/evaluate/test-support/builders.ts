// Small rule sets and appraisals built in TypeScript for the evaluator's tests: a resolved RuleSet with
// every part present, so each test spells out only what it is about.
import type { AppraisalInput, Employee } from "../../domain/types.js";
import { WORKFLOW_DEFAULTS, type Indicator, type IndicatorSet, type RuleSet } from "../../ruleset/schema.js";

export function ruleSet(parts: Partial<RuleSet> & Pick<RuleSet, "indicatorSets">): RuleSet {
  return {
    id: "uji",
    name: "Aturan uji",
    predikat: [],
    decisions: [],
    outcomes: [],
    raters: { weights: { supervisor: 100 }, missing: "renormalise" },
    scales: {},
    facts: {},
    conditions: {},
    tests: [],
    calculations: [],
    curve: { enforcement: "warn", rounding: "round" },
    workflow: WORKFLOW_DEFAULTS,
    sources: ["rules/uji.json"],
    ...parts,
  };
}

export function indicatorSet(id: string, indicators: Indicator[], when?: IndicatorSet["when"]): IndicatorSet {
  return { id, name: id.replace(/_/g, " "), indicators, ...(when ? { when } : {}) };
}

export function employee(overrides: Partial<Employee> = {}): Employee {
  return {
    nip: "198503152010011001",
    nama: "Budi Santoso",
    jabatan: "Analis Kepegawaian",
    jenisJabatan: "fungsional",
    jenjang: "Ahli Pertama",
    unit: "BKPSDM",
    ...overrides,
  };
}

export function appraisal(parts: Partial<AppraisalInput> = {}): AppraisalInput {
  return { employee: employee(), period: { kind: "annual", label: "2025" }, ...parts };
}

/** The five national predikat as a rule set's predikat list. */
export const NATIONAL_PREDIKAT_VALUES: RuleSet["predikat"] = [
  { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" },
  { id: "baik", label: "Baik", national: "baik" },
  { id: "butuh_perbaikan", label: "Butuh Perbaikan", national: "butuh_perbaikan" },
  { id: "kurang", label: "Kurang/Misconduct", national: "kurang" },
  { id: "sangat_kurang", label: "Sangat Kurang", national: "sangat_kurang" },
];
