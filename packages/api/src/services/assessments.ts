// Assessments collected in an open cycle: one sheet per rater (self, peer, supervisor, subordinate,
// public) per employee. Who may rate whom is decided here: an assessor rates direct reports as
// supervisor, an employee rates themselves or, as peer, a colleague of the same unit; admins enter any.
import { TRPCError } from "@trpc/server";
import { RATER_SOURCES, type IndicatorValue, type RaterSource } from "@kinerja/core";
import { newId, now, parseJson, toJson, type AssessmentRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../auth.js";
import type { Actor } from "../trpc.js";
import { audit } from "./audit.js";
import { findCycle } from "./cycles.js";

export interface AssessmentView {
  id: string;
  cycleId: string;
  employeeId: string;
  source: RaterSource;
  rater: string;
  ratings: Record<string, number>;
  values: Record<string, IndicatorValue>;
  facts: Record<string, string | number | boolean | null>;
  submittedAt: string | null;
}

function view(row: AssessmentRow): AssessmentView {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    employeeId: row.employee_id,
    source: row.source as RaterSource,
    rater: row.rater,
    ratings: parseJson(row.ratings),
    values: parseJson(row.values),
    facts: parseJson(row.facts),
    submittedAt: row.submitted_at,
  };
}

export interface AssessmentInput {
  cycleId: string;
  employeeId: string;
  source: RaterSource;
  /** Admins name the rater (a NIP or respondent id); everyone else rates as themselves. */
  rater?: string;
  ratings: Record<string, number>;
  values?: Record<string, IndicatorValue>;
  facts?: Record<string, string | number | boolean | null>;
}

export async function submitAssessment(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: AssessmentInput,
): Promise<AssessmentView> {
  if (!(RATER_SOURCES as readonly string[]).includes(input.source)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `Sumber penilai ${input.source} tidak dikenal` });
  }
  return db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "open") {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; penilaian hanya diterima saat siklus dibuka` });
    }
    const employee = await trx
      .selectFrom("employees")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("id", "=", input.employeeId)
      .executeTakeFirst();
    if (!employee) throw new TRPCError({ code: "NOT_FOUND", message: `Pegawai ${input.employeeId} tidak ditemukan` });

    let rater: string;
    if (user.role === "admin" || user.role === "operator") {
      rater = input.rater?.trim() || user.username || user.email;
    } else {
      const own = user.username ?? "";
      rater = own;
      const me = await trx
        .selectFrom("employees")
        .select(["unit_id"])
        .where("region_id", "=", regionId)
        .where("nip", "=", own)
        .executeTakeFirst();
      const allowed =
        (input.source === "self" && employee.nip === own) ||
        (input.source === "supervisor" && user.role === "assessor" && employee.atasan_nip === own) ||
        (input.source === "peer" && employee.nip !== own && me?.unit_id === employee.unit_id) ||
        (input.source === "subordinate" && employee.nip !== own && (
          await trx.selectFrom("employees").select("id").where("region_id", "=", regionId).where("nip", "=", own).where("atasan_nip", "=", employee.nip).executeTakeFirst()
        ) !== undefined);
      if (!allowed) {
        throw new TRPCError({ code: "FORBIDDEN", message: `Anda tidak berwenang menilai pegawai ini sebagai ${input.source}` });
      }
    }
    const at = now();
    const existing = await trx
      .selectFrom("assessments")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "=", employee.id)
      .where("source", "=", input.source)
      .where("rater", "=", rater)
      .executeTakeFirst();
    const values = {
      ratings: toJson(input.ratings),
      values: toJson(input.values ?? {}),
      facts: toJson(input.facts ?? {}),
      rater_user_id: user.id,
      submitted_at: at,
      updated_at: at,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await trx.updateTable("assessments").set(values).where("region_id", "=", regionId).where("id", "=", id).execute();
    } else {
      id = newId();
      await trx
        .insertInto("assessments")
        .values({ ...values, region_id: regionId, id, cycle_id: cycle.id, employee_id: employee.id, source: input.source, rater, created_at: at })
        .execute();
    }
    const row = await trx.selectFrom("assessments").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.submit",
      entity: "assessment",
      entityId: id,
      ...(existing ? { before: view(existing) } : {}),
      after: view(row),
    });
    return view(row);
  });
}

/** The assessments of one employee in a cycle that the user may see. */
export async function listAssessments(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; employeeId: string },
): Promise<AssessmentView[]> {
  await findCycle(db, regionId, input.cycleId);
  const employee = await db
    .selectFrom("employees")
    .select(["nip", "atasan_nip"])
    .where("region_id", "=", regionId)
    .where("id", "=", input.employeeId)
    .executeTakeFirst();
  if (!employee) throw new TRPCError({ code: "NOT_FOUND", message: `Pegawai ${input.employeeId} tidak ditemukan` });
  let query = db
    .selectFrom("assessments")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", input.cycleId)
    .where("employee_id", "=", input.employeeId);
  const own = user.username ?? "";
  const seesAll = user.role === "admin" || user.role === "operator" || (user.role === "assessor" && employee.atasan_nip === own);
  // Everyone else sees only the sheets they wrote themselves (peer feedback stays anonymous to the rated).
  if (!seesAll) query = query.where("rater", "=", own);
  return (await query.orderBy("source").orderBy("rater").execute()).map(view);
}
