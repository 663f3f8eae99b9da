// The sessions this process read lately, so a burst of requests on one session (a page's calls, a table
// paged through) reads the session once, not once per request: better-auth's lookup (the signed cookie, the
// session and its user, its endpoint machinery) costs more than most of the calls it guards.
//
// Keyed by the session cookie exactly as the client sent it (signature and all), so only a value better-auth
// itself accepted finds an entry. An entry lives SESSION_CACHE_MS at most, never past the session's own
// expiry, and only signed-in sessions are kept (a refused cookie is asked about every time).
//
// Revocation: everything that ends a session or changes what a session carries, on this process, forgets
// every entry at once (forgetSessions): better-auth's sign-out, session revocation and password change and
// reset (auth.ts's after-hook), and the account services (disable, temporary password, ending sessions).
// A lookup already under way when they do is not kept. Another server process sharing the database learns of
// it when its entry runs out: within SESSION_CACHE_MS.
import type { Session } from "./auth.js";

/** How long a session read stays trusted without asking the database again; the most another process may lag. */
export const SESSION_CACHE_MS = 10_000;
/** Sessions kept at once; the oldest is dropped first. */
const MAX_SESSIONS = 10_000;

interface Entry {
  /** The better-auth instance that read it (one per server; tests make several). */
  owner: object;
  session: Session;
  until: number;
}

const entries = new Map<string, Entry>();
/** Moves on at every forgetSessions, so a lookup that began before it is not kept. */
let generation = 0;

/** Forgets every session read so far: the next request on each asks better-auth again. */
export function forgetSessions(): void {
  entries.clear();
  generation++;
}

/** The one value of cookie `name` in a Cookie header, or null when it is absent or sent more than once. */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(at + 1).trim();
  }
  return found || null;
}

/**
 * The session for `key` (the session cookie's value) read through `owner`: from the cache while its entry
 * lives, else from `read`, kept when it is a signed-in session that expires after now.
 */
export async function cachedSession(
  owner: object,
  key: string | null,
  read: () => Promise<{ session: Session; expiresAt: Date } | null>,
): Promise<Session | null> {
  const now = Date.now();
  if (key !== null) {
    const hit = entries.get(key);
    if (hit && hit.owner === owner && hit.until > now) return hit.session;
    if (hit) entries.delete(key);
  }
  const began = generation;
  const found = await read();
  if (!found) return null;
  const until = Math.min(now + SESSION_CACHE_MS, found.expiresAt.getTime());
  if (key !== null && began === generation && until > Date.now()) {
    entries.set(key, { owner, session: found.session, until });
    if (entries.size > MAX_SESSIONS) entries.delete(entries.keys().next().value as string);
  }
  return found.session;
}
