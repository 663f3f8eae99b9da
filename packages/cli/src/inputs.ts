// Reads appraisal inputs as a stream from JSON (an array), JSON Lines or CSV, so large files never sit
// in memory whole, or from an XLSX workbook laid out as the CSV (xlsx-input.ts, read whole: a zip is); every bad record is reported with its line, the JSON pointer of each problem and what
// was expected. Records come in batches (one per chunk read), so a million of them cost a few thousand
// awaits, not a million.
import { createReadStream, readFileSync } from "node:fs";
import { parse } from "csv-parse";
import type { AppraisalInput } from "@kinerja/core";
import { InputError, rowToInput } from "./csv-columns.js";
import { checkInput } from "./input-check.js";
import { readXlsxBatches } from "./xlsx-input.js";

export type InputFormat = "json" | "jsonl" | "csv" | "xlsx";

export function formatOf(path: string): InputFormat {
  if (path.endsWith(".csv")) return "csv";
  if (path.endsWith(".xlsx")) return "xlsx";
  if (path.endsWith(".jsonl") || path.endsWith(".ndjson")) return "jsonl";
  if (path.endsWith(".json")) return "json";
  throw new InputError(path, "unknown input format, expected a .json, .jsonl, .csv or .xlsx file");
}

/** A record read: the input, or what is wrong with it (each problem with its JSON pointer). */
export type ReadInput = { where: string; input: AppraisalInput; problems?: undefined } | { where: string; input?: undefined; problems: string[] };

/** A record checked against the appraisal input's shape (@kinerja/core's validateInput, see input-check.ts). */
function checked(value: unknown, where: string): ReadInput {
  const result = checkInput(value, where);
  if (result.ok) return { where, input: result.input };
  return { where, problems: result.issues.map((issue) => `${issue.pointer || "/"}: ${issue.message}`) };
}

/** CSV records to a batch: enough to make the per-batch await negligible, few enough to keep memory flat. */
const CSV_BATCH = 1000;

/**
 * Yields the inputs in batches, each with the place it came from, for error messages. A JSON record that is
 * not an appraisal input is yielded with its problems, so the others are still read; a file that is not JSON
 * stops the read.
 */
export async function* readInputBatches(path: string): AsyncGenerator<ReadInput[]> {
  const format = formatOf(path);
  if (format === "xlsx") {
    yield* readXlsxBatches(path);
    return;
  }
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new InputError(path, `not valid JSON: ${(error as Error).message}`);
    }
    const items = Array.isArray(data) ? data : [data];
    yield items.map((item, i) => checked(item, `${path}: [${i}]`));
    return;
  }
  if (format === "jsonl") {
    let rest = "";
    let line = 0;
    // A line that is not JSON stops the read, after the records before it are yielded.
    const parseLines = (lines: string[]): { batch: ReadInput[]; broken: InputError | null } => {
      const batch: ReadInput[] = [];
      for (const raw of lines) {
        line++;
        const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
        if (text.trim() === "") continue;
        const where = `${path}: baris ${line}`;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          return { batch, broken: new InputError(where, `not valid JSON: ${(error as Error).message}`) };
        }
        batch.push(checked(value, where));
      }
      return { batch, broken: null };
    };
    const read = async function* (lines: string[]) {
      const { batch, broken } = parseLines(lines);
      if (batch.length > 0) yield batch;
      if (broken) throw broken;
    };
    for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      yield* read(lines);
    }
    if (rest !== "") yield* read([rest]);
    return;
  }
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
  let row = 1;
  let batch: ReadInput[] = [];
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row++;
    batch.push({ input: rowToInput(record, row), where: `${path}: baris ${row}` });
    if (batch.length === CSV_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The inputs one at a time, for commands that take them one by one. */
export async function* readInputs(path: string): AsyncGenerator<ReadInput> {
  for await (const batch of readInputBatches(path)) yield* batch;
}
