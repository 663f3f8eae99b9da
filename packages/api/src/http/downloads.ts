// Downloads, as plain HTTP so a browser link can fetch them, with the same session, role and region checks
// as the tRPC API (`?regionId=` for operators):
//   GET /export/cycles/:cycleId/results.{xlsx,csv}                   the cycle's current results
//   GET /export/cycles/:cycleId/follow-up/:type.{xlsx,csv}[?unitId=]  one follow-up list
//   GET /documents/cycles/:cycleId/employees/:nip.pdf[?runId=]       the employee's evaluation document
//   GET /documents/cycles/:cycleId/units/:unitId.pdf[?runId=]        the unit's predikat decision
//   GET /downloads/account-jobs/:jobId/activation-letters.pdf[?unitId=]  a bulk-accounts job's letters
//   GET /downloads/account-jobs/:jobId/activation-codes.csv[?unitId=]    the same codes as CSV
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Scope } from "../services/access/index.js";
import { employeeDocument, exportFollowUp, exportResults, unitDocument, type ExportFile, type ExportFormat } from "../services/documents/index.js";
import { DomainError } from "../services/lib/index.js";
import { activationCodesCsv, activationLettersPdf } from "../services/organisation/index.js";
import { signedIn, type HttpDeps } from "./session.js";

/** `portal` is the address people open the portal at: the configured public URL, else this request's host. */
type Handler = (scope: Scope, match: string[], url: URL, portal: string) => Promise<ExportFile>;

const pdf = (file: { filename: string; body: Buffer }): ExportFile => ({ ...file, contentType: "application/pdf" });

const ROUTES: Array<[RegExp, Handler]> = [
  [
    /^\/export\/cycles\/([^/]+)\/results\.(xlsx|csv)$/,
    (scope, [cycleId, format]) => exportResults(scope, cycleId as string, format as ExportFormat),
  ],
  [
    /^\/export\/cycles\/([^/]+)\/follow-up\/([a-z0-9_]+)\.(xlsx|csv)$/,
    async (scope, [cycleId, type, format], url) => {
      const unitId = url.searchParams.get("unitId");
      return exportFollowUp(scope, {
        cycleId: cycleId as string,
        type: type as string,
        format: format as ExportFormat,
        ...(unitId ? { unitId } : {}),
      });
    },
  ],
  [
    /^\/documents\/cycles\/([^/]+)\/employees\/(\d{18})\.pdf$/,
    async (scope, [cycleId, nip], url) => pdf(await employeeDocument(scope, { cycleId: cycleId as string, nip: nip as string }, runOf(url))),
  ],
  [
    /^\/documents\/cycles\/([^/]+)\/units\/([^/]+)\.pdf$/,
    async (scope, [cycleId, unitId], url) => pdf(await unitDocument(scope, { cycleId: cycleId as string, unitId: unitId as string }, runOf(url))),
  ],
  [
    /^\/downloads\/account-jobs\/([^/]+)\/activation-letters\.pdf$/,
    (scope, [jobId], url, portal) => activationLettersPdf(scope, { jobId: jobId as string, unitId: url.searchParams.get("unitId"), portal }),
  ],
  [
    /^\/downloads\/account-jobs\/([^/]+)\/activation-codes\.csv$/,
    (scope, [jobId], url) => activationCodesCsv(scope, { jobId: jobId as string, unitId: url.searchParams.get("unitId") }),
  ],
];

function runOf(url: URL): { runId?: string } {
  const runId = url.searchParams.get("runId");
  return runId ? { runId } : {};
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: message }));
}

/** Handles the request when it is one of the routes above; false when it is not. */
export async function handleDownloads(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = ROUTES.map(([pattern, handler]) => ({ match: pattern.exec(url.pathname), handler })).find((r) => r.match);
  if (!route?.match) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "Gunakan GET");
    return true;
  }
  try {
    const scope = await signedIn(req, url, deps);
    const portal = deps.auth.options.baseURL ?? `http://${req.headers.host ?? "localhost"}`;
    const file = await route.handler(scope, route.match.slice(1).map(decodeURIComponent), url, portal);
    res.writeHead(200, {
      "content-type": file.contentType,
      "content-length": file.body.length,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : file.body);
  } catch (error) {
    if (error instanceof DomainError) sendError(res, error.httpStatus, error.message);
    else throw error;
  }
  return true;
}
