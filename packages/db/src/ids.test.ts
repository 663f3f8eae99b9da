// Row ids: UUIDv7 text, increasing in the order made, none twice, the time of making in the first 48 bits.
import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("newId", () => {
  it("gives UUIDv7 ids, increasing and distinct, more of them than one draw of random bytes holds", () => {
    const before = Date.now();
    const ids = Array.from({ length: 5_000 }, newId);
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const millis = parseInt(ids[0]!.replace(/-/g, "").slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after + 5_000);
  });
});
