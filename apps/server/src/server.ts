// One HTTP server on one port: better-auth under /api/auth, tRPC under /trpc, the public API under /api/v1, employee sheet uploads, evidence files, downloads
// (result and follow-up exports, documents as PDF), a health check, and the admin app at /. Every request
// is logged as one JSON line when it finishes, under a request id the response carries (X-Request-Id) and
// every error names, so what a person reports can be found in the log.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { appRouter, CLIENT_ADDRESS_HEADER, createContext, handleConnectors, handleDownloads, handleEvidence, handleImports, handlePublicApi, type Auth, type JobRunner } from "@kinerja/api";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailable, type Database } from "@kinerja/db";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import type { Kysely } from "kysely";
import { databaseHealth } from "./health.js";
import { homePage } from "./home-page.js";
import { errorFields, type Logger } from "./log.js";
import { readBodyWithin, sizeLabel } from "./body-limit.js";
import { clientAddress, trustedProxyList } from "./client-address.js";
import { crossSiteRefusal, originPolicy } from "./origin.js";
import { securityHeaders } from "./security.js";
import { hasAdminApp, staticFiles } from "./static.js";

export interface AppDeps {
  db: Kysely<Database>;
  auth: Auth;
  jobs: JobRunner;
  logger: Logger;
  adminDist: string;
  /** The public URL (BETTER_AUTH_URL) when configured: https there turns on Strict-Transport-Security. */
  publicUrl: string | undefined;
  /** Origins besides the server's own whose pages may send requests that change something. */
  trustedOrigins: string[];
  /** Reverse proxies whose X-Forwarded-For names the client; the connection's address is used otherwise. */
  trustedProxies: string[];
  /** Shown on the fallback home page when the demo accounts still use the documented password. */
  demoPassword: string | null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json), "cache-control": "no-store" });
  res.end(json);
}

/** Methods that only read; every other method passes the origin check first. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// The most a request body may hold, read before its handler sees it. Sign-in and the other auth requests
// are a few hundred bytes; a rule file is the largest tRPC input. Evidence uploads and employee sheets
// (POST /import/employees.*) have their own limits: the region's rule set's, and IMPORT_BODY_LIMIT.
const AUTH_BODY_LIMIT = 16 * 1024;
export const TRPC_BODY_LIMIT = 1024 * 1024;
/** The most calls one batched tRPC request may carry; a client sets httpBatchLink's maxItems to this or less. */
export const MAX_BATCH_CALLS = 20;

function isBatch(req: IncomingMessage): boolean {
  return new URL(req.url ?? "/", "http://localhost").searchParams.get("batch") === "1";
}

/** How many calls a tRPC request carries: /trpc/a,b,c?batch=1 is three. */
function callsIn(req: IncomingMessage, path: string): number {
  return isBatch(req) ? path.slice("/trpc/".length).split(",").length : 1;
}

/**
 * A refusal before the request reaches its handler: in tRPC's error shape on /trpc (one per call of a
 * batch), so the portal's client reads the message as it reads the API's own, and as { error } elsewhere.
 */
function refuse(req: IncomingMessage, res: ServerResponse, path: string, status: number, code: TRPC_ERROR_CODE_KEY, message: string): void {
  if (!path.startsWith("/trpc/")) return sendJson(res, status, { error: message });
  const requestId = res.getHeader("x-request-id") ?? null;
  const error = { error: { code: TRPC_ERROR_CODES_BY_KEY[code], message, data: { code, httpStatus: status, path: null, zodError: null, requestId } } };
  sendJson(res, status, isBatch(req) ? Array.from({ length: callsIn(req, path) }, () => error) : error);
}

/**
 * Reads the body within `limit` and leaves it on `req.body`, where tRPC's adapter and better-auth take a
 * body already read; false once a 413 has been sent instead. The connection is closed after the 413, so
 * the rest of an oversized body is never read.
 */
async function bodyWithin(req: IncomingMessage & { body?: string }, res: ServerResponse, path: string, limit: number): Promise<boolean> {
  const read = await readBodyWithin(req, limit);
  if (read.ok) {
    req.body = read.body.toString("utf8");
    return true;
  }
  res.setHeader("connection", "close");
  res.once("finish", () => req.destroy());
  refuse(req, res, path, 413, "PAYLOAD_TOO_LARGE", `Isi permintaan terlalu besar: paling banyak ${sizeLabel(limit)}.`);
  return false;
}

function percentDecoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function internalError(requestId: string): { error: string; requestId: string } {
  return { error: `Terjadi kesalahan di server. Sebutkan kode permintaan ${requestId} bila melaporkannya.`, requestId };
}

export function createApp(deps: AppDeps): Server {
  const requestIds = new WeakMap<IncomingMessage, string>();
  const headers = securityHeaders(deps.publicUrl);
  const adminApp = staticFiles(deps.adminDist);
  const origins = originPolicy(deps.publicUrl, deps.trustedOrigins);
  const proxies = trustedProxyList(deps.trustedProxies);
  const authHandler = toNodeHandler(async (request: Request) => {
    const response = await deps.auth.handler(request);
    // better-auth answers a failure of its own queries with a bare 500, whatever the cause; when the
    // database does not answer either, it is an outage the client should hear about as one.
    if (response.status >= 500 && !(await databaseHealth(deps.db, 1_000)).ok) {
      deps.logger.log("warn", "request failed: database unreachable", { path: new URL(request.url).pathname });
      return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "cache-control": "no-store" } });
    }
    return response;
  });
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req }) =>
      createContext({ db: deps.db, auth: deps.auth, headers: fromNodeHeaders(req.headers), jobs: deps.jobs, requestId: requestIds.get(req) }),
    onError: ({ error, path, req }) => {
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      const requestId = requestIds.get(req);
      const unavailable = databaseUnavailable(error);
      if (unavailable) deps.logger.log("warn", "trpc call failed: database unreachable", { requestId, path, reason: unavailable });
      else deps.logger.log("error", "trpc error", { requestId, path, ...errorFields(error.cause ?? error) });
    },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    // Every handler decodes the path; a broken %-escape is the client's mistake, not a server fault.
    const decoded = percentDecoded(path);
    if (decoded === null) return sendJson(res, 400, { error: `Alamat tidak sah: kode % yang rusak di ${path}` });
    if (!SAFE_METHODS.has(req.method ?? "GET")) {
      const refusal = crossSiteRefusal(req, origins);
      if (refusal) return refuse(req, res, path, 403, "FORBIDDEN", refusal);
    }
    if (path === "/api/auth" || path.startsWith("/api/auth/")) {
      // Whatever the client sent under this name is replaced: better-auth limits sign-in by it.
      const address = clientAddress(req, proxies);
      if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
      else delete req.headers[CLIENT_ADDRESS_HEADER];
      if (!SAFE_METHODS.has(req.method ?? "GET") && !(await bodyWithin(req, res, path, AUTH_BODY_LIMIT))) return;
      return authHandler(req, res);
    }
    if (path.startsWith("/trpc/")) {
      const calls = callsIn(req, path);
      if (calls > MAX_BATCH_CALLS) {
        return refuse(req, res, path, 400, "BAD_REQUEST", `Terlalu banyak panggilan dalam satu permintaan: ${calls}, paling banyak ${MAX_BATCH_CALLS}.`);
      }
      if (!SAFE_METHODS.has(req.method ?? "GET") && !(await bodyWithin(req, res, path, TRPC_BODY_LIMIT))) return;
      return trpcHandler(req, res);
    }
    if (await handlePublicApi(req, res, deps)) return;
    if (await handleImports(req, res, deps)) return;
    if (await handleConnectors(req, res, deps)) return;
    if (await handleEvidence(req, res, deps)) return;
    if (await handleDownloads(req, res, deps)) return;
    if (path === "/health") {
      const health = await databaseHealth(deps.db);
      if (health.ok) return sendJson(res, 200, { status: "ok", database: "ok", jobs: deps.jobs.inFlight });
      deps.logger.log("error", "health check failed", { reason: health.reason });
      return sendJson(res, 503, { status: "error", database: "unreachable", reason: health.reason });
    }
    if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 404, { error: `Tidak ada ${req.method} ${path}` });
    if (hasAdminApp(deps.adminDist)) return adminApp.serve(decoded, req, res);
    if (path !== "/") return sendJson(res, 404, { error: `Tidak ditemukan: ${path}` });
    const page = await homePage(deps.db, deps.demoPassword);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  }

  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    requestIds.set(req, requestId);
    res.setHeader("x-request-id", requestId);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.on("finish", () => {
      deps.logger.log("info", "request", {
        requestId,
        method: req.method,
        path: (req.url ?? "/").split("?")[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    route(req, res).catch((error: unknown) => {
      const unavailable = databaseUnavailable(error);
      if (unavailable) deps.logger.log("warn", "request failed: database unreachable", { requestId, path: req.url, reason: unavailable });
      else deps.logger.log("error", "request failed", { requestId, path: req.url, ...errorFields(error) });
      if (res.headersSent) res.end();
      else if (unavailable) sendJson(res, 503, { error: DATABASE_UNAVAILABLE_MESSAGE, requestId });
      else sendJson(res, 500, internalError(requestId));
    });
  });
}
