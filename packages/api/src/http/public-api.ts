// The public HTTP API for integrators, beside tRPC: GET /api/v1/… with `Authorization: Bearer <token>`, and
// its OpenAPI 3.1 document at GET /api/v1/openapi.json. Both are generated from the tRPC procedures whose
// meta names a public endpoint (router/public-api.ts): the path and method, the token scope, the input
// schema the procedure already has (path and query parameters), and the output schema. A request is the
// procedure's own call through a caller whose context carries the token instead of a session, so the
// procedure's input checks, the token's scope and region (access/api-tokens.ts) and the services' own
// refusals apply as they do for the portal. Errors answer JSON naming what went wrong, where, and what was expected.
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { appRouter } from "../root.js";
import type { JobRunner } from "../services/cycles/index.js";
import { authenticateToken } from "../services/access/index.js";
import { DomainError } from "../services/lib/index.js";
import type { PublicEndpoint } from "../router/public-api.js";
import { createCallerFactory, createContextInner, type ProcedureMeta } from "../trpc.js";
import type { HttpDeps } from "./session.js";

export const PUBLIC_API_BASE = "/api/v1";

interface Endpoint extends PublicEndpoint {
  procedure: string;
  scope: string;
  /** The procedure's input as JSON Schema properties (regionId left out: a token's region is its own). */
  params: Record<string, { schema: Record<string, unknown>; required: boolean }>;
  pattern: RegExp;
  pathNames: string[];
}

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

/** A zod schema as JSON Schema inside the document, without the `$schema` line each would repeat. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function inputParams(inputs: readonly z.ZodType[]): Endpoint["params"] {
  const params: Endpoint["params"] = {};
  for (const input of inputs) {
    const schema = jsonSchema(input, "input") as JsonSchema;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (name === "regionId") continue;
      params[name] = { schema: property, required: (schema.required ?? []).includes(name) };
    }
  }
  return params;
}

/** Every procedure whose meta names a public endpoint, read once from the router. */
function collectEndpoints(): Endpoint[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta; inputs: z.ZodType[] } }>;
  return Object.entries(procedures).flatMap(([procedure, { _def }]) => {
    const http = _def.meta?.http;
    if (!http || !_def.meta?.token) return [];
    const pathNames = [...http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const pattern = new RegExp(`^${http.path.replace(/\{\w+\}/g, "([^/]+)")}$`);
    return [{ ...http, procedure, scope: _def.meta.token, params: inputParams(_def.inputs), pattern, pathNames }];
  });
}

let endpoints: Endpoint[] | null = null;
function publicEndpoints(): Endpoint[] {
  endpoints ??= collectEndpoints();
  return endpoints;
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, …" },
        message: { type: "string", description: "Apa yang salah, dalam bahasa Indonesia" },
        where: { type: ["string", "null"], description: "Di mana: path.<nama>, query.<nama> atau headers.authorization" },
        expected: { type: ["string", "null"], description: "Apa yang diharapkan" },
        requestId: { type: ["string", "null"] },
      },
    },
  },
} as const;

/** The OpenAPI 3.1 document of the public API. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of publicEndpoints()) {
    const parameters = Object.entries(endpoint.params)
      .filter(([name, p]) => endpoint.pathNames.includes(name) || ["string", "number", "integer", "boolean"].includes(String(p.schema.type)))
      .map(([name, p]) => {
        const inPath = endpoint.pathNames.includes(name);
        return { name, in: inPath ? "path" : "query", required: inPath || p.required, schema: p.schema, ...(p.schema.description ? { description: p.schema.description } : {}) };
      });
    const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
    paths[endpoint.path] = {
      ...paths[endpoint.path],
      [endpoint.method.toLowerCase()]: {
        operationId: endpoint.procedure.replace(/\./g, "_"),
        summary: endpoint.summary,
        description: `Cakupan token: ${endpoint.scope}. Prosedur: ${endpoint.procedure}.`,
        security: [{ token: [] }],
        "x-token-scope": endpoint.scope,
        parameters,
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: jsonSchema(endpoint.output, "output") } } },
          "400": error("Masukan tidak sah"),
          "401": error("Token tidak ada, tidak dikenal, dicabut atau kedaluwarsa"),
          "403": error("Token tidak memiliki cakupan yang diperlukan"),
          "404": error("Tidak ditemukan di wilayah token"),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Kinerja API", version: "1", description: "API publik Kinerja untuk integrasi. Setiap token milik satu wilayah dan hanya melihat data wilayah itu." },
    servers: [{ url: PUBLIC_API_BASE }],
    components: { securitySchemes: { token: { type: "http", scheme: "bearer", description: "Token API dari layar API & Webhook (kin_…)" } }, schemas: { Error: errorSchema } },
    paths,
  };
}

interface ApiError {
  status: number;
  code: string;
  message: string;
  where: string | null;
  expected: string | null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json), "cache-control": "no-store" });
  res.end(json);
}

function sendError(res: ServerResponse, error: ApiError): void {
  const requestId = res.getHeader("x-request-id") ?? null;
  send(res, error.status, { error: { code: error.code, message: error.message, where: error.where, expected: error.expected, requestId } });
}

/** Where a bad input value came from, as the caller sent it. */
function whereOf(endpoint: Endpoint, key: string | undefined): string | null {
  if (key === undefined) return null;
  return endpoint.pathNames.includes(key) ? `path.${key}` : `query.${key}`;
}

function refusalOf(error: unknown, endpoint: Endpoint | null): ApiError | null {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof ZodError) {
    const issue = cause.issues[0];
    const key = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: cause.issues.map((i) => `${i.path.map(String).join(".") || "masukan"}: ${i.message}`).join("; "),
      where: endpoint ? whereOf(endpoint, key) : null,
      expected: issue?.message ?? null,
    };
  }
  if (cause instanceof DomainError) {
    const where = cause.pointer ? cause.pointer.slice(1).split("/").join(".") : null;
    const expected = cause.code === "UNAUTHORIZED" ? "Authorization: Bearer <token API yang berlaku>" : null;
    return { status: cause.httpStatus, code: cause.code, message: cause.message, where, expected };
  }
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    return { status: 400, code: error.code, message: error.message, where: null, expected: null };
  }
  return null;
}

/** Text from the query string as the input's schema wants it: numbers and booleans from their text. */
function queryValue(text: string, schema: Record<string, unknown>): unknown {
  if ((schema.type === "integer" || schema.type === "number") && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  if (schema.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

export interface PublicApiDeps extends HttpDeps {
  jobs: JobRunner;
}

/** Handles the request when it is under /api/v1; false when it is not. */
export async function handlePublicApi(req: IncomingMessage, res: ServerResponse, deps: PublicApiDeps): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname !== PUBLIC_API_BASE && !url.pathname.startsWith(`${PUBLIC_API_BASE}/`)) return false;
  const path = url.pathname.slice(PUBLIC_API_BASE.length) || "/";
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, { status: 405, code: "METHOD_NOT_SUPPORTED", message: `API publik hanya menerima GET, bukan ${req.method}`, where: "method", expected: "GET" });
    return true;
  }
  if (path === "/openapi.json") {
    send(res, 200, openApiDocument());
    return true;
  }
  const found = publicEndpoints()
    .map((endpoint) => ({ endpoint, match: endpoint.pattern.exec(path) }))
    .find((f) => f.match);
  if (!found?.match) {
    const known = publicEndpoints().map((e) => `${e.method} ${PUBLIC_API_BASE}${e.path}`);
    sendError(res, { status: 404, code: "NOT_FOUND", message: `Tidak ada ${req.method} ${url.pathname}`, where: "path", expected: known.join(", ") });
    return true;
  }
  const { endpoint, match } = found;
  let answer: unknown;
  try {
    const token = await authenticateToken(deps.db, req.headers.authorization);
    const input: Record<string, unknown> = {};
    endpoint.pathNames.forEach((name, i) => (input[name] = decodeURIComponent(match[i + 1] ?? "")));
    for (const [name, text] of url.searchParams) {
      const param = endpoint.params[name];
      if (!param || endpoint.pathNames.includes(name)) {
        throw new DomainError({
          code: "BAD_REQUEST",
          message: `Parameter ${name} tidak dikenal; yang ada: ${Object.keys(endpoint.params).filter((p) => !endpoint.pathNames.includes(p)).join(", ")}`,
          pointer: `/query/${name}`,
        });
      }
      input[name] = queryValue(text, param.schema);
    }
    const requestId = res.getHeader("x-request-id");
    const caller = createCallerFactory(appRouter)(
      createContextInner({ db: deps.db, session: null, token, jobs: deps.jobs, ...(typeof requestId === "string" ? { requestId } : {}) }),
    );
    const call = endpoint.procedure.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
    answer = await call(input);
  } catch (error) {
    const refusal = refusalOf(error, endpoint);
    if (!refusal) throw error instanceof TRPCError && error.cause ? error.cause : error;
    sendError(res, refusal);
    return true;
  }
  // Outside the refusals: an answer that does not fit its documented schema is the server's fault (500).
  send(res, 200, endpoint.output.parse(answer));
  return true;
}
