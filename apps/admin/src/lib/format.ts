// Numbers and dates as the chosen language writes them (decimal comma in Indonesian).
import { formatNumber } from "@kinerja/core";
import type { Language } from "../i18n";

export function formatScore(value: number | null | undefined, lang: Language): string {
  return value === null || value === undefined ? "–" : formatNumber(value, lang, 2, true);
}

export function formatCount(value: number, lang: Language): string {
  return formatNumber(value, lang, 0);
}

export function formatPercent(share: number, lang: Language): string {
  return `${formatNumber(share * 100, lang, 1)}%`;
}

/** A time in Western Indonesian Time, marked WIB, whatever the browser's own zone: for times set in WIB (schedules). */
export function formatDateTimeWib(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Jakarta" }).format(date)} WIB`;
}

export function formatDateTime(iso: string | null | undefined, lang: Language): string {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(date);
}
