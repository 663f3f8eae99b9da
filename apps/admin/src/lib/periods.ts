// Period labels (2025, 2025-S1, 2025-Q3, 2025-07): the calendar days they cover, for date fields, and their
// names as people say them (Triwulan III 2025).
import type { TFunction } from "i18next";

const ROMAN = ["I", "II", "III", "IV"];

/** A period label as people say it: Triwulan III 2025, Semester 1 2025, Juli 2025; another label as it is. */
export function periodName(label: string, t: TFunction): string {
  const match = /^(\d{4})-(S[12]|Q[1-4]|\d{2})$/.exec(label);
  if (!match) return label;
  const [, year, part = ""] = match;
  if (part.startsWith("Q")) return t("periodsUsed.quarter", { year, n: part.slice(1), roman: ROMAN[Number(part.slice(1)) - 1] });
  if (part.startsWith("S")) return t("periodsUsed.semester", { year, n: part.slice(1) });
  return t("periodsUsed.month", { year, month: t(`periodsUsed.months.${Number(part)}`) });
}

export function periodRange(label: string): { start: string; end: string } | null {
  const match = /^(\d{4})(?:-(S[12]|Q[1-4]|\d{2}))?$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const part = match[2];
  let from = 1;
  let to = 12;
  if (part?.startsWith("S")) [from, to] = part === "S1" ? [1, 6] : [7, 12];
  else if (part?.startsWith("Q")) {
    const q = Number(part.slice(1));
    [from, to] = [q * 3 - 2, q * 3];
  } else if (part) [from, to] = [Number(part), Number(part)];
  const lastDay = new Date(Date.UTC(year, to, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { start: `${year}-${pad(from)}-01`, end: `${year}-${pad(to)}-${pad(lastDay)}` };
}

/** Today's date (YYYY-MM-DD) in Indonesia's western time (WIB, UTC+7), as the server counts days. */
export function todayInIndonesia(at = Date.now()): string {
  return new Date(at + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Today when it falls in the period, else the period's nearest end (today in UTC, as the server checks work dates). */
export function defaultDay(label: string, today = new Date().toISOString().slice(0, 10)): string {
  const range = periodRange(label);
  if (!range) return today;
  if (today < range.start) return range.start;
  if (today > range.end) return range.end;
  return today;
}
