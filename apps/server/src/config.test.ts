// The server's settings read from the environment: mail's retries and the reminders' cadence, with a clear
// refusal naming the variable and what it expects.
import { describe, expect, it } from "vitest";
import { configFromEnv } from "./config.js";

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
