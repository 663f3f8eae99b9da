// The appraisal input (AppraisalInput in ../domain/types.ts) as a schema: what `evaluate` takes, checked
// before it is evaluated, with each problem named by its JSON pointer, and the same as JSON Schema for
// those who check it elsewhere. It lives with the rule-file tooling, so an app that only evaluates does not
// carry the schema library.
import { z } from "zod";
import { ORGANISATION_PREDIKAT, PERIOD_KINDS, RATER_SOURCES, TARGET_ASPECTS, type AppraisalInput } from "../domain/types.js";
import { periodYear } from "../periods/history.js";
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

// An earlier result. Its year is `year`, or, in the shape before years ({ period: "2024" }), the year its
// period label begins with; a period label of another year than `year` is a mistake, not a choice.
const historyEntrySchema = z
  .object({
    year: z.number().int().min(1900).max(2999).optional().describe("the year of the result"),
    period: name.optional().describe("the period within the year (its label, e.g. 2025-S1); absent for the annual result"),
    predikat: name,
  })
  .strict()
  .superRefine((entry, ctx) => {
    const labelYear = periodYear(entry.period);
    if (entry.year === undefined && labelYear === null) {
      ctx.addIssue({
        code: "custom",
        path: ["year"],
        message:
          `tahun hasil (year) tidak ada${entry.period === undefined ? "" : ` dan periode ${JSON.stringify(entry.period)} tidak diawali tahun`}; ` +
          'yang diharapkan: { "year": 2024, "predikat": "baik" } (EN: the year is missing; expected a year, or a period label that begins with it)',
      });
    } else if (entry.year !== undefined && entry.period !== undefined && labelYear !== entry.year) {
      ctx.addIssue({
        code: "custom",
        path: ["period"],
        message:
          `periode ${JSON.stringify(entry.period)} bukan periode tahun ${entry.year}; yang diharapkan: label yang diawali ${entry.year}, mis. "${entry.year}-S1" ` +
          `(EN: the period is not one of year ${entry.year}; expected a label beginning with it)`,
      });
    }
  });

const raterRatings = z.record(z.string(), z.number());
const aspects = z.partialRecord(z.enum(TARGET_ASPECTS), z.number());
/** One task of an indicator; several tasks of one indicator are an array of them. */
const task = z.union([
  z.number(),
  z.object({ target: z.number(), realisasi: z.number() }).strict(),
  z.object({ target: aspects, realisasi: aspects }).strict(),
]);

/** The appraisal input's shape as a zod schema (strict: unknown keys are refused); see validateInput. */
export const appraisalInputSchema = z
  .object({
    employee: employeeSchema,
    period: z.object({ kind: z.enum(PERIOD_KINDS), label: name, months: z.number().int().min(1).max(12).optional() }).strict().optional(),
    ratings: z.partialRecord(z.enum(RATER_SOURCES), z.union([raterRatings, z.array(raterRatings)])).optional(),
    values: z.record(z.string(), z.union([z.boolean(), task, z.array(task).min(1)])).optional(),
    facts: z.record(z.string(), nullable).optional(),
    history: z.array(historyEntrySchema).optional(),
    unit: z.object({ predikat: z.enum(ORGANISATION_PREDIKAT).optional(), pimpinan: z.boolean().optional() }).strict().optional(),
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
