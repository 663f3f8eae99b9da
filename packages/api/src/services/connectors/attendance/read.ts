// Reading an attendance file into punches (machine user id, day, time), line by line, against the mapping:
// - attlog: the text a ZKTeco-style fingerprint machine writes (attlog.dat), one punch a line, tab-separated:
//   user id, `YYYY-MM-DD HH:MM:SS`, verify mode, in/out state, work code…; the mapping says which columns.
// - csv: an attendance app's export with a header row; the mapping names the user id column and either one
//   date-time column or a date and a time column, and the date's format.
// Every line that cannot be read is reported (line, field, value, what was expected); none is guessed.
import { parse as parseCsv } from "csv-parse/sync";
import type { RowProblem } from "../connector.js";
import type { AttendanceMapping } from "./mapping.js";

export interface Punch {
  line: number;
  userId: string;
  day: string;
  time: string;
}

export interface PunchRead {
  rows: number;
  punches: Punch[];
  problems: RowProblem[];
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function realDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

function normalTime(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  return [h, min, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** A date in the mapping's format as YYYY-MM-DD, or null. */
function isoDate(text: string, format: AttendanceMapping["csv"]["dateFormat"]): string | null {
  const m = format === "YYYY-MM-DD" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : format === "DD/MM/YYYY" ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) : /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = format === "YYYY-MM-DD" ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const day = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return realDay(day) ? day : null;
}

function problem(line: number, field: string, value: string, message: string, expected: string): RowProblem {
  return { line, field, value: value.slice(0, 200), message, expected };
}

/** The punches of a machine's attlog text. */
export function readAttlog(text: string, mapping: AttendanceMapping["attlog"]): PunchRead {
  const read: PunchRead = { rows: 0, punches: [], problems: [] };
  const { userId: userColumn, dateTime: timeColumn } = mapping.columns;
  text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    read.rows++;
    const cells = raw.split("\t").map((c) => c.trim());
    const userId = cells[userColumn - 1] ?? "";
    const stamp = cells[timeColumn - 1] ?? "";
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(userId)) {
      read.problems.push(problem(line, `kolom ${userColumn} (ID pengguna)`, userId, "ID pengguna mesin tidak terbaca", "angka atau huruf tanpa spasi, paling banyak 32 karakter, dipisah tab dari kolom berikutnya"));
      return;
    }
    const m = DATE_TIME.exec(stamp);
    const time = m ? normalTime(m[2]!) : null;
    if (!m || !realDay(m[1]!) || !time) {
      read.problems.push(problem(line, `kolom ${timeColumn} (waktu)`, stamp, "waktu absen tidak terbaca", "YYYY-MM-DD HH:MM:SS, mis. 2025-01-06 07:28:03"));
      return;
    }
    read.punches.push({ line, userId, day: m[1]!, time });
  });
  return read;
}

/** The punches of an attendance app's CSV export. */
export function readAttendanceCsv(text: string, mapping: AttendanceMapping["csv"]): PunchRead {
  const read: PunchRead = { rows: 0, punches: [], problems: [] };
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ""), { delimiter: mapping.delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    read.problems.push(problem(line, "berkas", "", `CSV tidak terbaca: ${(error as Error).message}`, `CSV dengan pemisah "${mapping.delimiter}" dan tanda kutip berpasangan`));
    return read;
  }
  const [headers, ...rows] = records;
  if (!headers) {
    read.problems.push(problem(1, "baris judul", "", "berkas kosong", "baris judul lalu satu baris per absen"));
    return read;
  }
  const columns = mapping.columns;
  const wanted = "dateTime" in columns ? [columns.userId, columns.dateTime] : [columns.userId, columns.date, columns.time];
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = wanted.filter((h) => !index.has(h.toLowerCase()));
  if (missing.length > 0) {
    read.problems.push(problem(1, "baris judul", headers.join(mapping.delimiter), `kolom ${missing.map((m) => `"${m}"`).join(", ")} tidak ada`, `kolom sesuai berkas pemetaan: ${wanted.join(", ")}`));
    return read;
  }
  const cell = (row: string[], name: string) => row[index.get(name.toLowerCase())!] ?? "";
  rows.forEach((row, i) => {
    const line = i + 2;
    read.rows++;
    const userId = cell(row, columns.userId);
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(userId)) {
      read.problems.push(problem(line, columns.userId, userId, "ID pengguna tidak terbaca", "NIP atau ID presensi: angka atau huruf tanpa spasi"));
      return;
    }
    let day: string | null;
    let time: string | null;
    if ("dateTime" in columns) {
      const stamp = cell(row, columns.dateTime);
      const [datePart = "", timePart = ""] = stamp.split(/[ T]/);
      day = isoDate(datePart, mapping.dateFormat);
      time = normalTime(timePart);
      if (!day || !time) {
        read.problems.push(problem(line, columns.dateTime, stamp, "waktu absen tidak terbaca", `${mapping.dateFormat} HH:MM:SS`));
        return;
      }
    } else {
      day = isoDate(cell(row, columns.date), mapping.dateFormat);
      if (!day) {
        read.problems.push(problem(line, columns.date, cell(row, columns.date), "tanggal tidak terbaca", `tanggal ${mapping.dateFormat} yang ada di kalender`));
        return;
      }
      time = normalTime(cell(row, columns.time));
      if (!time) {
        read.problems.push(problem(line, columns.time, cell(row, columns.time), "jam tidak terbaca", "HH:MM atau HH:MM:SS, 00:00–23:59"));
        return;
      }
    }
    read.punches.push({ line, userId, day, time });
  });
  return read;
}
