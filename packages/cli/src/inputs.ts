// Reads appraisal inputs as a stream from JSON (an array), JSON Lines or CSV, so large files never sit
// in memory whole; every bad record is reported with its line and what was expected.
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import type { AppraisalInput } from "@kinerja/core";
import { InputError, rowToInput } from "./csv-columns.js";

export type InputFormat = "json" | "jsonl" | "csv";

export function formatOf(path: string): InputFormat {
  if (path.endsWith(".csv")) return "csv";
  if (path.endsWith(".jsonl") || path.endsWith(".ndjson")) return "jsonl";
  if (path.endsWith(".json")) return "json";
  throw new InputError(path, "unknown input format, expected a .json, .jsonl or .csv file");
}

function checkShape(value: unknown, where: string): AppraisalInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(where, "expected an object with an employee");
  }
  const employee = (value as { employee?: unknown }).employee;
  if (typeof employee !== "object" || employee === null || typeof (employee as { nip?: unknown }).nip !== "string") {
    throw new InputError(where, "expected employee.nip (a string)");
  }
  return value as AppraisalInput;
}

/** Yields each input with the place it came from, for error messages. */
export async function* readInputs(path: string): AsyncGenerator<{ input: AppraisalInput; where: string }> {
  const format = formatOf(path);
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new InputError(path, `not valid JSON: ${(error as Error).message}`);
    }
    const items = Array.isArray(data) ? data : [data];
    for (const [i, item] of items.entries()) yield { input: checkShape(item, `${path}: [${i}]`), where: `${path}: [${i}]` };
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
      yield { input: checkShape(value, where), where };
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
