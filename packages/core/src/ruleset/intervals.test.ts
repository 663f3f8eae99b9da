import { describe, expect, it } from "vitest";
import { boundInterval, contains, describeInterval, EVERY_NUMBER, gaps, intersect, isEmpty, type Interval } from "./intervals.js";

const closedOpen = (lo: number, hi: number): Interval => ({ lo, loIncluded: true, hi, hiIncluded: false });

describe("intervals", () => {
  it("intersects bounds and detects empty results", () => {
    const both = intersect(boundInterval("greaterThan", 90), boundInterval("lessThan", 80));
    expect(isEmpty(both)).toBe(true);
    expect(isEmpty(intersect(boundInterval("greaterThanInclusive", 90), boundInterval("lessThanInclusive", 90)))).toBe(false);
    expect(isEmpty(intersect(boundInterval("greaterThan", 90), boundInterval("lessThanInclusive", 90)))).toBe(true);
  });

  it("tells containment", () => {
    expect(contains(boundInterval("greaterThanInclusive", 76), boundInterval("greaterThanInclusive", 91))).toBe(true);
    expect(contains(boundInterval("greaterThan", 76), boundInterval("greaterThanInclusive", 76))).toBe(false);
    expect(contains(EVERY_NUMBER, boundInterval("equal", 3))).toBe(true);
  });

  it("finds the gaps between bands", () => {
    const bands = [boundInterval("greaterThanInclusive", 91), closedOpen(76, 90.5), boundInterval("lessThan", 76)];
    expect(gaps(EVERY_NUMBER, bands)).toEqual([closedOpen(90.5, 91)]);
  });

  it("finds a single missing point", () => {
    expect(gaps(EVERY_NUMBER, [boundInterval("lessThan", 90), boundInterval("greaterThan", 90)])).toEqual([boundInterval("equal", 90)]);
  });

  it("finds gaps at the ends of a bounded domain, and none when covered", () => {
    const domain = { lo: 0, loIncluded: true, hi: 100, hiIncluded: true };
    expect(gaps(domain, [closedOpen(50, 80)])).toEqual([closedOpen(0, 50), { lo: 80, loIncluded: true, hi: 100, hiIncluded: true }]);
    expect(gaps(domain, [EVERY_NUMBER])).toEqual([]);
    expect(gaps(domain, [boundInterval("lessThan", 60), boundInterval("greaterThanInclusive", 50)])).toEqual([]);
  });

  it("describes intervals in words, in Indonesian unless English is asked for", () => {
    expect(describeInterval(closedOpen(90.5, 91))).toBe("dari 90.5 sampai sebelum 91");
    expect(describeInterval({ lo: 90, loIncluded: false, hi: 95, hiIncluded: true })).toBe("di atas 90 sampai dengan 95");
    expect(describeInterval(boundInterval("lessThan", 50))).toBe("di bawah 50");
    expect(describeInterval(boundInterval("lessThanInclusive", 50))).toBe("50 ke bawah");
    expect(describeInterval(boundInterval("greaterThanInclusive", 91))).toBe("91 ke atas");
    expect(describeInterval(boundInterval("equal", 90))).toBe("tepat 90");
    expect(describeInterval(EVERY_NUMBER)).toBe("berapa pun");
    expect(describeInterval(closedOpen(90.5, 91), "en")).toBe("from 90.5 up to but not including 91");
    expect(describeInterval({ lo: 90, loIncluded: false, hi: 95, hiIncluded: true }, "en")).toBe("above 90 up to and including 95");
    expect(describeInterval(boundInterval("lessThan", 50), "en")).toBe("below 50");
    expect(describeInterval(boundInterval("lessThanInclusive", 50), "en")).toBe("50 and below");
    expect(describeInterval(boundInterval("greaterThanInclusive", 91), "en")).toBe("91 and above");
    expect(describeInterval(boundInterval("greaterThan", 91), "en")).toBe("above 91");
    expect(describeInterval(boundInterval("equal", 90), "en")).toBe("exactly 90");
    expect(describeInterval(EVERY_NUMBER, "en")).toBe("any value");
  });
});
