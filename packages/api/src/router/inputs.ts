// The pieces every procedure's input is made of, with their bounds written once (LIMITS): ids, NIPs, names,
// free texts, days, lists, maps of values, amounts, pages. Every string refuses what PostgreSQL cannot store
// (NUL, lone surrogates; see unstorableText). Refusals read in Indonesian and name the limit that was broken: the error map below is
// set for the whole process, and `inputRefusal` turns a failed input into the one message a person reads.
import { z } from "zod";
import { LIMITS, unstorableText } from "../services/lib/index.js";

/** Refuses text that could not be stored, saying which character is the trouble. */
function storable(text: string, context: z.core.$RefinementCtx<string>): void {
  const problem = unstorableText(text);
  if (problem) context.addIssue({ code: "custom", message: `tidak boleh memuat ${problem}`, input: text });
}

/** Any text of at most `max` characters, empty allowed. */
export function bounded(max: number) {
  return z.string().max(max).superRefine(storable);
}

/** Trimmed text that must say something; `what` names it when it is empty. */
export function filled(max: number, what?: string) {
  return z
    .string()
    .trim()
    .min(1, what ? { error: `${what} tidak boleh kosong` } : undefined)
    .max(max)
    .superRefine(storable);
}

export const id = bounded(LIMITS.id);
/**
 * An id that points at a row when given (a parent, a unit): empty text is refused here, since it would name no
 * row and reach the database's foreign key as a fault. Absent or null says "none".
 */
export const reference = id.min(1, { error: "tidak boleh kosong: isi kode yang ada, atau tanpa isian (null) bila tidak ada" });
export const nip = bounded(LIMITS.nip);
export const name = filled(LIMITS.name);
/** A label chosen from a list the rule set defines (a predikat, an outcome type): as long as a name. */
export const label = bounded(LIMITS.name);
export const search = bounded(LIMITS.search);
/** A reason, a note, a comment, at most `max` characters (LIMITS.text unless the topic wants less). */
export const freeText = (max: number = LIMITS.text) => bounded(max);
export const email = z.email().max(LIMITS.email);
export const password = (min: number) => z.string().min(min).max(LIMITS.password);

/** A calendar day, YYYY-MM-DD, that exists. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "tanggal berformat YYYY-MM-DD" })
  .refine((text) => {
    const time = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
  }, { error: "tanggal tidak ada di kalender" });

/** A list of at most `max` items. */
export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) => z.array(item).max(max);
export const ids = list(id);

/** A map from ids to values, at most `max` entries. */
export const entries = <T extends z.ZodType>(value: T, max: number = LIMITS.entries) =>
  z.record(id, value).refine((map) => Object.keys(map).length <= max, { error: `paling banyak ${max} isian` });

/** A target, a realisasi, a quantity, a rating: finite and at most LIMITS.amount either way. */
export const amount = z.number().min(-LIMITS.amount).max(LIMITS.amount);

/** A stored counter (a draft's revision): PostgreSQL's integer. */
export const revision = z.number().int().min(1).max(2_147_483_647);

/** Cursor pagination (see services/lib/pagination.ts). */
export const page = {
  cursor: bounded(LIMITS.cursor).optional(),
  limit: z.number().int().min(1).max(500).default(50),
};

type Issue = z.core.$ZodRawIssue;

function sizeOf(origin: string): string {
  if (origin === "string") return " karakter";
  if (origin === "array" || origin === "set") return " item";
  if (origin === "file") return " byte";
  return "";
}

const indonesian = z.locales.id().localeError;

/** zod's Indonesian messages, with the size limits said the way a form says them. */
function localeError(issue: Issue): ReturnType<NonNullable<typeof indonesian>> {
  if (issue.code === "too_big") {
    const unit = sizeOf(issue.origin);
    const limit = String(issue.maximum);
    if (unit) return issue.inclusive === false ? `harus kurang dari ${limit}${unit}` : `paling banyak ${limit}${unit}`;
    return issue.inclusive === false ? `harus kurang dari ${limit}` : `paling besar ${limit}`;
  }
  if (issue.code === "too_small") {
    const unit = sizeOf(issue.origin);
    const limit = String(issue.minimum);
    if (issue.origin === "string" && Number(issue.minimum) === 1) return "tidak boleh kosong";
    if (unit) return issue.inclusive === false ? `harus lebih dari ${limit}${unit}` : `paling sedikit ${limit}${unit}`;
    return issue.inclusive === false ? `harus lebih dari ${limit}` : `paling kecil ${limit}`;
  }
  return indonesian?.(issue);
}

z.config({ localeError });

/** A refused input as one line: each problem after the field it is in (`name: paling banyak 200 karakter`). */
export function inputRefusal(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message)).join("; ");
}
