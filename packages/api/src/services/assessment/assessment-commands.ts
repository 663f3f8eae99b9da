// Writing assessments in an open cycle: one sheet per rater per source per employee, saved as a draft
// until it is submitted. A submitted sheet is locked until the employee's assessor (or the admin) opens it
// again with a written reason; both are audited.
import { RATER_SOURCES, type IndicatorValue, type RaterSource } from "@kinerja/core";
import { newId, now, toJson } from "@kinerja/db";
import { findEmployee, relationTo, withDb, type Scope } from "../access/index.js";
import { assertInCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { raterFor } from "./raters.js";
import { sheetProblems } from "./sheet-rules.js";
import { findSheet, openCycleOf, setForSource, sheetView, view, type AssessmentView } from "./sheets.js";

export interface AssessmentInput {
  cycleId: string;
  employeeId: string;
  source: RaterSource;
  /** Admins name the rater (a NIP or respondent id); everyone else rates as themselves. */
  rater?: string;
  ratings: Record<string, number>;
  values?: Record<string, IndicatorValue>;
  facts?: Record<string, string | number | boolean | null>;
  comment?: string;
}

/** Saves a sheet as a draft (`submit` false) or submits it, which locks it. */
export async function saveAssessment(scope: Scope, input: AssessmentInput, submit: boolean): Promise<AssessmentView> {
  if (!(RATER_SOURCES as readonly string[]).includes(input.source)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Sumber penilai ${input.source} tidak dikenal; yang ada: ${RATER_SOURCES.join(", ")}` });
  }
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const cycle = await openCycleOf(trx, regionId, input.cycleId);
    const employee = await findEmployee(trx, regionId, input.employeeId);
    const rater = await raterFor(withDb(scope, trx), cycle, employee, input.source, input.rater);
    await assertInCycle(trx, cycle, employee);
    const existing = await findSheet(trx, cycle, employee.id, input.source, rater);
    if (existing?.submitted_at) {
      throw new DomainError({
        code: "CONFLICT",
        message: `Lembar penilaian ${input.source} untuk ${employee.nama} sudah dikirim (${existing.submitted_at}) dan terkunci; minta pejabat penilai membukanya kembali dengan alasan`,
      });
    }
    const compiled = await cycleRules(trx, cycle);
    const set = await setForSource(trx, cycle, compiled, employee, input.source);
    const problems = sheetProblems(compiled.ruleSet, set, input, submit);
    if (problems.length > 0) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Lembar penilaian ${input.source} untuk ${employee.nama} belum benar (${problems.length}): ${problems.join("; ")}`,
      });
    }
    const at = now();
    const values = {
      ratings: toJson(input.ratings),
      values: toJson(input.values ?? {}),
      facts: toJson(input.facts ?? {}),
      comment: input.comment?.trim() || null,
      rater_user_id: scope.user.id,
      submitted_at: submit ? at : null,
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
    const after = await sheetView(trx, regionId, id);
    await audit(trx, {
      regionId,
      actor,
      action: submit ? "assessment.submit" : "assessment.save",
      entity: "assessment",
      entityId: id,
      // The entry records the sheet's content; its reopenings are recorded where they happen.
      ...(existing ? { before: view(existing) } : {}),
      after: { ...after, reopenings: [] },
    });
    return after;
  });
}

/** Opens a submitted sheet again for changes; only the employee's assessor or the admin, with a reason. */
export async function reopenAssessment(scope: Scope, input: { assessmentId: string; reason: string }): Promise<AssessmentView> {
  const reason = input.reason.trim();
  if (reason.length < 10) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Alasan membuka kembali wajib ditulis (paling sedikit 10 karakter)" });
  }
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const notFound = new DomainError({ code: "NOT_FOUND", message: `Lembar penilaian ${input.assessmentId} tidak ditemukan` });
    const sheet = await trx.selectFrom("assessments").selectAll().where("region_id", "=", regionId).where("id", "=", input.assessmentId).executeTakeFirst();
    if (!sheet) throw notFound;
    const employee = await findEmployee(trx, regionId, sheet.employee_id);
    const relation = await relationTo(withDb(scope, trx), employee);
    if (relation !== "assessor" && relation !== "admin") {
      // The sheet's own rater, like anyone related to the employee, is told who reopens it; anyone else that it does not exist.
      if (relation === null && sheet.rater !== scope.me?.nip) throw notFound;
      throw new DomainError({ code: "FORBIDDEN", message: "Hanya pejabat penilai pegawai ini atau admin BKD yang dapat membuka kembali lembar penilaian" });
    }
    await openCycleOf(trx, regionId, sheet.cycle_id);
    if (!sheet.submitted_at) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Lembar penilaian ini masih draf untuk ${employee.nama}; tidak perlu dibuka kembali` });
    }
    const at = now();
    await trx.updateTable("assessments").set({ submitted_at: null, updated_at: at }).where("region_id", "=", regionId).where("id", "=", sheet.id).execute();
    await trx
      .insertInto("assessment_reopenings")
      .values({ region_id: regionId, id: newId(), assessment_id: sheet.id, reason, actor_id: actor.id, actor_name: actor.name, at })
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.reopen",
      entity: "assessment",
      entityId: sheet.id,
      before: { submittedAt: sheet.submitted_at },
      after: { submittedAt: null, reason, as: relation },
    });
    return sheetView(trx, regionId, sheet.id);
  });
}
