// What a failed request tells the client, over real HTTP on each dialect: a fault of the server's own (here
// a table gone from under a procedure) answers a generic Indonesian message and a request id, never a
// stack, a file path or the SQL; the log keeps all of it under the same request id. Refusals the caller
// can act on keep their message, their code and zod's field errors.
import type { TestDatabase } from "@kinerja/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Logger } from "./log.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-galat";
/** Anything that would tell a stranger about the server's insides. */
const INSIDES = /stack|\/work\/|node_modules|\.ts:\d|at async|audit_log|user_gone|select |SQLITE|relation |no such|does not exist/i;

interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

describe.each(inject("dialects"))("error answers on %s", (dialect) => {
  let server: SeededServer;
  let database: TestDatabase;
  let base: string;
  const logs: LogLine[] = [];
  const logger: Logger = { log: (level, msg, fields = {}) => logs.push({ level, msg, ...fields }) };
  const login = (role: string, regionId: string) => server.running.signIns.find((s) => s.role === role && s.regionId === regionId)?.login as string;

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: 12, logger });
    ({ database } = server);
    base = server.running.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps the message, the code and the field errors of a refusal, without a stack", async () => {
    const admin = new HttpClient(base);
    expect(await admin.signIn(login("admin", "binjai"), PASSWORD)).toBe(200);
    const response = await admin.fetch(`/trpc/cycle.get?input=${encodeURIComponent(JSON.stringify({ id: 5 }))}`);
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toMatch(INSIDES);
    const body = JSON.parse(text) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, zodError: { fieldErrors: { id: [expect.any(String)] } } });
    expect(body.error.data.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("answers a procedure's internal failure with a generic message and the request id; the log has the rest", async () => {
    const admin = new HttpClient(base);
    expect(await admin.signIn(login("admin", "binjai"), PASSWORD)).toBe(200);
    await sql`drop table audit_log`.execute(database.db);

    const response = await admin.fetch(`/trpc/audit.list?input=${encodeURIComponent("{}")}`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(INSIDES);
    const requestId = response.headers.get("x-request-id") as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(text) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.message).toBe(`Terjadi kesalahan di server. Sebutkan kode permintaan ${requestId} bila melaporkannya.`);
    expect(body.error.data).toEqual({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "audit.list", zodError: null, requestId });

    const logged = logs.find((l) => l.msg === "trpc error" && l.requestId === requestId);
    expect(logged).toMatchObject({ level: "error", path: "audit.list", error: expect.stringMatching(/audit_log/), stack: expect.any(String) });
  });

  it("answers an internal failure of a plain HTTP route the same way", async () => {
    // The fallback home page lists the accounts.
    await sql`alter table "user" rename to user_gone`.execute(database.db);
    const response = await fetch(`${base}/`);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(INSIDES);
    const requestId = response.headers.get("x-request-id") as string;
    expect(JSON.parse(text)).toEqual({ error: `Terjadi kesalahan di server. Sebutkan kode permintaan ${requestId} bila melaporkannya.`, requestId });
    expect(logs.find((l) => l.msg === "request failed" && l.requestId === requestId)).toMatchObject({ stack: expect.any(String) });
  });
});
