// Pariaman's evaluation forum is the direct superior with the peers: a peer who sits in a forum session
// records a view (text, optionally a suggested predikat) on a case of the session's unit, kept in the
// session's record; the case's superior alone decides. Access is decided in access/forum.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedWalkRegion, type Member, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, type Caller, type TestEnv } from "../testing/env.js";

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: { code?: string }) => e.code ?? "?",
  );
}

describe.each(inject("dialects"))("forum views on %s", (dialect) => {
  let env: TestEnv;
  let r: WalkRegion;
  let cycleId: string;
  let sessionId: string;
  const as = (m: Member | WalkRegion["admin"]): Caller => env.as("user" in m ? m.user : m);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    r = await seedWalkRegion(env, "pariaman");
    const cycle = await as(r.admin).cycle.create({ name: "Penilaian Kinerja 2025", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.pilot] });
    cycleId = cycle.id;
    await as(r.admin).cycle.open({ id: cycleId });
    await as(r.admin).cycle.run({ id: cycleId });
    await env.jobs.idle();
    const sessions = await as(r.assessor).forum.record({
      cycleId,
      unitId: r.units.pilot,
      heldOn: "2026-01-12",
      memberNips: [r.assessor.nip, r.kasi[0]!.nip],
      notes: "Forum evaluasi unit rintisan",
    });
    sessionId = sessions.at(-1)!.id;
  });
  afterAll(() => env?.dispose());

  it("keeps a peer's view in the session record and leaves the decision to the superior", async () => {
    const [peer, outsider] = r.kasi as [Member, Member];
    const target = r.staff[0]!;
    const first = await as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Capaian target melampaui rencana, layak dinaikkan.", suggestedPredikat: "baik" });
    expect(first.views).toEqual([
      expect.objectContaining({ employeeId: target.id, memberNip: peer.nip, memberNama: peer.nama, suggestedPredikat: "baik", view: "Capaian target melampaui rencana, layak dinaikkan." }),
    ]);
    // A later view of the same member on the same case stands in the record; the earlier one stays stored.
    await as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Setelah membaca bukti kerja: tetap sesuai hasil aturan." });
    const stored = await env.database.db
      .selectFrom("forum_session_views")
      .select(["member_nip", "view", "suggested_predikat"])
      .where("session_id", "=", sessionId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(stored).toEqual([
      { member_nip: peer.nip, view: "Capaian target melampaui rencana, layak dinaikkan.", suggested_predikat: "baik" },
      { member_nip: peer.nip, view: "Setelah membaca bukti kerja: tetap sesuai hasil aturan.", suggested_predikat: null },
    ]);

    // The session's record, as the member, the unit's assessor (in the forum view) and the admin read it.
    const record = await as(peer).forum.session({ sessionId });
    expect(record.views.map((v) => [v.nama, v.memberNip, v.view, v.suggestedPredikat])).toEqual([
      [target.nama, peer.nip, "Setelah membaca bukti kerja: tetap sesuai hasil aturan.", null],
    ]);
    const forum = await as(r.assessor).forum.view({ cycleId, unitId: r.units.pilot });
    expect(forum.sessions.find((s) => s.id === sessionId)?.views.map((v) => v.view)).toEqual(["Setelah membaca bukti kerja: tetap sesuai hasil aturan."]);
    expect((await as(r.admin).forum.session({ sessionId })).views).toHaveLength(1);

    // The superior decides, not gives a view; a peer does not decide; someone outside the session learns nothing of it.
    await expect(as(r.assessor).forum.recordView({ sessionId, employeeId: target.id, view: "Pandangan atasan langsung pegawai." })).rejects.toThrow(/atasan memutuskan/);
    expect(await codeOf(as(peer).forum.adjust({ cycleId, employeeId: target.id, predikat: "baik", reason: "Peserta forum mencoba memutuskan" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(outsider).forum.recordView({ sessionId, employeeId: target.id, view: "Pandangan dari luar sesi forum." }))).toBe("NOT_FOUND");
    expect(await codeOf(as(outsider).forum.session({ sessionId }))).toBe("NOT_FOUND");
    // No view on one's own case, none outside the session's unit, and a suggested predikat must be one of the rules'.
    await expect(as(peer).forum.recordView({ sessionId, employeeId: peer.id, view: "Pandangan atas diri sendiri." })).rejects.toThrow(/penilaiannya sendiri/);
    await expect(as(peer).forum.recordView({ sessionId, employeeId: r.others[0]!.id, view: "Pegawai dari unit lain dibahas." })).rejects.toThrow(/bukan pegawai Unit Rintisan/);
    await expect(as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Usulan predikat yang tidak ada.", suggestedPredikat: "luar_biasa" })).rejects.toThrow(
      /Predikat usulan luar_biasa tidak dikenal; yang ada: /,
    );
    await expect(as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Pendek" })).rejects.toThrow(/paling sedikit 10 karakter/);
    // An admin enters a member's view from the paper record, in that member's name only.
    await expect(as(r.admin).forum.recordView({ sessionId, employeeId: target.id, view: "Pandangan dari berita acara.", memberNip: outsider.nip })).rejects.toThrow(
      /bukan anggota sesi forum ini/,
    );
    const count = await env.database.db.selectFrom("forum_session_views").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it("lists to each member the sessions they sit in, the cases they may give a view on and only their own views", async () => {
    const [peer, outsider] = r.kasi as [Member, Member];
    const target = r.staff[1]!;
    await as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Pandangan pertama atas kasus ini.", suggestedPredikat: "baik" });
    await as(peer).forum.recordView({ sessionId, employeeId: target.id, view: "Pandangan kedua, lebih baru.", suggestedPredikat: "sangat_baik" });
    // The assessor sits in the session too: their view on a peer of theirs is theirs alone to read here.
    await as(r.assessor).forum.recordView({ sessionId, employeeId: outsider.id, view: "Pandangan atasan unit atas rekan sejawat." });

    const [mine, ...more] = await as(peer).forum.memberSessions({});
    expect(more).toEqual([]);
    expect(mine).toMatchObject({ id: sessionId, heldOn: "2026-01-12", notes: "Forum evaluasi unit rintisan", open: true, unit: { id: r.units.pilot }, cycle: { id: cycleId } });
    expect(mine!.predikat.map((p) => p.id)).toContain("sangat_baik");
    expect(mine!.predikat.every((p) => p.label.length > 0 && p.label !== p.id)).toBe(true);
    // Every case of the unit but the member's own; the assessor's cases are the assessor's to decide, not theirs to view.
    const pilot = [r.assessor, outsider, ...r.staff].map((m) => m.id).sort();
    expect(mine!.cases.map((c) => c.employeeId).sort()).toEqual(pilot);
    const onTarget = mine!.cases.find((c) => c.employeeId === target.id)!;
    expect(onTarget.views.map((v) => [v.view, v.suggestedPredikat])).toEqual([
      ["Pandangan kedua, lebih baru.", "sangat_baik"],
      ["Pandangan pertama atas kasus ini.", "baik"],
    ]);
    expect(onTarget.views[0]!.suggestedLabel).not.toBe("sangat_baik");
    expect(onTarget.views[0]!.at >= onTarget.views[1]!.at).toBe(true);
    // Only the list's own fields: no score, no rater, no other member's view.
    expect(Object.keys(onTarget).sort()).toEqual(["employeeId", "jabatan", "nama", "predikatLabel", "views"]);
    expect(mine!.cases.find((c) => c.employeeId === outsider.id)!.views).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain(r.assessor.nip);

    // The direct superior sitting in the session is offered only the cases they are not the superior of.
    const [superior] = await as(r.assessor).forum.memberSessions({});
    expect(superior!.cases.map((c) => c.employeeId).sort()).toEqual([peer.id, outsider.id].sort());
    expect(superior!.cases.find((c) => c.employeeId === outsider.id)!.views.map((v) => v.view)).toEqual(["Pandangan atasan unit atas rekan sejawat."]);

    // Someone outside the session, a case of it, and the admin (who sits in none) are listed nothing.
    expect(await as(outsider).forum.memberSessions({})).toEqual([]);
    expect(await as(target).forum.memberSessions({})).toEqual([]);
    expect(await as(r.admin).forum.memberSessions({})).toEqual([]);
    expect(await codeOf(as(target).forum.session({ sessionId }))).toBe("NOT_FOUND");

    // Sitting in the forum opens no rating sheet: the peer ratings stay anonymous and the sheets stay the raters'.
    expect(await codeOf(as(peer).assessment.list({ cycleId, employeeId: target.id }))).not.toBeNull();
    expect(await codeOf(as(peer).assessment.list({ cycleId, employeeId: outsider.id }))).not.toBeNull();
  });
});
