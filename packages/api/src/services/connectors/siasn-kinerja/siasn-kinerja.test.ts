// Results to SIASN on each dialect against a SIASN web service on loopback: a finalised cycle's results as the
// kinerja bodies (the file's rows read back, JSON and CSV), posted employee by employee with the SIASN
// connector's address and tokens; what was sent and SIASN's answer kept per employee; a 5xx and a dropped
// connection tried again; an employee SIASN refuses reported with SIASN's message and re-sent alone later, the
// refused attempt kept beside the accepted one; credentials SIASN refuses stop the run. A mapping naming a
// rating the rule set does not decide gets every body marked invalid and posts nothing; Binjai, Pariaman and
// Medan Amplas, which rate their own axis scores, send every result, each rating read back against the scores.
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../../../testing/env.js";
import { startSiasn, type SiasnPnsRow, type TestSiasn } from "../../../testing/siasn-server.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../../../testing/work-period.js";
import { scopeIn } from "../../access/index.js";
import { runSink } from "../runs.js";

const APIM = "apim-uji-kinerja";
const SSO = "sso-uji-kinerja";
const PATH = "/kinerjaperiodik/save";

describe.each(inject("dialects"))("results to SIASN on %s", (dialect) => {
  let env: TestEnv;
  let worlds: Map<string, RegionWorld>;
  let siasn: TestSiasn;
  const world = (id: string) => worlds.get(id)!;
  const admin = (id: string) => env.as(world(id).admin);
  const scope = (id: string) => scopeIn(env.database.db, world(id).admin, id);

  async function finalise(regionId: string) {
    await admin(regionId).cycle.run({ id: world(regionId).cycleId });
    await env.jobs.idle();
    await admin(regionId).cycle.close({ id: world(regionId).cycleId });
  }
  async function setUp(regionId: string, sso = SSO) {
    await admin(regionId).connector.configure({ name: "siasn", settings: { baseUrl: siasn.url }, secrets: { apim_token: APIM, sso_token: sso } });
    await admin(regionId).connector.configure({ name: "siasn-kinerja", enabled: true, mapping: { ...(await mappingOf(regionId)), concurrency: 3, retries: 2 } });
  }
  async function mappingOf(regionId: string) {
    return (await admin(regionId).connector.list()).find((c) => c.name === "siasn-kinerja")!.defaultMapping as Record<string, unknown>;
  }
  async function sendAndWait(regionId: string, resend: "unaccepted" | "all" = "unaccepted") {
    const started = await admin(regionId).connector.siasnSend({ cycleId: world(regionId).cycleId, resend });
    await env.jobs.idle();
    return (await admin(regionId).connector.runs({ name: "siasn-kinerja", jobId: started.jobId }))[0]!;
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    worlds = await seedWorkRegions(env, REGION_CASES);
    const employees = await env.database.db.selectFrom("employees").selectAll().orderBy("nip").execute();
    const rows: SiasnPnsRow[] = employees.map((e) => ({ nipBaru: e.nip, nama: e.nama, jabatanNama: e.jabatan, golRuangAkhir: e.golongan ?? "", unorId: e.unit_id, unorNama: e.unit_id, atasanNipBaru: e.atasan_nip }));
    siasn = await startSiasn({ apimToken: APIM, ssoToken: SSO, employees: rows });
  });
  afterAll(async () => {
    await siasn?.close();
    await env?.dispose();
  });

  it("sends only a finalised cycle's results, once enabled and given SIASN's address", async () => {
    await expect(admin("samarinda").connector.siasnSend({ cycleId: world("samarinda").cycleId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/belum difinalkan/) });
    await finalise("samarinda");
    await expect(admin("samarinda").connector.siasnSend({ cycleId: world("samarinda").cycleId })).rejects.toThrow(/belum diaktifkan/);
    await admin("samarinda").connector.configure({ name: "siasn-kinerja", enabled: true });
    await expect(admin("samarinda").connector.siasnSend({ cycleId: world("samarinda").cycleId })).rejects.toThrow(/Alamat layanan SIASN belum diisi/);
    // Another region's cycle is not found.
    await expect(admin("pariaman").connector.siasnSend({ cycleId: world("samarinda").cycleId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin("pariaman").connector.siasnSubmissions({ cycleId: world("samarinda").cycleId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lays the bodies out by the mapping, in the JSON and CSV files", async () => {
    await setUp("samarinda");
    const json = await runSink(await scope("samarinda"), { name: "siasn-kinerja", cycleId: world("samarinda").cycleId, format: "json" });
    const bodies = JSON.parse(json.body.toString("utf8")) as Array<{ nip: string; problem: string | null; path: string; payload: Record<string, unknown> }>;
    const results = await env.database.db.selectFrom("results").innerJoin("cycles", (j) => j.onRef("cycles.region_id", "=", "results.region_id").onRef("cycles.current_run_id", "=", "results.run_id")).select(["results.nip", "results.predikat", "results.decisions"]).where("cycles.id", "=", world("samarinda").cycleId).execute();
    expect(bodies.map((b) => b.nip).sort()).toEqual(results.map((r) => r.nip).sort());
    const report = bodies.find((b) => b.nip === world("samarinda").report.nip)!;
    const stored = results.find((r) => r.nip === report.nip)!;
    const decisions = JSON.parse(stored.decisions) as Record<string, string>;
    const rating = { di_bawah: 1, sesuai: 2, di_atas: 3 } as Record<string, number>;
    const kuadran = { sangat_baik: 1, baik: 2, butuh_perbaikan: 3, kurang: 4, sangat_kurang: 5 } as Record<string, number>;
    expect(report).toMatchObject({ problem: null, path: PATH });
    expect(report.payload).toMatchObject({
      pnsDinilaiId: report.nip,
      tahun: 2025,
      hasilKinerjaNilai: rating[decisions["rating.hasil_kerja"]!],
      perilakuKerjaNilai: rating[decisions["rating.perilaku"]!],
      kuadranKinerjaNilai: kuadran[stored.predikat!],
      penilaiNipNrp: world("samarinda").superior.nip,
      penilaiNama: world("samarinda").superior.nama,
      statusPenilai: "ASN",
    });
    const csv = await runSink(await scope("samarinda"), { name: "siasn-kinerja", cycleId: world("samarinda").cycleId, format: "csv" });
    const [header, ...rows] = parseCsv(csv.body.toString("utf8").replace(/^\uFEFF/, "")) as string[][];
    expect(header!.slice(0, 7)).toEqual(["NIP", "Nama", "Unit", "Predikat", "Rating Hasil Kerja", "Rating Perilaku Kerja", "pnsDinilaiId"]);
    expect(rows.length).toBe(bodies.length);
    const line = rows.find((r) => r[0] === report.nip)!;
    expect(line[header!.indexOf("kuadranKinerjaNilai")]).toBe(String(report.payload.kuadranKinerjaNilai));
    expect(line[header!.indexOf("hasilKinerjaNilai")]).toBe(String(report.payload.hasilKinerjaNilai));
    expect(line[4]).toMatch(/ekspektasi|Di |Sesuai/i);
    const runs = await admin("samarinda").connector.runs({ name: "siasn-kinerja" });
    expect(runs.slice(0, 2).map((r) => [r.format, r.rows])).toEqual([["csv", bodies.length], ["json", bodies.length]]);
  });

  it("posts each employee, keeps what was sent and the answer, retries a 5xx and a dropped connection, and reports a refusal", async () => {
    const refused = world("samarinda").colleague.nip;
    siasn.refuseNips.set(refused, `PNS dengan NIP ${refused} sudah memiliki kinerja periodik terverifikasi`);
    siasn.fail(PATH, { status: 503, body: "busy" }, { drop: true });
    const posts = () => siasn.requests.filter((r) => r.method === "POST").length;
    const run = await sendAndWait("samarinda");
    const { db } = env.database;
    const attempts = await db.selectFrom("siasn_submissions").selectAll().where("region_id", "=", "samarinda").orderBy("id").execute();
    const valid = attempts.filter((a) => a.status !== "invalid").length;
    expect(run).toMatchObject({ status: "succeeded", total: attempts.length, done: attempts.length });
    expect(run.summary).toMatchObject({ accepted: valid - 1, refused: 1, failed: 0 });
    expect(posts()).toBe(valid + 2);
    const refusal = attempts.find((a) => a.nip === refused)!;
    expect(refusal).toMatchObject({ status: "refused", http_status: 400, remote_id: null, message: `PNS dengan NIP ${refused} sudah memiliki kinerja periodik terverifikasi` });
    expect(run.report).toEqual([expect.objectContaining({ value: refused, message: refusal.message })]);
    // What SIASN received is what was kept, with SIASN's id.
    for (const got of siasn.received) {
      const kept = attempts.find((a) => a.nip === got.body.pnsDinilaiId)!;
      expect(kept).toMatchObject({ status: "accepted", http_status: 200, remote_id: got.id, path: PATH });
      expect(JSON.parse(kept.payload)).toEqual(got.body);
      expect(JSON.parse(kept.answer!)).toMatchObject({ success: true, mapData: { rwKinerjaPeriodikId: got.id } });
    }
    expect(siasn.received.length).toBe(valid - 1);
    const view = await admin("samarinda").connector.siasnSubmissions({ cycleId: world("samarinda").cycleId });
    expect(view.counts).toMatchObject({ accepted: valid - 1, refused: 1 });
    expect(view.employees.find((e) => e.nip === refused)).toMatchObject({ status: "refused", httpStatus: 400, attempts: [expect.objectContaining({ status: "refused" })] });
    const audit = await db.selectFrom("audit_log").select(["action", "entity_id"]).where("region_id", "=", "samarinda").where("entity_id", "=", "siasn-kinerja").where("action", "=", "connector.run").execute();
    expect(audit.length).toBe(3);
  });

  it("re-sends only what SIASN did not accept, keeping the earlier attempt", async () => {
    const refused = world("samarinda").colleague.nip;
    siasn.refuseNips.delete(refused);
    const before = siasn.received.length;
    const invalid = (await admin("samarinda").connector.siasnSubmissions({ cycleId: world("samarinda").cycleId })).counts.invalid;
    const run = await sendAndWait("samarinda");
    expect(run).toMatchObject({ status: "succeeded", total: 1 + invalid });
    expect(siasn.received.slice(before).map((r) => r.body.pnsDinilaiId)).toEqual([refused]);
    const view = await admin("samarinda").connector.siasnSubmissions({ cycleId: world("samarinda").cycleId });
    const employee = view.employees.find((e) => e.nip === refused)!;
    expect(employee).toMatchObject({ status: "accepted", remoteId: siasn.received.at(-1)!.id });
    expect(employee.attempts.map((a) => a.status)).toEqual(["refused", "accepted"]);
    if (invalid === 0) await expect(admin("samarinda").connector.siasnSend({ cycleId: world("samarinda").cycleId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("stops when SIASN refuses the credentials, keeping what came before", async () => {
    await admin("samarinda").connector.configure({ name: "siasn", secrets: { sso_token: "kedaluwarsa" } });
    const count = async () => (await env.database.db.selectFrom("siasn_submissions").select("id").where("region_id", "=", "samarinda").execute()).length;
    const before = await count();
    const run = await sendAndWait("samarinda", "all");
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/SIASN menolak kredensial pada POST \/kinerjaperiodik\/save .*HTTP 401/);
    expect(await count()).toBe(before);
    await admin("samarinda").connector.configure({ name: "siasn", secrets: { sso_token: SSO } });
  });

  it("marks every body not sendable, with the reason, when the mapping names a rating the rule set does not decide, and posts none", async () => {
    await finalise("pariaman");
    await setUp("pariaman");
    const mapping = await mappingOf("pariaman");
    await admin("pariaman").connector.configure({ name: "siasn-kinerja", mapping: { ...mapping, ratings: { hasilKerja: "rating.kinerja", perilaku: "rating.perilaku" } } });
    const csv = await runSink(await scope("pariaman"), { name: "siasn-kinerja", cycleId: world("pariaman").cycleId, format: "csv" });
    const [header, ...rows] = parseCsv(csv.body.toString("utf8").replace(/^\uFEFF/, "")) as string[][];
    const problem = header!.indexOf("Masalah");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[problem] === 'Tidak dapat dikirim: hasilKinerjaNilai: aturan penilaian tidak menghasilkan "rating.kinerja"')).toBe(true);
    expect(rows.every((r) => r[3] !== "" && /^[1-5]$/.test(r[header!.indexOf("kuadranKinerjaNilai")]!) && /^[1-3]$/.test(r[header!.indexOf("perilakuKerjaNilai")]!))).toBe(true);
    const ready = (await admin("pariaman").connector.siasnSubmissions({ cycleId: world("pariaman").cycleId })).ready!;
    expect(ready).toMatchObject({ total: rows.length, sendable: 0 });
    expect(ready.problems.map((p) => [p.reason, p.count])).toEqual([['hasilKinerjaNilai: aturan penilaian tidak menghasilkan "rating.kinerja"', rows.length]]);
    const posts = siasn.requests.filter((r) => r.method === "POST").length;
    const run = await sendAndWait("pariaman");
    expect(run).toMatchObject({ status: "succeeded", summary: expect.objectContaining({ invalid: rows.length, accepted: 0 }) });
    expect(siasn.requests.filter((r) => r.method === "POST").length).toBe(posts);
    // The region's own mapping again: now every body can be sent.
    await admin("pariaman").connector.configure({ name: "siasn-kinerja", mapping });
    expect((await admin("pariaman").connector.siasnSubmissions({ cycleId: world("pariaman").cycleId })).ready).toMatchObject({ total: rows.length, sendable: rows.length, problems: [] });
  });

  // Each region's ratings come from its rule file's rating tables over its axis scores, on the floors of its
  // Sangat Baik and Baik bands; the kuadran stays the region's own predikat.
  const FLOORS: Record<string, { diAtas: number; sesuai: number }> = { binjai: { diAtas: 91, sesuai: 76 }, pariaman: { diAtas: 90, sesuai: 80 }, amplas: { diAtas: 90, sesuai: 75 } };
  it.each(["binjai", "pariaman", "amplas"])("sends every result of %s, each body's ratings those of the stored axis scores", async (regionId) => {
    if (regionId !== "pariaman") {
      await finalise(regionId);
      await setUp(regionId);
    }
    const { db } = env.database;
    const results = await db
      .selectFrom("results")
      .innerJoin("cycles", (j) => j.onRef("cycles.region_id", "=", "results.region_id").onRef("cycles.current_run_id", "=", "results.run_id"))
      .select(["results.nip", "results.predikat", "results.scores", "results.decisions"])
      .where("cycles.id", "=", world(regionId).cycleId)
      .execute();
    expect(results.length).toBeGreaterThan(3);
    const before = siasn.received.length;
    const run = await sendAndWait(regionId);
    expect(run).toMatchObject({ status: "succeeded", summary: expect.objectContaining({ accepted: results.length, invalid: 0, refused: 0, failed: 0 }) });
    const received = siasn.received.slice(before);
    expect(received.map((r) => r.body.pnsDinilaiId).sort()).toEqual(results.map((r) => r.nip).sort());
    const { diAtas, sesuai } = FLOORS[regionId]!;
    const reference = (score: number) => (score >= diAtas ? 3 : score >= sesuai ? 2 : 1);
    const kuadran = { sangat_baik: 1, baik: 2, butuh_perbaikan: 3, kurang: 4, sangat_kurang: 5 } as Record<string, number>;
    const seen = new Set<number>();
    for (const got of received) {
      const stored = results.find((r) => r.nip === got.body.pnsDinilaiId)!;
      const scores = JSON.parse(stored.scores) as Record<string, number>;
      const decisions = JSON.parse(stored.decisions) as Record<string, string>;
      expect(got.body).toMatchObject({
        hasilKinerjaNilai: reference(scores["score.hasil_kerja"]!),
        perilakuKerjaNilai: reference(scores["score.perilaku"]!),
        kuadranKinerjaNilai: kuadran[stored.predikat!],
      });
      expect(got.body.hasilKinerjaNilai).toBe({ di_bawah: 1, sesuai: 2, di_atas: 3 }[decisions["rating.hasil_kerja"]!]);
      seen.add(got.body.hasilKinerjaNilai as number).add(got.body.perilakuKerjaNilai as number);
    }
    expect(seen.size).toBeGreaterThan(1);
    const attempts = await db.selectFrom("siasn_submissions").select(["nip", "status", "remote_id"]).where("region_id", "=", regionId).where("status", "=", "accepted").execute();
    expect(attempts.map((a) => a.remote_id).sort()).toEqual(received.map((r) => r.id).sort());
  });
});
