// Row ids: UUIDv7, so ids sort by creation time and an id alone can be a pagination cursor. Within one
// millisecond a counter keeps them increasing.
import { randomFillSync } from "node:crypto";

let lastMillis = 0;
let counter = 0;

/** Random bytes drawn from the system a few thousand at a time: one draw per id cost more than the rest of newId. */
const POOL = Buffer.alloc(16 * 512);
let pooled = POOL.length;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

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
  if (pooled === POOL.length) {
    randomFillSync(POOL);
    pooled = 0;
  }
  // Bytes 0-5 the time, 6-7 the version and the counter, 8 the variant and 6 random bits, 9-15 random.
  const r = pooled;
  pooled += 8;
  const high = Math.floor(millis / 0x1000000);
  const low = millis % 0x1000000;
  return (
    `${hex(high >> 16)}${hex(high >> 8)}${hex(high)}${hex(low >> 16)}-${hex(low >> 8)}${hex(low)}-${hex(0x70 | (counter >> 8))}${hex(counter)}-` +
    `${hex(0x80 | (pool(r) & 0x3f))}${hex(pool(r + 1))}-${hex(pool(r + 2))}${hex(pool(r + 3))}${hex(pool(r + 4))}${hex(pool(r + 5))}${hex(pool(r + 6))}${hex(pool(r + 7))}`
  );
}

function hex(byte: number): string {
  return HEX[byte & 0xff] as string;
}

function pool(at: number): number {
  return POOL[at] as number;
}

let nowMillis = Number.NaN;
let nowText = "";

/**
 * The current time as the ISO-8601 text our timestamp columns hold. Formatted once a millisecond: a cycle
 * run's batch stamps a thousand rows within a few.
 */
export function now(): string {
  const millis = Date.now();
  if (millis !== nowMillis) {
    nowMillis = millis;
    nowText = new Date(millis).toISOString();
  }
  return nowText;
}
