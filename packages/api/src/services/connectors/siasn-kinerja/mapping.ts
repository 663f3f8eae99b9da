// The results-to-SIASN sink's mapping file: where it posts (`path` under the SIASN base URL), how (time limit,
// tries again, employees sent at once), which decision outputs of the rule set are the two ratings (`ratings`),
// each SIASN field and what fills it (`fields`), the fields that must have a value (`required`), SIASN's
// reference values for ratings, predikat (by national predikat) and period kinds (`values`), and where the
// answer says yes, its id and its message (`answer`). SIASN's public documentation of these fields is thin:
// the defaults are what is known of /kinerjaperiodik/save, and this file is where a region fixes a name.
import { NATIONAL_PREDIKAT, PERIOD_KINDS } from "@kinerja/core";
import { z } from "zod";
import defaults from "./mapping.json" with { type: "json" };

/** What may fill a SIASN field; `=text` is that text as it is. */
export const KINERJA_SOURCES = [
  "nip",
  "nama",
  "jabatan",
  "unit",
  "tahun",
  "periode",
  "periodik",
  "bulanMulai",
  "bulanSelesai",
  "rating.hasilKerja",
  "rating.perilaku",
  "predikat",
  "predikatNasional",
  "predikatLabel",
  "nilai",
  "penilai.nip",
  "penilai.nama",
  "penilai.jabatan",
  "penilai.golongan",
  "penilai.unit",
] as const;
export type KinerjaSource = (typeof KINERJA_SOURCES)[number];

const source = z.union([z.enum(KINERJA_SOURCES), z.string().regex(/^=.{0,200}$/, { error: `salah satu dari ${KINERJA_SOURCES.join(", ")}, atau =teks tetap` })]);
const key = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,60}$/, "nama field SIASN: huruf, angka dan _");
const reference = z.union([z.number(), z.string().min(1).max(60)]);
const jsonPath = z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "jalur JSON bertitik, mis. mapData.id");

export const kinerjaMapping = z.strictObject({
  path: z.string().regex(/^\/[A-Za-z0-9/_.-]{1,200}$/, "jalur diawali /, mis. /kinerjaperiodik/save"),
  timeoutSeconds: z.number().int().min(1).max(300),
  retries: z.number().int().min(0).max(5),
  /** Employees posted at once (1: one after another). */
  concurrency: z.number().int().min(1).max(8),
  /** The rule set's decision outputs that are the work-results and work-behaviour ratings. */
  ratings: z.strictObject({ hasilKerja: z.string().min(1).max(100), perilaku: z.string().min(1).max(100) }),
  fields: z.record(key, source).refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 60, { error: "1 sampai 60 field" }),
  required: z.array(key).max(60),
  values: z.strictObject({
    /** The rule set's rating value (di_bawah, sesuai, di_atas…) → SIASN's reference. */
    rating: z.record(z.string().min(1).max(60), reference),
    /** National predikat → SIASN's kuadran reference. */
    predikat: z.partialRecord(z.enum(NATIONAL_PREDIKAT), reference),
    /** Period kind → SIASN's periodik reference. */
    periodik: z.partialRecord(z.enum(PERIOD_KINDS), reference),
  }),
  answer: z.strictObject({ ok: jsonPath.nullable(), id: jsonPath.nullable(), message: jsonPath.nullable() }),
}).refine((m) => m.required.every((r) => r in m.fields), { error: "required hanya menyebut field yang ada di fields", path: ["required"] });

export type KinerjaMapping = z.infer<typeof kinerjaMapping>;

export const defaultKinerjaMapping: KinerjaMapping = kinerjaMapping.parse(defaults);
