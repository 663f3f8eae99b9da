// What the rule set a cycle is pinned to says about the work of the period: its workflow settings
// (planning, evidence), the dates the period covers, and which stage of the cycle accepts which writes.
// Planning, work entries, evidence and the realisasi roll-up all read the rules through here.
import { DomainError } from "../lib/index.js";
import type { PeriodKind, Workflow } from "@kinerja/core";
import type { CycleRow, Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { cycleRules } from "./pinned-rules.js";
import { todayInIndonesia } from "../lib/index.js";

export async function cycleWorkflow(db: Kysely<Database>, cycle: CycleRow): Promise<Workflow> {
  return (await cycleRules(db, cycle)).ruleSet.workflow;
}

/** The first and last day (YYYY-MM-DD) of a cycle's period, from its label: 2025, 2025-S1, 2025-Q3, 2025-07. */
export function periodDates(kind: PeriodKind | string, label: string): { from: string; to: string } {
  const year = Number(label.slice(0, 4));
  let first = 1;
  let months = 12;
  const part = label.slice(5);
  if (kind === "semester") [first, months] = [part === "S2" ? 7 : 1, 6];
  else if (kind === "quarterly") [first, months] = [(Number(part.slice(1)) - 1) * 3 + 1, 3];
  else if (kind === "monthly") [first, months] = [Number(part), 1];
  const last = new Date(Date.UTC(year, first - 1 + months, 0));
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first - 1 + months)}-${pad(last.getUTCDate())}` };
}

/** A date of the period, not in the future; `what` names the field in the message. */
export function assertDateInPeriod(cycle: CycleRow, date: string, what: string, at = Date.now()): void {
  const { from, to } = periodDates(cycle.period_kind, cycle.period_label);
  if (date < from || date > to) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: `${what} ${date} di luar periode ${cycle.period_label}; yang diharapkan: antara ${from} dan ${to}`,
    });
  }
  const today = todayInIndonesia(at);
  if (date > today) {
    throw new DomainError({ code: "BAD_REQUEST", message: `${what} ${date} belum terjadi; yang diharapkan: hari ini (${today}) atau sebelumnya` });
  }
}

/** Plans are written from the cycle's creation until it is final. */
export function assertPlanningOpen(cycle: CycleRow): void {
  if (cycle.status === "finalised") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus sudah final; SKP tidak bisa diubah lagi" });
  }
}

/** Work is logged and reviewed while the period runs: once the cycle is open, until it is final. */
export function assertWorkOpen(cycle: CycleRow): void {
  if (cycle.status === "draft") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: "Siklus masih draf; catatan kerja diterima setelah admin membuka siklus",
    });
  }
  if (cycle.status === "finalised") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus sudah final; catatan kerja tidak bisa diubah lagi" });
  }
}

/** Feedback on work entries is given until the cycle is final: a final result and its evidence are closed. */
export function assertFeedbackOpen(cycle: CycleRow): void {
  if (cycle.status === "finalised") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Siklus ${cycle.name} sudah final; hasil dan bukti dukungnya ditutup, umpan balik tidak diterima lagi`,
    });
  }
}
