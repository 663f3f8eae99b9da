// Writes records to a file or stdout as JSON Lines or CSV, waiting on back-pressure so memory stays
// flat however many records flow through.
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { stringify } from "csv-stringify/sync";

export interface RecordWriter {
  write(record: Record<string, unknown>): Promise<void>;
  /** One record as the text `writeText` takes: a batch of records is formatted, joined and written at once. */
  format(record: Record<string, unknown>): string;
  writeText(text: string): Promise<void>;
  close(): Promise<void>;
}

async function put(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

function target(path: string | undefined): NodeJS.WritableStream {
  return path ? createWriteStream(path) : process.stdout;
}

async function finish(stream: NodeJS.WritableStream): Promise<void> {
  if (stream === process.stdout) return;
  const file = stream as WriteStream;
  file.end();
  await once(file, "finish");
}

export function jsonLinesWriter(path?: string): RecordWriter {
  const stream = target(path);
  const format = (record: Record<string, unknown>) => JSON.stringify(record) + "\n";
  return {
    format,
    writeText: (text) => put(stream, text),
    write: (record) => put(stream, format(record)),
    close: () => finish(stream),
  };
}

/** CSV with a fixed header; cells are taken by column name, missing ones left empty. */
export function csvWriter(columns: string[], path?: string): RecordWriter {
  const stream = target(path);
  let started = false;
  const format = (record: Record<string, unknown>) => stringify([columns.map((c) => record[c] ?? "")]);
  const writeText = async (text: string) => {
    if (!started) {
      started = true;
      await put(stream, stringify([columns]));
    }
    await put(stream, text);
  };
  return {
    format,
    writeText,
    write: (record) => writeText(format(record)),
    async close() {
      if (!started) await put(stream, stringify([columns]));
      await finish(stream);
    },
  };
}
