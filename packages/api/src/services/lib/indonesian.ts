// Dates, periods and numbers as Indonesian documents write them: "22 November 2026", "Januari – Desember
// 2025", "87,5". Calendar days are those of WIB (UTC+7), whatever the server's time zone.
import { formatNumber } from "@kinerja/core";

export const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

const WIB_MS = 7 * 60 * 60 * 1000;

/** "22 November 2026" from an ISO timestamp (the day in WIB) or a YYYY-MM-DD date. */
export function formatDate(value: string | Date): string {
  const text = typeof value === "string" ? value : value.toISOString();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : new Date(Date.parse(text) + WIB_MS).toISOString().slice(0, 10);
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** A period label as a span of months: "2025" → "Januari – Desember 2025", "2025-S2" → "Juli – Desember 2025". */
export function formatPeriod(label: string): string {
  const [year = label, part] = label.split("-");
  if (!part) return `${MONTHS[0]} – ${MONTHS[11]} ${year}`;
  const span: Record<string, [number, number]> = { S1: [0, 5], S2: [6, 11], Q1: [0, 2], Q2: [3, 5], Q3: [6, 8], Q4: [9, 11] };
  const months = span[part];
  if (months) return `${MONTHS[months[0]]} – ${MONTHS[months[1]]} ${year}`;
  const month = Number(part);
  return Number.isInteger(month) && month >= 1 && month <= 12 ? `${MONTHS[month - 1]} ${year}` : label;
}

/** A number with a decimal comma, up to `decimals` places. */
export function formatNumberId(value: number, decimals = 2): string {
  return formatNumber(value, "id", decimals);
}
