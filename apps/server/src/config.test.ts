// The server's settings read from the environment: mail's retries and the reminders' cadence, with a clear
// refusal naming the variable and what it expects.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { configFromEnv, queueConfigFromEnv } from "./config.js";

const BASE = { KINERJA_SECRET_FILE: "/dev/null/unused", BETTER_AUTH_SECRET: "rahasia-uji-konfigurasi-server-32-karakter" };

describe("configFromEnv: mail and reminders", () => {
  it("takes the defaults: five tries 30 s apart, reminders looked for every 15 minutes", () => {
    expect(configFromEnv(BASE)).toMatchObject({ mailAttempts: 5, mailRetryMs: 30_000, reminderEveryMs: 900_000, webhookAttempts: 8, webhookRetryMs: 30_000 });
  });

  it("takes the values given", () => {
    const config = configFromEnv({ ...BASE, KINERJA_MAIL_ATTEMPTS: "2", KINERJA_MAIL_RETRY_MS: "500", KINERJA_REMINDER_EVERY_MS: "2000" });
    expect(config).toMatchObject({ mailAttempts: 2, mailRetryMs: 500, reminderEveryMs: 2_000 });
  });

  it.each([
    ["KINERJA_MAIL_ATTEMPTS", "0", 'KINERJA_MAIL_ATTEMPTS="0": expected a whole number from 1 to 20'],
    ["KINERJA_MAIL_ATTEMPTS", "tiga", 'KINERJA_MAIL_ATTEMPTS="tiga": expected a whole number'],
    ["KINERJA_MAIL_RETRY_MS", "50", 'KINERJA_MAIL_RETRY_MS="50": expected milliseconds, at least 100'],
    ["KINERJA_REMINDER_EVERY_MS", "10", 'KINERJA_REMINDER_EVERY_MS="10": expected milliseconds, at least 1000'],
    ["KINERJA_WEBHOOK_ATTEMPTS", "21", 'KINERJA_WEBHOOK_ATTEMPTS="21": expected a whole number from 1 to 20'],
    ["KINERJA_WEBHOOK_RETRY_MS", "5", 'KINERJA_WEBHOOK_RETRY_MS="5": expected milliseconds, at least 100'],
  ])("refuses %s=%s, saying what it expects", (name, value, message) => {
    expect(() => configFromEnv({ ...BASE, [name]: value })).toThrow(message);
  });
});

describe("the reading threads of cycle runs", () => {
  it("are one fewer than the cores, at most 4, unless KINERJA_RUN_THREADS says how many (0: none)", () => {
    expect(configFromEnv(BASE).runThreads).toBe(Math.max(0, Math.min(availableParallelism() - 1, 4)));
    expect(configFromEnv({ ...BASE, KINERJA_RUN_THREADS: "0" }).runThreads).toBe(0);
    expect(configFromEnv({ ...BASE, KINERJA_RUN_THREADS: "3" }).runThreads).toBe(3);
  });

  it.each(["-1", "17", "2.5", "dua"])("refuses KINERJA_RUN_THREADS=%s, saying what it expects", (value) => {
    expect(() => configFromEnv({ ...BASE, KINERJA_RUN_THREADS: value })).toThrow(`KINERJA_RUN_THREADS="${value}": expected a whole number from 0 to 16`);
  });
});

describe("idle kept-alive connections", () => {
  it("stay open 65 s unless KINERJA_KEEP_ALIVE_SECONDS says how long", () => {
    expect(configFromEnv(BASE).keepAliveSeconds).toBe(65);
    expect(configFromEnv({ ...BASE, KINERJA_KEEP_ALIVE_SECONDS: "120" }).keepAliveSeconds).toBe(120);
  });

  it.each(["0", "3601", "1.5", "lama"])("refuses KINERJA_KEEP_ALIVE_SECONDS=%s, saying what it expects", (value) => {
    expect(() => configFromEnv({ ...BASE, KINERJA_KEEP_ALIVE_SECONDS: value })).toThrow(`KINERJA_KEEP_ALIVE_SECONDS="${value}": expected a whole number from 1 to 3,600`);
  });
});

describe("the cycle-run queue's settings", () => {
  it("takes the defaults: the queue on, one batch at a time, 1,000 employees a batch, 600 s before a batch is given to another worker", () => {
    expect(configFromEnv(BASE).queue).toEqual({ enabled: true, concurrency: 1, runBatchSize: 1_000, schema: null, expireSeconds: 600 });
  });

  it("takes the values given; the server may work no batch, a worker must work one", () => {
    const env = { ...BASE, KINERJA_CYCLE_QUEUE: "0", KINERJA_WORKER_CONCURRENCY: "0", KINERJA_RUN_BATCH_SIZE: "250", KINERJA_QUEUE_SCHEMA: "antrean_kinerja", KINERJA_QUEUE_EXPIRE_SECONDS: "30" };
    expect(configFromEnv(env).queue).toEqual({ enabled: false, concurrency: 0, runBatchSize: 250, schema: "antrean_kinerja", expireSeconds: 30 });
    expect(() => queueConfigFromEnv(env, "worker")).toThrow('KINERJA_WORKER_CONCURRENCY="0": expected a whole number from 1 to 32');
  });

  it.each([
    ["KINERJA_CYCLE_QUEUE", "ya", 'KINERJA_CYCLE_QUEUE="ya": expected 1 (cycle runs go through the queue on PostgreSQL) or 0 (the server runs them itself)'],
    ["KINERJA_WORKER_CONCURRENCY", "33", 'KINERJA_WORKER_CONCURRENCY="33": expected a whole number from 0 to 32'],
    ["KINERJA_WORKER_CONCURRENCY", "1.5", 'KINERJA_WORKER_CONCURRENCY="1.5": expected a whole number from 0 to 32'],
    ["KINERJA_RUN_BATCH_SIZE", "0", 'KINERJA_RUN_BATCH_SIZE="0": expected a whole number from 1 to 10,000'],
    ["KINERJA_RUN_BATCH_SIZE", "20000", 'KINERJA_RUN_BATCH_SIZE="20000": expected a whole number from 1 to 10,000'],
    ["KINERJA_QUEUE_SCHEMA", "Antrean-1", 'KINERJA_QUEUE_SCHEMA="Antrean-1": expected a schema name of lower-case letters, digits and _'],
    ["KINERJA_QUEUE_EXPIRE_SECONDS", "0", 'KINERJA_QUEUE_EXPIRE_SECONDS="0": expected a whole number from 1 to 82,800'],
  ])("refuses %s=%s, saying what it expects", (name, value, message) => {
    expect(() => configFromEnv({ ...BASE, [name]: value })).toThrow(message);
  });
});
