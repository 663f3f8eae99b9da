// Deadlines per cycle and rater source: set by the region's admin while the cycle is a draft or open, for
// the sources the cycle's rules use, and read by everyone (forms, reminders, progress).
import { RATER_SOURCES, raterSourceLabel, sourcesOfRuleSet, type RaterSource } from "@kinerja/core";
import { now, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";

export interface DeadlineView {
  source: RaterSource;
  sourceName: string;
  dueDate: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function isCalendarDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The cycle's deadlines, in the order of the rater sources. */
export async function cycleDeadlines(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">): Promise<DeadlineView[]> {
  const rows = await db
    .selectFrom("assessment_deadlines")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .execute();
  return rows
    .map((r) => ({ source: r.source as RaterSource, sourceName: raterSourceLabel(r.source as RaterSource), dueDate: r.due_date }))
    .sort((a, b) => RATER_SOURCES.indexOf(a.source) - RATER_SOURCES.indexOf(b.source));
}

export async function listDeadlines(scope: Scope, input: { cycleId: string }): Promise<DeadlineView[]> {
  return cycleDeadlines(scope.db, await findCycle(scope.db, scope.regionId, input.cycleId));
}

/** The source's deadline in the cycle (YYYY-MM-DD), or null when none is set. */
export async function deadlineOf(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, source: RaterSource): Promise<string | null> {
  const row = await db
    .selectFrom("assessment_deadlines")
    .select("due_date")
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("source", "=", source)
    .executeTakeFirst();
  return row?.due_date ?? null;
}

export async function setDeadline(scope: Scope, input: { cycleId: string; source: RaterSource; dueDate: string }): Promise<DeadlineView[]> {
  requireAdmin(scope, "mengatur batas waktu penilaian");
  if (!isCalendarDate(input.dueDate)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Tanggal ${input.dueDate} tidak sah; yang diharapkan: tanggal YYYY-MM-DD, mis. 2025-12-15` });
  }
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft" && cycle.status !== "open") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; batas waktu hanya diatur saat siklus draf atau dibuka` });
    }
    const { ruleSet } = await cycleRules(trx, cycle);
    const used = new Set<RaterSource>(["supervisor", ...sourcesOfRuleSet(ruleSet)]);
    if (!used.has(input.source)) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Aturan wilayah ini tidak memakai penilaian dari ${raterSourceLabel(input.source)}; batas waktu hanya untuk: ${[...used].map((s) => raterSourceLabel(s)).join(", ")}`,
      });
    }
    const before = await deadlineOf(trx, cycle, input.source);
    if (before !== null) {
      await trx
        .updateTable("assessment_deadlines")
        .set({ due_date: input.dueDate, set_by: actor.id, updated_at: now() })
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("source", "=", input.source)
        .execute();
    } else {
      await trx
        .insertInto("assessment_deadlines")
        .values({ region_id: regionId, cycle_id: cycle.id, source: input.source, due_date: input.dueDate, set_by: actor.id, updated_at: now() })
        .execute();
    }
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.setDeadline",
      entity: "cycle",
      entityId: cycle.id,
      before: before !== null ? { source: input.source, dueDate: before } : null,
      after: { source: input.source, dueDate: input.dueDate },
    });
    return cycleDeadlines(trx, cycle);
  });
}
