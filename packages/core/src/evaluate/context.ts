// What every stage of one evaluation shares: the appraisal's NIP (for errors) and, only when an
// explanation was asked for, the list its steps go to.
import type { AppraisalInput } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import type { ExplanationStep } from "./steps.js";

/** The fact map of one appraisal: flat names (score.kualitas, employee.jabatan) to values, null when absent. */
export type { Facts } from "../engine/index.js";

export interface RunContext {
  nip: string;
  /** Null on the production path: no explanation is built. */
  steps: ExplanationStep[] | null;
  /** Whether every fact is wanted (an explanation, the fact map), or only those the rule set reads. */
  everyFact: boolean;
}

export function refuse(ctx: RunContext, message: string): never {
  throw new AppraisalError(ctx.nip, message);
}

/** A value as it appears in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  return value === undefined ? "tidak ada" : JSON.stringify(value);
}

/** The NIP an input names, or a stand-in for messages when it names none. */
export function nipOf(input: AppraisalInput): string {
  const nip = (input as Partial<AppraisalInput> | null)?.employee?.nip;
  return typeof nip === "string" ? nip : "(tanpa NIP)";
}

/** The context of one evaluation; refuses an input with no employee or no NIP. */
export function runContext(input: AppraisalInput, steps: ExplanationStep[] | null, everyFact = steps !== null): RunContext {
  const ctx = { nip: nipOf(input), steps, everyFact };
  if (typeof input?.employee !== "object" || input.employee === null) {
    refuse(ctx, "data pegawai (employee) tidak ada");
  }
  if (typeof input.employee.nip !== "string") refuse(ctx, "NIP pegawai (employee.nip) tidak ada");
  return ctx;
}
