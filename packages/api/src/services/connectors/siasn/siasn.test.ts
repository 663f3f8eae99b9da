// The SIASN employee master on each dialect against a SIASN web service started on loopback: the client's
// paging and every error it names (401, 429 with Retry-After, 5xx retried a bounded number of times, a body
// that is not SIASN's, a service that does not answer); a fetch as a job whose diff (new, moved, left, per-row
// problems) writes nothing until applied; applying in one audited transaction, a departed employee marked and
// kept; discarding; the export read through the mapping; and a second fetch after applying that finds nothing.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, snapshot, type TestEnv } from "../../../testing/env.js";
import { SIASN_EMPLOYEES_PATH, SIASN_UNITS_PATH, startSiasn, type SiasnPnsRow, type TestSiasn } from "../../../testing/siasn-server.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../../../testing/work-period.js";
import { scopeIn } from "../../access/index.js";
import { ConnectorScheduler, startSourceRun } from "../index.js";
import { SiasnClient } from "./client.js";
import type { SiasnDiff } from "./diff.js";

const APIM = "apim-uji-rahasia";
const SSO = "sso-uji-rahasia";
const NEW_NIP = "199001012015011001";
const NEW_UNIT = "upt-baru-siasn";

describe.each(inject("dialects"))("SIASN employee master on %s", (dialect) => {
  let env: TestEnv;
  let world: RegionWorld;
  let siasn: TestSiasn;
  const admin = () => env.as(world.admin);
  const client = (over: Partial<ConstructorParameters<typeof SiasnClient>[0]> = {}) =>
    new SiasnClient({ baseUrl: siasn.url, apimToken: APIM, ssoToken: SSO, timeoutSeconds: 5, retries: 2, pageSize: 4, maxRetryAfterSeconds: 2, ...over });
  const fetchRun = async () => {
    const started = await admin().connector.fetch({ name: "siasn" });
    await env.jobs.idle();
    return (await admin().connector.runs({ name: "siasn", jobId: started.jobId }))[0]!;
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    world = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "pariaman"))).get("pariaman")!;
    const { db } = env.database;
    const units = await db.selectFrom("units").selectAll().where("region_id", "=", world.regionId).orderBy("id").execute();
    const employees = await db.selectFrom("employees").selectAll().where("region_id", "=", world.regionId).orderBy("nip").execute();
    const names = new Map(units.map((u) => [u.id, u.name]));
    const rows: SiasnPnsRow[] = employees
      .filter((e) => e.nip !== world.outsider.nip)
      .map((e) => ({ nipBaru: e.nip, nama: e.nama, jabatanNama: e.jabatan, golRuangAkhir: e.golongan ?? "", unorId: e.unit_id, unorNama: names.get(e.unit_id)!, atasanNipBaru: e.atasan_nip }));
    siasn = await startSiasn({
      apimToken: APIM,
      ssoToken: SSO,
      units: units.map((u) => ({ id: u.id, namaUnor: u.name, diatasanId: u.parent_id })),
      employees: rows,
    });
  });
  afterAll(async () => {
    await siasn?.close();
    await env?.dispose();
  });

  it("reads every page, sending both tokens", async () => {
    const rows = await client().list(SIASN_EMPLOYEES_PATH);
    expect(rows.map((r) => r.nipBaru)).toEqual(siasn.employees.map((e) => e.nipBaru));
    const pages = siasn.requests.filter((r) => r.path === SIASN_EMPLOYEES_PATH);
    expect(pages.map((r) => r.page)).toEqual(Array.from({ length: Math.ceil(siasn.employees.length / 4) }, (_, i) => i + 1));
    expect(pages.every((r) => r.limit === 4 && r.authorization === `Bearer ${APIM}` && r.auth === `bearer ${SSO}`)).toBe(true);
  });

  it("reads on when the service cuts the page size below the one asked for", async () => {
    // A loopback that answers at most 3 rows a page: asking for 500 gets 3, and the next page is asked for.
    const capped = await startSiasn({ apimToken: APIM, ssoToken: SSO, units: siasn.units, employees: siasn.employees, maxLimit: 3 });
    try {
      const rows = await new SiasnClient({ baseUrl: capped.url, apimToken: APIM, ssoToken: SSO, timeoutSeconds: 5, retries: 0, pageSize: 500 }).list(SIASN_EMPLOYEES_PATH);
      expect(rows.length).toBe(siasn.employees.length);
      expect(capped.requests.map((r) => r.limit)).toEqual(Array.from({ length: Math.ceil(siasn.employees.length / 3) }, () => 3));
      // Fewer rows than `total` and then an empty page: an error, not a short list.
      capped.fail(SIASN_EMPLOYEES_PATH, {}, { status: 200, body: JSON.stringify({ code: 1, data: [], meta: { page: 2, limit: 3, total: siasn.employees.length } }) });
      await expect(new SiasnClient({ baseUrl: capped.url, apimToken: APIM, ssoToken: SSO, timeoutSeconds: 5, retries: 0, pageSize: 3 }).list(SIASN_EMPLOYEES_PATH)).rejects.toThrow(
        new RegExp(`SIASN menyebut ${siasn.employees.length} baris pada /pns/data-utama tetapi mengirim 3`),
      );
    } finally {
      await capped.close();
    }
  });

  it("names each failure: what, where, what was expected", async () => {
    await expect(client({ apimToken: "salah" }).list(SIASN_UNITS_PATH)).rejects.toThrow(/SIASN menolak kredensial pada GET \/referensi\/ref-unor \(halaman 1\): HTTP 401 .*token apim_token dan sso_token yang masih berlaku/);
    // A 429 with a short Retry-After is waited for and tried again.
    siasn.fail(SIASN_UNITS_PATH, { status: 429, headers: { "retry-after": "1" }, body: "{}" });
    const started = Date.now();
    expect((await client().list(SIASN_UNITS_PATH)).length).toBe(siasn.units.length);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // A long one is not: the fetch fails saying when to come back.
    siasn.fail(SIASN_UNITS_PATH, { status: 429, headers: { "retry-after": "120" }, body: "{}" });
    await expect(client().list(SIASN_UNITS_PATH)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/HTTP 429, coba lagi setelah 120 detik \(Retry-After\)/) });
    // 5xx is tried again up to `retries` times: two failures pass, three do not.
    siasn.fail(SIASN_UNITS_PATH, { status: 502, body: "Bad Gateway" }, { status: 503, body: "busy" });
    expect((await client().list(SIASN_UNITS_PATH)).length).toBe(siasn.units.length);
    siasn.fail(SIASN_UNITS_PATH, { status: 500, body: "a" }, { status: 500, body: "b" }, { status: 500, body: "c" });
    await expect(client().list(SIASN_UNITS_PATH)).rejects.toThrow(/SIASN gagal pada GET \/referensi\/ref-unor \(halaman 1\): HTTP 500 c, 3 kali dicoba/);
    // Bodies that are not SIASN's.
    siasn.fail(SIASN_EMPLOYEES_PATH, { status: 200, body: "<html>maintenance</html>" });
    await expect(client().list(SIASN_EMPLOYEES_PATH)).rejects.toThrow(/bukan JSON: <html>maintenance<\/html>; yang diharapkan: \{"code": 1/);
    siasn.fail(SIASN_EMPLOYEES_PATH, { status: 200, body: JSON.stringify({ code: 1, data: [] }) });
    await expect(client().list(SIASN_EMPLOYEES_PATH)).rejects.toThrow(/tanpa "meta.total"/);
    siasn.fail(SIASN_EMPLOYEES_PATH, { status: 200, body: JSON.stringify({ code: 0, message: "Data tidak ditemukan" }) });
    await expect(client().list(SIASN_EMPLOYEES_PATH)).rejects.toThrow(/menjawab gagal .*code 0, "Data tidak ditemukan"/);
    // A second page that fails after the first came.
    siasn.fail(SIASN_EMPLOYEES_PATH, {}, { status: 404, body: "{}" });
    await expect(client().list(SIASN_EMPLOYEES_PATH)).rejects.toThrow(/HTTP 404 pada GET \/pns\/data-utama \(halaman 2\)/);
    // A service that does not answer in time.
    siasn.fail(SIASN_UNITS_PATH, { delayMs: 1_500 });
    await expect(client({ timeoutSeconds: 1, retries: 0 }).list(SIASN_UNITS_PATH)).rejects.toThrow(/SIASN tidak menjawab dalam 1 detik pada GET \/referensi\/ref-unor \(halaman 1\)/);
  });

  it("refuses a fetch until enabled and set up, and a failed fetch writes nothing", async () => {
    await expect(admin().connector.fetch({ name: "siasn" })).rejects.toThrow(/belum diaktifkan/);
    await expect(admin().connector.configure({ name: "siasn", settings: { baseUrl: "ftp://siasn" } })).rejects.toThrow(/Pengaturan siasn tidak sah: \/baseUrl/);
    await admin().connector.configure({ name: "siasn", enabled: true, settings: { baseUrl: siasn.url }, secrets: { apim_token: APIM, sso_token: "kedaluwarsa" } });
    const listed = (await admin().connector.list()).find((c) => c.name === "siasn")!;
    expect(listed.secrets).toEqual([{ name: "apim_token", set: true }, { name: "sso_token", set: true }]);
    expect(JSON.stringify(listed)).not.toContain(APIM);
    const before = await snapshot(env);
    const failed = await fetchRun();
    expect(failed).toMatchObject({ status: "failed", written: 0 });
    expect(failed.error).toMatch(/SIASN menolak kredensial .*HTTP 401/);
    expect(await snapshot(env)).toEqual({ ...before, jobs: before.jobs! + 1 });
    await admin().connector.configure({ name: "siasn", secrets: { sso_token: SSO } });
  });

  it("fetches a diff of new, moved and left employees with per-row problems, and writes nothing", async () => {
    const { db } = env.database;
    // SIASN: a new unit; the colleague moved there with a new golongan; a new employee; a row with a bad NIP.
    siasn.units.push({ id: NEW_UNIT, namaUnor: "UPT Baru dari SIASN", diatasanId: siasn.units[0]!.id });
    const colleague = siasn.employees.find((e) => e.nipBaru === world.colleague.nip)!;
    const was = { ...colleague };
    Object.assign(colleague, { unorId: NEW_UNIT, unorNama: "UPT Baru dari SIASN", golRuangAkhir: "IV/a" });
    siasn.employees.push({ nipBaru: NEW_NIP, nama: "Rina Pegawai Baru", jabatanNama: "Analis SDM Aparatur", golRuangAkhir: "III/a", unorId: NEW_UNIT, unorNama: "UPT Baru dari SIASN", atasanNipBaru: world.superior.nip });
    siasn.employees.push({ nipBaru: "12345", nama: "NIP Salah", jabatanNama: "Pelaksana", golRuangAkhir: "II/a", unorId: NEW_UNIT, unorNama: "x", atasanNipBaru: null });
    await admin().connector.configure({ name: "siasn", mapping: { ...(await admin().connector.list()).find((c) => c.name === "siasn")!.defaultMapping as object, rest: { ...((await admin().connector.list()).find((c) => c.name === "siasn")!.defaultMapping as { rest: object }).rest, pageSize: 5 } } });
    const requestsBefore = siasn.requests.length;
    const before = await snapshot(env);
    const run = await fetchRun();
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ status: "succeeded", written: 0, rows: siasn.employees.length, format: "siasn" });
    expect(siasn.requests.slice(requestsBefore).filter((r) => r.path === SIASN_EMPLOYEES_PATH).map((r) => r.page)).toEqual(Array.from({ length: Math.ceil(siasn.employees.length / 5) }, (_, i) => i + 1));
    const diff = run.summary as unknown as SiasnDiff & { review: string };
    expect(diff.review).toBe("pending");
    expect(diff.counts).toMatchObject({ newUnits: 1, new: 1, moved: 1, left: 1, problems: 1 });
    expect(diff.units.new).toEqual([{ id: NEW_UNIT, siasnId: NEW_UNIT, name: "UPT Baru dari SIASN", parentId: siasn.units[0]!.id }]);
    expect(diff.new).toEqual([{ nip: NEW_NIP, nama: "Rina Pegawai Baru", jabatan: "Analis SDM Aparatur", golongan: "III/a", unitId: NEW_UNIT, atasanNip: world.superior.nip, returning: false }]);
    expect(diff.moved).toEqual([
      {
        nip: world.colleague.nip,
        nama: world.colleague.nama,
        changes: [
          { field: "unitId", before: was.unorId, after: NEW_UNIT },
          { field: "golongan", before: was.golRuangAkhir || null, after: "IV/a" },
        ],
      },
    ]);
    expect(diff.left.map((l) => l.nip)).toEqual([world.outsider.nip]);
    expect(run.report).toEqual([expect.objectContaining({ line: siasn.employees.length, field: "nipBaru", value: "12345", expected: expect.stringMatching(/NIP 18 digit/) })]);
    expect(await snapshot(env)).toEqual({ ...before, jobs: before.jobs! + 1, audit_log: before.audit_log! + 1 });
    expect(await db.selectFrom("employees").select("id").where("region_id", "=", world.regionId).where("nip", "=", NEW_NIP).executeTakeFirst()).toBeUndefined();
  });

  it("discards a diff, and applies a fresh one in one audited transaction; a departed employee is kept and marked", async () => {
    const { db } = env.database;
    const discarded = await fetchRun();
    await admin().connector.decide({ name: "siasn", jobId: discarded.jobId, decision: "discarded" });
    await expect(admin().connector.decide({ name: "siasn", jobId: discarded.jobId, decision: "applied" })).rejects.toThrow(/sudah dibuang/);
    expect(await db.selectFrom("employees").select("id").where("region_id", "=", world.regionId).where("nip", "=", NEW_NIP).executeTakeFirst()).toBeUndefined();

    const older = await fetchRun();
    const run = await fetchRun();
    await expect(admin().connector.decide({ name: "siasn", jobId: older.jobId, decision: "applied" })).rejects.toThrow(/lebih baru/);
    const outsiderResults = await db.selectFrom("results").selectAll().where("region_id", "=", world.regionId).where("employee_id", "=", world.outsider.id).execute();
    const applied = await admin().connector.decide({ name: "siasn", jobId: run.jobId, decision: "applied" });
    expect(applied).toMatchObject({ written: 4, summary: expect.objectContaining({ review: "applied" }) });

    const unit = await db.selectFrom("units").selectAll().where("region_id", "=", world.regionId).where("id", "=", NEW_UNIT).executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ name: "UPT Baru dari SIASN", parent_id: siasn.units[0]!.id });
    const fresh = await db.selectFrom("employees").selectAll().where("region_id", "=", world.regionId).where("nip", "=", NEW_NIP).executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ nama: "Rina Pegawai Baru", unit_id: NEW_UNIT, golongan: "III/a", atasan_nip: world.superior.nip, left_at: null });
    const colleague = await db.selectFrom("employees").selectAll().where("region_id", "=", world.regionId).where("id", "=", world.colleague.id).executeTakeFirstOrThrow();
    expect(colleague).toMatchObject({ unit_id: NEW_UNIT, golongan: "IV/a" });
    const outsider = await db.selectFrom("employees").selectAll().where("region_id", "=", world.regionId).where("id", "=", world.outsider.id).executeTakeFirstOrThrow();
    expect(outsider.left_at).not.toBeNull();
    expect(outsider.left_reason).toMatch(/tidak ada lagi di SIASN/);
    expect(await db.selectFrom("results").selectAll().where("region_id", "=", world.regionId).where("employee_id", "=", world.outsider.id).execute()).toEqual(outsiderResults);
    const entries = await db.selectFrom("audit_log").select(["action", "after"]).where("region_id", "=", world.regionId).where("action", "in", ["connector.apply", "connector.discard"]).orderBy("id").execute();
    expect(entries.map((e) => e.action)).toEqual(["connector.discard", "connector.apply"]);
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ new: [NEW_NIP], left: [world.outsider.nip] });
    await expect(admin().connector.decide({ name: "siasn", jobId: run.jobId, decision: "applied" })).rejects.toThrow(/sudah diterapkan/);
  });

  it("finds no changes on a second fetch after applying", async () => {
    const again = await fetchRun();
    expect((again.summary as unknown as SiasnDiff).counts).toMatchObject({ newUnits: 0, changedUnits: 0, new: 0, moved: 0, left: 0, problems: 1 });
  });

  it("reads the spreadsheet export through the mapping's column names, and refuses an apply when the region changed since", async () => {
    const { db } = env.database;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data PNS");
    sheet.addRow(["NIP BARU", "NAMA", "JABATAN NAMA", "GOL AKHIR NAMA", "UNOR ID", "UNOR NAMA", "UNOR INDUK ID", "NIP ATASAN"]);
    for (const e of siasn.employees.filter((e) => e.nipBaru !== "12345")) {
      const moved = e.nipBaru === NEW_NIP ? { jabatanNama: "Analis SDM Aparatur Ahli Muda" } : {};
      const row = { ...e, ...moved };
      sheet.addRow([row.nipBaru, row.nama, row.jabatanNama, row.golRuangAkhir, row.unorId, row.unorNama, "", row.atasanNipBaru ?? ""]);
    }
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const scope = await scopeIn(db, world.admin, world.regionId);
    const started = await startSourceRun(scope, env.jobs, { name: "siasn", format: "xlsx", period: "", bytes });
    await env.jobs.idle();
    const [run] = await admin().connector.runs({ name: "siasn", jobId: started.jobId });
    expect(run!.report).toEqual([]);
    const diff = run!.summary as unknown as SiasnDiff;
    expect(diff.counts).toMatchObject({ new: 0, left: 0, moved: 1, newUnits: 0, changedUnits: 0 });
    expect(diff.moved[0]!.changes).toEqual([{ field: "jabatan", before: "Analis SDM Aparatur", after: "Analis SDM Aparatur Ahli Muda" }]);
    // Someone edits that employee before the diff is applied: the apply is refused whole.
    await db.updateTable("employees").set({ jabatan: "Diubah di Kinerja" }).where("region_id", "=", world.regionId).where("nip", "=", NEW_NIP).execute();
    await expect(admin().connector.decide({ name: "siasn", jobId: run!.jobId, decision: "applied" })).rejects.toThrow(/Data wilayah berubah sejak diambil dari SIASN/);
    expect((await db.selectFrom("employees").select("jabatan").where("region_id", "=", world.regionId).where("nip", "=", NEW_NIP).executeTakeFirstOrThrow()).jabatan).toBe("Diubah di Kinerja");

    // A CSV missing a mapped column is refused naming the columns expected.
    const bad = await startSourceRun(scope, env.jobs, { name: "siasn", format: "csv", period: "", bytes: Buffer.from("NIP,NAMA\n199001012015011001,Rina\n") });
    await env.jobs.idle();
    const [refused] = await admin().connector.runs({ name: "siasn", jobId: bad.jobId });
    expect(refused).toMatchObject({ status: "failed", written: 0 });
    expect(refused!.report[0]).toMatchObject({ line: 1, field: "baris judul", message: expect.stringMatching(/kolom "NIP BARU".* tidak ada/) });
  });

  it("reads a CSV export whose headers the region named in its mapping file", async () => {
    const { db } = env.database;
    const listed = (await admin().connector.list()).find((c) => c.name === "siasn")!;
    const mapping = structuredClone(listed.mapping) as { sheet: { delimiter: string; employee: Record<string, string | null>; unit: Record<string, string | null> } };
    mapping.sheet.delimiter = ";";
    mapping.sheet.employee = { nip: "NIP", nama: "Nama Lengkap", jabatan: "Jabatan", golongan: "Gol", unitId: "Kode Unor", atasanNip: null };
    mapping.sheet.unit = { id: "Kode Unor", name: "Unor", parentId: null };
    await admin().connector.configure({ name: "siasn", mapping });
    const current = await db.selectFrom("employees").selectAll().where("region_id", "=", world.regionId).where("left_at", "is", null).orderBy("nip").execute();
    const units = new Map((await db.selectFrom("units").select(["id", "name"]).where("region_id", "=", world.regionId).execute()).map((u) => [u.id, u.name]));
    const lines = ["NIP;Nama Lengkap;Jabatan;Gol;Kode Unor;Unor", ...current.map((e) => [e.nip, e.nama, e.nip === world.report.nip ? "Analis Kebijakan" : e.jabatan, e.golongan ?? "", e.unit_id, units.get(e.unit_id)].join(";"))];
    const scope = await scopeIn(db, world.admin, world.regionId);
    const started = await startSourceRun(scope, env.jobs, { name: "siasn", format: "csv", period: "", bytes: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8") });
    await env.jobs.idle();
    const [run] = await admin().connector.runs({ name: "siasn", jobId: started.jobId });
    expect(run!.report).toEqual([]);
    const diff = run!.summary as unknown as SiasnDiff;
    // No atasan column is mapped: atasan is left as it is; only the one jabatan differs.
    expect(diff.counts).toMatchObject({ new: 0, left: 0, moved: 1, newUnits: 0, changedUnits: 0, unchanged: current.length - 1 });
    expect(diff.moved).toEqual([{ nip: world.report.nip, nama: world.report.nama, changes: [{ field: "jabatan", before: current.find((e) => e.nip === world.report.nip)!.jabatan, after: "Analis Kebijakan" }] }]);
  });

  it("fetches from SIASN on the region's schedule, the diff waiting for the admin's review", async () => {
    const { db } = env.database;
    const listed = (await admin().connector.list()).find((c) => c.name === "siasn")!;
    expect(listed.unattended).toBe(true);
    const saved = await admin().connector.setSchedule({ name: "siasn", on: true, everyMinutes: 24 * 60, anchor: "02:00" });
    const asked = siasn.requests.length;
    const due = new Date(Date.parse(saved.nextRunAt!) + 1_000);
    const started = await new ConnectorScheduler({ db, jobs: env.jobs, now: () => due }).runDue();
    expect(started).toHaveLength(1);
    await env.jobs.idle();
    const [run] = await admin().connector.runs({ name: "siasn", jobId: started[0]! });
    expect(run).toMatchObject({ status: "succeeded", format: "siasn", written: 0, summary: { review: "pending" } });
    expect(siasn.requests.length).toBeGreaterThan(asked);
    const audited = await db.selectFrom("audit_log").select(["actor_name", "actor_role"]).where("region_id", "=", world.regionId).where("action", "=", "connector.run").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audited).toEqual({ actor_name: "Jadwal konektor", actor_role: "system" });
    // The admin decides as after a fetch by hand.
    await admin().connector.decide({ name: "siasn", jobId: started[0]!, decision: "discarded" });
    expect((await admin().connector.runs({ name: "siasn", jobId: started[0]! }))[0]!.summary).toMatchObject({ review: "discarded" });
  });
});
