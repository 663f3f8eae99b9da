// Sheets too big for a tRPC call (whose body the server caps at 1 MB), over plain HTTP with the same session,
// role and region checks as the tRPC API (`?regionId=` for operators):
//   POST /import/employees.{csv,xlsx}[?regionId=…]  the file as the raw body → 202 JSON, the import job's status
// The import runs as a job; follow it with the tRPC query employee.importStatus. A region of 100,000
// employees is about 8 MB of CSV or 6 MB of XLSX; the limit leaves room for 200,000 (the sheet's own limit)
// with long names and attributes.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobRunner } from "../services/cycles/index.js";
import { DomainError } from "../services/lib/index.js";
import { startEmployeeImport, type ImportFormat } from "../services/organisation/index.js";
import { signedIn, type HttpDeps } from "./session.js";

const EMPLOYEE_IMPORT = /^\/import\/employees\.(csv|xlsx)$/;
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The body, or null once it passes `limit` bytes (the rest is drained so the client reads the answer). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

/** Handles the request when it is an import route; false when it is not one. */
export async function handleImports(req: IncomingMessage, res: ServerResponse, deps: HttpDeps & { jobs: JobRunner }): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const match = EMPLOYEE_IMPORT.exec(url.pathname);
  if (!match) return false;
  try {
    if (req.method !== "POST") {
      sendJson(res, 405, { error: "Gunakan POST untuk mengunggah berkas pegawai (use POST to upload an employee sheet)" });
      return true;
    }
    const scope = await signedIn(req, url, deps);
    const body = await readBody(req, IMPORT_BODY_LIMIT);
    if (!body) {
      const mb = IMPORT_BODY_LIMIT / (1024 * 1024);
      sendJson(res, 413, {
        error: `Berkas pegawai ditolak: lebih dari ${mb} MB; bagi menjadi beberapa berkas (employee sheet refused: over ${mb} MB; split it into several files)`,
      });
      return true;
    }
    if (body.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Berkas kosong: kirim isi berkas sebagai badan permintaan (empty file: send the file as the request body)" });
    sendJson(res, 202, await startEmployeeImport(scope, deps.jobs, { format: match[1] as ImportFormat, bytes: body }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A refusal before the body was read: drain it so the client receives the answer.
    if (!req.readableEnded) req.resume();
    sendJson(res, error.httpStatus, { error: error.message });
  }
  return true;
}
