// A region's employees: search and page through them, read one, edit one (audited). Assessors see their
// direct reports and employees themselves; admins and operators everyone in the region.
import { DomainError } from "../lib/index.js";
import { parseNip } from "@kinerja/core";
import { now, parseJson, toJson, type EmployeeRow } from "@kinerja/db";
import { contains } from "../lib/index.js";
import { requireEmployee, visibleEmployees, type Scope } from "../access/index.js";
import { audit } from "../lib/index.js";
import { decodeCursor, pageOf, type Page } from "../lib/index.js";
import { findUnit, unitSubtree } from "./units.js";

export type AttributeValue = string | number | boolean;

export interface EmployeeView {
  id: string;
  nip: string;
  nama: string;
  jabatan: string;
  jenisJabatan: string | null;
  jenjang: string | null;
  golongan: string | null;
  status: string | null;
  unitId: string;
  atasanNip: string | null;
  attributes: Record<string, AttributeValue>;
  /** When the employee's departure was applied (no longer in the SIASN master); null while in the region. */
  leftAt: string | null;
  /** Why, as the applying run put it (e.g. "tidak ada lagi di SIASN"); null while in the region. */
  leftReason: string | null;
}

export function employeeView(row: EmployeeRow): EmployeeView {
  return {
    id: row.id,
    nip: row.nip,
    nama: row.nama,
    jabatan: row.jabatan,
    jenisJabatan: row.jenis_jabatan,
    jenjang: row.jenjang,
    golongan: row.golongan,
    status: row.status,
    unitId: row.unit_id,
    atasanNip: row.atasan_nip,
    attributes: parseJson(row.attributes),
    leftAt: row.left_at ?? null,
    leftReason: row.left_reason ?? null,
  };
}

export interface EmployeeFilter {
  search?: string;
  /** This unit and the units below it. */
  unitId?: string;
  /** Those who left the region: true only them, false only those still working; everyone when absent. */
  left?: boolean;
  cursor?: string;
  limit: number;
}

export async function listEmployees(scope: Scope, filter: EmployeeFilter): Promise<Page<EmployeeView>> {
  const { db, regionId } = scope;
  const visible = visibleEmployees(scope);
  let query = db.selectFrom("employees").selectAll().where("region_id", "=", regionId);
  if (visible.kind === "reports") query = query.where("atasan_nip", "=", visible.atasanNip);
  if (visible.kind === "self") query = query.where("nip", "=", visible.nip);
  if (visible.kind === "none") return { items: [], nextCursor: null };
  if (filter.unitId) query = query.where("unit_id", "in", await unitSubtree(db, regionId, filter.unitId));
  if (filter.left !== undefined) query = query.where("left_at", filter.left ? "is not" : "is", null);
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    query = query.where((eb) => eb.or([contains("nama", search), contains("nip", search), contains("jabatan", search)]));
  }
  if (filter.cursor) {
    const [nama, id] = decodeCursor(filter.cursor, 2).map(String) as [string, string];
    query = query.where((eb) => eb.or([eb("nama", ">", nama), eb.and([eb("nama", "=", nama), eb("id", ">", id)])]));
  }
  const rows = await query.orderBy("nama").orderBy("id").limit(filter.limit + 1).execute();
  return pageOf(rows, filter.limit, (r) => [r.nama, r.id], employeeView);
}

export async function getEmployee(scope: Scope, id: string): Promise<EmployeeView> {
  const { employee } = await requireEmployee(scope, id);
  return employeeView(employee);
}

export interface EmployeePatch {
  nip?: string;
  nama?: string;
  jabatan?: string;
  jenisJabatan?: string | null;
  jenjang?: string | null;
  golongan?: string | null;
  status?: string | null;
  unitId?: string;
  atasanNip?: string | null;
  attributes?: Record<string, AttributeValue>;
}

export async function updateEmployee(scope: Scope, id: string, patch: EmployeePatch): Promise<EmployeeView> {
  const { db, regionId, actor } = scope;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("employees")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!before) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai ${id} tidak ditemukan` });
    for (const [field, value] of [["nip", patch.nip], ["atasanNip", patch.atasanNip]] as const) {
      if (value === undefined || value === null) continue;
      const check = parseNip(value);
      if (!check.ok) throw new DomainError({ code: "BAD_REQUEST", message: `${field}: ${check.error}` });
    }
    if (patch.atasanNip && patch.atasanNip === (patch.nip ?? before.nip)) {
      throw new DomainError({ code: "BAD_REQUEST", message: "Pegawai tidak bisa menjadi atasannya sendiri" });
    }
    if (patch.nip && patch.nip !== before.nip) {
      const clash = await trx
        .selectFrom("employees")
        .select("id")
        .where("region_id", "=", regionId)
        .where("nip", "=", patch.nip)
        .executeTakeFirst();
      if (clash) throw new DomainError({ code: "CONFLICT", message: `NIP ${patch.nip} sudah dipakai pegawai lain` });
    }
    // An empty unit code is looked up too: skipping it would leave the foreign key to refuse it, as a server fault.
    if (patch.unitId !== undefined) await findUnit(trx, regionId, patch.unitId);
    await trx
      .updateTable("employees")
      .set({
        ...(patch.nip !== undefined ? { nip: patch.nip } : {}),
        ...(patch.nama !== undefined ? { nama: patch.nama } : {}),
        ...(patch.jabatan !== undefined ? { jabatan: patch.jabatan } : {}),
        ...(patch.jenisJabatan !== undefined ? { jenis_jabatan: patch.jenisJabatan } : {}),
        ...(patch.jenjang !== undefined ? { jenjang: patch.jenjang } : {}),
        ...(patch.golongan !== undefined ? { golongan: patch.golongan } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
        ...(patch.atasanNip !== undefined ? { atasan_nip: patch.atasanNip } : {}),
        ...(patch.attributes !== undefined ? { attributes: toJson(patch.attributes) } : {}),
        updated_at: now(),
      })
      .where("region_id", "=", regionId)
      .where("id", "=", id)
      .execute();
    const after = await trx
      .selectFrom("employees")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await audit(trx, {
      regionId,
      actor,
      action: "employee.update",
      entity: "employee",
      entityId: id,
      before: employeeView(before),
      after: employeeView(after),
    });
    return employeeView(after);
  });
}
