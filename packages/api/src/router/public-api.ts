// What the public HTTP API (/api/v1, http/public-api.ts) documents and answers for the procedures open to
// API tokens: each such procedure names, in its meta, the token scope it needs, its method and path, and
// the zod schema of what it answers. The answer is parsed by that schema before it is sent, so it carries
// exactly the documented fields, whatever else the portal's callers of the same procedure receive.
import { z } from "zod";
import type { TokenScope } from "../services/access/index.js";

export interface PublicEndpoint {
  method: "GET";
  /** Under /api/v1, with {name} for an input read from the path. */
  path: string;
  summary: string;
  output: z.ZodType;
}

/** The meta of a procedure open to tokens. */
export function publicEndpoint(token: TokenScope, endpoint: PublicEndpoint) {
  return { token, http: endpoint };
}

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe("Kirim kembali sebagai cursor untuk halaman berikutnya; null di halaman terakhir") });

export const cycleOutput = z.object({
  id: z.string(),
  name: z.string(),
  periodKind: z.string(),
  periodLabel: z.string(),
  status: z.enum(["draft", "open", "evaluated", "finalised"]),
  unitId: z.string().nullable(),
  ruleSetHash: z.string(),
  currentRunId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
});

export const employeeOutput = z.object({
  id: z.string(),
  nip: z.string(),
  nama: z.string(),
  jabatan: z.string(),
  jenisJabatan: z.string().nullable(),
  jenjang: z.string().nullable(),
  golongan: z.string().nullable(),
  status: z.string().nullable(),
  unitId: z.string(),
  atasanNip: z.string().nullable(),
});

export const resultSummaryOutput = z.object({
  employeeId: z.string(),
  nip: z.string(),
  nama: z.string(),
  jabatan: z.string(),
  unitId: z.string(),
  predikat: z.string().nullable(),
  predikatLabel: z.string().nullable(),
  score: z.number().nullable(),
  outcomes: z.array(z.string()),
  error: z.string().nullable(),
});

export const cyclesOutput = z.array(cycleOutput);
export const employeesOutput = page(employeeOutput);
export const resultsOutput = page(resultSummaryOutput).extend({
  runId: z.string().nullable(),
  runVersion: z.number().nullable(),
  total: z.number(),
  totalExact: z.boolean(),
});
export const resultOutput = resultSummaryOutput.extend({
  runId: z.string(),
  runVersion: z.number(),
  ruleSetHash: z.string(),
  scores: z.record(z.string(), z.number()),
  outcomeEvents: z.array(z.object({ type: z.string(), params: z.record(z.string(), z.unknown()), rule: z.string() })),
  sentences: z.object({ id: z.array(z.string()), en: z.array(z.string()) }),
});
