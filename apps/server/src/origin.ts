// Refuses requests that change something when a browser sent them on behalf of another site (cross-site
// request forgery): the Origin header must be the server's own origin (its public URL, or the Host the
// request came to) or one of KINERJA_TRUSTED_ORIGINS. Without Origin, a browser's Sec-Fetch-Site says
// where the request came from.
//
// A request with neither header did not come from a browser (curl, scripts, the tests) and passes:
// browsers send Origin with every POST, and even one that did not would not attach the session cookie to
// a cross-site POST, because the cookie is SameSite=Lax.
import type { IncomingMessage } from "node:http";

export interface OriginPolicy {
  /** Origins accepted besides the Host the request came to: the public URL's and the trusted ones. */
  allowed: ReadonlySet<string>;
}

export function originPolicy(publicUrl: string | undefined, trustedOrigins: readonly string[]): OriginPolicy {
  return { allowed: new Set([...(publicUrl ? [new URL(publicUrl).origin] : []), ...trustedOrigins]) };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Why the request is refused, in Indonesian; null when it may go on. */
export function crossSiteRefusal(req: IncomingMessage, policy: OriginPolicy): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (policy.allowed.has(origin)) return null;
    const host = hostOf(origin);
    if (host !== null && host === req.headers.host) return null;
    return `Permintaan dari ${origin} ditolak: itu bukan alamat server ini. Bila alamat itu memang dipercaya, tambahkan ke KINERJA_TRUSTED_ORIGINS.`;
  }
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return "Permintaan dari situs lain ditolak.";
  return null;
}
