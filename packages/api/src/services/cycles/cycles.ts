// Appraisal cycles: a period of one region, pinned to a published rule set version (by id and content
// hash). draft → open (assessments come in) → evaluated (a run's results are current) → finalised.
import type { Scope } from "../access/index.js";
import type { Actor } from "../lib/index.js";
import { DomainError } from "../lib/index.js";
import { ORGANISATION_PREDIKAT, PERIOD_KINDS, type OrganisationPredikat } from "@kinerja/core";
import { newId, now, parseJson, toJson, type CycleRow, type CycleStatus, type CycleUpdate, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { audit } from "../lib/index.js";
import { assertNoOverlap, writeCycleUnits } from "./cycle-scope.js";
import { findRuleSetVersion, latestPublished } from "../rules/index.js";
import { findUnit } from "../organisation/index.js";
import { emitEvent } from "../integrations/index.js";

export interface CycleView {
  id: string;
  name: string;
  periodKind: string;
  periodLabel: string;
  status: CycleStatus;
  unitId: string | null;
  ruleSetVersionId: string;
  ruleSetHash: string;
  currentRunId: string | null;
  unitPredikat: Record<string, OrganisationPredikat>;
  createdAt: string;
  updatedAt: string;
  finalisedAt: string | null;
}

export function cycleView(row: CycleRow): CycleView {
  return {
    id: row.id,
    name: row.name,
    periodKind: row.period_kind,
    periodLabel: row.period_label,
    status: row.status,
    unitId: row.unit_id,
    ruleSetVersionId: row.rule_set_version_id,
    ruleSetHash: row.rule_set_hash,
    currentRunId: row.current_run_id,
    unitPredikat: parseJson(row.unit_predikat),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finalisedAt: row.finalised_at,
  };
}

export async function findCycle(db: Kysely<Database>, regionId: string, id: string): Promise<CycleRow> {
  const row = await db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Siklus ${id} tidak ditemukan` });
  return row;
}

/**
 * Touches the cycle's row, which (on PostgreSQL) locks it until the transaction ends: writers that check
 * a cycle's state and then change its results go one at a time.
 */
export async function lockCycle(trx: Kysely<Database>, regionId: string, id: string, at = now()): Promise<void> {
  await trx.updateTable("cycles").set({ updated_at: at }).where("region_id", "=", regionId).where("id", "=", id).execute();
}

export async function listCycles(scope: Scope): Promise<CycleView[]> {
  const { db, regionId } = scope;
  const rows = await db
    .selectFrom("cycles")
    .selectAll()
    .where("region_id", "=", regionId)
    .orderBy("period_label", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(cycleView);
}

export interface NewCycle {
  name: string;
  periodKind: (typeof PERIOD_KINDS)[number];
  periodLabel: string;
  unitId?: string | null;
  /** The units it covers (each with the units below it), for a phased roll-out; see cycle-scope.ts. */
  unitIds?: string[];
  /** A published version; the newest published one when absent. */
  ruleSetVersionId?: string;
}

export async function createCycle(scope: Scope, input: NewCycle): Promise<CycleView> {
  const { db, regionId, actor } = scope;
  return db.transaction().execute(async (trx) => {
    const version = input.ruleSetVersionId
      ? await findRuleSetVersion(trx, regionId, input.ruleSetVersionId)
      : await latestPublished(trx, regionId);
    if (!version) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Wilayah ini belum punya rule set yang diterbitkan" });
    }
    if (version.status !== "published") {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Versi ${version.version} masih draf; siklus hanya bisa memakai versi yang diterbitkan`,
      });
    }
    if (input.unitId !== undefined && input.unitId !== null) await findUnit(trx, regionId, input.unitId);
    const at = now();
    const id = newId();
    await trx
      .insertInto("cycles")
      .values({
        region_id: regionId,
        id,
        name: input.name,
        period_kind: input.periodKind,
        period_label: input.periodLabel,
        rule_set_version_id: version.id,
        rule_set_hash: version.content_hash,
        status: "draft",
        unit_id: input.unitId ?? null,
        current_run_id: null,
        created_by: actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (input.unitIds && input.unitIds.length > 0) await writeCycleUnits(trx, regionId, id, input.unitIds);
    const row = await findCycle(trx, regionId, id);
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.create",
      entity: "cycle",
      entityId: id,
      after: { ...cycleView(row), ...(input.unitIds?.length ? { unitIds: input.unitIds } : {}) },
    });
    return cycleView(row);
  });
}

async function moveStatus(
  db: Kysely<Database>,
  regionId: string,
  actor: Actor,
  id: string,
  from: CycleStatus,
  to: CycleStatus,
  action: string,
  step: {
    check?: (trx: Kysely<Database>, cycle: CycleRow) => Promise<void>;
    set?: CycleUpdate;
    /** Runs in the same transaction once the status has moved (events for webhooks). */
    after?: (trx: Kysely<Database>, cycle: CycleRow) => Promise<void>;
  } = {},
): Promise<CycleView> {
  return db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, id);
    if (cycle.status !== from) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Siklus berstatus ${cycle.status}; tindakan ini hanya untuk siklus berstatus ${from}`,
      });
    }
    await step.check?.(trx, cycle);
    await trx
      .updateTable("cycles")
      .set({ ...step.set, status: to, updated_at: now() })
      .where("region_id", "=", regionId)
      .where("id", "=", id)
      .where("status", "=", from)
      .execute();
    await audit(trx, { regionId, actor, action, entity: "cycle", entityId: id, before: { status: from }, after: { status: to } });
    const moved = await findCycle(trx, regionId, id);
    await step.after?.(trx, moved);
    return cycleView(moved);
  });
}

/** Opens a draft cycle for assessments, unless one of its employees is already in a cycle of the same period. */
export function openCycle(scope: Scope, id: string): Promise<CycleView> {
  const { db, regionId, actor } = scope;
  return moveStatus(db, regionId, actor, id, "draft", "open", "cycle.open", {
    check: assertNoOverlap,
    after: (trx, cycle) => emitEvent(trx, regionId, "cycle.opened", { cycle: cycleEventData(cycle) }).then(() => undefined),
  });
}

/** A cycle as webhook events describe it. */
export function cycleEventData(cycle: CycleRow) {
  return { id: cycle.id, name: cycle.name, periodKind: cycle.period_kind, periodLabel: cycle.period_label, status: cycle.status };
}

/** Closes an evaluated cycle: its current results become final (see finalise.ts for the checks before). */
export function closeCycle(
  db: Kysely<Database>,
  regionId: string,
  actor: Actor,
  id: string,
  check?: (trx: Kysely<Database>, cycle: CycleRow) => Promise<void>,
): Promise<CycleView> {
  return moveStatus(db, regionId, actor, id, "evaluated", "finalised", "cycle.finalise", { set: { finalised_at: now() }, ...(check ? { check } : {}) });
}

/** Records a unit's predikat organisasi for the cycle, which bounds its employees' distribution. */
export async function setUnitPredikat(scope: Scope, input: { cycleId: string; unitId: string; predikat: OrganisationPredikat }): Promise<CycleView> {
  const { db, regionId, actor } = scope;
  if (!(ORGANISATION_PREDIKAT as readonly string[]).includes(input.predikat)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Predikat organisasi ${input.predikat} tidak dikenal` });
  }
  return db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status === "finalised") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus sudah final dan tidak bisa diubah" });
    }
    await findUnit(trx, regionId, input.unitId);
    const before = parseJson<Record<string, OrganisationPredikat>>(cycle.unit_predikat);
    const after = { ...before, [input.unitId]: input.predikat };
    await trx
      .updateTable("cycles")
      .set({ unit_predikat: toJson(after), updated_at: now() })
      .where("region_id", "=", regionId)
      .where("id", "=", input.cycleId)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.setUnitPredikat",
      entity: "cycle",
      entityId: input.cycleId,
      before: { unitId: input.unitId, predikat: before[input.unitId] ?? null },
      after: { unitId: input.unitId, predikat: input.predikat },
    });
    return cycleView(await findCycle(trx, regionId, input.cycleId));
  });
}
