// CSV text into records, as csv-parse reads it with { bom, delimiter, relax_column_count, skip_empty_lines: false }:
// a hand-written pass for well-formed text (about three times faster on a region's sheet of 100,000 rows), and
// csv-parse itself for anything else. The pass gives up (returns null) at the first thing it is not sure to
// read as csv-parse does (a quote inside an unquoted field, text after a closing quote, an unclosed quote, a
// first line holding a quote), and csv-parse then reads the whole text again and throws its own message, so a
// bad file is refused with the same words either way. `csv-records.test.ts` holds the two to the same records.
import { parse as parseCsv } from "csv-parse/sync";

const QUOTE = 34;

/**
 * Records of well-formed CSV, one at a time; returns true at the end of the text, or false where csv-parse
 * must read it (the records before were read as csv-parse reads them). The record delimiter is found as
 * csv-parse finds it: the first of "\r\n", "\n" or "\r" in the text, then only that one ends a record.
 */
function* fastCsvRecordStream(input: string, delimiter: string): Generator<string[], boolean, undefined> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const length = text.length;
  if (length === 0) return true;
  const firstCr = text.indexOf("\r");
  const firstLf = text.indexOf("\n");
  let newline: string;
  if (firstCr === -1 && firstLf === -1) newline = "\n";
  else if (firstCr !== -1 && (firstLf === -1 || firstCr < firstLf)) newline = text.charCodeAt(firstCr + 1) === 10 ? "\r\n" : "\r";
  else newline = "\n";
  const firstBreak = firstCr === -1 ? firstLf : firstLf === -1 ? firstCr : Math.min(firstCr, firstLf);
  // csv-parse finds the record delimiter before or inside quotes in ways not worth copying: such a first line is its to read.
  const firstQuote = text.indexOf('"');
  if (firstQuote !== -1 && (firstBreak === -1 || firstQuote < firstBreak)) return false;

  const newlineLength = newline.length;
  const newlineFirst = newline.charCodeAt(0);
  const delimiterCode = delimiter.charCodeAt(0);
  let record: string[] = [];
  let at = 0;
  // Where the next quote, record delimiter and delimiter are, looked up once and moved forward as passed.
  let nextQuote = firstQuote === -1 ? length : firstQuote;
  let lineEnd = text.indexOf(newline);
  if (lineEnd === -1) lineEnd = length;
  let nextDelimiter = -1;
  for (;;) {
    if (at < length && text.charCodeAt(at) === QUOTE) {
      // A quoted field: up to the quote not doubled, which must be followed by a delimiter, a record's end or the end.
      let value = "";
      let from = at + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return false;
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(from, close + 1);
          from = close + 2;
          continue;
        }
        value += text.slice(from, close);
        at = close + 1;
        break;
      }
      record.push(value);
      nextQuote = text.indexOf('"', at);
      if (nextQuote === -1) nextQuote = length;
      if (lineEnd < at) {
        lineEnd = text.indexOf(newline, at);
        if (lineEnd === -1) lineEnd = length;
      }
      if (at === length) {
        yield record;
        return true;
      }
      const next = text.charCodeAt(at);
      if (next === delimiterCode) {
        at++;
        continue;
      }
      if (next === newlineFirst && text.startsWith(newline, at)) {
        yield record;
        record = [];
        at += newlineLength;
        if (at === length) return true;
        lineEnd = text.indexOf(newline, at);
        if (lineEnd === -1) lineEnd = length;
        continue;
      }
      return false;
    }
    // An unquoted field: up to the next delimiter on this record; no quote may stand in it. The next delimiter
    // is looked up again only once passed, so lines without one do not each search the rest of the text.
    if (nextDelimiter < at) {
      nextDelimiter = text.indexOf(delimiter, at);
      if (nextDelimiter === -1) nextDelimiter = length;
    }
    const end = nextDelimiter < lineEnd ? nextDelimiter : lineEnd;
    if (nextQuote < end) return false;
    record.push(text.slice(at, end));
    if (end === lineEnd) {
      yield record;
      if (end === length) return true;
      record = [];
      at = end + newlineLength;
      if (at === length) return true;
      lineEnd = text.indexOf(newline, at);
      if (lineEnd === -1) lineEnd = length;
    } else {
      at = end + 1;
    }
  }
}

/** Records of well-formed CSV, or null when csv-parse must read the text. */
export function fastCsvRecords(text: string, delimiter: string): string[][] | null {
  const records: string[][] = [];
  const stream = fastCsvRecordStream(text, delimiter);
  for (let step = stream.next(); ; step = stream.next()) {
    if (step.done) return step.value ? records : null;
    records.push(step.value);
  }
}

/**
 * The records of CSV text separated by `delimiter`, one at a time, so a reader can act on the first while
 * the rest are still to be read. Where the hand-written pass gives up, csv-parse reads the whole text and
 * the records after those already given follow; for a file it cannot read, its error is thrown there.
 */
export function* csvRecordStream(text: string, delimiter: string): Generator<string[], void, undefined> {
  const fast = fastCsvRecordStream(text, delimiter);
  let given = 0;
  for (let step = fast.next(); ; step = fast.next()) {
    if (step.done) {
      if (step.value) return;
      break;
    }
    given++;
    yield step.value;
  }
  const records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  for (let i = given; i < records.length; i++) yield records[i]!;
}

/** The records of CSV text separated by `delimiter`; throws csv-parse's error for a file it cannot read. */
export function csvRecords(text: string, delimiter: string): string[][] {
  return [...csvRecordStream(text, delimiter)];
}
