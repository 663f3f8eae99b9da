// The CSV form of an appraisal input: one row per employee, one column per value. The column names
// are documented in docs/input-format.md; this module turns a row into an AppraisalInput and back.
import {
  periodYear,
  RATER_SOURCES,
  ratersOf,
  TARGET_ASPECTS,
  type AppraisalInput,
  type Employee,
  type IndicatorValue,
  type RaterRatings,
  type RaterSource,
  type RuleSet,
  type TargetAspect,
} from "@kinerja/core";

export class InputError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "InputError";
  }
}

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
  if (text.trim() === "" || !Number.isFinite(value)) throw new InputError(where, `"${text}" is not a number`);
  return value;
}

function parseScalar(text: string): string | number | boolean {
  const lower = text.trim().toLowerCase();
  if (lower === "ya" || lower === "true") return true;
  if (lower === "tidak" || lower === "false") return false;
  const n = Number(text.replace(",", "."));
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

function targetPair(values: Record<string, IndicatorValue>, indicator: string): { target: Record<string, number>; realisasi: Record<string, number> } {
  const existing = values[indicator];
  if (existing && typeof existing === "object" && typeof existing.target === "object") {
    return existing as { target: Record<string, number>; realisasi: Record<string, number> };
  }
  const pair = { target: {}, realisasi: {} };
  values[indicator] = pair;
  return pair;
}

/** Turns one CSV row (header → cell) into an appraisal input; `row` is the 1-based line number for errors. */
export function rowToInput(cells: Record<string, string>, row: number): AppraisalInput {
  const employee: Partial<Employee> = {};
  const attributes: Record<string, string | number | boolean> = {};
  const ratings: Partial<Record<RaterSource, RaterRatings | RaterRatings[]>> = {};
  const values: Record<string, IndicatorValue> = {};
  const facts: Record<string, string | number | boolean | null> = {};
  const input: AppraisalInput = { employee: employee as Employee };

  for (const [column, raw] of Object.entries(cells)) {
    const text = raw.trim();
    if (text === "") continue;
    const where = `baris ${row}, kolom ${column}`;
    const [head, ...rest] = column.split(".");
    const name = rest.join(".");
    if (head !== undefined && head in EMPLOYEE_COLUMNS && rest.length === 0) {
      (employee as Record<string, string>)[EMPLOYEE_COLUMNS[head] as string] = text;
    } else if (head === "atribut" && name) {
      attributes[name] = parseScalar(text);
    } else if (head === "periode" && rest.length === 0) {
      input.period = { kind: input.period?.kind ?? "annual", label: text, ...(input.period?.months ? { months: input.period.months } : {}) };
    } else if (head === "jenis_periode" && rest.length === 0) {
      if (!PERIOD_KINDS.has(text)) throw new InputError(where, `"${text}" is not a period kind, expected one of ${[...PERIOD_KINDS].join(", ")}`);
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
      values[name] = parseScalar(text) as number | boolean;
    } else if ((head === "target" || head === "realisasi") && name) {
      const [indicator, aspect] = name.split(".");
      if (!indicator) throw new InputError(where, "expected target.<indicator> or target.<indicator>.<aspect>");
      if (aspect === undefined) {
        const existing = values[indicator];
        const pair = (typeof existing === "object" ? existing : {}) as { target: number; realisasi: number };
        pair[head] = parseNumber(text, where);
        values[indicator] = pair;
      } else {
        if (!(TARGET_ASPECTS as readonly string[]).includes(aspect)) {
          throw new InputError(where, `"${aspect}" is not an aspect, expected one of ${TARGET_ASPECTS.join(", ")}`);
        }
        targetPair(values, indicator)[head][aspect as TargetAspect] = parseNumber(text, where);
      }
    } else if (head === "fakta" && name) {
      facts[name] = parseScalar(text);
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
        "unknown column; expected nip, nama, jabatan, …, atribut.<x>, <self|peer|supervisor|subordinate|public>.<indicator>, nilai.<indicator>, target.<indicator>[.<aspect>], realisasi.<indicator>[.<aspect>], fakta.<x>, riwayat, periode, jenis_periode, bulan",
      );
    }
  }
  for (const required of ["nip", "nama", "jabatan", "unit"] as const) {
    if (!employee[required]) throw new InputError(`baris ${row}`, `column ${required} is empty, expected a value`);
  }
  if (Object.keys(attributes).length > 0) employee.attributes = attributes;
  if (Object.keys(ratings).length > 0) input.ratings = ratings;
  if (Object.keys(values).length > 0) input.values = values;
  if (Object.keys(facts).length > 0) input.facts = facts;
  return input;
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
  columns.push("riwayat");
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
    if (typeof value !== "object") row[`nilai.${indicator}`] = cell(value);
    else if (typeof value.target === "number") {
      row[`target.${indicator}`] = cell(value.target);
      row[`realisasi.${indicator}`] = cell(value.realisasi);
    } else {
      for (const [aspect, v] of Object.entries(value.target)) row[`target.${indicator}.${aspect}`] = cell(v);
      for (const [aspect, v] of Object.entries(value.realisasi as Record<string, number>)) row[`realisasi.${indicator}.${aspect}`] = cell(v);
    }
  }
  for (const [name, value] of Object.entries(input.facts ?? {})) row[`fakta.${name}`] = cell(value);
  if (input.history) row.riwayat = input.history.map((h) => `${h.period ?? h.year}:${h.predikat}`).join(LIST_SEPARATOR);
  return row;
}
