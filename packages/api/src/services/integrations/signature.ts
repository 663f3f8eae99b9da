// How a webhook delivery is signed, and how a receiver checks it: HMAC-SHA256, keyed with the endpoint's
// secret, over `<timestamp>.<body>`. The timestamp (Unix seconds, sent as Kinerja-Timestamp) is inside what
// is signed, so a receiver that refuses old timestamps cannot be fed a captured delivery again later.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "kinerja-signature";
export const TIMESTAMP_HEADER = "kinerja-timestamp";
export const EVENT_HEADER = "kinerja-event";
export const DELIVERY_HEADER = "kinerja-delivery";

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The Kinerja-Signature value: `sha256=` and the hex HMAC. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** A receiver's check: the signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
