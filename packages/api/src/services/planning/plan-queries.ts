// Reading plans (SKP): one plan with everything its view shows, the superior's plan it cascades from, and
// the plans of a cycle a person may see.
import type { CycleRow, Database, EmployeeRow, PlanRow, PlanStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployee, requireRelation, visibleEmployees, visibleFilter, type Relation, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { decodeCursor, DomainError, pageOf, type Page } from "../lib/index.js";
import { cycleWorkflow } from "../rules/index.js";
import type { SuperiorPlan } from "./plan-rules.js";
import { planViewOf, summaryOf, type PlanSummary, type PlanView } from "./plan-view.js";
import { namedOrOwn } from "./subject.js";

/** Who reads a plan: the employee, their assessor, the region's admin. */
export const PLAN_READERS: readonly Relation[] = ["self", "assessor", "admin"];

export async function findPlan(db: Kysely<Database>, regionId: string, id: string): Promise<PlanRow> {
  const row = await db.selectFrom("plans").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `SKP ${id} tidak ditemukan` });
  return row;
}

/** The employee's plan in the cycle, if they have one yet. */
export async function planOf(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, employeeId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom("plans")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "=", employeeId)
    .executeTakeFirst();
}

/** The employee's superior and the superior's plan in the cycle; null when the employee has no superior. */
export async function superiorPlanOf(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<SuperiorPlan | null> {
  if (!employee.atasan_nip) return null;
  const superior = await db
    .selectFrom("employees")
    .select(["id", "nama"])
    .where("region_id", "=", cycle.region_id)
    .where("nip", "=", employee.atasan_nip)
    .executeTakeFirst();
  const plan = superior ? ((await planOf(db, cycle, superior.id)) ?? null) : null;
  const rhk = plan
    ? await db.selectFrom("plan_rhk").selectAll().where("region_id", "=", cycle.region_id).where("plan_id", "=", plan.id).orderBy("position").execute()
    : [];
  return { nip: employee.atasan_nip, nama: superior?.nama ?? null, plan, rhk };
}

export interface PlanParts {
  plan: PlanRow;
  employee: EmployeeRow;
  cycle: CycleRow;
}

export async function partsOf(db: Kysely<Database>, regionId: string, planId: string): Promise<PlanParts> {
  const plan = await findPlan(db, regionId, planId);
  const [employee, cycle] = await Promise.all([findEmployee(db, regionId, plan.employee_id), findCycle(db, regionId, plan.cycle_id)]);
  return { plan, employee, cycle };
}

export async function planView(db: Kysely<Database>, { plan, employee, cycle }: PlanParts): Promise<PlanView> {
  const regionId = plan.region_id;
  const [rhk, iki, reviews, workflow, superior] = await Promise.all([
    db.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("position").execute(),
    db.selectFrom("plan_iki").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("position").execute(),
    db.selectFrom("plan_reviews").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("id").execute(),
    cycleWorkflow(db, cycle),
    superiorPlanOf(db, cycle, employee),
  ]);
  const parentIds = [...new Set(rhk.map((r) => r.parent_rhk_id).filter((id): id is string => id !== null))];
  const parents = new Map(
    parentIds.length === 0
      ? []
      : (
          await db.selectFrom("plan_rhk").select(["id", "text", "plan_id"]).where("region_id", "=", regionId).where("id", "in", parentIds).execute()
        ).map((p) => [p.id, { id: p.id, text: p.text, planId: p.plan_id }]),
  );
  return planViewOf({ plan, employee, rhk, iki, reviews, parents, cascade: workflow.planning.cascade, superior });
}

/** The plan, or the plan of an employee (the person's own when no employee is named) in a cycle; null when none yet. */
export async function getPlan(scope: Scope, input: { id?: string; cycleId?: string; employeeId?: string }): Promise<PlanView | null> {
  if (input.id) {
    const parts = await partsOf(scope.db, scope.regionId, input.id);
    await requireRelation(scope, parts.employee, PLAN_READERS, "melihat SKP");
    return planView(scope.db, parts);
  }
  if (!input.cycleId) throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan id SKP, atau cycleId (dan employeeId)" });
  const cycle = await findCycle(scope.db, scope.regionId, input.cycleId);
  const employee = await namedOrOwn(scope, input.employeeId, PLAN_READERS, "melihat SKP");
  const plan = await planOf(scope.db, cycle, employee.id);
  return plan ? planView(scope.db, { plan, employee, cycle }) : null;
}

/** Plans of a cycle the person may see (own, direct reports', or the region's), oldest first. */
export async function listPlans(
  scope: Scope,
  input: { cycleId: string; status?: PlanStatus; employeeId?: string; cursor?: string; limit: number },
): Promise<Page<PlanSummary>> {
  await findCycle(scope.db, scope.regionId, input.cycleId);
  const visible = visibleEmployees(scope);
  let query = scope.db
    .selectFrom("plans as p")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "p.region_id").onRef("e.id", "=", "p.employee_id"))
    .selectAll("p")
    .select(["e.nip", "e.nama", "e.jabatan"])
    .where("p.region_id", "=", scope.regionId)
    .where("p.cycle_id", "=", input.cycleId)
    .where((eb) => visibleFilter(eb, visible));
  if (input.status) query = query.where("p.status", "=", input.status);
  if (input.employeeId) query = query.where("p.employee_id", "=", input.employeeId);
  if (input.cursor) query = query.where("p.id", ">", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("p.id").limit(input.limit + 1).execute();
  return pageOf(rows, input.limit, (r) => [r.id], (r) => summaryOf(r, r));
}
