// The work calendar: a period's days (a month 2025-01, a quarter 2025-Q1, a semester 2025-S1, a year 2025),
// its working days (Monday to Friday, less the region's holidays), and the counts an appraisal reads from an
// employee's attendance days: days absent without leave, and the longest run of them in a row.

/** The first and last day (YYYY-MM-DD) of a period label, or null when the label is not a period. */
export function periodRange(label: string): { from: string; to: string } | null {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  const part = /^(\d{4})-([QS])([1-4])$/.exec(label);
  const year = /^(\d{4})$/.exec(label);
  const span = (y: number, firstMonth: number, months: number) => ({
    from: `${y}-${String(firstMonth).padStart(2, "0")}-01`,
    to: new Date(Date.UTC(y, firstMonth - 1 + months, 0)).toISOString().slice(0, 10),
  });
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? span(Number(month[1]), m, 1) : null;
  }
  if (part) {
    const n = Number(part[3]);
    const months = part[2] === "Q" ? 3 : 6;
    if (n > 12 / months) return null;
    return span(Number(part[1]), (n - 1) * months + 1, months);
  }
  if (year) return span(Number(year[1]), 1, 12);
  return null;
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Monday to Friday, and not one of the region's holidays. */
export function workingDays(from: string, to: string, holidays: ReadonlySet<string>): string[] {
  return daysBetween(from, to).filter((day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(day);
  });
}

/** A working day's standing: present, excused (leave), or absent without leave. */
export type DayStatus = "hadir" | "cuti" | "alpa";

export interface AbsenceCount {
  /** Working days absent without leave. */
  alpa: number;
  hadir: number;
  cuti: number;
  /** The longest run of working days in a row absent without leave. */
  longestRun: number;
}

/** The counts over an employee's working days, in day order. */
export function countAbsence(days: ReadonlyArray<{ status: string }>): AbsenceCount {
  const count: AbsenceCount = { alpa: 0, hadir: 0, cuti: 0, longestRun: 0 };
  let run = 0;
  for (const { status } of days) {
    if (status === "alpa") {
      count.alpa++;
      run++;
      count.longestRun = Math.max(count.longestRun, run);
    } else {
      if (status === "hadir") count.hadir++;
      else count.cuti++;
      run = 0;
    }
  }
  return count;
}
