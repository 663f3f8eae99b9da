// Who takes which part in a session of the evaluation forum (forum evaluasi). As Pariaman holds it, the forum
// is the direct superior with the peers: a member of the session gives a view on a case, and the case's
// superior (its assessor) alone decides (forum.adjust: requireEmployee with "assessor" or "admin").
import type { EmployeeRow } from "@kinerja/db";
import { DomainError } from "../lib/index.js";
import { isAdmin } from "./relation.js";
import type { Scope } from "./scope.js";

/** Whether the signed-in person reads a forum session's record: the region's admin, or a member of the session. */
export function readsForumSession(scope: Scope, memberNips: readonly string[]): boolean {
  return isAdmin(scope.user) || (scope.me !== null && memberNips.includes(scope.me.nip));
}

/**
 * The NIP with which the signed-in person sits in forum sessions: their own employee record's. Someone with
 * no employee record in the region (an admin, an operator) is a member of no session.
 */
export function forumMemberNip(scope: Pick<Scope, "me">): string | null {
  return scope.me?.nip ?? null;
}

/** Whether the signed-in person sits in a session as one of its members (an admin reads it, but sits in none by that). */
export function sitsInForumSession(scope: Pick<Scope, "me">, memberNips: readonly string[]): boolean {
  const nip = forumMemberNip(scope);
  return nip !== null && memberNips.includes(nip);
}

/**
 * Whether a member gives a view on an employee's case: not on their own, and not on a case they are the
 * direct superior of (the superior decides in the forum, forum.adjust).
 */
export function givesForumView(memberNip: string, employee: Pick<EmployeeRow, "nip" | "atasan_nip">): boolean {
  return employee.nip !== memberNip && employee.atasan_nip !== memberNip;
}

const notFound = (sessionId: string) => new DomainError({ code: "NOT_FOUND", message: `Sesi forum evaluasi ${sessionId} tidak ditemukan` });

/**
 * The member whose view on the employee's case is recorded in a session: the signed-in member themself, or
 * for the region's admin (entering a paper record) the member they name. A member gives no view on their
 * own case nor on a case they are the superior of (the superior decides). Anyone else is told the session
 * does not exist.
 */
export function forumViewMember(
  scope: Scope,
  session: { id: string; memberNips: readonly string[] },
  employee: Pick<EmployeeRow, "nip" | "atasan_nip" | "nama">,
  named?: string,
): string {
  if (!readsForumSession(scope, session.memberNips)) throw notFound(session.id);
  let member: string;
  if (isAdmin(scope.user)) {
    if (!named) {
      throw new DomainError({ code: "BAD_REQUEST", message: "Admin mencatat pandangan atas nama anggota forum: sebutkan NIP anggota (memberNip)" });
    }
    if (!session.memberNips.includes(named)) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `NIP ${named} bukan anggota sesi forum ini; anggotanya: ${session.memberNips.join(", ") || "(belum ada)"}`,
      });
    }
    member = named;
  } else {
    member = scope.me!.nip;
    if (named && named !== member) {
      throw new DomainError({ code: "FORBIDDEN", message: "Anggota forum hanya mencatat pandangannya sendiri" });
    }
  }
  if (givesForumView(member, employee)) return member;
  if (employee.nip === member) {
    throw new DomainError({ code: "FORBIDDEN", message: `Anggota forum tidak memberi pandangan atas penilaiannya sendiri (${employee.nama})` });
  }
  if (employee.atasan_nip === member) {
    throw new DomainError({
      code: "FORBIDDEN",
      message: `${member} adalah atasan langsung ${employee.nama}: atasan memutuskan predikatnya di forum (penyesuaian predikat), bukan memberi pandangan`,
    });
  }
  return member;
}
