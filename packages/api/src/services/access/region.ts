// Which region a request acts in. Operators name it; everyone else is pinned to their own and refused
// when they name another. Every regional query then filters on the region this returns.
import { DomainError } from "../lib/index.js";
import type { Database, Role } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";

/** Roles as the portal names them. */
export const ROLE_NAMES: Record<Role, string> = {
  operator: "operator nasional",
  admin: "admin BKPSDM",
  assessor: "pejabat penilai",
  employee: "pegawai",
};

/** National operators act in every region; everyone else in their own. */
export function isOperator(user: Pick<SessionUser, "role">): boolean {
  return user.role === "operator";
}

export function assertRole(user: SessionUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) {
    throw new DomainError({
      code: "FORBIDDEN",
      message: `Peran ${ROLE_NAMES[user.role]} tidak berwenang untuk tindakan ini; yang berwenang: ${roles.map((r) => ROLE_NAMES[r]).join(", ")}`,
    });
  }
}

export async function resolveRegion(db: Kysely<Database>, user: SessionUser, requested: string | undefined): Promise<string> {
  if (isOperator(user)) {
    if (!requested) throw new DomainError({ code: "BAD_REQUEST", message: "Operator nasional harus menyebut regionId" });
    const region = await db.selectFrom("regions").select("id").where("id", "=", requested).executeTakeFirst();
    if (!region) throw new DomainError({ code: "NOT_FOUND", message: `Wilayah ${requested} tidak ditemukan` });
    return requested;
  }
  if (!user.regionId) throw new DomainError({ code: "FORBIDDEN", message: "Akun ini tidak terikat pada wilayah" });
  if (requested && requested !== user.regionId) {
    throw new DomainError({ code: "FORBIDDEN", message: `Akun ini hanya boleh mengakses wilayah ${user.regionId}, bukan ${requested}` });
  }
  return user.regionId;
}
