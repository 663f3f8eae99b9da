// Reading assessments: the form a rater fills in (from the cycle's rule set), the sheets on an employee a
// viewer may see, and the written feedback of the submitted sheets. Peer feedback stays anonymous to the
// rated employee: they see only the sheets they wrote, and feedback without the names of peers,
// subordinates and public respondents.
import { OBJECTIVE_RECORDER, objectiveIndicators, ratedBy, raterSourceLabel, raterSourceTitle, recordedFacts, scaleOf } from "@kinerja/core";
import type { Axis, IndicatorInput, RaterSource, RecordedFact, Scale } from "@kinerja/core";
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { ALL_RELATIONS, directRelationTo, findEmployee, requireEmployee, requireRelation, seesEachRating, seesRaterOf, type Relation, type Scope } from "../access/index.js";
import { assertInCycle, findCycle } from "../cycles/index.js";
import { cycleRules } from "../rules/index.js";
import { deadlineOf } from "./deadlines.js";
import { raterFor } from "./raters.js";
import { findSheet, reopeningsOf, setForSource, view, withReopenings, type AssessmentView } from "./sheets.js";

export interface AssessmentForm {
  cycleId: string;
  employee: { id: string; nip: string; nama: string; jabatan: string; unitId: string };
  source: RaterSource;
  sourceName: string;
  rater: string;
  indicatorSet: { id: string; name: string };
  /** The indicators this source rates, each on its scale. */
  indicators: Array<{ id: string; name: string; description: string | null; axis: Axis; guidance: string | null; scale: Scale }>;
  /** For the assessor: the objective values to record (targets and realisasi, attendance …). */
  objective: Array<{ id: string; name: string; description: string | null; axis: Axis; input: IndicatorInput }>;
  /** For the assessor: the facts the rule set declares for a rater to record (e.g. a judgement, disciplinary days). */
  facts: RecordedFact[];
  /** YYYY-MM-DD, when the region set one for this source. */
  dueDate: string | null;
  /** The caller's sheet so far (draft or submitted). */
  sheet: AssessmentView | null;
}

/** What the caller fills in when rating the employee as the source, from the cycle's rule set. */
export async function assessmentForm(
  scope: Scope,
  input: { cycleId: string; employeeId: string; source: RaterSource; rater?: string },
): Promise<AssessmentForm> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const employee = await findEmployee(db, regionId, input.employeeId);
  const rater = await raterFor(scope, cycle, employee, input.source, input.rater);
  await assertInCycle(db, cycle, employee);
  const compiled = await cycleRules(db, cycle);
  const set = await setForSource(db, cycle, compiled, employee, input.source);
  const { ruleSet } = compiled;
  const supervisor = input.source === OBJECTIVE_RECORDER;
  const sheet = await findSheet(db, cycle, employee.id, input.source, rater);
  return {
    cycleId: cycle.id,
    employee: { id: employee.id, nip: employee.nip, nama: employee.nama, jabatan: employee.jabatan, unitId: employee.unit_id },
    source: input.source,
    sourceName: raterSourceLabel(input.source),
    rater,
    indicatorSet: { id: set.id, name: set.name },
    indicators: ratedBy(ruleSet, set, input.source).map((i) => ({
      id: i.id,
      name: i.name,
      description: i.description ?? null,
      axis: i.axis,
      guidance: i.guidance ?? null,
      scale: scaleOf(ruleSet, i) as Scale,
    })),
    objective: supervisor
      ? objectiveIndicators(set).map((i) => ({ id: i.id, name: i.name, description: i.description ?? null, axis: i.axis, input: i.input }))
      : [],
    facts: supervisor ? recordedFacts(ruleSet) : [],
    dueDate: await deadlineOf(db, cycle, input.source),
    sheet: sheet ? await withReopenings(db, sheet) : null,
  };
}

/** The sheets on one employee in a cycle, or only those one rater wrote. */
async function sheetsOn(scope: Scope, input: { cycleId: string; employeeId: string }, rater?: string): Promise<AssessmentView[]> {
  let query = scope.db
    .selectFrom("assessments")
    .selectAll()
    .where("region_id", "=", scope.regionId)
    .where("cycle_id", "=", input.cycleId)
    .where("employee_id", "=", input.employeeId);
  if (rater !== undefined) query = query.where("rater", "=", rater);
  const rows = await query.orderBy("source").orderBy("rater").execute();
  const reopenings = await reopeningsOf(scope.db, scope.regionId, rows.map((r) => r.id));
  return rows.map((r) => view(r, reopenings.get(r.id)));
}

/**
 * The assessments of one employee in a cycle that the viewer may see: all of them for the employee's
 * assessor and the admin, the sheets they wrote themselves for anyone else.
 */
export async function listAssessments(scope: Scope, input: { cycleId: string; employeeId: string }): Promise<AssessmentView[]> {
  await findCycle(scope.db, scope.regionId, input.cycleId);
  const employee = await findEmployee(scope.db, scope.regionId, input.employeeId);
  const relation = directRelationTo(scope, employee);
  if (relation === "admin" || relation === "assessor") {
    // A subordinate's sheet on their leader is seen only by the admin and by the subordinate who wrote it.
    const own = scope.me?.nip;
    return (await sheetsOn(scope, input)).filter((s) => seesEachRating(relation, s.source as RaterSource) || s.rater === own);
  }
  const own = scope.me ? await sheetsOn(scope, input, scope.me.nip) : [];
  // Someone who wrote nothing on the employee and is not related to them learns nothing of them.
  if (own.length === 0) await requireRelation(scope, employee, ALL_RELATIONS, "melihat lembar penilaian");
  return own;
}

export interface FeedbackItem {
  source: RaterSource;
  /** The rater's name; null where the viewer is the rated employee and the rater a peer or public respondent, or the rater a subordinate and the viewer not the admin. */
  rater: string | null;
  /** "Rekan kerja 1", "Atasan langsung": how the item is shown when the rater is hidden. */
  label: string;
  comment: string;
  submittedAt: string;
}

/**
 * The written feedback of the submitted sheets on one employee. The employee reads it without the
 * identity of peers, subordinates and public respondents; the assessor, the assessor's superior and the
 * admin read who wrote what.
 */
export async function feedbackFor(scope: Scope, input: { cycleId: string; employeeId: string }): Promise<FeedbackItem[]> {
  await findCycle(scope.db, scope.regionId, input.cycleId);
  const { relation } = await requireEmployee(scope, input.employeeId);
  return feedbackItems(scope.db, scope.regionId, input.cycleId, input.employeeId, relation);
}

/** The written feedback on an employee as a viewer with the relation reads it: without the raters they may not tell apart (access/rater-identity). */
export async function feedbackItems(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  employeeId: string,
  viewer: Relation | null,
): Promise<FeedbackItem[]> {
  const rows = await db
    .selectFrom("assessments")
    .leftJoin("employees as raters", (join) => join.onRef("raters.region_id", "=", "assessments.region_id").onRef("raters.nip", "=", "assessments.rater"))
    .select(["assessments.source", "assessments.rater", "assessments.comment", "assessments.submitted_at", "raters.nama"])
    .where("assessments.region_id", "=", regionId)
    .where("assessments.cycle_id", "=", cycleId)
    .where("assessments.employee_id", "=", employeeId)
    .where("assessments.submitted_at", "is not", null)
    .where("assessments.comment", "is not", null)
    .orderBy("assessments.source")
    .orderBy("assessments.id")
    .execute();
  const counters = new Map<string, number>();
  return rows.map((r) => {
    const source = r.source as RaterSource;
    const n = (counters.get(source) ?? 0) + 1;
    counters.set(source, n);
    const multiple = source === "peer" || source === "subordinate" || source === "public";
    return {
      source,
      rater: seesRaterOf(viewer, source) ? (r.nama ?? r.rater) : null,
      label: multiple ? `${raterSourceTitle(source)} ${n}` : raterSourceTitle(source),
      comment: r.comment as string,
      submittedAt: r.submitted_at as string,
    };
  });
}
