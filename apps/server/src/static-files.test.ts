// The portal's files over real HTTP: hashed assets cached for a year, index.html revalidated, text files
// compressed as the browser accepts (brotli, gzip, or not at all) and recompressed when a file changes;
// and paths with broken %-escapes answered 400 by every handler instead of failing inside it.
import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "./start.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-berkas";
const BUNDLE = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, nama: "Pegawai ${i}" }`).join(", ")}];\n`;
const INDEX = `<!doctype html><html lang="id"><head><title>Kinerja</title><script type="module" src="/assets/index-abc123.js"></script></head><body>${"<div></div>".repeat(200)}</body></html>`;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body is read as sent (fetch would undo the compression). */
function raw(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function decoded(answer: RawAnswer): string {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body).toString("utf8");
  if (encoding === "gzip") return gunzipSync(answer.body).toString("utf8");
  return answer.body.toString("utf8");
}

describe("the portal's files and malformed paths", () => {
  let server: SeededServer;
  let portal: Running;
  let dist: string;

  beforeAll(async () => {
    server = await startSeededServer("sqlite", { password: PASSWORD, seedSize: 12 });
    dist = join(server.scratch, "admin-dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), INDEX);
    writeFileSync(join(dist, "assets", "index-abc123.js"), BUNDLE);
    writeFileSync(join(dist, "assets", "tiny-abc123.js"), "export {};\n");
    writeFileSync(join(dist, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg">${"<g/>".repeat(400)}</svg>`);
    portal = await start({ ...server.config, adminDist: dist, seed: false }, { log: () => undefined }, () => undefined);
  });
  afterAll(async () => {
    await portal?.stop(1_000);
    await server?.stop();
  });

  it("sends hashed assets compressed with brotli or gzip as accepted, cached for a year", async () => {
    const url = `${portal.url}/assets/index-abc123.js`;
    const br = await raw(url, { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers).toMatchObject({
      "content-encoding": "br",
      "cache-control": "public, max-age=31536000, immutable",
      vary: "Accept-Encoding",
      "content-type": "text/javascript; charset=utf-8",
      "content-length": String(br.body.length),
    });
    expect(br.body.length).toBeLessThan(BUNDLE.length / 5);
    expect(decoded(br)).toBe(BUNDLE);

    const gzip = await raw(url, { "accept-encoding": "br;q=0, gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(BUNDLE);

    for (const acceptEncoding of [undefined, "identity", "br;q=0, gzip;q=0"]) {
      const plain = await raw(url, acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.toString("utf8")).toBe(BUNDLE);
    }

    const head = await raw(url, { "accept-encoding": "br" }, "HEAD");
    expect(head.headers["content-length"]).toBe(String(br.body.length));
    expect(head.body.length).toBe(0);
  });

  it("revalidates index.html for the app's own routes, compressed too, and leaves tiny files as they are", async () => {
    for (const path of ["/", "/cycles/123"]) {
      const page = await raw(`${portal.url}${path}`, { "accept-encoding": "br" });
      expect(page.headers).toMatchObject({ "cache-control": "no-cache", "content-encoding": "br", "content-type": "text/html; charset=utf-8" });
      expect(decoded(page)).toBe(INDEX);
    }
    const icon = await raw(`${portal.url}/favicon.svg`, { "accept-encoding": "gzip" });
    expect(icon.headers).toMatchObject({ "cache-control": "no-cache", "content-encoding": "gzip" });
    const tiny = await raw(`${portal.url}/assets/tiny-abc123.js`, { "accept-encoding": "br" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString("utf8")).toBe("export {};\n");
  });

  it("compresses a file again once it has changed", async () => {
    const url = `${portal.url}/assets/index-abc123.js`;
    expect(decoded(await raw(url, { "accept-encoding": "br" }))).toBe(BUNDLE);
    const rebuilt = `${BUNDLE}export const rebuilt = true;\n`;
    writeFileSync(join(dist, "assets", "index-abc123.js"), rebuilt);
    expect(decoded(await raw(url, { "accept-encoding": "br" }))).toBe(rebuilt);
  });

  it("answers 400 to paths with broken %-escapes, from the portal's files and from the downloads", async () => {
    const operator = new HttpClient(portal.url);
    expect(await operator.signIn("operator@kinerja.local", PASSWORD)).toBe(200);
    for (const path of ["/%E0%A4%A", "/assets/%", "/export/cycles/%E0%A4%A/results.csv", "/documents/cycles/x/units/%ZZ.pdf", "/evidence/files/%E0%A4%A"]) {
      const response = await operator.fetch(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(((await response.json()) as { error: string }).error).toMatch(/Alamat tidak sah/);
    }
  });
});
