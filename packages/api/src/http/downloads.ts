// Downloads, as plain HTTP so a browser link can fetch them, with the same session, role and region checks
// as the tRPC API (`?regionId=` for operators):
//   GET /export/cycles/:cycleId/results.{xlsx,csv}                   the cycle's current results
//   GET /export/cycles/:cycleId/follow-up/:type.{xlsx,csv}[?unitId=]  one follow-up list
//   GET /documents/cycles/:cycleId/employees/:nip.pdf[?runId=]       the employee's evaluation document
//   GET /documents/cycles/:cycleId/units/:unitId.pdf[?runId=]        the unit's predikat decision
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { SessionUser } from "../auth.js";
import { employeeDocument, unitDocument } from "../services/documents/index.js";
import { employeeScope } from "../services/organisation/index.js";
import { exportFollowUp, exportResults } from "../services/documents/index.js";
import type { ExportFile, ExportFormat } from "../services/documents/index.js";
import { signedIn, type HttpDeps } from "./session.js";

type Handler = (deps: HttpDeps, user: SessionUser, regionId: string, match: string[], url: URL) => Promise<ExportFile>;

const pdf = (file: { filename: string; body: Buffer }): ExportFile => ({ ...file, contentType: "application/pdf" });

const ROUTES: Array<[RegExp, Handler]> = [
  [
    /^\/export\/cycles\/([^/]+)\/results\.(xlsx|csv)$/,
    ({ db }, user, regionId, [cycleId, format]) => exportResults(db, regionId, employeeScope(user), cycleId as string, format as ExportFormat),
  ],
  [
    /^\/export\/cycles\/([^/]+)\/follow-up\/([a-z0-9_]+)\.(xlsx|csv)$/,
    async ({ db }, user, regionId, [cycleId, type, format], url) => {
      const unitId = url.searchParams.get("unitId");
      return exportFollowUp(db, regionId, employeeScope(user), {
        cycleId: cycleId as string,
        type: type as string,
        format: format as ExportFormat,
        ...(unitId ? { unitId } : {}),
      });
    },
  ],
  [
    /^\/documents\/cycles\/([^/]+)\/employees\/(\d{18})\.pdf$/,
    async ({ db }, user, regionId, [cycleId, nip], url) =>
      pdf(await employeeDocument(db, regionId, user, { cycleId: cycleId as string, nip: nip as string }, runOf(url))),
  ],
  [
    /^\/documents\/cycles\/([^/]+)\/units\/([^/]+)\.pdf$/,
    async ({ db }, user, regionId, [cycleId, unitId], url) =>
      pdf(await unitDocument(db, regionId, user, { cycleId: cycleId as string, unitId: unitId as string }, runOf(url))),
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
    const { session, regionId } = await signedIn(req, url, deps);
    const file = await route.handler(deps, session.user, regionId, route.match.slice(1).map(decodeURIComponent), url);
    res.writeHead(200, {
      "content-type": file.contentType,
      "content-length": file.body.length,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : file.body);
  } catch (error) {
    if (error instanceof TRPCError) sendError(res, getHTTPStatusCodeFromError(error), error.message);
    else throw error;
  }
  return true;
}
