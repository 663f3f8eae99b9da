// Evidence files over plain HTTP, with the same session, role and region checks as the tRPC API:
//   POST /evidence/work-entries/:entryId[?regionId=…]  the file as the raw body with its name in an
//        X-Filename header (percent-encoded), or as multipart/form-data with a field "file"; → 201 JSON
//   GET  /evidence/files/:evidenceId[?regionId=…]      the file, as an attachment
// The body is read only after the entry and the rule set's limit are known, and never beyond that limit.
import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "../services/lib/index.js";
import { evidenceRules, readEvidence, storeEvidence } from "../services/planning/index.js";
import { signedIn, type HttpDeps } from "./session.js";

const UPLOAD = /^\/evidence\/work-entries\/([^/]+)$/;
const DOWNLOAD = /^\/evidence\/files\/([^/]+)$/;
/** Room for multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

class TooLarge extends Error {}

/** X-Filename and ids in paths are percent-encoded; text that is not is taken as it is. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The body, refused as soon as it passes `limit` bytes (the rest is drained so the client reads the answer). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new TooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) chunks.push(chunk);
  }
  if (over) throw new TooLarge();
  return Buffer.concat(chunks);
}


async function upload(req: IncomingMessage, res: ServerResponse, url: URL, entryId: string, deps: HttpDeps): Promise<void> {
  const scope = await signedIn(req, url, deps);
  const rules = await evidenceRules(scope, entryId);
  const contentType = req.headers["content-type"] ?? "";
  const multipart = contentType.startsWith("multipart/form-data");
  let filename: string;
  let content: Buffer;
  try {
    const body = await readBody(req, rules.maxBytes + (multipart ? MULTIPART_OVERHEAD : 0));
    if (multipart) {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData().catch(() => null);
      const file = form?.get("file");
      if (!file || typeof file === "string") {
        throw new DomainError({ code: "BAD_REQUEST", message: 'Formulir multipart harus berisi berkas pada field "file"' });
      }
      filename = file.name;
      content = Buffer.from(await file.arrayBuffer());
    } else {
      const header = req.headers["x-filename"];
      if (typeof header !== "string" || header.trim() === "") {
        throw new DomainError({
          code: "BAD_REQUEST",
          message: "Sebutkan nama berkas di header X-Filename (mis. laporan.pdf), atau kirim multipart/form-data dengan field \"file\"",
        });
      }
      filename = percentDecoded(header);
      content = body;
    }
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return sendJson(res, 413, {
      error: `Bukti dukung ditolak: berkas melebihi batas ${rules.maxBytes} bait (${(rules.maxBytes / (1024 * 1024)).toLocaleString("id-ID", { maximumFractionDigits: 1 })} MB) dari rule set wilayah`,
    });
  }
  const stored = await storeEvidence(scope, { workEntryId: entryId, filename, content });
  sendJson(res, 201, stored);
}

async function download(req: IncomingMessage, res: ServerResponse, url: URL, evidenceId: string, deps: HttpDeps): Promise<void> {
  const file = await readEvidence(await signedIn(req, url, deps), evidenceId);
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_");
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-length": file.content.length,
    "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  });
  res.end(req.method === "HEAD" ? undefined : file.content);
}

/** Handles the request when it is an evidence route; false when it is not one. */
export async function handleEvidence(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const uploadMatch = UPLOAD.exec(url.pathname);
  const downloadMatch = DOWNLOAD.exec(url.pathname);
  if (!uploadMatch && !downloadMatch) return false;
  try {
    if (uploadMatch && req.method === "POST") await upload(req, res, url, percentDecoded(uploadMatch[1] as string), deps);
    else if (downloadMatch && (req.method === "GET" || req.method === "HEAD")) {
      await download(req, res, url, percentDecoded(downloadMatch[1] as string), deps);
    } else sendJson(res, 405, { error: uploadMatch ? "Gunakan POST untuk mengunggah bukti dukung" : "Gunakan GET untuk mengunduh bukti dukung" });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = error.httpStatus;
    // A refusal before the body was read: drain it so the client receives the answer.
    if (!req.readableEnded) req.resume();
    sendJson(res, status, { error: (error as Error).message });
  }
  return true;
}
