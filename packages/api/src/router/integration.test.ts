// Tokens and webhooks in process, on each dialect: a token reaches only the procedures that name its scope,
// whatever scopes it holds; an event is queued only when the transaction of its change commits; two
// senders on one database deliver a delivery once; a disabled endpoint's waiting deliveries are failed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appRouter } from "../root.js";
import { authenticateToken, TOKEN_SCOPES } from "../services/access/index.js";
import { emitEvent, WebhookSender } from "../services/integrations/index.js";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";
import { createCallerFactory, createContextInner } from "../trpc.js";

describe.each(inject("dialects"))("API tokens and webhooks on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let receiver: Server;
  let url = "";
  let posts = 0;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 6);
    receiver = createServer((req, res) => {
      posts++;
      req.resume();
      req.on("end", () => setTimeout(() => res.writeHead(200).end(), 50));
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    receiver?.close();
    await env?.dispose();
  });

  const admin = () => env.as(binjai.admin);

  it("lets a token with every scope call only the procedures that name one", async () => {
    const made = await admin().integration.createToken({ name: "Semua cakupan", scopes: [...TOKEN_SCOPES] });
    const token = await authenticateToken(env.database.db, `Bearer ${made.token}`);
    const caller = createCallerFactory(appRouter)(createContextInner({ db: env.database.db, session: null, token }));
    expect((await caller.cycle.list()).map((c) => c.id)).toContain(binjai.cycleId);
    await expect(caller.cycle.open({ id: binjai.cycleId })).rejects.toMatchObject({ code: "FORBIDDEN", message: "cycle.open tidak terbuka untuk token API" });
    await expect(caller.integration.createToken({ name: "Lagi", scopes: ["results:read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.account.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await env.database.db.selectFrom("api_tokens").select("id").where("region_id", "=", "binjai").execute()).toHaveLength(1);
  });

  it("queues an event only when its transaction commits, and delivers it once from two senders", async () => {
    const hook = await admin().integration.registerWebhook({ url, events: ["cycle.opened"] });
    const { db } = env.database;
    await expect(
      db.transaction().execute(async (trx) => {
        await emitEvent(trx, "binjai", "cycle.opened", { cycle: { id: "batal" } });
        throw new Error("perubahan dibatalkan");
      }),
    ).rejects.toThrow("perubahan dibatalkan");
    expect(await db.selectFrom("webhook_deliveries").select("id").where("endpoint_id", "=", hook.id).execute()).toEqual([]);
    await db.transaction().execute((trx) => emitEvent(trx, "binjai", "cycle.opened", { cycle: { id: "jadi" } }));
    await emitEvent(db, "binjai", "results.finalised", {});

    const [one, two] = [new WebhookSender({ db }), new WebhookSender({ db })];
    const delivered = await Promise.all([one.drain(), two.drain()]);
    expect(delivered[0] + delivered[1]).toBe(1);
    expect(posts).toBe(1);
    const rows = await db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", hook.id).execute();
    expect(rows.map((r) => [r.event, r.status, r.attempts, r.response_status])).toEqual([["cycle.opened", "delivered", 1, 200]]);
    expect(JSON.parse(rows[0]!.body)).toMatchObject({ event: "cycle.opened", regionId: "binjai", data: { cycle: { id: "jadi" } } });
  });

  it("fails the waiting deliveries of an endpoint that is disabled, keeping its log", async () => {
    const hook = await admin().integration.registerWebhook({ url: "http://127.0.0.1:9/tidak-ada", events: ["appeal.decided"] });
    await admin().integration.testWebhook({ id: hook.id });
    await admin().integration.disableWebhook({ id: hook.id });
    const log = await admin().integration.deliveries({ endpointId: hook.id });
    expect(log.map((d) => [d.event, d.status, d.lastError])).toEqual([["ping", "failed", "Webhook dinonaktifkan"]]);
    await expect(admin().integration.registerWebhook({ url: "ftp://contoh.go.id/x", events: ["cycle.opened"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
