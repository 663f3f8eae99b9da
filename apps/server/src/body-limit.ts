// Request bodies read whole, but never beyond a limit: a Content-Length over it is refused before a byte
// is read, and a body sent without one (chunked) stops being read the moment it passes the limit.
import type { IncomingMessage } from "node:http";

export type LimitedBody = { ok: true; body: Buffer } | { ok: false };

function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > limit;
}

export function readBodyWithin(req: IncomingMessage, limit: number): Promise<LimitedBody> {
  if (declaredTooLarge(req, limit)) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        resolve({ ok: false });
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ ok: true, body: Buffer.concat(chunks) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/** Formats a byte count for a person: 16 KB, 1 MB. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}
