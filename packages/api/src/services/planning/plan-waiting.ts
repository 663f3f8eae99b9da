// Who waits on whom in a cycle's planning, for the region's admin: plans waiting for the assessor's decision
// (grouped by assessor, oldest submission first), and plans whose RHK utama cannot cascade yet because the
// superior's plan is missing or not approved (grouped by superior). Groups page by the NIP they wait on.
import type { Database, PlanStatus } from "@kinerja/db";
import { sql, type Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { decodeCursor, encodeCursor } from "../lib/index.js";
import { unitSubtree } from "../organisation/index.js";
import { cycleWorkflow } from "../rules/index.js";

export type WaitingOn = "approval" | "superiorPlan";

export interface WaitingPlan {
  planId: string;
  employeeId: string;
  nip: string;
  nama: string;
  status: PlanStatus;
  submittedAt: string | null;
  /** RHK utama rows not yet cascading from the superior's plan. */
  unlinked: number;
}

export interface WaitingGroup {
  /** The assessor who has to decide, or the superior whose plan is awaited; nip null for plans with no assessor. */
  waitingOn: { nip: string | null; nama: string | null; planId: string | null; planStatus: PlanStatus | null };
  plans: WaitingPlan[];
}

export interface WaitingReport {
  cascade: boolean;
  /** Plans by status, and employees of the cycle with no plan yet. */
  counts: Record<PlanStatus, number> & { withoutPlan: number };
  groups: WaitingGroup[];
  nextCursor: string | null;
}

function waitingPlan(r: { id: string; employee_id: string; nip: string; nama: string; status: PlanStatus; submitted_at: string | null; unlinked: number | null }): WaitingPlan {
  return { planId: r.id, employeeId: r.employee_id, nip: r.nip, nama: r.nama, status: r.status, submittedAt: r.submitted_at, unlinked: Number(r.unlinked ?? 0) };
}

export async function planWaiting(scope: Scope, input: { cycleId: string; on: WaitingOn; cursor?: string; limit: number }): Promise<WaitingReport> {
  requireAdmin(scope, "melihat siapa menunggu siapa dalam perencanaan");
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const cascade = (await cycleWorkflow(db, cycle)).planning.cascade;
  const after = input.cursor ? String(decodeCursor(input.cursor, 1)[0]) : null;

  const base = db
    .selectFrom("plans as p")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "p.region_id").onRef("e.id", "=", "p.employee_id"))
    .where("p.region_id", "=", regionId)
    .where("p.cycle_id", "=", cycle.id);
  const unlinked = sql<number>`(select count(*) from plan_rhk r where r.region_id = p.region_id and r.plan_id = p.id and r.kind = 'utama' and r.parent_rhk_id is null)`;

  let keys: string[] = [];
  let members: Array<WaitingPlan & { key: string }> = [];
  if (input.on === "approval") {
    const key = sql<string>`coalesce(p.assessor_nip, '')`;
    const submitted = base.where("p.status", "=", "submitted");
    keys = (
      await submitted
        .select(key.as("k"))
        .distinct()
        .$if(after !== null, (q) => q.where(key, ">", after as string))
        .orderBy("k")
        .limit(input.limit + 1)
        .execute()
    ).map((r) => r.k);
    const page = keys.slice(0, input.limit);
    if (page.length > 0) {
      members = (
        await submitted
          .select([key.as("key"), "p.id", "p.employee_id", "e.nip", "e.nama", "p.status", "p.submitted_at", unlinked.as("unlinked")])
          .where(key, "in", page)
          .orderBy("p.submitted_at")
          .orderBy("p.id")
          .execute()
      ).map((r) => ({ key: r.key, ...waitingPlan(r) }));
    }
  } else if (cascade) {
    const waiting = base
      .leftJoin("employees as s", (join) => join.onRef("s.region_id", "=", "e.region_id").onRef("s.nip", "=", "e.atasan_nip"))
      .leftJoin("plans as sp", (join) =>
        join.onRef("sp.region_id", "=", "p.region_id").onRef("sp.cycle_id", "=", "p.cycle_id").onRef("sp.employee_id", "=", "s.id"),
      )
      .where("e.atasan_nip", "is not", null)
      .where((eb) => eb.or([eb("sp.id", "is", null), eb("sp.status", "<>", "approved")]))
      .where(unlinked, ">", 0);
    keys = (
      await waiting
        .select("e.atasan_nip as k")
        .distinct()
        .$if(after !== null, (q) => q.where("e.atasan_nip", ">", after as string))
        .orderBy("k")
        .limit(input.limit + 1)
        .execute()
    ).map((r) => r.k as string);
    const page = keys.slice(0, input.limit);
    if (page.length > 0) {
      members = (
        await waiting
          .select(["e.atasan_nip as key", "p.id", "p.employee_id", "e.nip", "e.nama", "p.status", "p.submitted_at", unlinked.as("unlinked")])
          .where("e.atasan_nip", "in", page)
          .orderBy("e.nama")
          .orderBy("p.id")
          .execute()
      ).map((r) => ({ key: r.key as string, ...waitingPlan(r) }));
    }
  }

  const page = keys.slice(0, input.limit);
  const people = new Map(
    page.length === 0
      ? []
      : (
          await db
            .selectFrom("employees as s")
            .leftJoin("plans as sp", (join) =>
              join.onRef("sp.region_id", "=", "s.region_id").onRef("sp.employee_id", "=", "s.id").on("sp.cycle_id", "=", cycle.id),
            )
            .select(["s.nip", "s.nama", "sp.id as planId", "sp.status as planStatus"])
            .where("s.region_id", "=", regionId)
            .where("s.nip", "in", page)
            .execute()
        ).map((p) => [p.nip, p]),
  );
  const groups: WaitingGroup[] = page.map((key) => {
    const person = people.get(key);
    return {
      waitingOn: {
        nip: key === "" ? null : key,
        nama: person?.nama ?? null,
        planId: person?.planId ?? null,
        planStatus: (person?.planStatus as PlanStatus | null | undefined) ?? null,
      },
      plans: members.filter((m) => m.key === key).map(({ key: _key, ...plan }) => plan),
    };
  });
  const last = page[page.length - 1];
  return {
    cascade,
    counts: await planCounts(db, regionId, cycle.id, cycle.unit_id),
    groups,
    nextCursor: keys.length > input.limit && last !== undefined ? encodeCursor([last]) : null,
  };
}

async function planCounts(db: Kysely<Database>, regionId: string, cycleId: string, unitId: string | null): Promise<WaitingReport["counts"]> {
  const byStatus = await db
    .selectFrom("plans")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycleId)
    .groupBy("status")
    .execute();
  const counts = { draft: 0, submitted: 0, revision: 0, rejected: 0, approved: 0, withoutPlan: 0 };
  for (const row of byStatus) counts[row.status] = Number(row.n);
  let employees = db
    .selectFrom("employees as e")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("e.region_id", "=", regionId)
    // Someone who left the region owes no plan.
    .where("e.left_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("plans as p")
            .select("p.id")
            .whereRef("p.region_id", "=", "e.region_id")
            .whereRef("p.employee_id", "=", "e.id")
            .where("p.cycle_id", "=", cycleId),
        ),
      ),
    );
  if (unitId) employees = employees.where("e.unit_id", "in", await unitSubtree(db, regionId, unitId));
  counts.withoutPlan = Number((await employees.executeTakeFirstOrThrow()).n);
  return counts;
}
