// SIASN against the region: which units are new or changed, which employees are new, moved (unit, jabatan,
// golongan or atasan changed, each with before and after) or left (in Kinerja, not in SIASN). Rows SIASN
// sends that cannot be taken (a bad NIP, a unit nobody knows, a NIP twice…) are problems of their row and
// left out of the diff; an employee whose SIASN row has a problem is never counted as left.
// Applying a diff writes it in the caller's transaction after checking that every "before" is still what
// the region has: a change made since the fetch refuses the whole apply, and the admin fetches again.
import { parseNip } from "@kinerja/core";
import { newId, now, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { DomainError } from "../../lib/index.js";
import { disableAccountsOfLeavers, enableAccountsOfReturners } from "../../organisation/index.js";
import { forgetUnitTree } from "../../organisation/units.js";
import type { RowProblem } from "../connector.js";
import type { SiasnMapping } from "./mapping.js";
import type { SiasnRead } from "./records.js";

export type EmployeeField = "unitId" | "jabatan" | "golongan" | "atasanNip";

export interface EmployeeChange {
  field: EmployeeField;
  before: string | null;
  after: string | null;
}

export interface NewEmployee {
  nip: string;
  nama: string;
  jabatan: string;
  golongan: string | null;
  unitId: string;
  atasanNip: string | null;
  /** Marked as left before and listed by SIASN again: their record is taken up again, not created. */
  returning: boolean;
}

export interface MovedEmployee {
  nip: string;
  nama: string;
  changes: EmployeeChange[];
}

export interface LeftEmployee {
  nip: string;
  nama: string;
  unitId: string;
  jabatan: string;
}

export interface UnitRow {
  id: string;
  siasnId: string;
  name: string;
  parentId: string | null;
}

export interface UnitChange {
  id: string;
  before: { name: string; parentId: string | null };
  after: { name: string; parentId: string | null };
}

export interface SiasnDiff {
  counts: { units: number; employees: number; newUnits: number; changedUnits: number; new: number; moved: number; left: number; unchanged: number; problems: number };
  units: { new: UnitRow[]; changed: UnitChange[] };
  new: NewEmployee[];
  moved: MovedEmployee[];
  left: LeftEmployee[];
}

const UNIT_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The Kinerja unit id of a SIASN unor id: the mapping's, or the same id in lower case; null when it cannot be one. */
function unitIdOf(siasnId: string, mapping: SiasnMapping): string | null {
  const mapped = mapping.units[siasnId];
  if (mapped) return mapped;
  const own = siasnId.trim().toLowerCase();
  return UNIT_ID.test(own) ? own : null;
}

/** The diff of a SIASN read against the region, with each row's problems. */
export async function diffAgainstRegion(db: Kysely<Database>, regionId: string, read: SiasnRead, mapping: SiasnMapping): Promise<{ diff: SiasnDiff; problems: RowProblem[] }> {
  const problems: RowProblem[] = [...read.problems];
  const f = read.fields;
  const units = await db.selectFrom("units").select(["id", "name", "parent_id"]).where("region_id", "=", regionId).execute();
  const kinerjaUnits = new Map(units.map((u) => [u.id, u]));
  const employees = await db.selectFrom("employees").select(["nip", "nama", "jabatan", "golongan", "unit_id", "atasan_nip", "left_at"]).where("region_id", "=", regionId).execute();
  const kinerjaEmployees = new Map(employees.map((e) => [e.nip, e]));

  // Units: each SIASN unor as a Kinerja unit id.
  const siasnUnits = new Map<string, UnitRow>();
  for (const unit of read.units) {
    const id = unitIdOf(unit.id, mapping);
    if (!id) {
      problems.push({ line: 0, field: "unit", value: unit.id, message: `unor "${unit.name}" tidak dapat menjadi kode unit Kinerja`, expected: `kode unit di berkas pemetaan (units: { "${unit.id}": "kode-unit" })` });
      continue;
    }
    siasnUnits.set(unit.id, { id, siasnId: unit.id, name: unit.name || id, parentId: null });
  }
  const known = (kinerjaId: string) => kinerjaUnits.has(kinerjaId) || [...siasnUnits.values()].some((u) => u.id === kinerjaId);
  const newUnits: UnitRow[] = [];
  const changedUnits: UnitChange[] = [];
  for (const unit of read.units) {
    const row = siasnUnits.get(unit.id);
    if (!row) continue;
    const parent = unit.parentId ? (siasnUnits.get(unit.parentId)?.id ?? (unitIdOf(unit.parentId, mapping) && kinerjaUnits.has(unitIdOf(unit.parentId, mapping)!) ? unitIdOf(unit.parentId, mapping) : null)) : null;
    const existing = kinerjaUnits.get(row.id);
    // A parent SIASN does not name (or names outside the lists) keeps the unit's own.
    row.parentId = parent && parent !== row.id ? parent : (existing?.parent_id ?? null);
    if (!existing) newUnits.push(row);
    else if (existing.name !== row.name || existing.parent_id !== row.parentId) {
      changedUnits.push({ id: row.id, before: { name: existing.name, parentId: existing.parent_id }, after: { name: row.name, parentId: row.parentId } });
    }
  }
  // Parents before children, so each insert finds its parent.
  const ordered: UnitRow[] = [];
  const pending = new Map(newUnits.map((u) => [u.id, u]));
  const place = (u: UnitRow, depth = 0) => {
    if (!pending.has(u.id) || depth > 50) return;
    pending.delete(u.id);
    const parent = u.parentId ? newUnits.find((p) => p.id === u.parentId) : undefined;
    if (parent) place(parent, depth + 1);
    ordered.push(u);
  };
  for (const u of newUnits) place(u);

  // Employees.
  const seen = new Set<string>();
  const flagged = new Set<string>();
  const siasnNips = new Set(read.employees.map((e) => e.nip));
  const fresh: NewEmployee[] = [];
  const moved: MovedEmployee[] = [];
  let unchanged = 0;
  const rowProblem = (line: number, field: string, value: string, message: string, expected: string) => problems.push({ line, field, value: value.slice(0, 200), message, expected });
  for (const e of read.employees) {
    const nip = parseNip(e.nip);
    if (!nip.ok) {
      rowProblem(e.line, f.nip, e.nip, nip.error, "NIP 18 digit dengan tanggal lahir dan TMT yang sah");
      continue;
    }
    if (seen.has(e.nip)) {
      flagged.add(e.nip);
      rowProblem(e.line, f.nip, e.nip, "NIP muncul lebih dari sekali", "satu baris per pegawai");
      continue;
    }
    seen.add(e.nip);
    const before = problems.length;
    if (!e.nama) rowProblem(e.line, f.nama, "", "nama kosong", "nama pegawai");
    if (!e.jabatan) rowProblem(e.line, f.jabatan, "", "jabatan kosong", "nama jabatan");
    const unit = e.unitId ? (siasnUnits.get(e.unitId)?.id ?? unitIdOf(e.unitId, mapping)) : null;
    if (!e.unitId) rowProblem(e.line, f.unitId, "", "unit (unor) kosong", "id unor SIASN");
    else if (!unit || !known(unit)) rowProblem(e.line, f.unitId, e.unitId, "unor tidak ada di daftar unor SIASN maupun di unit Kinerja", "id unor dari /referensi/ref-unor, atau pasangan di berkas pemetaan (units)");
    if (e.atasanNip) {
      const atasan = parseNip(e.atasanNip);
      if (!atasan.ok) rowProblem(e.line, f.atasanNip ?? "atasan", e.atasanNip, `NIP atasan tidak sah: ${atasan.error}`, "NIP 18 digit atau kosong");
      else if (!siasnNips.has(e.atasanNip) && !kinerjaEmployees.has(e.atasanNip)) rowProblem(e.line, f.atasanNip ?? "atasan", e.atasanNip, "atasan tidak ada di SIASN maupun di Kinerja", "NIP pegawai yang terdaftar, atau kosong");
      else if (e.atasanNip === e.nip) rowProblem(e.line, f.atasanNip ?? "atasan", e.atasanNip, "pegawai menjadi atasannya sendiri", "NIP orang lain, atau kosong");
    }
    if (problems.length > before) {
      flagged.add(e.nip);
      continue;
    }
    const current = kinerjaEmployees.get(e.nip);
    // An atasan the source does not read (no field mapped) keeps the employee's own.
    const after = { unitId: unit!, jabatan: e.jabatan, golongan: e.golongan || null, atasanNip: e.atasanNip === undefined ? (current?.atasan_nip ?? null) : e.atasanNip };
    if (!current || current.left_at !== null) {
      fresh.push({ nip: e.nip, nama: e.nama, ...after, returning: current !== undefined });
      continue;
    }
    const was = { unitId: current.unit_id, jabatan: current.jabatan, golongan: current.golongan, atasanNip: current.atasan_nip };
    const changes = (["unitId", "jabatan", "golongan", "atasanNip"] as const).filter((k) => (was[k] ?? null) !== (after[k] ?? null)).map((k) => ({ field: k, before: was[k] ?? null, after: after[k] ?? null }));
    if (changes.length > 0) moved.push({ nip: e.nip, nama: current.nama, changes });
    else unchanged++;
  }
  const left = employees
    .filter((e) => e.left_at === null && !seen.has(e.nip) && !flagged.has(e.nip) && !siasnNips.has(e.nip))
    .map((e) => ({ nip: e.nip, nama: e.nama, unitId: e.unit_id, jabatan: e.jabatan }))
    .sort((a, b) => a.nama.localeCompare(b.nama));
  problems.sort((a, b) => a.line - b.line);
  return {
    problems,
    diff: {
      counts: { units: read.units.length, employees: read.employees.length, newUnits: ordered.length, changedUnits: changedUnits.length, new: fresh.length, moved: moved.length, left: left.length, unchanged, problems: problems.length },
      units: { new: ordered, changed: changedUnits },
      new: fresh,
      moved,
      left,
    },
  };
}

const COLUMN: Record<EmployeeField, "unit_id" | "jabatan" | "golongan" | "atasan_nip"> = { unitId: "unit_id", jabatan: "jabatan", golongan: "golongan", atasanNip: "atasan_nip" };

function stale(what: string): DomainError {
  return new DomainError({
    code: "CONFLICT",
    message: `Data wilayah berubah sejak diambil dari SIASN (${what}); tidak ada yang disimpan. Ambil lagi dari SIASN lalu tinjau ulang (the region changed since the fetch)`,
  });
}

/**
 * Writes a reviewed diff in the caller's transaction; refuses it whole when the region changed since the fetch.
 * The accounts of employees who left are disabled (sessions ended) and those of returning ones enabled
 * again, in the same transaction.
 */
export async function applyDiff(trx: Kysely<Database>, regionId: string, runId: string, diff: SiasnDiff): Promise<number> {
  const at = now();
  const units = new Map((await trx.selectFrom("units").select(["id", "name", "parent_id"]).where("region_id", "=", regionId).execute()).map((u) => [u.id, u]));
  const employees = new Map((await trx.selectFrom("employees").select(["id", "nip", "unit_id", "jabatan", "golongan", "atasan_nip", "left_at"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e]));
  for (const unit of diff.units.new) {
    if (units.has(unit.id)) throw stale(`unit ${unit.id} sudah ada`);
    await trx.insertInto("units").values({ region_id: regionId, id: unit.id, parent_id: unit.parentId, name: unit.name, type: null, created_at: at }).execute();
  }
  for (const change of diff.units.changed) {
    const unit = units.get(change.id);
    if (!unit || unit.name !== change.before.name || unit.parent_id !== change.before.parentId) throw stale(`unit ${change.id}`);
    await trx.updateTable("units").set({ name: change.after.name, parent_id: change.after.parentId }).where("region_id", "=", regionId).where("id", "=", change.id).execute();
  }
  const returned: string[] = [];
  const departed: string[] = [];
  // Inside the caller's transaction: a page read before it commits may keep the old tree, UNIT_TREE_CACHE_MS at most.
  if (diff.units.new.length > 0 || diff.units.changed.length > 0) forgetUnitTree(regionId);
  for (const e of diff.new) {
    const current = employees.get(e.nip);
    const values = { nama: e.nama, jabatan: e.jabatan, golongan: e.golongan, unit_id: e.unitId, atasan_nip: e.atasanNip, updated_at: at };
    if (e.returning) {
      if (!current || current.left_at === null) throw stale(`pegawai ${e.nip}`);
      await trx.updateTable("employees").set({ ...values, left_at: null, left_reason: null }).where("region_id", "=", regionId).where("id", "=", current.id).execute();
      returned.push(current.id);
    } else {
      if (current) throw stale(`pegawai ${e.nip} sudah ada`);
      await trx.insertInto("employees").values({ region_id: regionId, id: newId(), nip: e.nip, jenis_jabatan: null, jenjang: null, status: "PNS", attributes: "{}", created_at: at, ...values }).execute();
    }
  }
  for (const m of diff.moved) {
    const current = employees.get(m.nip);
    if (!current || current.left_at !== null) throw stale(`pegawai ${m.nip}`);
    const set: Record<string, string | null> = {};
    for (const change of m.changes) {
      if ((current[COLUMN[change.field]] ?? null) !== change.before) throw stale(`pegawai ${m.nip}, ${change.field}`);
      set[COLUMN[change.field]] = change.after;
    }
    await trx.updateTable("employees").set({ ...set, updated_at: at }).where("region_id", "=", regionId).where("id", "=", current.id).execute();
  }
  // The run that applied it is in the audit log (connector.apply); the reason reads as the admin would put it.
  const leftReason = "tidak ada lagi di SIASN";
  for (const l of diff.left) {
    const current = employees.get(l.nip);
    if (!current || current.left_at !== null) throw stale(`pegawai ${l.nip}`);
    await trx.updateTable("employees").set({ left_at: at, left_reason: leftReason, updated_at: at }).where("region_id", "=", regionId).where("id", "=", current.id).execute();
    departed.push(current.id);
  }
  await enableAccountsOfReturners(trx, regionId, returned);
  await disableAccountsOfLeavers(trx, regionId, departed, leftReason);
  return diff.units.new.length + diff.units.changed.length + diff.new.length + diff.moved.length + diff.left.length;
}
