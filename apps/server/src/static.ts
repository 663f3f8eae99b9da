// The built admin app (apps/admin/dist) as static files, with index.html for the app's own routes.
// Hashed assets (/assets/*) never change under their name, so browsers keep them for a year; index.html
// names the current ones and is revalidated on every visit. Text files go out compressed (brotli or gzip,
// as the browser accepts), each compressed once and kept in memory until the file changes.
import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** Types worth compressing; images and fonts come compressed already. */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map"]);
/** Below this a compressed body saves less than its own headers cost. */
const MIN_COMPRESS_BYTES = 1024;
// Quality 5 comes within a few per cent of brotli's best at a tenth of the time, so the first visitor
// after a start does not wait seconds for the largest bundles.
const BROTLI_QUALITY = 5;

type Encoding = "br" | "gzip";

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

export function hasAdminApp(dist: string): boolean {
  return existsSync(join(dist, "index.html"));
}

/** The encoding to answer with: brotli, else gzip, when Accept-Encoding allows it (q > 0). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((p) => p.startsWith("q="));
    quality.set(name, q ? Number(q.slice(2)) : 1);
  }
  const accepts = (name: Encoding) => (quality.get(name) ?? quality.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return null;
}

/** Compressed bodies by file and encoding, for the version of the file (size and time) they were made from. */
class CompressedFiles {
  private readonly cache = new Map<string, { version: string; body: Promise<Buffer> }>();

  get(file: string, version: string, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file}`;
    const cached = this.cache.get(key);
    if (cached?.version === version) return cached.body;
    const body = readFile(file).then(compressors[encoding]);
    // A failed read (the file replaced mid-build) is tried again on the next request.
    body.catch(() => this.cache.delete(key));
    this.cache.set(key, { version, body });
    return body;
  }
}

export interface StaticFiles {
  /** Answers with the file `path` (already percent-decoded) names under dist, or index.html. */
  serve(path: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function staticFiles(dist: string): StaticFiles {
  const compressed = new CompressedFiles();
  const root = dist.endsWith(sep) ? dist : dist + sep;

  async function fileOf(path: string): Promise<{ file: string; size: number; mtimeMs: number; isAsset: boolean }> {
    const candidate = normalize(join(dist, path));
    if (candidate.startsWith(root)) {
      const found = await stat(candidate).catch(() => null);
      if (found?.isFile()) return { file: candidate, size: found.size, mtimeMs: found.mtimeMs, isAsset: path.startsWith("/assets/") };
    }
    const index = join(dist, "index.html");
    const found = await stat(index);
    return { file: index, size: found.size, mtimeMs: found.mtimeMs, isAsset: false };
  }

  return {
    async serve(path, req, res) {
      const { file, size, mtimeMs, isAsset } = await fileOf(path);
      const type = extname(file);
      const compressible = COMPRESSIBLE.has(type);
      const encoding = compressible && size >= MIN_COMPRESS_BYTES ? chooseEncoding(req.headers["accept-encoding"]) : null;
      const body = encoding ? await compressed.get(file, `${size}:${mtimeMs}`, encoding) : null;
      res.writeHead(200, {
        "content-type": TYPES[type] ?? "application/octet-stream",
        "cache-control": isAsset ? "public, max-age=31536000, immutable" : "no-cache",
        "content-length": body ? body.length : size,
        ...(compressible ? { vary: "Accept-Encoding" } : {}),
        ...(encoding ? { "content-encoding": encoding } : {}),
      });
      if (req.method === "HEAD") res.end();
      else if (body) res.end(body);
      else createReadStream(file).pipe(res);
    },
  };
}
