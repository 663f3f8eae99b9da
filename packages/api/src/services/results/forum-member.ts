// The evaluation forum as one of its members sees it (forum.memberSessions): the sessions they sit in, each
// with the cases they may give a view on and every view they have recorded so far. Only what that list
// needs is read: the sessions' own columns, the cycles, one row per case from the current run, the
// member's own views and the rules' predikat to suggest from. No score, no rater, no other member's view:
// a member reads the case's name, position and current predikat, as the forum discusses them.
import { predikatChoices, predikatLabel } from "@kinerja/core";
import { parseJson } from "@kinerja/db";
import { forumMemberNip, givesForumView, sitsInForumSession, type Scope } from "../access/index.js";
import { cycleRules } from "../rules/index.js";

/** One view the member recorded on a case; the record is append-only, so a newer one stands beside the older. */
export interface MemberOwnView {
  id: string;
  view: string;
  suggestedPredikat: string | null;
  suggestedLabel: string | null;
  at: string;
}

export interface MemberCase {
  employeeId: string;
  nama: string;
  jabatan: string;
  /** The case's current predikat, by its label in the region's rules. */
  predikatLabel: string | null;
  /** The member's own views on the case, newest first. */
  views: MemberOwnView[];
}

export interface MemberSession {
  id: string;
  heldOn: string;
  notes: string | null;
  cycle: { id: string; name: string; periodLabel: string; status: string };
  unit: { id: string; name: string };
  /** Whether views may still be recorded: the cycle is evaluated and not yet final. */
  open: boolean;
  /** The predikat a member may suggest, best first, by label. */
  predikat: Array<{ id: string; label: string }>;
  cases: MemberCase[];
}

/** The forum sessions the signed-in person is a member of, newest meeting first; none for someone with no employee record. */
export async function memberForumSessions(scope: Scope): Promise<MemberSession[]> {
  const { db, regionId } = scope;
  const nip = forumMemberNip(scope);
  if (nip === null) return [];
  // Members are stored as a JSON list of NIPs; a region holds few sessions (a unit's meetings in a cycle).
  const sessions = (
    await db
      .selectFrom("forum_sessions as s")
      .innerJoin("cycles as c", (join) => join.onRef("c.region_id", "=", "s.region_id").onRef("c.id", "=", "s.cycle_id"))
      .innerJoin("units as u", (join) => join.onRef("u.region_id", "=", "s.region_id").onRef("u.id", "=", "s.unit_id"))
      .select([
        "s.id",
        "s.held_on",
        "s.notes",
        "s.members",
        "s.unit_id",
        "u.name as unit_name",
        "c.id as cycle_id",
        "c.name as cycle_name",
        "c.period_label",
        "c.status",
        "c.current_run_id",
      ])
      .where("s.region_id", "=", regionId)
      .orderBy("s.held_on", "desc")
      .orderBy("s.created_at", "desc")
      .orderBy("s.id")
      .execute()
  ).filter((s) => sitsInForumSession(scope, parseJson<string[]>(s.members)));
  if (sessions.length === 0) return [];

  const runs = [...new Set(sessions.map((s) => s.current_run_id).filter((id): id is string => id !== null))];
  const units = [...new Set(sessions.map((s) => s.unit_id))];
  const results = runs.length
    ? await db
        .selectFrom("results as r")
        .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "r.region_id").onRef("e.id", "=", "r.employee_id"))
        .select(["r.run_id", "r.unit_id", "r.employee_id", "r.nama", "r.jabatan", "r.predikat", "e.nip", "e.atasan_nip"])
        .where("r.region_id", "=", regionId)
        .where("r.run_id", "in", runs)
        .where("r.unit_id", "in", units)
        .orderBy("r.nama")
        .execute()
    : [];
  const views = await db
    .selectFrom("forum_session_views")
    .select(["id", "session_id", "employee_id", "view", "suggested_predikat", "created_at"])
    .where("region_id", "=", regionId)
    .where("member_nip", "=", nip)
    .where(
      "session_id",
      "in",
      sessions.map((s) => s.id),
    )
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();

  const rulesOf = new Map<string, Awaited<ReturnType<typeof cycleRules>>["ruleSet"]>();
  for (const s of sessions) {
    if (rulesOf.has(s.cycle_id)) continue;
    const cycle = await db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "=", s.cycle_id).executeTakeFirstOrThrow();
    rulesOf.set(s.cycle_id, (await cycleRules(db, cycle)).ruleSet);
  }

  return sessions.map((s) => {
    const ruleSet = rulesOf.get(s.cycle_id)!;
    const label = (id: string | null) => (id === null ? null : predikatLabel(ruleSet, id));
    const own = views.filter((v) => v.session_id === s.id);
    return {
      id: s.id,
      heldOn: s.held_on,
      notes: s.notes,
      cycle: { id: s.cycle_id, name: s.cycle_name, periodLabel: s.period_label, status: s.status },
      unit: { id: s.unit_id, name: s.unit_name },
      open: s.status === "evaluated",
      predikat: predikatChoices(ruleSet),
      cases: results
        .filter((r) => r.run_id === s.current_run_id && r.unit_id === s.unit_id && givesForumView(nip, r))
        .map((r) => ({
          employeeId: r.employee_id,
          nama: r.nama,
          jabatan: r.jabatan,
          predikatLabel: label(r.predikat),
          views: own
            .filter((v) => v.employee_id === r.employee_id)
            .map((v) => ({ id: v.id, view: v.view, suggestedPredikat: v.suggested_predikat, suggestedLabel: label(v.suggested_predikat), at: v.created_at })),
        })),
    };
  });
}
