// The server's settings, all from the environment, all with defaults that work from a fresh clone:
// port 3000, SQLite at <repo>/data/kinerja.db, a session secret kept beside it, rules from <repo>/rules.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { isIP } from "node:net";
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from "@kinerja/api";
import { DEFAULT_LEASE_MS, DEFAULT_QUEUE_EXPIRE_SECONDS, defaultReadingThreads } from "@kinerja/api";
import { databaseConfigFromEnv, type DatabaseConfig } from "@kinerja/db";

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  authSecret: string;
  /** The public origin, when known ahead (BETTER_AUTH_URL); otherwise read from each request. */
  baseURL: string | undefined;
  /** Other origins whose pages may send requests that change something (KINERJA_TRUSTED_ORIGINS). */
  trustedOrigins: string[];
  /** Reverse proxies whose X-Forwarded-For names the client (KINERJA_TRUSTED_PROXIES); none by default. */
  trustedProxies: string[];
  /** Failed sign-ins allowed per account and per client address before they lock (KINERJA_SIGN_IN_*). */
  signInLimits: SignInLimits;
  rulesDir: string;
  adminDist: string;
  /** Seed the demo regions when the database is empty. */
  seed: boolean;
  seedPassword: string;
  /** Employees generated per region when seeding. */
  seedSize: number;
  /**
   * How long a job stays this server's without a sign of life (KINERJA_JOB_LEASE_MS); after that another
   * server sharing the database marks it failed. Also how often this server looks for such jobs.
   */
  jobLeaseMs: number;
  /** SMTP server for mail (KINERJA_SMTP_URL), e.g. smtp://user:pass@mail.example.go.id:587; null: mail waits unsent. */
  smtpUrl: string | null;
  /** PostgreSQL only: cycle runs through the queue (KINERJA_CYCLE_QUEUE and the settings beside it). */
  queue: QueueConfig;
  /**
   * KINERJA_RUN_THREADS: threads reading and evaluating the batches of a cycle run in this process (on SQLite, or
   * with the queue off) while the server's thread writes, 0 to 16; 0 reads them in the server's thread. Default one
   * fewer than the cores, at most 4.
   */
  runThreads: number;
  /**
   * KINERJA_KEEP_ALIVE_SECONDS: how long an idle kept-alive connection stays open, 1 to 3,600, default 65. Above
   * the idle timeout of the proxies usually put in front (60 s: nginx's keepalive, cloud load balancers), so
   * the proxy drops a connection before the server does and never sends a request on one the server is closing
   * (which the proxy answers 502). Node's own default is 5 s.
   */
  keepAliveSeconds: number;
  /** The From of every mail (KINERJA_MAIL_FROM). */
  mailFrom: string;
  /**
   * How often the server looks for the reminders due today (KINERJA_REMINDER_EVERY_MS, default 15 minutes):
   * each is sent once per deadline and day however often it looks.
   */
  reminderEveryMs: number;
  /** Tries a mail gets before it is shown to the region's admin as failed (KINERJA_MAIL_ATTEMPTS, default 5). */
  mailAttempts: number;
  /** The wait before a failed mail's second try, doubled before each later one (KINERJA_MAIL_RETRY_MS, default 30 s). */
  mailRetryMs: number;
  /** Tries a webhook delivery gets before it is logged as failed (KINERJA_WEBHOOK_ATTEMPTS, default 8). */
  webhookAttempts: number;
  /** The wait before a failed delivery's second try, doubled before each later one (KINERJA_WEBHOOK_RETRY_MS, default 30 s). */
  webhookRetryMs: number;
}

export const DEFAULT_SEED_PASSWORD = "kinerja-demo-2025";

/**
 * Cycle runs through the PostgreSQL-backed queue. On PostgreSQL, unless KINERJA_CYCLE_QUEUE=0, starting a run
 * queues it in batches for the server and any `pnpm worker` process to take; on SQLite (or with the queue off)
 * the server that starts a run runs it. Read by the server and by the worker.
 */
export interface QueueConfig {
  /** KINERJA_CYCLE_QUEUE: 1 (the default) or 0. */
  enabled: boolean;
  /** KINERJA_WORKER_CONCURRENCY: batches this process works at once, 0 to 32; 0 (the server only) works none. Default 1. */
  concurrency: number;
  /** KINERJA_RUN_BATCH_SIZE: employees per batch of a cycle's run (queued or in process), 1 to 10,000. Default 1,000. */
  runBatchSize: number;
  /**
   * KINERJA_QUEUE_SCHEMA: the PostgreSQL schema the queue's tables live in; unless given, kinerja_queue, or
   * <schema>_queue when the database's search_path names another schema than public, so two installations in
   * two schemas of one database never share a queue.
   */
  schema: string | null;
  /** KINERJA_QUEUE_EXPIRE_SECONDS: how long a batch may be worked before the queue gives it to another worker, 1 to 82,800. Default 600. */
  expireSeconds: number;
}

function wholeNumberIn(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}="${raw}": expected a whole number from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}`);
  }
  return value;
}

/** The queue's settings from the environment; `worker` for `pnpm worker`, which must work at least one batch at a time. */
export function queueConfigFromEnv(env: NodeJS.ProcessEnv = process.env, role: "server" | "worker" = "server"): QueueConfig {
  const flag = env.KINERJA_CYCLE_QUEUE?.trim();
  if (flag !== undefined && flag !== "" && flag !== "0" && flag !== "1") {
    throw new Error(`KINERJA_CYCLE_QUEUE="${flag}": expected 1 (cycle runs go through the queue on PostgreSQL) or 0 (the server runs them itself)`);
  }
  const schema = env.KINERJA_QUEUE_SCHEMA?.trim() || null;
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) {
    throw new Error(`KINERJA_QUEUE_SCHEMA="${schema}": expected a schema name of lower-case letters, digits and _, not starting with a digit, at most 50 characters`);
  }
  return {
    enabled: flag !== "0",
    concurrency: wholeNumberIn("KINERJA_WORKER_CONCURRENCY", env.KINERJA_WORKER_CONCURRENCY, 1, role === "worker" ? 1 : 0, 32),
    runBatchSize: wholeNumberIn("KINERJA_RUN_BATCH_SIZE", env.KINERJA_RUN_BATCH_SIZE, 1_000, 1, 10_000),
    schema,
    expireSeconds: wholeNumberIn("KINERJA_QUEUE_EXPIRE_SECONDS", env.KINERJA_QUEUE_EXPIRE_SECONDS, DEFAULT_QUEUE_EXPIRE_SECONDS, 1, 82_800),
  };
}

/** BETTER_AUTH_SECRET, or a random secret made once and kept in data/, so sessions outlive restarts. */
function authSecret(env: NodeJS.ProcessEnv, file: string): string {
  const given = env.BETTER_AUTH_SECRET?.trim();
  if (given) return given;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(36).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}="${raw}": expected a whole number`);
  return value;
}

/** BETTER_AUTH_URL, the server's public URL, e.g. https://kinerja.example.go.id. */
function publicUrl(raw: string | undefined): string | undefined {
  const given = raw?.trim();
  if (!given) return undefined;
  if (!/^https?:\/\/[^/]/.test(given) || !URL.canParse(given)) {
    throw new Error(`BETTER_AUTH_URL="${given}": expected the server's public URL, e.g. https://kinerja.example.go.id`);
  }
  return given;
}

/** KINERJA_TRUSTED_ORIGINS: origins separated by commas, e.g. https://portal.example.go.id. */
function trustedOrigins(raw: string | undefined): string[] {
  const given = (raw ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  return given.map((origin) => {
    if (!/^https?:\/\/[^/]/.test(origin) || !URL.canParse(origin) || new URL(origin).origin !== origin.replace(/\/$/, "")) {
      throw new Error(`KINERJA_TRUSTED_ORIGINS: "${origin}" is not an origin; expected scheme, host and port only, e.g. https://portal.example.go.id`);
    }
    return new URL(origin).origin;
  });
}

/** KINERJA_TRUSTED_PROXIES: addresses or CIDR ranges separated by commas, e.g. 127.0.0.1,10.0.0.0/8. */
function trustedProxies(raw: string | undefined): string[] {
  const given = (raw ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  for (const entry of given) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const width = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= width);
    if (family === 0 || !bitsOk || rest.length > 0) {
      throw new Error(`KINERJA_TRUSTED_PROXIES: "${entry}" is not an address or CIDR range; expected e.g. 127.0.0.1 or 10.0.0.0/8`);
    }
  }
  return given;
}

function atLeastOne(name: string, raw: string | undefined, fallback: number): number {
  const value = positiveInt(name, raw, fallback);
  if (value < 1) throw new Error(`${name}="${raw}": expected 1 or more`);
  return value;
}

/**
 * KINERJA_SIGN_IN_ACCOUNT_FAILURES failed sign-ins to one account within KINERJA_SIGN_IN_ACCOUNT_MINUTES
 * lock it for as many minutes (default 5 in 15); KINERJA_SIGN_IN_ADDRESS_FAILURES from one address within
 * KINERJA_SIGN_IN_ADDRESS_MINUTES block that address as long (default 30 in 10).
 */
function signInLimits(env: NodeJS.ProcessEnv): SignInLimits {
  const minutes = (name: string, fallbackMs: number) => atLeastOne(name, env[name], fallbackMs / 60_000) * 60_000;
  const { account, address } = DEFAULT_SIGN_IN_LIMITS;
  const accountMs = minutes("KINERJA_SIGN_IN_ACCOUNT_MINUTES", account.lockMs);
  const addressMs = minutes("KINERJA_SIGN_IN_ADDRESS_MINUTES", address.lockMs);
  return {
    account: { maxFailures: atLeastOne("KINERJA_SIGN_IN_ACCOUNT_FAILURES", env.KINERJA_SIGN_IN_ACCOUNT_FAILURES, account.maxFailures), windowMs: accountMs, lockMs: accountMs },
    address: { maxFailures: atLeastOne("KINERJA_SIGN_IN_ADDRESS_FAILURES", env.KINERJA_SIGN_IN_ADDRESS_FAILURES, address.maxFailures), windowMs: addressMs, lockMs: addressMs },
  };
}

/** KINERJA_JOB_LEASE_MS: milliseconds, at least 100 (a lease renewed three times in that). */
function jobLeaseMs(raw: string | undefined): number {
  const ms = positiveInt("KINERJA_JOB_LEASE_MS", raw, DEFAULT_LEASE_MS);
  if (ms < 100) throw new Error(`KINERJA_JOB_LEASE_MS="${raw}": expected milliseconds, at least 100`);
  return ms;
}

/** KINERJA_REMINDER_EVERY_MS: milliseconds, at least 1,000. */
function reminderEveryMs(raw: string | undefined): number {
  const ms = positiveInt("KINERJA_REMINDER_EVERY_MS", raw, 15 * 60_000);
  if (ms < 1_000) throw new Error(`KINERJA_REMINDER_EVERY_MS="${raw}": expected milliseconds, at least 1000`);
  return ms;
}

/** KINERJA_MAIL_ATTEMPTS: a whole number from 1 to 20. */
function mailAttempts(raw: string | undefined): number {
  const tries = positiveInt("KINERJA_MAIL_ATTEMPTS", raw, 5);
  if (tries < 1 || tries > 20) throw new Error(`KINERJA_MAIL_ATTEMPTS="${raw}": expected a whole number from 1 to 20`);
  return tries;
}

/** KINERJA_MAIL_RETRY_MS: milliseconds, at least 100. */
function mailRetryMs(raw: string | undefined): number {
  const ms = positiveInt("KINERJA_MAIL_RETRY_MS", raw, 30_000);
  if (ms < 100) throw new Error(`KINERJA_MAIL_RETRY_MS="${raw}": expected milliseconds, at least 100`);
  return ms;
}

/** KINERJA_WEBHOOK_ATTEMPTS: a whole number from 1 to 20. */
function webhookAttempts(raw: string | undefined): number {
  const tries = positiveInt("KINERJA_WEBHOOK_ATTEMPTS", raw, 8);
  if (tries < 1 || tries > 20) throw new Error(`KINERJA_WEBHOOK_ATTEMPTS="${raw}": expected a whole number from 1 to 20`);
  return tries;
}

/** KINERJA_WEBHOOK_RETRY_MS: milliseconds, at least 100. */
function webhookRetryMs(raw: string | undefined): number {
  const ms = positiveInt("KINERJA_WEBHOOK_RETRY_MS", raw, 30_000);
  if (ms < 100) throw new Error(`KINERJA_WEBHOOK_RETRY_MS="${raw}": expected milliseconds, at least 100`);
  return ms;
}

/** KINERJA_SMTP_URL: smtp:// or smtps:// with host, and port, user and password as needed. */
function smtpUrl(raw: string | undefined): string | null {
  const given = raw?.trim();
  if (!given) return null;
  if (!/^smtps?:\/\/[^/]/.test(given) || !URL.canParse(given)) {
    throw new Error(`KINERJA_SMTP_URL: expected smtp://host:port or smtps://user:password@host:465, got a value that is not one`);
  }
  return given;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: positiveInt("PORT", env.PORT, 3000),
    host: env.HOST?.trim() || "0.0.0.0",
    database: databaseConfigFromEnv(env),
    authSecret: authSecret(env, env.KINERJA_SECRET_FILE?.trim() || repo("data/auth-secret")),
    baseURL: publicUrl(env.BETTER_AUTH_URL),
    trustedOrigins: trustedOrigins(env.KINERJA_TRUSTED_ORIGINS),
    trustedProxies: trustedProxies(env.KINERJA_TRUSTED_PROXIES),
    signInLimits: signInLimits(env),
    rulesDir: env.KINERJA_RULES_DIR?.trim() || repo("rules"),
    adminDist: env.KINERJA_ADMIN_DIST?.trim() || repo("apps/admin/dist"),
    seed: env.KINERJA_SEED !== "0",
    seedPassword: env.KINERJA_SEED_PASSWORD?.trim() || DEFAULT_SEED_PASSWORD,
    seedSize: positiveInt("KINERJA_SEED_SIZE", env.KINERJA_SEED_SIZE, 300),
    jobLeaseMs: jobLeaseMs(env.KINERJA_JOB_LEASE_MS),
    smtpUrl: smtpUrl(env.KINERJA_SMTP_URL),
    queue: queueConfigFromEnv(env),
    runThreads: wholeNumberIn("KINERJA_RUN_THREADS", env.KINERJA_RUN_THREADS, defaultReadingThreads(), 0, 16),
    keepAliveSeconds: wholeNumberIn("KINERJA_KEEP_ALIVE_SECONDS", env.KINERJA_KEEP_ALIVE_SECONDS, 65, 1, 3_600),
    mailFrom: env.KINERJA_MAIL_FROM?.trim() || "Kinerja <kinerja@localhost>",
    reminderEveryMs: reminderEveryMs(env.KINERJA_REMINDER_EVERY_MS),
    mailAttempts: mailAttempts(env.KINERJA_MAIL_ATTEMPTS),
    mailRetryMs: mailRetryMs(env.KINERJA_MAIL_RETRY_MS),
    webhookAttempts: webhookAttempts(env.KINERJA_WEBHOOK_ATTEMPTS),
    webhookRetryMs: webhookRetryMs(env.KINERJA_WEBHOOK_RETRY_MS),
  };
}
