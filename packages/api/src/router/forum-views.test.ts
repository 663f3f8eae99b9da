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
});
