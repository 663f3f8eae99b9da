// The appraisal input's shape checked fast enough for a million records: the JSON Schema of @kinerja/core's
// input schema compiled by ajv into one function, about 2 µs a record where validateInput (zod) takes about
// 35 µs, more than the appraisal itself. validateInput keeps the last word and writes every message: a record
// the compiled check refuses is passed to it, and so is one whose history needs the rule JSON Schema cannot
// say (an entry's year, or a period label beginning with it).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { appraisalInputJsonSchema, validateInput, type AppraisalInput, type InputValidation } from "@kinerja/core";

let compiled: ValidateFunction | null = null;

function historyNeedsItsRule(input: AppraisalInput): boolean {
  return input.history?.some((entry) => entry.year === undefined || entry.period !== undefined) ?? false;
}

/** validateInput's verdict on a value, taking the compiled check's word for a well-formed record. */
export function checkInput(value: unknown, where: string): InputValidation {
  compiled ??= new Ajv2020({ strict: false }).compile(appraisalInputJsonSchema());
  if (compiled(value) && !historyNeedsItsRule(value as AppraisalInput)) return { ok: true, input: value as AppraisalInput };
  return validateInput(value, where);
}
