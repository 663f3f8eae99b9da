// What every stage of one evaluation shares: the appraisal's NIP (for errors) and, only when an
// explanation was asked for, the list its steps go to.
import { AppraisalError } from "../ruleset/errors.js";
import type { ExplanationStep } from "./steps.js";

/** The fact map of one appraisal: flat names (score.kualitas, employee.jabatan) to values, null when absent. */
export type { Facts } from "../engine/index.js";

export interface RunContext {
  nip: string;
  /** Null on the production path: no explanation is built. */
  steps: ExplanationStep[] | null;
}

export function refuse(ctx: RunContext, message: string): never {
  throw new AppraisalError(ctx.nip, message);
}

/** A value as it appears in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  return value === undefined ? "tidak ada" : JSON.stringify(value);
}
