// Which errors mean "the database cannot be reached right now" rather than "this statement is wrong": a
// dropped or refused connection, a PostgreSQL server shutting down or starting up, a SQLite file another
// writer holds past the busy timeout. Callers answer these with 503 (try again shortly) instead of 500.

/** What a person is told when a request failed because the database could not be reached. */
export const DATABASE_UNAVAILABLE_MESSAGE = "Basis data sedang tidak dapat dihubungi. Coba lagi dalam beberapa saat.";

// admin_shutdown (pg_terminate_backend, a fast stop), crash_shutdown, cannot_connect_now (starting up).
const PG_SHUTDOWN = new Set(["57P01", "57P02", "57P03"]);
// Class 08, connection_exception.
const PG_CONNECTION_CLASS = /^08[0-9A-Z]{3}$/;
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// better-sqlite3 reports extended codes too (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT).
const SQLITE_BUSY = /^SQLITE_BUSY/;
// node-postgres and its pool raise these without a code.
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable$/,
];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function recognised(error: object): boolean {
  const code = codeOf(error);
  if (code && (PG_SHUTDOWN.has(code) || PG_CONNECTION_CLASS.test(code) || NETWORK.has(code) || SQLITE_BUSY.test(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * The reason the database could not be reached, when `error` (or an error it wraps, through `cause` or an
 * AggregateError's `errors`) says so; null for every other error.
 */
export function databaseUnavailable(error: unknown, depth = 0): string | null {
  if (typeof error !== "object" || error === null || depth > 5) return null;
  if (recognised(error)) {
    const code = codeOf(error);
    const message = error instanceof Error ? error.message : "";
    if (!code || message.includes(code)) return message || "unknown";
    return message ? `${code}: ${message}` : code;
  }
  const inner: unknown[] = [(error as { cause?: unknown }).cause, ...(error instanceof AggregateError ? error.errors : [])];
  for (const candidate of inner) {
    const reason = databaseUnavailable(candidate, depth + 1);
    if (reason) return reason;
  }
  return null;
}
