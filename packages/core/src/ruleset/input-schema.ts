// The appraisal input (AppraisalInput in ../domain/types.ts) as a schema: what `evaluate` takes, checked
// before it is evaluated, with each problem named by its JSON pointer, and the same as JSON Schema for
// those who check it elsewhere. It lives with the rule-file tooling, so an app that only evaluates does not
// carry the schema library.
import { z } from "zod";
import { PERIOD_KINDS, RATER_SOURCES, TARGET_ASPECTS, type AppraisalInput } from "../domain/types.js";
import type { RuleIssue } from "./errors.js";
import { explainZodIssues } from "./zod-issues.js";

const name = z.string().min(1);
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const nullable = z.union([scalar, z.null()]);

const employeeSchema = z
  .object({
    nip: name.describe("NIP, 18 digits"),
    nama: z.string(),
    jabatan: z.string(),
    jenisJabatan: z.string().optional(),
    jenjang: z.string().optional(),
    golongan: z.string().optional(),
    unit: z.string(),
    unitType: z.string().optional(),
    status: z.string().optional(),
    attributes: z.record(z.string(), scalar).optional(),
  })
  .strict();

const raterRatings = z.record(z.string(), z.number());
const aspects = z.partialRecord(z.enum(TARGET_ASPECTS), z.number());

/** The appraisal input's shape as a zod schema (strict: unknown keys are refused); see validateInput. */
export const appraisalInputSchema = z
  .object({
    employee: employeeSchema,
    period: z.object({ kind: z.enum(PERIOD_KINDS), label: name, months: z.number().int().min(1).max(12).optional() }).strict().optional(),
    ratings: z.partialRecord(z.enum(RATER_SOURCES), z.union([raterRatings, z.array(raterRatings)])).optional(),
    values: z
      .record(
        z.string(),
        z.union([
          z.number(),
          z.boolean(),
          z.object({ target: z.number(), realisasi: z.number() }).strict(),
          z.object({ target: aspects, realisasi: aspects }).strict(),
        ]),
      )
      .optional(),
    facts: z.record(z.string(), nullable).optional(),
    history: z.array(z.object({ period: name, predikat: name }).strict()).optional(),
    adjustments: z
      .array(z.object({ fact: name, value: nullable, reason: name, by: name, at: z.string().optional() }).strict())
      .optional(),
  })
  .strict()
  .describe("Everything known about one employee for one period, before any rule is applied (penilaian kinerja ASN)");

// The schema and the domain type say the same: a change to one that the other lacks fails to compile.
type SchemaInput = z.infer<typeof appraisalInputSchema>;
const _sameShape: [SchemaInput extends AppraisalInput ? true : false, AppraisalInput extends SchemaInput ? true : false] = [true, true];
void _sameShape;

/** validateInput's answer: the typed input, or every problem by JSON pointer. */
export type InputValidation = { ok: true; input: AppraisalInput } | { ok: false; issues: RuleIssue[] };

/**
 * Checks a value (e.g. from JSON.parse) against the appraisal input's shape. Each problem names its JSON
 * pointer and says what was wrong and what was expected, in Indonesian (`message`) and English (`messageEn`);
 * `where` names the record, e.g. "data.jsonl: baris 12". Whether the values fit a rule set (its scales, its
 * indicators) is the evaluator's to say.
 */
export function validateInput(value: unknown, where = ""): InputValidation {
  const parsed = appraisalInputSchema.safeParse(value);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, issues: explainZodIssues(parsed.error.issues, appraisalInputSchema, value, where) };
}

/** The appraisal input as JSON Schema (draft 2020-12). */
export function appraisalInputJsonSchema(): Record<string, unknown> {
  return { $id: "urn:kinerja:appraisal-input", title: "Kinerja appraisal input", ...z.toJSONSchema(appraisalInputSchema, { io: "input" }) };
}
