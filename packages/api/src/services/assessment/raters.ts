// Who writes which sheet on an employee: the employee rates themself, their assessor rates them as
// supervisor, the colleagues chosen for them (peers.ts) as peer, their direct reports as subordinate; the
// region's admins enter any sheet (paper forms, public surveys) in a rater's name. Read from the relations
// of the signed-in person's own employee record, never from the name they sign in with.
import { raterSourceLabel, type RaterSource } from "@kinerja/core";
import type { CycleRow, Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { ALL_RELATIONS, directRelationTo, isAdmin, isOwnSuperior, requireRelation, type Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";

/** Whether the person with this NIP was chosen to rate the employee as a peer in the cycle. */
async function isAssignedPeer(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, employeeId: string, peerNip: string): Promise<boolean> {
  const found = await db
    .selectFrom("peer_assignments")
    .innerJoin("employees", (join) =>
      join.onRef("employees.region_id", "=", "peer_assignments.region_id").onRef("employees.id", "=", "peer_assignments.peer_employee_id"),
    )
    .select("employees.nip")
    .where("peer_assignments.region_id", "=", cycle.region_id)
    .where("peer_assignments.cycle_id", "=", cycle.id)
    .where("peer_assignments.employee_id", "=", employeeId)
    .where("employees.nip", "=", peerNip)
    .executeTakeFirst();
  return found !== undefined;
}

/** The sources the signed-in person rates the employee as in the cycle, on their own behalf. */
async function ownSources(scope: Scope, cycle: CycleRow, employee: EmployeeRow): Promise<Set<RaterSource>> {
  const sources = new Set<RaterSource>();
  if (!scope.me) return sources;
  const relation = directRelationTo(scope, employee);
  if (relation === "self") sources.add("self");
  if (relation === "assessor") sources.add("supervisor");
  if (isOwnSuperior(scope, employee)) sources.add("subordinate");
  if (relation !== "self" && (await isAssignedPeer(scope.db, cycle, employee.id, scope.me.nip))) sources.add("peer");
  return sources;
}

const WHO_RATES: Record<RaterSource, string> = {
  self: "hanya pegawai itu sendiri yang mengisi penilaian diri",
  supervisor: "hanya pejabat penilai pegawai ini, yaitu atasan langsungnya",
  peer: "hanya rekan yang ditetapkan admin atau pejabat penilai yang menilai sebagai rekan kerja",
  subordinate: "hanya bawahan langsung pegawai ini yang menilai sebagai bawahan",
  public: "penilaian masyarakat dicatat oleh admin BKD dari survei kepuasan",
};

/**
 * The rater a sheet on the employee as the source is written as: the rater an admin names (a NIP or a
 * respondent id), else the signed-in person's own NIP where they rate the employee as that source. Refused
 * as the access module refuses: someone who neither rates nor is related to the employee is told the
 * employee does not exist; anyone else is told who rates as the source.
 */
export async function raterFor(scope: Scope, cycle: CycleRow, employee: EmployeeRow, source: RaterSource, named?: string): Promise<string> {
  if (isAdmin(scope.user)) {
    const rater = named?.trim() || scope.me?.nip || scope.user.email;
    if (source === "peer" && !(await isAssignedPeer(scope.db, cycle, employee.id, rater))) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Penilai ${rater} bukan rekan yang ditetapkan untuk ${employee.nama}; tetapkan rekan penilai lebih dulu (assessment.setPeers)`,
      });
    }
    return rater;
  }
  const sources = await ownSources(scope, cycle, employee);
  if (scope.me && sources.has(source)) return scope.me.nip;
  const as = raterSourceLabel(source);
  if (sources.size === 0) await requireRelation(scope, employee, ALL_RELATIONS, `menilai sebagai ${as}`);
  throw new DomainError({ code: "FORBIDDEN", message: `Anda tidak berwenang menilai ${employee.nama} sebagai ${as}: ${WHO_RATES[source]}` });
}
