// Idle kept-alive connections stay open as long as the server is told (KINERJA_KEEP_ALIVE_SECONDS, default 65 s),
// not Node's 5 s: a proxy in front that keeps its connections 60 s would otherwise send requests on connections
// the server is closing, and answer them 502. Over real HTTP, one socket held by an agent that keeps it.
import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-keep-alive";

/** GET /health through the agent: its status, the socket it went on, and whether that socket was a kept one. */
function health(url: string, agent: Agent): Promise<{ status: number; socket: Socket; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket, reused: req.reusedSocket }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("idle kept-alive connections", () => {
  const servers: SeededServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it("stay open past Node's 5 s by default, and the next request goes on the same socket", async () => {
    const server = await startSeededServer("sqlite", { password: PASSWORD, seedSize: 12 });
    servers.push(server);
    expect(server.config.keepAliveSeconds).toBe(65);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await health(server.running.url, agent);
      expect(first.status).toBe(200);
      let closedAfter: number | null = null;
      const idleFrom = Date.now();
      first.socket.once("close", () => (closedAfter = Date.now() - idleFrom));
      await sleep(6_500);
      expect(closedAfter, "the server closed the idle connection").toBeNull();
      const second = await health(server.running.url, agent);
      expect(second).toMatchObject({ status: 200, reused: true });
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 60_000);

  it("are closed by the server after KINERJA_KEEP_ALIVE_SECONDS", async () => {
    const server = await startSeededServer("sqlite", { password: PASSWORD, seedSize: 12, configure: (config) => ({ ...config, keepAliveSeconds: 1 }) });
    servers.push(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await health(server.running.url, agent);
      expect(first.status).toBe(200);
      const closed = new Promise<void>((resolve) => first.socket.once("close", () => resolve()));
      const outcome = await Promise.race([closed.then(() => "closed"), sleep(5_000).then(() => "still open")]);
      expect(outcome).toBe("closed");
      const second = await health(server.running.url, agent);
      expect(second).toMatchObject({ status: 200, reused: false });
    } finally {
      agent.destroy();
    }
  }, 60_000);
});
