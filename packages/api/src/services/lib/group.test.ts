import { describe, expect, it } from "vitest";
import { groupBy, pushTo } from "./group.js";

describe("groupBy", () => {
  it("keeps each group in the items' order and the groups in the order their keys first come", () => {
    const rows = [
      { unit: "b", nip: 1 },
      { unit: "a", nip: 2 },
      { unit: "b", nip: 3 },
      { unit: "c", nip: 4 },
      { unit: "a", nip: 5 },
    ];
    const groups = groupBy(rows, (r) => r.unit);
    expect([...groups.keys()]).toEqual(["b", "a", "c"]);
    expect(groups.get("b")).toEqual([rows[0], rows[2]]);
    expect(groups.get("a")?.map((r) => r.nip)).toEqual([2, 5]);
    expect(groupBy(rows, (r) => r.unit, (r) => r.nip)).toEqual(
      new Map([
        ["b", [1, 3]],
        ["a", [2, 5]],
        ["c", [4]],
      ]),
    );
  });

  it("groups 100,000 rows under one key onto one array, not a copy per row", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => i);
    const groups = new Map<string, number[]>();
    pushTo(groups, "unit", -1);
    const first = groups.get("unit");
    for (const row of rows) pushTo(groups, "unit", row);
    expect(groups.get("unit")).toBe(first);
    expect(groups.get("unit")).toHaveLength(100_001);
    expect(groupBy([], (r: number) => r).size).toBe(0);
  });
});
