// Reads appraisal inputs as a stream from JSON (an array), JSON Lines or CSV, so large files never sit
// in memory whole; every bad record is reported with its line, the JSON pointer of each problem and what
// was expected.
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { validateInput, type AppraisalInput } from "@kinerja/core";
import { InputError, rowToInput } from "./csv-columns.js";

export type InputFormat = "json" | "jsonl" | "csv";

export function formatOf(path: string): InputFormat {
  if (path.endsWith(".csv")) return "csv";
  if (path.endsWith(".jsonl") || path.endsWith(".ndjson")) return "jsonl";
  if (path.endsWith(".json")) return "json";
  throw new InputError(path, "unknown input format, expected a .json, .jsonl or .csv file");
}

/** A record read: the input, or what is wrong with it (each problem with its JSON pointer). */
export type ReadInput = { where: string; input: AppraisalInput; problems?: undefined } | { where: string; input?: undefined; problems: string[] };

/** A record checked against the appraisal input's shape (@kinerja/core's validateInput). */
function checked(value: unknown, where: string): ReadInput {
  const result = validateInput(value, where);
  if (result.ok) return { where, input: result.input };
  return { where, problems: result.issues.map((issue) => `${issue.pointer || "/"}: ${issue.message}`) };
}

/**
 * Yields each input with the place it came from, for error messages. A JSON record that is not an appraisal
 * input is yielded with its problems, so the others are still read; a file that is not JSON stops the read.
 */
export async function* readInputs(path: string): AsyncGenerator<ReadInput> {
  const format = formatOf(path);
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new InputError(path, `not valid JSON: ${(error as Error).message}`);
    }
    const items = Array.isArray(data) ? data : [data];
    for (const [i, item] of items.entries()) yield checked(item, `${path}: [${i}]`);
    return;
  }
  if (format === "jsonl") {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === "") continue;
      const where = `${path}: baris ${line}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new InputError(where, `not valid JSON: ${(error as Error).message}`);
      }
      yield checked(value, where);
    }
    return;
  }
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
  let row = 1;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row++;
    yield { input: rowToInput(record, row), where: `${path}: baris ${row}` };
  }
}
