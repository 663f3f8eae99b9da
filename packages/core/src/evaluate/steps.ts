// The steps of an explanation, one per stage of the data path, as plain JSON. The evaluator records them
// only when an explanation is asked for; `explain.ts` turns them into text.
import type { AppraisalResult, Axis, RaterSource } from "../domain/types.js";
import type { ConditionTrace } from "../engine/index.js";
import type { TopLevelCondition } from "../ruleset/schema.js";

/** The indicator set chosen for the appraisal, and the sets tried before it. */
export interface IndicatorSetStep {
  kind: "indicatorSet";
  chosen: string;
  name: string;
  /** The sets tried in file order, up to the chosen one. */
  tried: Array<{ id: string; name: string; when: TopLevelCondition | null; matched: boolean }>;
}

/** One rater source's part in an indicator's rating. */
export interface RaterSourceBreakdown {
  source: RaterSource;
  /** Every rating this source gave (several for peers or the public). */
  values: number[];
  /** Their mean, or null when the source gave none. */
  mean: number | null;
  /** The weight in the rule set. */
  weight: number;
  /** The weight after renormalising over the sources present (0–1), null when the source is missing. */
  share: number | null;
}

/** How an indicator's rating was formed from its rater sources. */
export interface RaterBreakdown {
  sources: RaterSourceBreakdown[];
  /** Sources with weight that gave no rating; their weight went to the others. */
  missing: RaterSource[];
  /** The weighted mean of the sources present, on the indicator's scale. */
  aggregate: number;
}

/** The formula that turned an indicator's input into its 0–100 score. */
export type IndicatorFormula =
  | "rating.percentOfMax"
  | "rating.linear"
  | "pp46.task"
  | "tasks.mean"
  | "achievement"
  | "attendance.bands"
  | "yesno"
  | "score";

/** One indicator scored: its input, its raters, the formula and the score. */
export interface IndicatorStep {
  kind: "indicator";
  indicator: string;
  name: string;
  axis: Axis;
  weight: number;
  formula: IndicatorFormula;
  /** What the formula used, e.g. { value, min, max } or { target, realisasi, percent, cap }. */
  inputs: Record<string, unknown>;
  raters: RaterBreakdown | null;
  raw: number | boolean;
  score: number;
}

/** A part's share of an axis or final score. */
export interface Contribution {
  /** An indicator id, or an axis. */
  part: string;
  name: string;
  weight: number;
  score: number;
  /** weight × score / Σ weight: its share of the result. */
  contribution: number;
}

/** An axis score (hasil kerja or perilaku) from its indicators. */
export interface AxisStep {
  kind: "axis";
  axis: Axis;
  score: number | null;
  contributions: Contribution[];
}

/** The final score from the axes or the indicators. */
export interface ScoreStep {
  kind: "score";
  score: number | null;
  /** "axes": Σ axis weight × axis score; "indicators": the weighted mean of every indicator. */
  method: "axes" | "indicators";
  /** The axis variant (/axisVariants) whose split was used, when one held. */
  variant?: string;
  contributions: Contribution[];
}

/** What a decision table or calculation gives. */
export type DecisionValue = string | number | boolean | null | Array<string | number | boolean | null>;

/** A decision table consulted: its inputs, the rows hit and the value it gave. */
export interface DecisionStep {
  kind: "decision";
  table: string;
  name: string | null;
  output: string;
  hitPolicy: "first" | "unique" | "collect";
  /** The column facts and their values. */
  inputs: Record<string, unknown>;
  /**
   * "rows": rows hit; "default": no row hit; "gate": the table's `when` did not hold;
   * "assessor": the appraisal gave the value (an assessor's judgement), so the table was not consulted.
   */
  source: "rows" | "default" | "gate" | "assessor";
  /** The rows hit; `index` counts from 0, as in the rule file's JSON pointer (rendered text counts from 1). */
  hits: Array<{ index: number; then: string | number | boolean | null; note: string | null }>;
  value: DecisionValue;
}

/** A calculation (e.g. a TPP percentage): its inputs and value. */
export interface CalculationStep {
  kind: "calculation";
  id: string;
  name: string;
  /** False when the calculation's `when` did not hold (its value is then null). */
  applied: boolean;
  inputs: Record<string, unknown>;
  value: number | null;
}

/** An outcome rule: whether it fired, its event and its condition trace. */
export interface OutcomeStep {
  kind: "outcome";
  rule: string;
  fired: boolean;
  event: { type: string; params: Record<string, unknown> } | null;
  /** The engine's condition trace: every condition with the fact value it saw and whether it held. */
  trace: ConditionTrace | null;
}

/** The predikat the appraisal came to, with its label. */
export interface PredikatStep {
  kind: "predikat";
  predikat: string;
  label: string;
}

/** A decision output changed by people (an assessor's judgement, the evaluation forum), with who and why. */
export interface AdjustmentStep {
  kind: "adjustment";
  fact: string;
  from: unknown;
  to: unknown;
  reason: string;
  by: string;
  at: string | null;
}

/** One step of an explanation, in the order the evaluator took them. */
export type ExplanationStep =
  | IndicatorSetStep
  | AdjustmentStep
  | IndicatorStep
  | AxisStep
  | ScoreStep
  | DecisionStep
  | CalculationStep
  | OutcomeStep
  | PredikatStep;

/** Everything `explain` tells about one appraisal; `error` is set (and `result` null) when it was refused. */
export interface Explanation {
  ruleSetId: string;
  ruleSetName: string;
  nip: string;
  nama: string | null;
  steps: ExplanationStep[];
  result: AppraisalResult | null;
  error: string | null;
}
