// Assessments collected in an open cycle: one sheet per rater (self, peer, supervisor, subordinate,
// public) per employee, on the indicators and scales of the employee's indicator set. Who may rate whom:
// an assessor rates direct reports as supervisor, an employee rates themselves, the colleagues they were
// chosen to rate as peer (see peers.ts) and their own superior as subordinate; admins enter any sheet
// (paper forms, public surveys). A sheet is saved as a draft until it is submitted; a submitted sheet is
// locked until the employee's assessor (or the admin) reopens it with a written reason.
import { DomainError } from "../lib/index.js";
import { objectiveIndicators, RATER_SOURCES, raterSourceLabel, raterSourceTitle, scaleOf, sourcesOfSet, type Axis, type CompiledRuleSet, type IndicatorInput, type IndicatorSet, type IndicatorValue, type RaterSource, type Scale } from "@kinerja/core";
import { newId, now, parseJson, toJson, type AssessmentRow, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Actor } from "../lib/index.js";
import { employeeFor } from "../access/index.js";
import { ratedBy, sheetProblems } from "./sheet-rules.js";
import { audit } from "../lib/index.js";
import { indicatorSetsOf } from "../rules/index.js";
import { assertInCycle } from "../cycles/index.js";
import { findCycle } from "../cycles/index.js";
import { deadlineOf } from "./deadlines.js";
import { cycleRules } from "../rules/index.js";
import { findEmployee } from "../access/index.js";

export interface AssessmentView {
  id: string;
  cycleId: string;
  employeeId: string;
  source: RaterSource;
  rater: string;
  ratings: Record<string, number>;
  values: Record<string, IndicatorValue>;
  facts: Record<string, string | number | boolean | null>;
  comment: string | null;
  /** Null while the sheet is a draft. */
  submittedAt: string | null;
  /** Each time the sheet was opened again after submission, with the reason. */
  reopenings: Array<{ reason: string; by: string; at: string }>;
}

function view(row: AssessmentRow, reopenings: AssessmentView["reopenings"] = []): AssessmentView {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    employeeId: row.employee_id,
    source: row.source as RaterSource,
    rater: row.rater,
    ratings: parseJson(row.ratings),
    values: parseJson(row.values),
    facts: parseJson(row.facts),
    comment: row.comment,
    submittedAt: row.submitted_at,
    reopenings,
  };
}

async function reopeningsOf(db: Kysely<Database>, regionId: string, ids: string[]): Promise<Map<string, AssessmentView["reopenings"]>> {
  const found = new Map<string, AssessmentView["reopenings"]>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom("assessment_reopenings")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("assessment_id", "in", ids)
    .orderBy("id")
    .execute();
  for (const r of rows) found.set(r.assessment_id, [...(found.get(r.assessment_id) ?? []), { reason: r.reason, by: r.actor_name, at: r.at }]);
  return found;
}

/** The rater's sheet as a view, read again with its reopenings. */
async function sheetView(db: Kysely<Database>, regionId: string, id: string): Promise<AssessmentView> {
  const row = await db.selectFrom("assessments").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  return view(row, (await reopeningsOf(db, regionId, [id])).get(id));
}

/** The sheet one rater writes on one employee as one source, if started. */
async function findSheet(
  db: Kysely<Database>,
  cycle: CycleRow,
  employeeId: string,
  source: RaterSource,
  rater: string,
): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom("assessments")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "=", employeeId)
    .where("source", "=", source)
    .where("rater", "=", rater)
    .executeTakeFirst();
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
  comment?: string;
}

async function openCycleOf(db: Kysely<Database>, regionId: string, cycleId: string): Promise<CycleRow> {
  const cycle = await findCycle(db, regionId, cycleId);
  if (cycle.status !== "open") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Siklus berstatus ${cycle.status}; penilaian hanya diterima dan diubah saat siklus dibuka (open)`,
    });
  }
  return cycle;
}

/** Whether `peerId` was chosen to rate the employee in the cycle. */
async function isAssignedPeer(db: Kysely<Database>, regionId: string, cycleId: string, employeeId: string, peerNip: string): Promise<boolean> {
  const found = await db
    .selectFrom("peer_assignments")
    .innerJoin("employees", (join) =>
      join.onRef("employees.region_id", "=", "peer_assignments.region_id").onRef("employees.id", "=", "peer_assignments.peer_employee_id"),
    )
    .select("employees.nip")
    .where("peer_assignments.region_id", "=", regionId)
    .where("peer_assignments.cycle_id", "=", cycleId)
    .where("peer_assignments.employee_id", "=", employeeId)
    .where("employees.nip", "=", peerNip)
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * The rater a user writes a sheet as, for the employee and source; FORBIDDEN when the user may not rate
 * the employee as that source.
 */
export async function raterFor(
  db: Kysely<Database>,
  cycle: CycleRow,
  user: SessionUser,
  employee: EmployeeRow,
  source: RaterSource,
  named?: string,
): Promise<string> {
  const regionId = cycle.region_id;
  if (user.role === "admin" || user.role === "operator") {
    const rater = named?.trim() || user.username || user.email;
    if (source === "peer" && !(await isAssignedPeer(db, regionId, cycle.id, employee.id, rater))) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Penilai ${rater} bukan rekan yang ditetapkan untuk ${employee.nama}; tetapkan rekan penilai lebih dulu (assessment.setPeers)`,
      });
    }
    return rater;
  }
  const own = user.username ?? "";
  let allowed = false;
  if (source === "self") allowed = employee.nip === own;
  else if (source === "supervisor") allowed = user.role === "assessor" && employee.atasan_nip === own;
  else if (source === "peer") allowed = employee.nip !== own && (await isAssignedPeer(db, regionId, cycle.id, employee.id, own));
  else if (source === "subordinate") {
    const me = await db.selectFrom("employees").select("atasan_nip").where("region_id", "=", regionId).where("nip", "=", own).executeTakeFirst();
    allowed = employee.nip !== own && me?.atasan_nip === employee.nip;
  }
  if (!allowed) {
    const why: Record<RaterSource, string> = {
      self: "hanya pegawai itu sendiri yang mengisi penilaian diri",
      supervisor: "hanya pejabat penilai pegawai ini, yaitu atasan langsungnya",
      peer: "hanya rekan yang ditetapkan admin atau pejabat penilai yang menilai sebagai rekan kerja",
      subordinate: "hanya bawahan langsung pegawai ini yang menilai sebagai bawahan",
      public: "penilaian masyarakat dicatat oleh admin BKD dari survei kepuasan",
    };
    throw new DomainError({ code: "FORBIDDEN", message: `Anda tidak berwenang menilai ${employee.nama} sebagai ${raterSourceLabel(source)}: ${why[source]}` });
  }
  return own;
}

/** The employee's indicator set, refusing a source the region's rules do not use for it. */
async function setForSource(
  db: Kysely<Database>,
  cycle: CycleRow,
  compiled: CompiledRuleSet,
  employee: EmployeeRow,
  source: RaterSource,
): Promise<IndicatorSet> {
  const set = (await indicatorSetsOf(db, cycle, compiled, [employee])).get(employee.id) as IndicatorSet;
  const used = sourcesOfSet(compiled.ruleSet, set);
  if (!used.has(source)) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message:
        `Aturan wilayah ini tidak memakai penilaian dari ${raterSourceLabel(source)} untuk set indikator ${set.name} ${employee.nama}; ` +
        `yang dipakai: ${[...used].map((s) => raterSourceLabel(s)).join(", ")}`,
    });
  }
  return set;
}

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
  /** For the assessor: the facts the rule set declares (e.g. a judgement, disciplinary days). */
  facts: Array<{ name: string; type: string; label: string; description: string | null; values: string[] | null; min: number | null; max: number | null }>;
  /** YYYY-MM-DD, when the region set one for this source. */
  dueDate: string | null;
  /** The caller's sheet so far (draft or submitted). */
  sheet: AssessmentView | null;
}

/** What the caller fills in when rating the employee as the source, from the cycle's rule set. */
export async function assessmentForm(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; employeeId: string; source: RaterSource; rater?: string },
): Promise<AssessmentForm> {
  const cycle = await findCycle(db, regionId, input.cycleId);
  const employee = await findEmployee(db, regionId, input.employeeId);
  await assertInCycle(db, cycle, employee);
  const rater = await raterFor(db, cycle, user, employee, input.source, input.rater);
  const compiled = await cycleRules(db, cycle);
  const set = await setForSource(db, cycle, compiled, employee, input.source);
  const { ruleSet } = compiled;
  const supervisor = input.source === "supervisor";
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
    facts: supervisor
      ? Object.entries(ruleSet.facts).map(([name, f]) => ({
          name,
          type: f.type,
          label: f.label,
          description: f.description ?? null,
          values: f.values ?? null,
          min: f.min ?? null,
          max: f.max ?? null,
        }))
      : [],
    dueDate: await deadlineOf(db, cycle, input.source),
    sheet: sheet ? view(sheet, (await reopeningsOf(db, regionId, [sheet.id])).get(sheet.id)) : null,
  };
}

/** Saves a sheet as a draft (`submit` false) or submits it, which locks it. */
export async function saveAssessment(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: AssessmentInput,
  submit: boolean,
): Promise<AssessmentView> {
  if (!(RATER_SOURCES as readonly string[]).includes(input.source)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Sumber penilai ${input.source} tidak dikenal; yang ada: ${RATER_SOURCES.join(", ")}` });
  }
  return db.transaction().execute(async (trx) => {
    const cycle = await openCycleOf(trx, regionId, input.cycleId);
    const employee = await findEmployee(trx, regionId, input.employeeId);
    await assertInCycle(trx, cycle, employee);
    const rater = await raterFor(trx, cycle, user, employee, input.source, input.rater);
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
      rater_user_id: user.id,
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
export async function reopenAssessment(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { assessmentId: string; reason: string },
): Promise<AssessmentView> {
  const reason = input.reason.trim();
  if (reason.length < 10) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Alasan membuka kembali wajib ditulis (paling sedikit 10 karakter)" });
  }
  return db.transaction().execute(async (trx) => {
    const sheet = await trx
      .selectFrom("assessments")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("id", "=", input.assessmentId)
      .executeTakeFirst();
    if (!sheet) throw new DomainError({ code: "NOT_FOUND", message: `Lembar penilaian ${input.assessmentId} tidak ditemukan` });
    const { employee, standing } = await employeeFor(trx, regionId, user, sheet.employee_id, ["admin", "assessor"]).catch(() => {
      throw new DomainError({ code: "FORBIDDEN", message: "Hanya pejabat penilai pegawai ini atau admin BKD yang dapat membuka kembali lembar penilaian" });
    });
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
      after: { submittedAt: null, reason, as: standing },
    });
    return sheetView(trx, regionId, sheet.id);
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
  const employee = await findEmployee(db, regionId, input.employeeId);
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
  const rows = await query.orderBy("source").orderBy("rater").execute();
  const reopenings = await reopeningsOf(db, regionId, rows.map((r) => r.id));
  return rows.map((r) => view(r, reopenings.get(r.id)));
}

export interface FeedbackItem {
  source: RaterSource;
  /** The rater's name; null where the viewer is the rated employee and the rater a peer or subordinate. */
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
export async function feedbackFor(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; employeeId: string },
): Promise<FeedbackItem[]> {
  await findCycle(db, regionId, input.cycleId);
  const { standing } = await employeeFor(db, regionId, user, input.employeeId);
  return feedbackItems(db, regionId, input.cycleId, input.employeeId, standing === "self");
}

export async function feedbackItems(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  employeeId: string,
  anonymous: boolean,
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
    const hidden = anonymous && (source === "peer" || source === "subordinate" || source === "public");
    const multiple = source === "peer" || source === "subordinate" || source === "public";
    return {
      source,
      rater: hidden ? null : (r.nama ?? r.rater),
      label: multiple ? `${raterSourceTitle(source)} ${n}` : raterSourceTitle(source),
      comment: r.comment as string,
      submittedAt: r.submitted_at as string,
    };
  });
}
