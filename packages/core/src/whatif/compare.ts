// What-if: the same appraisals under two rule sets. Reports the predikat counts before and after,
// who moves and the first step whose value changed, and the outcomes each person gains or loses.
import type { AppraisalInput, AppraisalResult, OutcomeEvent } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";

/** What `simulate` needs of a compiled rule set. */
export interface Evaluator {
  /** The appraisal's result; throws AppraisalError when the rules refuse it. */
  evaluate(input: AppraisalInput): AppraisalResult;
}

/** The first fact whose value differs between the two rule sets. */
export interface StepChange {
  /** The fact that first differs, in evaluation order (indicator set, indicator scores, axes, decisions). */
  step: string;
  before: unknown;
  after: unknown;
}

/** An employee whose predikat differs between the two rule sets, and the first step that made it differ. */
export interface Move {
  nip: string;
  nama: string;
  unit: string;
  from: string;
  to: string;
  because: StepChange | null;
}

/** The outcomes an employee gains or loses under the second rule set. */
export interface OutcomeChange {
  nip: string;
  gained: string[];
  lost: string[];
}

/** What simulate reports: the predikat counts before and after, who moves, outcomes gained or lost, refusals. */
export interface SimulationReport {
  total: number;
  /** Predikat id → count, before and after. */
  before: Record<string, number>;
  after: Record<string, number>;
  moves: Move[];
  outcomes: OutcomeChange[];
  /** Appraisals that one side could not evaluate. */
  errors: Array<{ nip: string; side: "before" | "after"; message: string }>;
}

function outcomeKey(event: OutcomeEvent): string {
  const indicator = event.params.indicator;
  return typeof indicator === "string" ? `${event.type}:${indicator}` : event.type;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first step at which two results of the same appraisal differ, or null when none does. */
export function firstChangedStep(before: AppraisalResult, after: AppraisalResult): StepChange | null {
  if (before.indicatorSet !== after.indicatorSet) {
    return { step: "indicatorSet", before: before.indicatorSet, after: after.indicatorSet };
  }
  const indicatorKeys = (r: AppraisalResult) => Object.keys(r.scores).filter((k) => k.startsWith("score."));
  const ordered = [
    ...new Set([...indicatorKeys(before), ...indicatorKeys(after)].filter((k) => k !== "score.hasil_kerja" && k !== "score.perilaku")),
    "score.hasil_kerja",
    "score.perilaku",
    "score",
  ];
  for (const key of ordered) {
    if (!sameValue(before.scores[key], after.scores[key])) return { step: key, before: before.scores[key] ?? null, after: after.scores[key] ?? null };
  }
  for (const key of new Set([...Object.keys(before.decisions), ...Object.keys(after.decisions)])) {
    if (!sameValue(before.decisions[key], after.decisions[key])) {
      return { step: key, before: before.decisions[key] ?? null, after: after.decisions[key] ?? null };
    }
  }
  return null;
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Evaluates every input under both rule sets; one input that fails on a side is reported, not fatal,
 * whether it is refused (AppraisalError) or a rule cannot be run on it, as in evaluateMany.
 */
export function simulate(from: Evaluator, to: Evaluator, inputs: Iterable<AppraisalInput>): SimulationReport {
  const report: SimulationReport = { total: 0, before: {}, after: {}, moves: [], outcomes: [], errors: [] };
  for (const input of inputs) {
    report.total++;
    const results: Partial<Record<"before" | "after", AppraisalResult>> = {};
    for (const [side, evaluator] of [["before", from], ["after", to]] as const) {
      try {
        results[side] = evaluator.evaluate(input);
      } catch (error) {
        const refusal =
          error instanceof AppraisalError
            ? error
            : new AppraisalError(input.employee.nip, `penilaian gagal: ${error instanceof Error ? error.message : String(error)}`);
        report.errors.push({ nip: input.employee.nip, side, message: refusal.message });
      }
    }
    const { before, after } = results;
    if (before) count(report.before, before.predikat);
    if (after) count(report.after, after.predikat);
    if (!before || !after) continue;
    if (before.predikat !== after.predikat) {
      report.moves.push({
        nip: input.employee.nip,
        nama: input.employee.nama,
        unit: input.employee.unit,
        from: before.predikat,
        to: after.predikat,
        because: firstChangedStep(before, after),
      });
    }
    const beforeKeys = new Set(before.outcomes.map(outcomeKey));
    const afterKeys = new Set(after.outcomes.map(outcomeKey));
    const gained = [...afterKeys].filter((k) => !beforeKeys.has(k));
    const lost = [...beforeKeys].filter((k) => !afterKeys.has(k));
    if (gained.length > 0 || lost.length > 0) report.outcomes.push({ nip: input.employee.nip, gained, lost });
  }
  return report;
}
