// The public API and webhooks over real HTTP, on each dialect, in the regions seeded on first start. A
// Binjai admin makes a token in the portal's API; the test reads /api/v1/openapi.json and pages through a
// cycle's results with the token, compares every answer with the stored rows, and is refused without a
// token, with a scope the token lacks, for another region's cycle, and once the token is revoked. Webhooks
// go to a receiver the test starts on loopback, which checks each signature: a receiver answering 500
// is tried again until it answers 200, as the delivery log shows.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@kinerja/api";
import { fillForm } from "@kinerja/api/testing/assessment-walk";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Running } from "./start.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-api-publik";
const SEED_SIZE = 12;

interface Received {
  event: string;
  body: string;
  verified: boolean;
  answered: number;
}

/** A webhook receiver on loopback: checks each signature with the secret it is given and answers `status`. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[]; secret: { value: string }; status: { value: number } }> {
  const received: Received[] = [];
  const secret = { value: "" };
  const status = { value: 500 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => req.headers[name] as string | undefined;
      const verified = verifyWebhook(secret.value, { signature: header("kinerja-signature"), timestamp: header("kinerja-timestamp") }, body);
      received.push({ event: header("kinerja-event") ?? "", body, verified, answered: status.value });
      res.writeHead(status.value).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kinerja`, received, secret, status };
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(inject("dialects"))("public API and webhooks over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let running: Running;
  const login = (role: string, regionId: string) => running.signIns.find((s) => s.role === role && s.regionId === regionId)?.login as string;
  const client = async (who: string): Promise<HttpClient> => {
    const c = new HttpClient(running.url);
    expect(await c.signIn(who, PASSWORD)).toBe(200);
    return c;
  };
  const api = (path: string, token?: string) => fetch(`${running.url}/api/v1${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: SEED_SIZE, configure: (c) => ({ ...c, webhookRetryMs: 200 }) });
    running = server.running;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("serves the OpenAPI document and a cycle's results, employees and cycles to a token of the region", async () => {
    const admin = await client(login("admin", "binjai"));
    const made = await admin.ok(
      admin.mutate<{ id: string; token: string; prefix: string }>("integration.createToken", { name: "Sistem TPP", scopes: ["results:read", "cycles:read"] }),
    );
    expect(made.token.startsWith(made.prefix)).toBe(true);
    const stored = await running.database.db.selectFrom("api_tokens").selectAll().where("id", "=", made.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash("sha256").update(made.token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(made.token);
    expect((await admin.ok(admin.query<Array<{ id: string }>>("integration.tokens", {}))).map((t) => Object.keys(t))[0]).not.toContain("token");

    const doc = (await (await api("/openapi.json")).json()) as { openapi: string; paths: Record<string, { get: { parameters: Array<{ name: string; in: string }> } }> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/cycles", "/cycles/{cycleId}/results", "/cycles/{cycleId}/results/{employeeId}", "/employees"]);
    expect(doc.paths["/cycles/{cycleId}/results"]?.get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "cycleId", in: "path" }), expect.objectContaining({ name: "limit", in: "query" })]),
    );

    const cycles = (await (await api("/cycles", made.token)).json()) as Array<{ id: string; status: string }>;
    const storedCycles = await running.database.db.selectFrom("cycles").select("id").where("region_id", "=", "binjai").execute();
    expect(cycles.map((c) => c.id).sort()).toEqual(storedCycles.map((c) => c.id).sort());
    const cycleId = cycles[0]!.id;

    const started = await admin.ok(admin.mutate<{ jobId: string }>("cycle.run", { id: cycleId }));
    await until("run", () => admin.ok(admin.query<{ status: string }>("cycle.runStatus", { jobId: started.jobId })), (s) => s.status === "succeeded");

    const seen: Array<{ employeeId: string; nip: string; predikat: string | null }> = [];
    let cursor: string | null = null;
    do {
      const response = await api(`/cycles/${cycleId}/results?limit=5${cursor ? `&cursor=${cursor}` : ""}`, made.token);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: typeof seen; nextCursor: string | null; total: number };
      expect(page.total).toBe(SEED_SIZE);
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const storedResults = await running.database.db
      .selectFrom("results")
      .innerJoin("cycles", (j) => j.onRef("cycles.region_id", "=", "results.region_id").onRef("cycles.current_run_id", "=", "results.run_id"))
      .select(["results.employee_id", "results.predikat"])
      .where("cycles.id", "=", cycleId)
      .execute();
    expect(seen).toHaveLength(SEED_SIZE);
    expect(seen.map((r) => [r.employeeId, r.predikat]).sort()).toEqual(storedResults.map((r) => [r.employee_id, r.predikat]).sort());

    const one = seen[0]!;
    const detail = (await (await api(`/cycles/${cycleId}/results/${one.employeeId}`, made.token)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ employeeId: one.employeeId, nip: one.nip, predikat: one.predikat });
    expect(detail).not.toHaveProperty("input");
    expect(detail).not.toHaveProperty("explanation");

    const bad = await api(`/cycles/${cycleId}/results?limit=abc`, made.token);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { where: string } }).error.where).toBe("query.limit");
    const unknown = (await (await api(`/cycles/${cycleId}/results?halaman=2`, made.token)).json()) as { error: { code: string; where: string } };
    expect(unknown.error).toMatchObject({ code: "BAD_REQUEST", where: "query.halaman" });

    const none = await api("/cycles");
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { where: string; expected: string } }).error).toMatchObject({ where: "headers.authorization" });
    const noScope = await api("/employees", made.token);
    expect(noScope.status).toBe(403);
    expect(((await noScope.json()) as { error: { message: string } }).error.message).toContain("employees:read");

    const pariamanCycle = await running.database.db.selectFrom("cycles").select("id").where("region_id", "=", "pariaman").executeTakeFirstOrThrow();
    expect((await api(`/cycles/${pariamanCycle.id}/results`, made.token)).status).toBe(404);
    const naming = (await (await api(`/cycles?regionId=pariaman`, made.token)).json()) as { error: { where: string } };
    expect(naming.error.where).toBe("query.regionId");

    const used = await running.database.db.selectFrom("api_tokens").select("last_used_at").where("id", "=", made.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
    await admin.ok(admin.mutate("integration.revokeToken", { id: made.id }));
    expect((await api("/cycles", made.token)).status).toBe(401);

    const expiring = await admin.ok(
      admin.mutate<{ id: string; token: string; expiresAt: string }>("integration.createToken", {
        name: "Sementara",
        scopes: ["cycles:read"],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    expect((await api("/cycles", expiring.token)).status).toBe(200);
    await running.database.db.updateTable("api_tokens").set({ expires_at: new Date(Date.now() - 1_000).toISOString() }).where("id", "=", expiring.id).execute();
    expect((await api("/cycles", expiring.token)).status).toBe(401);
    expect(await admin.mutate("integration.createToken", { name: "Lampau", scopes: ["cycles:read"], expiresAt: "2020-01-01T00:00:00Z" })).toMatchObject({ status: 400 });

    const employees = await admin.ok(admin.mutate<{ token: string }>("integration.createToken", { name: "SIMPEG", scopes: ["employees:read"] }));
    const list = (await (await api("/employees?limit=3", employees.token)).json()) as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(list.items).toHaveLength(3);
    expect(list.nextCursor).not.toBeNull();
    expect(list.items[0]).not.toHaveProperty("attributes");
    const storedEmployee = await running.database.db.selectFrom("employees").select(["nip", "nama"]).where("id", "=", list.items[0]!.id as string).executeTakeFirstOrThrow();
    expect(list.items[0]).toMatchObject({ nip: storedEmployee.nip, nama: storedEmployee.nama });
  });

  it("sends signed webhooks for a cycle opened, its results finalised and an appeal decided, retrying a failing receiver", async () => {
    const receiver = await startReceiver();
    try {
      const admin = await client(login("admin", "binjai"));
      const employee = await client(login("employee", "binjai"));
      const hook = await admin.ok(
        admin.mutate<{ id: string; secret: string }>("integration.registerWebhook", { url: receiver.url, events: ["cycle.opened", "results.finalised", "appeal.decided"] }),
      );
      receiver.secret.value = hook.secret;
      const assessor = await client(login("assessor", "binjai"));
      const nip = login("employee", "binjai");
      const me = (await admin.ok(admin.query<{ items: Array<{ id: string; nip: string; unitId: string }> }>("employee.list", { search: nip, limit: 5 }))).items.find((e) => e.nip === nip)!;
      const cycle = await admin.ok(
        admin.mutate<{ id: string }>("cycle.create", { name: "Rintisan webhook", periodKind: "annual", periodLabel: "2027", unitIds: [me.unitId] }),
      );
      await admin.ok(admin.mutate("cycle.open", { id: cycle.id }));

      type Delivery = { event: string; status: string; attempts: number; responseStatus: number | null; lastError: string | null };
      const deliveries = () => admin.ok(admin.query<Delivery[]>("integration.deliveries", { endpointId: hook.id }));
      const failing = await until("first try", deliveries, (d) => d.some((x) => x.event === "cycle.opened" && x.attempts >= 1));
      expect(failing.find((d) => d.event === "cycle.opened")).toMatchObject({ status: "queued", responseStatus: 500, lastError: "Penerima menjawab HTTP 500" });
      receiver.status.value = 200;
      const opened = await until("delivered", deliveries, (d) => d.some((x) => x.event === "cycle.opened" && x.status === "delivered"));
      const openedLog = opened.find((d) => d.event === "cycle.opened")!;
      expect(openedLog).toMatchObject({ status: "delivered", responseStatus: 200, lastError: null });
      expect(openedLog.attempts).toBeGreaterThanOrEqual(2);
      const openedTries = receiver.received.filter((r) => r.event === "cycle.opened");
      expect(openedTries.map((r) => r.answered)).toEqual([...Array<number>(openedTries.length - 1).fill(500), 200]);
      expect(openedTries.every((r) => r.verified)).toBe(true);
      expect(JSON.parse(openedTries[0]!.body)).toMatchObject({ event: "cycle.opened", regionId: "binjai", data: { cycle: { id: cycle.id, status: "open" } } });
      expect(verifyWebhook("whsec_bukan-rahasianya", { signature: "sha256=00", timestamp: String(Math.floor(Date.now() / 1000)) }, openedTries[0]!.body)).toBe(false);

      const form = await assessor.ok(assessor.query<Parameters<typeof fillForm>[0]>("assessment.form", { cycleId: cycle.id, employeeId: me.id, source: "supervisor" }));
      await assessor.ok(assessor.mutate("assessment.submit", fillForm(form, 0.6, "honest", "Terus tingkatkan")));
      const started = await admin.ok(admin.mutate<{ jobId: string }>("cycle.run", { id: cycle.id }));
      await until("run", () => admin.ok(admin.query<{ status: string }>("cycle.runStatus", { jobId: started.jobId })), (s) => s.status === "succeeded");
      await admin.ok(admin.mutate("cycle.close", { id: cycle.id }));
      const appeal = await employee.ok(employee.mutate<{ id: string }>("appeal.submit", { cycleId: cycle.id, reason: "Mohon ditinjau kembali" }));
      await admin.ok(admin.mutate("appeal.decide", { appealId: appeal.id, decision: "reject", reason: "Penilaian sudah sesuai bukti" }));

      const all = await until("every event", deliveries, (d) => d.filter((x) => x.status === "delivered").length === 3);
      expect(all.map((d) => d.event).sort()).toEqual(["appeal.decided", "cycle.opened", "results.finalised"]);
      const bodies = receiver.received.filter((r) => r.answered === 200).map((r) => JSON.parse(r.body) as { event: string; data: Record<string, unknown> });
      expect(bodies.find((b) => b.event === "results.finalised")?.data).toMatchObject({ cycle: { id: cycle.id, status: "finalised" } });
      expect(bodies.find((b) => b.event === "appeal.decided")?.data).toMatchObject({ appeal: { id: appeal.id, decision: "rejected" } });
      expect(receiver.received.every((r) => r.verified)).toBe(true);

      // Pariaman's admin sees none of Binjai's webhooks.
      const pariaman = await client(login("admin", "pariaman"));
      expect(await pariaman.ok(pariaman.query<unknown[]>("integration.deliveries", {}))).toEqual([]);
      expect(await pariaman.mutate("integration.testWebhook", { id: hook.id })).toMatchObject({ status: 404 });
    } finally {
      receiver.server.close();
    }
  });
});
