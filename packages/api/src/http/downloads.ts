// Downloads of the assessment workflow, as plain HTTP so a browser link can fetch them, with the same
// session, role and region checks as the tRPC API (`?regionId=` for operators):
//   GET /documents/cycles/:cycleId/employees/:nip.pdf[?runId=]  the employee's evaluation document
//   GET /documents/cycles/:cycleId/units/:unitId.pdf[?runId=]   the unit's predikat decision
//   GET /export/cycles/:cycleId/follow-up/:type.{xlsx,csv}[?unitId=]  one follow-up list
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Database } from "@kinerja/db";
import { fromNodeHeaders } from "better-auth/node";
import type { Kysely } from "kysely";
import { sessionFromHeaders, type Auth, type SessionUser } from "../auth.js";
import { employeeDocument, unitDocument } from "../services/documents.js";
import { employeeScope } from "../services/employees.js";
import type { ExportFormat } from "../services/exports.js";
import { exportFollowUp } from "../services/follow-up.js";
import { assertRole, resolveRegion } from "../services/tenancy.js";

interface File {
  filename: string;
  contentType: string;
  body: Buffer;
}

type Handler = (deps: { db: Kysely<Database> }, user: SessionUser, regionId: string, match: string[], url: URL) => Promise<File>;

const pdf = (file: { filename: string; body: Buffer }): File => ({ ...file, contentType: "application/pdf" });

const ROUTES: Array<[RegExp, Handler]> = [
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
export async function handleDownloads(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { db: Kysely<Database>; auth: Auth },
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = ROUTES.map(([pattern, handler]) => ({ match: pattern.exec(url.pathname), handler })).find((r) => r.match);
  if (!route?.match) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "Gunakan GET");
    return true;
  }
  try {
    const session = await sessionFromHeaders(deps.auth, fromNodeHeaders(req.headers));
    if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
    assertRole(session.user, ["operator", "admin", "assessor", "employee"]);
    const regionId = await resolveRegion(deps.db, session.user, url.searchParams.get("regionId") ?? undefined);
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
