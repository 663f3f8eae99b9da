// A sheet of results from before Kinerja (CSV or XLSX): one row per employee per year with the year's
// annual predikat, read with every bad cell reported by row and column, as the employee sheet is. Columns:
// nip, tahun, predikat (a `nama` column may stand beside them for the reader and is not read). No database
// here: the region's employees and predikat come in as plain values; writing is history-import.ts's.
import { parseNip } from "@kinerja/core";
import { columnName, EMPTY, OutOfBounds, quoted, readSheet, SHEET_LIMITS, type Cell, type ImportFormat, type ImportRowError } from "./employee-sheet.js";
import { formatNumberId } from "../lib/index.js";

/** One year's predikat of one employee, as a good row gives it. */
export interface SheetHistoryEntry {
  row: number;
  employeeId: string;
  year: number;
  predikat: string;
}

export interface HistorySheet {
  /** Data rows in the sheet, empty rows left out. */
  rows: number;
  entries: SheetHistoryEntry[];
  /** Every problem, in row order; the sheet is good when there is none. */
  errors: ImportRowError[];
}

export interface HistoryKnown {
  /** Employee id by NIP. */
  employees: ReadonlyMap<string, string>;
  /** The region's predikat: an id or its label may be written. */
  predikat: ReadonlyArray<{ id: string; label: string }>;
  /** The year now (in Indonesia): a year not yet over has no annual result to import. */
  currentYear: number;
}

type Field = "nip" | "tahun" | "predikat" | "nama";
const COLUMNS = new Map<string, Field>([
  ["nip", "nip"],
  ["tahun", "tahun"],
  ["year", "tahun"],
  ["predikat", "predikat"],
  ["predikat_kinerja", "predikat"],
  ["nama", "nama"],
  ["nama_pegawai", "nama"],
]);
const REQUIRED: readonly Field[] = ["nip", "tahun", "predikat"];
const EARLIEST_YEAR = 1950;

/** A predikat as people write it: "Sangat Baik", "sangat_baik", "SANGAT BAIK". */
function predikatKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s/-]+/g, "_");
}

/** Reads a history sheet against the region's employees and predikat. */
export async function parseHistorySheet(format: ImportFormat, bytes: Uint8Array, known: HistoryKnown): Promise<HistorySheet> {
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(format, bytes);
  } catch (error) {
    if (error instanceof OutOfBounds) {
      const cell = `${columnName(error.column)}${error.row}`;
      return {
        rows: 0,
        entries: [],
        errors: [
          {
            row: error.row,
            column: columnName(error.column),
            value: "",
            message: `sel ${cell} terisi, di luar batas berkas riwayat`,
            expected: `paling banyak ${formatNumberId(SHEET_LIMITS.rows, 0)} baris data; bagi berkas yang lebih besar menjadi beberapa berkas`,
          },
        ],
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { rows: 0, entries: [], errors: [{ row: 1, column: "", value: "", message: `Berkas tidak bisa dibaca: ${reason}`, expected: `berkas ${format.toUpperCase()} yang sah` }] };
  }

  const columns = sheet.header.map((header) => COLUMNS.get(header.trim().toLowerCase().replace(/\s+/g, "_")));
  const errors: ImportRowError[] = [];
  sheet.header.forEach((header, i) => {
    if (columns[i] === undefined) {
      errors.push({ row: 1, column: quoted(header), value: quoted(header), message: "kolom tidak dikenal", expected: "nip, tahun, predikat (dan nama, yang tidak dibaca)" });
    }
  });
  for (const field of REQUIRED) {
    if (!columns.includes(field)) errors.push({ row: 1, column: field, value: "", message: `kolom ${field} tidak ada`, expected: "baris judul nip, tahun, predikat" });
  }
  if (errors.length > 0) return { rows: sheet.rows.length, entries: [], errors };

  const byKey = new Map<string, string>();
  for (const p of known.predikat) {
    byKey.set(predikatKey(p.id), p.id);
    byKey.set(predikatKey(p.label), p.id);
  }
  const allowed = known.predikat.map((p) => `${p.id} (${p.label})`).join(", ");
  const seen = new Map<string, number>();
  const entries: SheetHistoryEntry[] = [];
  for (const { row, cells } of sheet.rows) {
    const get = (field: Field): Cell => {
      const index = columns.indexOf(field);
      return index < 0 ? EMPTY : (cells[index] ?? EMPTY);
    };
    const before = errors.length;
    const fail = (column: string, value: string, message: string, expected: string) => errors.push({ row, column, value: quoted(value), message, expected });

    const nipCell = get("nip");
    const nipText = nipCell.text.replace(/\s+/g, "");
    let employeeId: string | undefined;
    let nip = nipText;
    if (nipCell.numeric) {
      fail("nip", nipCell.text, "NIP tersimpan sebagai angka, sehingga digit terakhirnya bisa berubah", "kolom NIP berformat Teks (18 digit)");
    } else if (nipText === "") {
      fail("nip", "", "kosong", "NIP 18 digit");
    } else {
      const check = parseNip(nipText);
      if (!check.ok) fail("nip", nipCell.text, check.error, "NIP 18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut");
      else {
        nip = check.value.nip;
        employeeId = known.employees.get(nip);
        if (employeeId === undefined) fail("nip", nip, "pegawai dengan NIP ini tidak ada di wilayah ini", "NIP pegawai yang sudah ada (impor data pegawai lebih dulu)");
      }
    }

    const yearText = get("tahun").text;
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    if (year === null) {
      fail("tahun", yearText, yearText === "" ? "kosong" : "bukan tahun", "tahun empat angka, mis. 2023");
    } else if (year < EARLIEST_YEAR || year >= known.currentYear) {
      fail("tahun", yearText, year >= known.currentYear ? "tahun ini belum selesai atau belum datang" : "terlalu lama", `tahun ${EARLIEST_YEAR} sampai ${known.currentYear - 1}`);
    }

    const predikatText = get("predikat").text;
    const predikat = byKey.get(predikatKey(predikatText));
    if (predikat === undefined) {
      fail("predikat", predikatText, predikatText === "" ? "kosong" : "predikat tidak dikenal aturan wilayah ini", `salah satu dari ${allowed}`);
    }

    if (year !== null && nip !== "") {
      const key = `${nip}\u0000${year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) fail("tahun", String(year), `NIP ${nip} tahun ${year} sudah ada di baris ${earlier}`, "satu predikat per pegawai per tahun");
      else seen.set(key, row);
    }
    if (errors.length === before && employeeId !== undefined && year !== null && predikat !== undefined) {
      entries.push({ row, employeeId, year, predikat });
    }
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, column: "", value: "", message: "tidak ada baris data", expected: "paling sedikit satu baris nip, tahun, predikat" });
  errors.sort((a, b) => a.row - b.row);
  return { rows: sheet.rows.length, entries: errors.length > 0 ? [] : entries, errors };
}
