// GET /export/cycles/:cycleId/results.{xlsx,csv}[?regionId=…]: a cycle's results as a download, with the
// same session, role and region checks as the tRPC API. Plain HTTP so a browser link can download it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Database } from "@kinerja/db";
import { fromNodeHeaders } from "better-auth/node";
import type { Kysely } from "kysely";
import { sessionFromHeaders, type Auth } from "../auth.js";
import { employeeScope } from "../services/employees.js";
import { exportResults, type ExportFormat } from "../services/exports.js";
import { assertRole, resolveRegion } from "../services/tenancy.js";

const ROUTE = /^\/export\/cycles\/([^/]+)\/results\.(xlsx|csv)$/;

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: message }));
}

/** Handles the request when it is an export route; false when it is not one. */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { db: Kysely<Database>; auth: Auth },
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const match = ROUTE.exec(url.pathname);
  if (!match) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "Gunakan GET");
    return true;
  }
  try {
    const session = await sessionFromHeaders(deps.auth, fromNodeHeaders(req.headers));
    if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
    assertRole(session.user, ["operator", "admin", "assessor", "employee"]);
    const regionId = await resolveRegion(deps.db, session.user, url.searchParams.get("regionId") ?? undefined);
    const file = await exportResults(
      deps.db,
      regionId,
      employeeScope(session.user),
      decodeURIComponent(match[1] as string),
      match[2] as ExportFormat,
    );
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
