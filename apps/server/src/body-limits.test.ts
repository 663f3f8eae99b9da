// Request size limits over real HTTP, on raw sockets so the test controls what is sent: a declared
// Content-Length over the limit is refused with 413 before the body is read (the test never sends it), a
// chunked body is refused once it passes the limit and the connection is closed; bodies within the limits
// (chunked ones too) reach their handlers; a tRPC batch may carry at most 20 calls.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_CALLS } from "./server.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-ukuran";
const OPERATOR = "operator@kinerja.local";

interface Exchange {
  /** Everything the server sent, headers and body. */
  text: string;
  /** Whether the server closed the connection (rather than waiting for more of the body). */
  closed: boolean;
}

/** Sends `head` and `parts`, then waits (at most `waitMs`) for the server to answer and close. */
function exchange(port: number, head: string, parts: Buffer[], waitMs = 5_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    socket.on("close", () => finish(true));
    socket.on("error", () => undefined);
    socket.write(head);
    for (const part of parts) socket.write(part);
  });
}

const chunk = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
const bodyOf = (text: string) => text.slice(text.indexOf("\r\n\r\n") + 4);

describe("request size limits", () => {
  let server: SeededServer;
  let base: string;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    server = await startSeededServer("sqlite", { password: PASSWORD, seedSize: 12 });
    base = server.running.url;
    port = Number(new URL(base).port);
    const response = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: OPERATOR, password: PASSWORD }),
    });
    cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a 50 MB sign-in by its Content-Length, before reading it", async () => {
    const head = `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`;
    const answer = await exchange(port, head, [Buffer.from('{"email":"')]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(bodyOf(answer.text))).toEqual({ error: "Isi permintaan terlalu besar: paling banyak 16 KB." });
    expect(answer.closed).toBe(true);
  });

  it("stops reading a chunked sign-in once it passes 16 KB", async () => {
    const head = `POST /api/auth/sign-in/email HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const answer = await exchange(port, head, [chunk(Buffer.alloc(10 * 1024, "a")), chunk(Buffer.alloc(10 * 1024, "a"))]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.closed).toBe(true);
  });

  it("refuses tRPC bodies over 1 MB, declared or chunked, in tRPC's error shape", async () => {
    const declared = `POST /trpc/region.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`;
    const answer = await exchange(port, declared, [Buffer.from("{")]);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    const body = JSON.parse(bodyOf(answer.text)) as { error: { message: string; data: { code: string } } };
    expect(body.error).toMatchObject({ message: "Isi permintaan terlalu besar: paling banyak 1 MB.", data: { code: "PAYLOAD_TOO_LARGE" } });

    const chunked = `POST /trpc/region.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const parts = Array.from({ length: 5 }, () => chunk(Buffer.alloc(256 * 1024, " ")));
    const streamed = await exchange(port, chunked, parts);
    expect(streamed.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(streamed.closed).toBe(true);
  });

  it("passes bodies within the limits to their handlers, chunked ones too", async () => {
    const padded = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: OPERATOR, password: PASSWORD, rememberMe: true, callbackURL: `/?${"x".repeat(12 * 1024)}` }),
    });
    expect(padded.status).toBe(200);

    const input = JSON.stringify({ id: "kota-besar", name: "Kota Besar", admin: { name: "Admin", email: "admin@besar.example", password: "sandi-kuat-besar-2025" } });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(input.slice(0, 20)));
        controller.enqueue(new TextEncoder().encode(input.slice(20) + " ".repeat(900 * 1024)));
        controller.close();
      },
    });
    const created = await fetch(`${base}/trpc/region.create`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body,
      duplex: "half",
    } as RequestInit);
    expect(created.status).toBe(200);
  });

  it(`refuses a tRPC batch of more than ${MAX_BATCH_CALLS} calls, saying the limit`, async () => {
    const batch = (calls: number) => {
      const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, null]));
      return fetch(`${base}/trpc/${Array(calls).fill("region.list").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: { cookie },
      });
    };
    const allowed = await batch(MAX_BATCH_CALLS);
    expect(allowed.status).toBe(200);
    expect((await allowed.json()) as unknown[]).toHaveLength(MAX_BATCH_CALLS);

    const refused = await batch(MAX_BATCH_CALLS + 1);
    expect(refused.status).toBe(400);
    const answers = (await refused.json()) as Array<{ error: { message: string; data: { code: string } } }>;
    expect(answers).toHaveLength(MAX_BATCH_CALLS + 1);
    expect(answers[0]?.error).toMatchObject({
      message: `Terlalu banyak panggilan dalam satu permintaan: ${MAX_BATCH_CALLS + 1}, paling banyak ${MAX_BATCH_CALLS}.`,
      data: { code: "BAD_REQUEST" },
    });
  });
});
