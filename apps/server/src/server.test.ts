// The server over real HTTP, on each dialect: seeding on first start, sign-in through better-auth's
// endpoints with cookies, tRPC calls with fetch, the evaluation job, exports, refusals across regions,
// the health check, the home page, JSON request logs and a graceful stop.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TestDatabase } from "@kinerja/db/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerConfig } from "./config.js";
import type { Logger } from "./log.js";
import { start, type Running } from "./start.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-server";
const SEED_SIZE = 40;

interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A browser-like client: keeps the cookies better-auth sets, sends the Origin header. */
class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("origin", this.base);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(`${this.base}${path}`, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", ...value] = pair.split("=");
      this.cookies.set(name.trim(), value.join("="));
    }
    return response;
  }

  async signIn(login: string, password = PASSWORD): Promise<Response> {
    const byNip = /^\d{18}$/.test(login);
    return this.fetch(byNip ? "/api/auth/sign-in/username" : "/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(byNip ? { username: login, password } : { email: login, password }),
    });
  }

  async query<T = unknown>(procedure: string, input?: unknown): Promise<{ status: number; data?: T; code?: string }> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.result<T>(await this.fetch(`/trpc/${procedure}${query}`));
  }

  async mutate<T = unknown>(procedure: string, input: unknown): Promise<{ status: number; data?: T; code?: string }> {
    return this.result<T>(
      await this.fetch(`/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
    );
  }

  private async result<T>(response: Response): Promise<{ status: number; data?: T; code?: string }> {
    const body = (await response.json()) as { result?: { data: T }; error?: { data?: { code?: string } } };
    return { status: response.status, ...(body.result ? { data: body.result.data } : {}), ...(body.error ? { code: body.error.data?.code } : {}) };
  }
}

describe.each(inject("dialects"))("server over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let database: TestDatabase;
  let running: Running;
  let config: ServerConfig;
  let scratch: string;
  let printed = "";
  const logs: LogLine[] = [];
  const logger: Logger = { log: (level, msg, fields = {}) => logs.push({ level, msg, ...fields }) };

  const signIn = (role: string, regionId: string | null) => {
    const found = running.signIns.find((s) => s.role === role && s.regionId === regionId);
    if (!found) throw new Error(`no ${role} sign-in for ${regionId}`);
    return found.login;
  };

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: SEED_SIZE, logger, write: (text) => (printed += text) });
    ({ database, running, config, scratch } = server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("seeds the four regions on first start and prints one sign-in per role per region", async () => {
    const regions = await database.db.selectFrom("regions").select(["id", "name"]).orderBy("id").execute();
    expect(regions).toEqual([
      { id: "amplas", name: "Kecamatan Medan Amplas" },
      { id: "binjai", name: "Kota Binjai" },
      { id: "pariaman", name: "Kota Pariaman" },
      { id: "samarinda", name: "Kota Samarinda" },
    ]);
    expect(running.signIns).toHaveLength(1 + 4 * 3);
    for (const region of regions) {
      for (const role of ["admin", "assessor", "employee"]) expect(printed).toContain(signIn(role, region.id));
      const versions = await database.db.selectFrom("rule_set_versions").select(["version", "status"]).where("region_id", "=", region.id).execute();
      expect(versions).toEqual([{ version: 1, status: "published" }]);
      const employees = await database.db.selectFrom("employees").select("id").where("region_id", "=", region.id).execute();
      expect(employees).toHaveLength(SEED_SIZE);
    }
    expect(printed).toContain("operator@kinerja.local");
    expect(printed).toContain(PASSWORD);
  });

  it("answers the health check, and logs one JSON line per request", async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
    expect(logs).toContainEqual(expect.objectContaining({ level: "info", msg: "request", method: "GET", path: "/health", status: 200 }));
  });

  it("serves an Indonesian home page listing the API and the sign-ins when the admin app is not built", async () => {
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('lang="id"');
    expect(html).toContain("/api/auth/sign-in/username");
    expect(html).toContain(signIn("admin", "binjai"));
  });

  it("signs in by e-mail and by NIP with cookies, then calls tRPC as that user", async () => {
    const admin = new Client(running.url);
    expect((await admin.signIn(signIn("admin", "binjai"))).status).toBe(200);
    const regions = await admin.query<Array<{ id: string }>>("region.list");
    expect(regions.data?.map((r) => r.id)).toEqual(["binjai"]);

    const assessor = new Client(running.url);
    expect((await assessor.signIn(signIn("assessor", "binjai"))).status).toBe(200);
    const team = await assessor.query<{ items: Array<{ atasanNip: string }> }>("employee.list", { limit: 100 });
    expect(team.data?.items.length).toBeGreaterThan(0);
    expect(team.data?.items.every((e) => e.atasanNip === signIn("assessor", "binjai"))).toBe(true);

    const stranger = new Client(running.url);
    expect((await stranger.signIn(signIn("admin", "binjai"), "salah-sandi")).status).toBe(401);
    expect(await stranger.query("cycle.list")).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("runs a cycle's evaluation as a job followed by polling, then downloads the results", async () => {
    const admin = new Client(running.url);
    await admin.signIn(signIn("admin", "binjai"));
    const cycles = await admin.query<Array<{ id: string }>>("cycle.list");
    const cycleId = cycles.data?.[0]?.id as string;
    const started = await admin.mutate<{ jobId: string; total: number }>("cycle.run", { id: cycleId });
    expect(started).toMatchObject({ status: 200, data: { total: SEED_SIZE } });
    let status = "queued";
    for (let i = 0; i < 100 && status !== "succeeded" && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await admin.query<{ status: string }>("cycle.runStatus", { jobId: started.data?.jobId })).data?.status ?? "";
    }
    expect(status).toBe("succeeded");
    const events = await admin.fetch(
      `/trpc/cycle.onRunProgress?input=${encodeURIComponent(JSON.stringify({ jobId: started.data?.jobId }))}`,
      { headers: { accept: "text/event-stream" } },
    );
    expect(events.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(await events.text()).toMatch(/"status":"succeeded","done":40/);

    const xlsx = await admin.fetch(`/export/cycles/${cycleId}/results.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toMatch(/attachment; filename="hasil-binjai-2025-v1\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    expect(workbook.getWorksheet("Hasil Penilaian")?.rowCount).toBe(SEED_SIZE + 1);
    const csv = await admin.fetch(`/export/cycles/${cycleId}/results.csv`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).trim().split("\r\n")[0]).toContain("NIP,Nama,Jabatan,Unit Kerja");
  });

  it("refuses Binjai's admin Pariaman's data over HTTP, by id or by naming the region", async () => {
    const pariaman = new Client(running.url);
    await pariaman.signIn(signIn("admin", "pariaman"));
    const cycleId = (await pariaman.query<Array<{ id: string }>>("cycle.list")).data?.[0]?.id as string;

    const binjai = new Client(running.url);
    await binjai.signIn(signIn("admin", "binjai"));
    expect(await binjai.query("cycle.get", { id: cycleId })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await binjai.query("cycle.list", { regionId: "pariaman" })).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(await binjai.mutate("cycle.run", { id: cycleId })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect((await binjai.fetch(`/export/cycles/${cycleId}/results.csv`)).status).toBe(404);
    expect((await binjai.fetch(`/export/cycles/${cycleId}/results.csv?regionId=pariaman`)).status).toBe(403);
    expect((await new Client(running.url).fetch(`/export/cycles/${cycleId}/results.csv`)).status).toBe(401);
    const jobs = await database.db.selectFrom("jobs").select("id").where("region_id", "=", "pariaman").execute();
    expect(jobs).toEqual([]);

    const operator = new Client(running.url);
    await operator.signIn("operator@kinerja.local");
    expect(await operator.query("cycle.get", { regionId: "pariaman", id: cycleId })).toMatchObject({ status: 200 });
  });

  it("serves the built admin app with its client-side routes when it exists", async () => {
    const dist = join(scratch, "admin-dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Kinerja Admin</title>");
    writeFileSync(join(dist, "assets", "app.js"), "console.log('kinerja')");
    const withApp = await start({ ...config, adminDist: dist, seed: false }, logger, () => undefined);
    try {
      expect(withApp.signIns).toEqual([]);
      expect(await (await fetch(`${withApp.url}/`)).text()).toContain("Kinerja Admin");
      expect(await (await fetch(`${withApp.url}/siklus/123`)).text()).toContain("Kinerja Admin");
      const script = await fetch(`${withApp.url}/assets/app.js`);
      expect(script.headers.get("content-type")).toMatch(/javascript/);
      const escape = await fetch(`${withApp.url}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`);
      expect(await escape.text()).toContain("Kinerja Admin");
    } finally {
      await withApp.stop(1_000);
    }
  });

  it("does not seed again on a later start, and stops gracefully: in-flight requests finish, then nothing answers", async () => {
    const again = await start(config, logger, () => undefined);
    expect(again.signIns).toEqual([]);
    expect((await database.db.selectFrom("regions").select("id").execute()).length).toBe(4);
    // Stop only once the server holds the request, so the request is truly in flight (a fixed delay
    // loses that race on a loaded machine).
    const received = new Promise((resolve) => again.server.once("request", resolve));
    const inFlight = fetch(`${again.url}/health`);
    await received;
    await again.stop(2_000);
    expect((await inFlight).status).toBe(200);
    await expect(fetch(`${again.url}/health`)).rejects.toThrow();
    expect(logs.some((l) => l.msg === "stopped")).toBe(true);
  });
});
