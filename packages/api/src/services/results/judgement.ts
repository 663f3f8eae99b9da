// The assessor's judgement of a year rolled up from periods: where the region's rule set rolls the year up
// by judgement (period.rollup.method "judgement"), the assessor (or an admin) sets the annual predikat within
// `bounds` levels of what the periods give, with a written reason. Core's rollUpYear checks the judgement; it
// is stored as an adjustment of kind "judgement" and written as a new result version, as forum moves are.
import { AppraisalError, rollUpYear } from "@kinerja/core";
import { requireEmployee, withDb, type Scope } from "../access/index.js";
import { appraisalInputs } from "../assessment/index.js";
import { lockCycle, periodResults, rolledUpKind, yearInputs } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { evaluatedCycle, requireReason } from "./forum.js";
import { reviseResults, type Revision } from "./revisions.js";

export async function judgeYear(
  scope: Scope,
  input: { cycleId: string; employeeId: string; predikat: string; reason: string },
): Promise<Pick<Revision, "runId" | "version">> {
  const { regionId, actor } = scope;
  const reason = requireReason(input.reason, "Penetapan predikat tahunan oleh penilai");
  return scope.db.transaction().execute(async (trx) => {
    const inTrx = withDb(scope, trx);
    await lockCycle(trx, regionId, input.cycleId);
    const cycle = await evaluatedCycle(trx, regionId, input.cycleId);
    const { employee } = await requireEmployee(inTrx, input.employeeId, ["assessor", "admin"], "menetapkan predikat tahunan");
    const compiled = await cycleRules(trx, cycle);
    const kind = rolledUpKind(cycle, compiled);
    if (!kind) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini tidak direkap dari hasil periode; predikat tahunan tidak ditetapkan oleh penilai" });
    }
    // The bounds count from what the periods give, before any earlier adjustment of the year.
    const [own] = await appraisalInputs(trx, cycle, [employee], compiled.ruleSet);
    if (!own) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai ${employee.nama} tidak ada di siklus ini` });
    const { adjustments: _earlier, ...unadjusted } = own;
    const periods = (await periodResults(trx, cycle, kind, [employee.id])).get(employee.id) ?? [];
    if (periods.length === 0) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Belum ada hasil periode tahun ${cycle.period_label} yang final untuk ${employee.nama}` });
    }
    const by = `${actor.name} (penilai)`;
    try {
      rollUpYear(compiled, yearInputs(unadjusted, periods), cycle.period_label, { predikat: input.predikat, reason, by });
    } catch (error) {
      if (error instanceof AppraisalError) throw new DomainError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
    const revision = await reviseResults(inTrx, cycle, `Penetapan predikat tahunan: ${employee.nama}`, [
      { employeeId: employee.id, kind: "judgement", to: input.predikat, reason, by },
    ]);
    await audit(trx, {
      regionId,
      actor,
      action: "result.judgeYear",
      entity: "employee",
      entityId: employee.id,
      after: { cycleId: cycle.id, predikat: input.predikat, reason, runId: revision.runId, runVersion: revision.version },
    });
    return { runId: revision.runId, version: revision.version };
  });
}
