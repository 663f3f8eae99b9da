// Row ids: UUIDv7, so ids sort by creation time and an id alone can be a pagination cursor. Within one
// millisecond a counter keeps them increasing.
import { randomBytes } from "node:crypto";

let lastMillis = 0;
let counter = 0;

export function newId(): string {
  let millis = Date.now();
  if (millis <= lastMillis) {
    counter++;
    if (counter > 0xfff) {
      lastMillis++;
      counter = 0;
    }
    millis = lastMillis;
  } else {
    lastMillis = millis;
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(millis, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The current time as the ISO-8601 text our timestamp columns hold. */
export function now(): string {
  return new Date().toISOString();
}
