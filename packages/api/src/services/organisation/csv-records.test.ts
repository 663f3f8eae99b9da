// The hand-written CSV pass against csv-parse, with the options the employee sheet reads with: on every text
// it does not give up on, the same records; where csv-parse throws, it gives up (and csv-parse is asked).
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRecords, csvRecordStream, fastCsvRecords } from "./csv-records.js";

function byCsvParse(text: string, delimiter: string): string[][] | Error {
  try {
    return parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    return error as Error;
  }
}

const pieces = ["a", "bc", " ", ",", ";", '"', '""', "\r", "\n", "\r\n", "\uFEFF", "é", "x y"];

describe("fastCsvRecords", () => {
  it("reads what csv-parse reads, record for record, or gives up where csv-parse would not agree", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(",", ";"), (parts, delimiter) => {
        const text = parts.join("");
        const fast = fastCsvRecords(text, delimiter);
        const slow = byCsvParse(text, delimiter);
        if (fast !== null) expect(fast).toEqual(slow);
        if (slow instanceof Error) expect(fast).toBeNull();
      }),
      { numRuns: 20_000 },
    );
  });

  it("streams csv-parse's records, one at a time: where the pass gives up midway, the records it gave are csv-parse's first", () => {
    let gaveUpMidway = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(",", ";"), (parts, delimiter) => {
        const text = parts.join("");
        const slow = byCsvParse(text, delimiter);
        const streamed: string[][] = [];
        let thrown: Error | undefined;
        try {
          for (const record of csvRecordStream(text, delimiter)) streamed.push(record);
        } catch (error) {
          thrown = error as Error;
        }
        if (slow instanceof Error) {
          expect(thrown?.message).toBe(slow.message);
        } else {
          expect(thrown).toBeUndefined();
          expect(streamed).toEqual(slow);
          if (fastCsvRecords(text, delimiter) === null && slow.length > 1) gaveUpMidway++;
        }
      }),
      { numRuns: 20_000 },
    );
    // The property above met texts the pass gave up on after records it had given.
    expect(gaveUpMidway).toBeGreaterThan(0);
  });

  it("reads well-formed sheets itself: quoted fields with delimiters, doubled quotes and line breaks, empty lines, a byte order mark", () => {
    const cases: Array<[string, string[][]]> = [
      ["", []],
      ["\n", [[""]]],
      ["a,b\r\nc\r\n\r\nd,e\r\n", [["a", "b"], ["c"], [""], ["d", "e"]]],
      ['\uFEFFnip,nama\n1,"Sari, S.Kom"\n2,"kata ""x"""\n3,"dua\nbaris"', [["nip", "nama"], ["1", "Sari, S.Kom"], ["2", 'kata "x"'], ["3", "dua\nbaris"]]],
      ["a,b\nc\r\nd", [["a", "b"], ["c\r"], ["d"]]],
      ["a,b\r\nc\nd", [["a", "b"], ["c\nd"]]],
      ["a\nb\nc,d\ne", [["a"], ["b"], ["c", "d"], ["e"]]],
    ];
    for (const [text, records] of cases) {
      expect(fastCsvRecords(text, ",")).toEqual(records);
      expect(byCsvParse(text, ",")).toEqual(records);
    }
  });

  it("leaves a bad file to csv-parse, whose message the import quotes", () => {
    for (const text of ['a,b"c', 'a,"b"c', 'a,"b', 'a\n"b"\r\nc']) {
      expect(fastCsvRecords(text, ",")).toBeNull();
      expect(() => csvRecords(text, ",")).toThrow((byCsvParse(text, ",") as Error).message);
    }
  });
});
