// A region's organisation units as a tree (dinas → puskesmas, sekolah …).
import { DomainError } from "../lib/index.js";
import { now, type Database, type UnitRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Scope } from "../access/index.js";
import { audit, pushTo } from "../lib/index.js";
import type { ImportRowError } from "./employee-sheet.js";
import { parseUnitSheet } from "./unit-sheet.js";

export interface UnitNode {
  id: string;
  name: string;
  type: string | null;
  parentId: string | null;
  /** Employees placed directly in this unit. */
  employees: number;
  children: UnitNode[];
}

export async function listUnits(db: Kysely<Database>, regionId: string): Promise<UnitRow[]> {
  return db.selectFrom("units").selectAll().where("region_id", "=", regionId).orderBy("name").execute();
}

export async function findUnit(db: Kysely<Database>, regionId: string, id: string): Promise<UnitRow> {
  const unit = await db.selectFrom("units").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!unit) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${id} tidak ditemukan` });
  return unit;
}

export async function unitTree(scope: Scope): Promise<UnitNode[]> {
  const { db, regionId } = scope;
  const units = await listUnits(db, regionId);
  const counts = await db
    .selectFrom("employees")
    .select((eb) => ["unit_id", eb.fn.countAll<number>().as("n")])
    .where("region_id", "=", regionId)
    // Those who left the region are kept with their records, but no longer work in a unit.
    .where("left_at", "is", null)
    .groupBy("unit_id")
    .execute();
  const countOf = new Map(counts.map((c) => [c.unit_id, Number(c.n)]));
  const nodes = new Map<string, UnitNode>(
    units.map((u) => [u.id, { id: u.id, name: u.name, type: u.type, parentId: u.parent_id, employees: countOf.get(u.id) ?? 0, children: [] }]),
  );
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The unit and every unit below it. */
export async function unitSubtree(db: Kysely<Database>, regionId: string, unitId: string): Promise<string[]> {
  return (await unitSubtrees(db, regionId, [unitId]))[0] as string[];
}

/** Each unit with every unit below it, from one read of the region's units. */
export async function unitSubtrees(db: Kysely<Database>, regionId: string, unitIds: readonly string[]): Promise<string[][]> {
  const units = await db.selectFrom("units").select(["id", "parent_id"]).where("region_id", "=", regionId).execute();
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parent_id) pushTo(children, u.parent_id, u.id);
  return unitIds.map((unitId) => {
    if (!units.some((u) => u.id === unitId)) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${unitId} tidak ditemukan` });
    const found: string[] = [];
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      found.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return found;
  });
}

/** How long a results page trusts its copy of a region's unit tree; the most a change on another server process may lag. */
export const UNIT_TREE_CACHE_MS = 5_000;

interface CachedTree {
  db: Kysely<Database>;
  until: number;
  children: ReadonlyMap<string, readonly string[]>;
  ids: ReadonlySet<string>;
  /** Subtrees already walked, by their top unit. */
  subtrees: Map<string, readonly string[]>;
}

const unitTrees = new Map<string, CachedTree>();
/** Moves on at every forgetUnitTree, so a read that began before it is not kept. */
let unitTreeGeneration = 0;

/** Drops this process's copy of the region's unit tree: called once units were written (saveUnit, importUnits, SIASN's diff, the seed). */
export function forgetUnitTree(regionId: string): void {
  unitTrees.delete(regionId);
  unitTreeGeneration++;
}

/**
 * The unit and every unit below it, as unitSubtree, from a copy of the region's tree kept UNIT_TREE_CACHE_MS: for
 * filtering a page that is asked for again and again (the results page), never for deciding access or what a
 * job covers. A unit written on this process is seen at once (forgetUnitTree); one written by another server
 * process sharing the database within UNIT_TREE_CACHE_MS.
 */
export async function cachedUnitSubtree(db: Kysely<Database>, regionId: string, unitId: string): Promise<readonly string[]> {
  let tree = unitTrees.get(regionId);
  // A unit the copy does not know may be newer than it: read the tree afresh before saying it is not there.
  if (!tree || tree.db !== db || tree.until <= Date.now() || !tree.ids.has(unitId)) {
    const began = unitTreeGeneration;
    const units = await db.selectFrom("units").select(["id", "parent_id"]).where("region_id", "=", regionId).execute();
    const children = new Map<string, string[]>();
    for (const u of units) {
      if (!u.parent_id) continue;
      const siblings = children.get(u.parent_id);
      if (siblings) siblings.push(u.id);
      else children.set(u.parent_id, [u.id]);
    }
    tree = { db, until: Date.now() + UNIT_TREE_CACHE_MS, children, ids: new Set(units.map((u) => u.id)), subtrees: new Map() };
    if (began === unitTreeGeneration) unitTrees.set(regionId, tree);
  }
  const known = tree.subtrees.get(unitId);
  if (known) return known;
  if (!tree.ids.has(unitId)) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${unitId} tidak ditemukan` });
  const found: string[] = [];
  const stack = [unitId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    found.push(id);
    stack.push(...(tree.children.get(id) ?? []));
  }
  tree.subtrees.set(unitId, Object.freeze(found));
  return found;
}

export interface UnitInput {
  id: string;
  name: string;
  parentId: string | null;
  type: string | null;
}

/** Creates the unit, or renames / moves it when the id exists. A unit cannot be moved under itself. */
export async function saveUnit(scope: Scope, input: UnitInput): Promise<UnitRow> {
  const { db, regionId, actor } = scope;
  const saved = await db.transaction().execute(async (trx) => {
    const units = await trx.selectFrom("units").selectAll().where("region_id", "=", regionId).execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    if (input.parentId !== null) {
      if (!byId.has(input.parentId)) {
        throw new DomainError({ code: "NOT_FOUND", message: `Unit induk ${input.parentId} tidak ditemukan` });
      }
      for (let at: string | null = input.parentId; at !== null; at = byId.get(at)?.parent_id ?? null) {
        if (at === input.id) {
          throw new DomainError({ code: "BAD_REQUEST", message: `Unit ${input.id} tidak bisa ditempatkan di bawah dirinya sendiri` });
        }
      }
    }
    const before = byId.get(input.id);
    if (before) {
      await trx
        .updateTable("units")
        .set({ name: input.name, parent_id: input.parentId, type: input.type })
        .where("region_id", "=", regionId)
        .where("id", "=", input.id)
        .execute();
    } else {
      await trx
        .insertInto("units")
        .values({ region_id: regionId, id: input.id, parent_id: input.parentId, name: input.name, type: input.type, created_at: now() })
        .execute();
    }
    const after = await trx
      .selectFrom("units")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("id", "=", input.id)
      .executeTakeFirstOrThrow();
    await audit(trx, {
      regionId,
      actor,
      action: before ? "unit.update" : "unit.create",
      entity: "unit",
      entityId: input.id,
      ...(before ? { before } : {}),
      after,
    });
    return after;
  });
  forgetUnitTree(regionId);
  return saved;
}

export type UnitImportResult =
  | { ok: true; rows: number; created: number; updated: number }
  | { ok: false; rows: number; errors: ImportRowError[] };

/** Adds or updates every unit of a good CSV sheet (unit-sheet.ts), parents before children, in one transaction; a bad sheet writes nothing. */
export async function importUnits(scope: Scope, input: { content: string }): Promise<UnitImportResult> {
  const { db, regionId, actor } = scope;
  const existing = new Map((await listUnits(db, regionId)).map((u) => [u.id, u.parent_id] as const));
  const sheet = parseUnitSheet(input.content, existing);
  if (sheet.errors.length > 0) return { ok: false, rows: sheet.rows, errors: sheet.errors };
  const inSheet = new Map(sheet.units.map((u) => [u.id, u]));
  const ordered: UnitInput[] = [];
  const placed = new Set<string>();
  const place = (unit: UnitInput) => {
    if (placed.has(unit.id)) return;
    placed.add(unit.id);
    const parent = unit.parentId ? inSheet.get(unit.parentId) : undefined;
    if (parent) place(parent);
    ordered.push(unit);
  };
  sheet.units.forEach(place);
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    const at = now();
    for (const unit of ordered) {
      if (existing.has(unit.id)) {
        await trx.updateTable("units").set({ name: unit.name, parent_id: unit.parentId, type: unit.type }).where("region_id", "=", regionId).where("id", "=", unit.id).execute();
        updated++;
      } else {
        await trx.insertInto("units").values({ region_id: regionId, id: unit.id, parent_id: unit.parentId, name: unit.name, type: unit.type, created_at: at }).execute();
        created++;
      }
    }
    await audit(trx, { regionId, actor, action: "unit.import", entity: "unit", entityId: "*", after: { rows: ordered.length, created, updated } });
  });
  forgetUnitTree(regionId);
  return { ok: true, rows: ordered.length, created, updated };
}
