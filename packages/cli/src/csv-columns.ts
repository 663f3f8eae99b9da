// The CSV form of an appraisal input: one row per employee, one column per value. The column names
// are documented in docs/input-format.md; this module turns a row into an AppraisalInput and back.
import {
  ORGANISATION_PREDIKAT,
  periodYear,
  RATER_SOURCES,
  ratersOf,
  TARGET_ASPECTS,
  type AppraisalInput,
  type Employee,
  type IndicatorValue,
  type OrganisationPredikat,
  type RaterRatings,
  type RaterSource,
  type RuleSet,
  type TargetAspect,
  type TargetRealisasi,
} from "@kinerja/core";

export class InputError extends Error {
  constructor(
    readonly where: string,
    /** What is wrong and what was expected, without the place. */
    readonly detail: string,
  ) {
    super(where === "" ? detail : `${where}: ${detail}`);
    this.name = "InputError";
  }
}

/**
 * Names the place of a row's cell for messages, or of the row itself when no column is given: a CSV line and
 * column name (`baris 3, kolom nama`), or in a workbook the column's letter beside its name.
 */
export type Place = (column?: string) => string;

export const csvPlace =
  (row: number): Place =>
  (column) =>
    column === undefined ? `baris ${row}` : `baris ${row}, kolom ${column}`;

const EMPLOYEE_COLUMNS: Record<string, keyof Employee> = {
  nip: "nip",
  nama: "nama",
  jabatan: "jabatan",
  jenis_jabatan: "jenisJabatan",
  jenjang: "jenjang",
  golongan: "golongan",
  unit: "unit",
  unit_type: "unitType",
  status: "status",
};
const PERIOD_KINDS = new Set(["monthly", "quarterly", "semester", "annual"]);
const LIST_SEPARATOR = ";";

function parseNumber(text: string, where: string): number {
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new InputError(where, `"${text}" bukan angka; yang diharapkan: angka, mis. 4 atau 3,5 (EN: "${text}" is not a number; expected a number such as 4 or 3.5)`);
  }
  return value;
}

function parseScalar(text: string): string | number | boolean {
  const lower = text.trim().toLowerCase();
  if (lower === "ya" || lower === "true") return true;
  if (lower === "tidak" || lower === "false") return false;
  const n = Number(text.replace(",", "."));
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

/** One target/realisasi column of a row: its indicator, side and aspect, and its values, one per task. */
interface TaskColumn {
  column: string;
  side: "target" | "realisasi";
  aspect: TargetAspect | null;
  numbers: number[];
}

/**
 * An indicator's target and realisasi columns as its value: one task, or several where the cells list
 * several values separated by ";" (PP 46/2011: SKP is the mean over the tasks). Every column of the
 * indicator must list as many values, and target and realisasi go together.
 */
function taskValue(indicator: string, columns: TaskColumn[], place: Place): IndicatorValue {
  const widest = columns.reduce((a, b) => (b.numbers.length > a.numbers.length ? b : a));
  const count = widest.numbers.length;
  for (const c of columns) {
    if (c.numbers.length === count) continue;
    throw new InputError(
      place(c.column),
      `${c.numbers.length} tugas, padahal kolom ${widest.column} berisi ${count}; yang diharapkan: satu nilai per tugas di setiap kolom ` +
        `indikator ${indicator}, dipisah ";" (EN: ${c.numbers.length} tasks, but column ${widest.column} has ${count}; expected one value ` +
        `per task in every column of indicator ${indicator}, separated by ";")`,
    );
  }
  const byAspect = columns.some((c) => c.aspect !== null);
  const plain = columns.find((c) => c.aspect === null);
  if (byAspect && plain) {
    throw new InputError(
      place(plain.column),
      `indikator ${indicator} punya kolom per aspek dan kolom tanpa aspek; yang diharapkan: salah satunya saja ` +
        `(EN: indicator ${indicator} has columns per aspect and a column without one; expected only one of the two)`,
    );
  }
  for (const c of columns) {
    const other = c.side === "target" ? "realisasi" : "target";
    if (columns.some((d) => d.side === other && d.aspect === c.aspect)) continue;
    const wanted = `${other}.${indicator}${c.aspect === null ? "" : `.${c.aspect}`}`;
    throw new InputError(
      place(c.column),
      `kolom ${wanted} kosong atau tidak ada; yang diharapkan: ${c.side} dan ${other} bersama ` +
        `(EN: column ${wanted} is empty or missing; expected ${c.side} and ${other} together)`,
    );
  }
  const tasks = Array.from({ length: count }, (_, i) => {
    if (!byAspect) {
      const side = (name: "target" | "realisasi") => columns.find((c) => c.side === name)!.numbers[i]!;
      return { target: side("target"), realisasi: side("realisasi") };
    }
    const task: TargetRealisasi = { target: {}, realisasi: {} };
    for (const c of columns) task[c.side][c.aspect!] = c.numbers[i]!;
    return task;
  });
  return tasks.length === 1 ? tasks[0]! : tasks;
}

/** Turns one CSV row (header → cell) into an appraisal input; `row` is the 1-based line number for errors. */
export function rowToInput(cells: Record<string, string>, row: number): AppraisalInput {
  const read = readRow(cells, csvPlace(row));
  if (read.problems.length > 0) throw read.problems[0]!;
  return read.input!;
}

/**
 * Turns one row (header → cell text) into an appraisal input, or says what is wrong with every bad cell of it:
 * one problem does not hide the next.
 */
export function readRow(cells: Record<string, string>, place: Place): { input?: AppraisalInput; problems: InputError[] } {
  const problems: InputError[] = [];
  const collect = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
    }
  };
  const employee: Partial<Employee> = {};
  const attributes: Record<string, string | number | boolean> = {};
  const ratings: Partial<Record<RaterSource, RaterRatings | RaterRatings[]>> = {};
  const values: Record<string, IndicatorValue> = {};
  const facts: Record<string, string | number | boolean | null> = {};
  const input: AppraisalInput = { employee: employee as Employee };
  const taskColumns = new Map<string, TaskColumn[]>();

  for (const [column, raw] of Object.entries(cells)) {
    const text = raw.trim();
    if (text === "") continue;
    collect(() => readCell(column, text));
  }
  function readCell(column: string, text: string): void {
    const where = place(column);
    const [head, ...rest] = column.split(".");
    const name = rest.join(".");
    if (head !== undefined && head in EMPLOYEE_COLUMNS && rest.length === 0) {
      (employee as Record<string, string>)[EMPLOYEE_COLUMNS[head] as string] = text;
    } else if (head === "atribut" && name) {
      attributes[name] = parseScalar(text);
    } else if (head === "periode" && rest.length === 0) {
      input.period = { kind: input.period?.kind ?? "annual", label: text, ...(input.period?.months ? { months: input.period.months } : {}) };
    } else if (head === "jenis_periode" && rest.length === 0) {
      if (!PERIOD_KINDS.has(text)) {
        const kinds = [...PERIOD_KINDS].join(", ");
        throw new InputError(where, `"${text}" bukan jenis periode; yang diharapkan: salah satu dari ${kinds} (EN: "${text}" is not a period kind, expected one of ${kinds})`);
      }
      input.period = { label: input.period?.label ?? "", ...input.period, kind: text as NonNullable<AppraisalInput["period"]>["kind"] };
    } else if (head === "bulan" && rest.length === 0) {
      input.period = { kind: input.period?.kind ?? "annual", label: input.period?.label ?? "", months: parseNumber(text, where) };
    } else if (head !== undefined && (RATER_SOURCES as readonly string[]).includes(head) && name) {
      const source = head as RaterSource;
      const numbers = text.split(LIST_SEPARATOR).map((part) => parseNumber(part, where));
      if (numbers.length === 1 && source !== "peer" && source !== "public") {
        const sheet = (ratings[source] ?? {}) as RaterRatings;
        sheet[name] = numbers[0] as number;
        ratings[source] = sheet;
      } else {
        const sheets = (Array.isArray(ratings[source]) ? ratings[source] : []) as RaterRatings[];
        numbers.forEach((value, i) => {
          sheets[i] = { ...(sheets[i] ?? {}), [name]: value };
        });
        ratings[source] = sheets;
      }
    } else if (head === "nilai" && name) {
      // Several achievement percentages of one indicator, one per task, are separated by ";".
      values[name] = text.includes(LIST_SEPARATOR)
        ? text.split(LIST_SEPARATOR).map((part) => parseNumber(part.trim(), where))
        : (parseScalar(text) as number | boolean);
    } else if ((head === "target" || head === "realisasi") && name) {
      const [indicator, aspect] = name.split(".");
      if (!indicator) throw new InputError(where, "expected target.<indicator> or target.<indicator>.<aspect>");
      if (aspect !== undefined && !(TARGET_ASPECTS as readonly string[]).includes(aspect)) {
        const aspects = TARGET_ASPECTS.join(", ");
        throw new InputError(where, `"${aspect}" bukan aspek; yang diharapkan: salah satu dari ${aspects} (EN: "${aspect}" is not an aspect, expected one of ${aspects})`);
      }
      const numbers = text.split(LIST_SEPARATOR).map((part) => parseNumber(part.trim(), where));
      const columns = taskColumns.get(indicator) ?? [];
      columns.push({ column, side: head, aspect: (aspect as TargetAspect | undefined) ?? null, numbers });
      taskColumns.set(indicator, columns);
    } else if (head === "fakta" && name) {
      facts[name] = parseScalar(text);
    } else if (head === "predikat_unit" && rest.length === 0) {
      if (!(ORGANISATION_PREDIKAT as readonly string[]).includes(text)) {
        const expected = ORGANISATION_PREDIKAT.join(", ");
        throw new InputError(
          where,
          `"${text}" bukan predikat organisasi; yang diharapkan: salah satu dari ${expected} (EN: "${text}" is not an organisation predikat, expected one of ${expected})`,
        );
      }
      input.unit = { ...input.unit, predikat: text as OrganisationPredikat };
    } else if (head === "pimpinan_unit" && rest.length === 0) {
      const leads = parseScalar(text);
      if (typeof leads !== "boolean") {
        throw new InputError(where, `"${text}" bukan ya/tidak; yang diharapkan: ya atau tidak (EN: "${text}" is not yes/no, expected ya or tidak)`);
      }
      input.unit = { ...input.unit, pimpinan: leads };
    } else if (head === "riwayat" && rest.length === 0) {
      input.history = text.split(LIST_SEPARATOR).map((entry) => {
        const [period, predikat] = entry.split(":").map((s) => s.trim());
        const year = periodYear(period);
        if (!period || !predikat || year === null) {
          throw new InputError(
            where,
            `"${entry}": yang diharapkan <tahun>:<predikat> atau <periode>:<predikat> dengan periode yang diawali tahunnya, mis. 2024:baik;2025-S1:baik ` +
              `(EN: expected <year>:<predikat> or <period>:<predikat> with a period label that begins with its year)`,
          );
        }
        return period === String(year) ? { year, predikat } : { year, period, predikat };
      });
    } else {
      throw new InputError(
        where,
        "kolom tidak dikenal; yang diharapkan: nip, nama, jabatan, …, atribut.<x>, <self|peer|supervisor|subordinate|public>.<indicator>, nilai.<indicator>, target.<indicator>[.<aspect>], realisasi.<indicator>[.<aspect>], fakta.<x>, riwayat, predikat_unit, pimpinan_unit, periode, jenis_periode, bulan (EN: unknown column)",
      );
    }
  }
  for (const [indicator, columns] of taskColumns) collect(() => (values[indicator] = taskValue(indicator, columns, place)));
  for (const required of ["nip", "nama", "jabatan", "unit"] as const) {
    if (employee[required]) continue;
    problems.push(new InputError(place(required), `kosong; yang diharapkan: ${required} pegawai, wajib diisi (EN: column ${required} is empty, expected a value)`));
  }
  if (problems.length > 0) return { problems };
  if (Object.keys(attributes).length > 0) employee.attributes = attributes;
  if (Object.keys(ratings).length > 0) input.ratings = ratings;
  if (Object.keys(values).length > 0) input.values = values;
  if (Object.keys(facts).length > 0) input.facts = facts;
  return { input, problems };
}

/** The CSV header for a rule set's inputs: every column `inputToRow` can fill. */
export function csvColumns(ruleSet: RuleSet): string[] {
  const columns = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "unit", "unit_type", "status", "atribut.guru", "atribut.atasan", "jenis_periode", "periode", "bulan"];
  const seen = new Set<string>();
  for (const set of ruleSet.indicatorSets) {
    for (const indicator of set.indicators) {
      if (seen.has(indicator.id)) continue;
      seen.add(indicator.id);
      const input = indicator.input;
      if (input.kind === "rating") for (const source of ratersOf(ruleSet, indicator)) columns.push(`${source}.${indicator.id}`);
      else if (input.kind === "target") {
        for (const aspect of input.aspects) columns.push(`target.${indicator.id}.${aspect}`, `realisasi.${indicator.id}.${aspect}`);
      } else if (input.kind === "achievement") columns.push(`target.${indicator.id}`, `realisasi.${indicator.id}`);
      else columns.push(`nilai.${indicator.id}`);
    }
  }
  for (const name of Object.keys(ruleSet.facts)) columns.push(`fakta.${name}`);
  columns.push("riwayat", "predikat_unit", "pimpinan_unit");
  return columns;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "boolean") return value ? "ya" : "tidak";
  return String(value);
}

/** Flattens an input into CSV cells under `csvColumns`' names. */
export function inputToRow(input: AppraisalInput): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [column, key] of Object.entries(EMPLOYEE_COLUMNS)) row[column] = cell(input.employee[key]);
  for (const [name, value] of Object.entries(input.employee.attributes ?? {})) row[`atribut.${name}`] = cell(value);
  if (input.period) {
    row.jenis_periode = input.period.kind;
    row.periode = input.period.label;
    row.bulan = cell(input.period.months);
  }
  for (const [source, given] of Object.entries(input.ratings ?? {})) {
    const sheets = Array.isArray(given) ? given : [given];
    const indicators = new Set(sheets.flatMap((s) => Object.keys(s)));
    for (const indicator of indicators) {
      row[`${source}.${indicator}`] = sheets.map((s) => cell(s[indicator])).filter((c) => c !== "").join(LIST_SEPARATOR);
    }
  }
  for (const [indicator, value] of Object.entries(input.values ?? {})) {
    if (typeof value !== "object") {
      row[`nilai.${indicator}`] = cell(value);
      continue;
    }
    // Several tasks: each column lists one value per task, separated by ";".
    const tasks = Array.isArray(value) ? value : [value];
    const columns = new Map<string, string[]>();
    const put = (column: string, v: unknown) => columns.set(column, [...(columns.get(column) ?? []), cell(v)]);
    for (const task of tasks) {
      if (typeof task === "number") put(`nilai.${indicator}`, task);
      else if (typeof task.target === "number") {
        put(`target.${indicator}`, task.target);
        put(`realisasi.${indicator}`, task.realisasi);
      } else {
        for (const [aspect, v] of Object.entries(task.target)) put(`target.${indicator}.${aspect}`, v);
        for (const [aspect, v] of Object.entries(task.realisasi as Record<string, number>)) put(`realisasi.${indicator}.${aspect}`, v);
      }
    }
    for (const [column, cells] of columns) row[column] = cells.join(LIST_SEPARATOR);
  }
  for (const [name, value] of Object.entries(input.facts ?? {})) row[`fakta.${name}`] = cell(value);
  if (input.history) row.riwayat = input.history.map((h) => `${h.period ?? h.year}:${h.predikat}`).join(LIST_SEPARATOR);
  if (input.unit?.predikat) row.predikat_unit = input.unit.predikat;
  if (input.unit?.pimpinan !== undefined) row.pimpinan_unit = cell(input.unit.pimpinan);
  return row;
}
