// The work-log source on each dialect, end to end: a report's SKP is approved, a colleague's is still a draft;
// recaps (CSV and XLSX) are refused whole with every bad row named (unknown NIP, no approved SKP, an IKI the
// SKP does not have, a unit that differs, bad and out-of-period dates, bad quantities) and nothing written;
// good recaps become work entries awaiting the superior, who confirms one through the same API as an entry
// typed in the portal; importing a recap again adds nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestEnv, type TestEnv } from "../../../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../../../testing/work-period.js";
import { scopeIn } from "../../access/index.js";
import { periodDates } from "../../rules/index.js";
import { connectorTemplate, startSourceRun } from "../index.js";
import { recapPeriod } from "./index.js";

const HEAD = ["NIP", "Tanggal", "Indikator Kinerja Individu", "Uraian Kegiatan", "Jumlah", "Satuan"];
const IKI_DOCS = "Jumlah dokumen usulan yang diverifikasi";
const IKI_VISITS = "Jumlah kunjungan lapangan";

const csvLine = (cells: Array<string | number>) => cells.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(",");

async function xlsx(rows: Array<Array<string | number | Date>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Rekap");
  sheet.addRow(HEAD);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("recap periods", () => {
  it("reads a month and an ISO week, and nothing else", () => {
    expect(recapPeriod("2025-02")).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(recapPeriod("2025-W01")).toEqual({ from: "2024-12-30", to: "2025-01-05" });
    expect(recapPeriod("2026-W53")).toEqual({ from: "2026-12-28", to: "2027-01-03" });
    expect(recapPeriod("2025-W53")).toBeNull();
    expect(recapPeriod("2025-13")).toBeNull();
  });
});

describe.each(inject("dialects"))("work logs in bulk on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;
  let month: string;
  let day: (d: number) => { iso: string; id: string };
  const admin = () => env.as(w.admin);
  const run = async (format: string, bytes: Buffer, period = month) => {
    const started = await startSourceRun(await scopeIn(env.database.db, w.admin, w.regionId), env.jobs, { name: "worklogs", format, period, bytes });
    await env.jobs.idle();
    return (await admin().connector.runs({ name: "worklogs", jobId: started.jobId }))[0]!;
  };
  const entries = () => env.database.db.selectFrom("work_entries").selectAll().where("region_id", "=", w.regionId).orderBy("work_date").orderBy("description").execute();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "binjai"))).get("binjai")!;
    const cycle = await env.database.db.selectFrom("cycles").selectAll().where("id", "=", w.cycleId).executeTakeFirstOrThrow();
    month = periodDates(cycle.period_kind, cycle.period_label).from.slice(0, 7);
    day = (d: number) => ({ iso: `${month}-${String(d).padStart(2, "0")}`, id: `${String(d).padStart(2, "0")}/${month.slice(5)}/${month.slice(0, 4)}` });

    const report = env.as(w.report.user);
    const plan = await report.plan.create({ cycleId: w.cycleId });
    await report.plan.save({
      id: plan.id,
      rhk: [{ kind: "utama", text: "Layanan kepegawaian tepat waktu", indicators: [{ text: IKI_DOCS, target: 120, satuan: "dokumen" }, { text: IKI_VISITS, target: 12, satuan: "kunjungan" }] }],
    });
    await report.plan.submit({ id: plan.id });
    await env.as(w.superior.user).plan.approve({ id: plan.id });
    // The colleague's SKP is written but never submitted.
    const colleague = env.as(w.colleague.user);
    const draft = await colleague.plan.create({ cycleId: w.cycleId });
    await colleague.plan.save({ id: draft.id, rhk: [{ kind: "utama", text: "Arsip", indicators: [{ text: IKI_DOCS, target: 10, satuan: "dokumen" }] }] });
    await admin().connector.configure({ name: "worklogs", enabled: true });
  });
  afterAll(() => env?.dispose());

  it("hands out a template with the mapping's headers", async () => {
    const file = await connectorTemplate(await scopeIn(env.database.db, w.admin, w.regionId), { name: "worklogs", format: "xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEAD);
    const csv = await connectorTemplate(await scopeIn(env.database.db, w.admin, w.regionId), { name: "worklogs", format: "csv" });
    expect(csv.body.toString("utf8").replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(HEAD.join(","));
  });

  it("refuses a CSV with bad rows whole, naming each row, column, value and what was expected, and writes nothing", async () => {
    const before = await entries();
    const text = [
      csvLine(HEAD),
      csvLine([w.report.nip, day(6).id, IKI_DOCS, "Verifikasi usulan", "12", "dokumen"]),
      csvLine(["199901012020011999", day(6).id, IKI_DOCS, "Orang tak dikenal", "1", "dokumen"]),
      csvLine([w.colleague.nip, day(7).id, IKI_DOCS, "SKP belum disetujui", "1", "dokumen"]),
      csvLine([w.outsider.nip, day(7).id, IKI_DOCS, "Tanpa SKP", "1", "dokumen"]),
      csvLine([w.report.nip, day(8).id, "Jumlah rapat koordinasi", "IKI lain", "1", "dokumen"]),
      csvLine([w.report.nip, day(8).id, IKI_VISITS, "Satuan lain", "2", "dokumen"]),
      csvLine([w.report.nip, "31/02/2025", IKI_DOCS, "Tanggal mustahil", "1", "dokumen"]),
      csvLine([w.report.nip, "2019-01-02", IKI_DOCS, "Di luar periode", "1", "dokumen"]),
      csvLine([w.report.nip, day(9).id, IKI_DOCS, "Jumlah huruf", "dua belas", "dokumen"]),
      csvLine([w.report.nip, day(9).id, IKI_DOCS, "Jumlah negatif", "-3", "dokumen"]),
      csvLine([w.report.nip, day(9).id, IKI_DOCS, "Jumlah ribuan", "1.000", "dokumen"]),
    ].join("\r\n");
    const status = await run("csv", Buffer.from(text, "utf8"));
    expect(status).toMatchObject({ status: "failed", rows: 11, written: 0 });
    expect(status.error).toMatch(/Berkas ditolak: 10 masalah; tidak ada yang disimpan/);
    expect(status.report.map((p) => [p.line, p.field, p.value])).toEqual([
      [3, "NIP", "199901012020011999"],
      [4, "NIP", w.colleague.nip],
      [5, "NIP", w.outsider.nip],
      [6, "Indikator Kinerja Individu", "Jumlah rapat koordinasi"],
      [7, "Satuan", "dokumen"],
      [8, "Tanggal", "31/02/2025"],
      [9, "Tanggal", "2019-01-02"],
      [10, "Jumlah", "dua belas"],
      [11, "Jumlah", "-3"],
      [12, "Jumlah", "1.000"],
    ]);
    const [unknown, draft, none, iki, unit, date, outside] = status.report;
    expect(unknown!.message).toMatch(/NIP tidak dikenal/);
    expect(draft!.message).toMatch(/belum punya SKP yang disetujui .*berstatus draf/);
    expect(none!.message).toMatch(/belum punya SKP yang disetujui/);
    expect(iki!.expected).toContain(IKI_DOCS);
    expect(unit!.expected).toBe("kunjungan");
    expect(date!.expected).toMatch(/DD\/MM\/YYYY/);
    expect(outside!.message).toMatch(/di luar periode rekap/);
    expect(await entries()).toEqual(before);
  });

  it("refuses an XLSX with one bad row among good ones, writing nothing", async () => {
    const before = await entries();
    const bytes = await xlsx([
      [w.report.nip, new Date(`${day(6).iso}T00:00:00Z`), IKI_DOCS, "Verifikasi usulan", 12, "dokumen"],
      [w.report.nip, day(7).id, IKI_DOCS, "Jumlah kosong", "", "dokumen"],
    ]);
    const status = await run("xlsx", bytes);
    expect(status).toMatchObject({ status: "failed", rows: 2, written: 0 });
    expect(status.report.map((p) => [p.line, p.field, p.message])).toEqual([[3, "Jumlah", "jumlah kosong"]]);
    expect(await entries()).toEqual(before);
  });

  it("writes good XLSX and CSV recaps as entries awaiting the superior, who confirms one; a recap imported again adds nothing", async () => {
    const xlsxStatus = await run(
      "xlsx",
      await xlsx([
        [w.report.nip, new Date(`${day(6).iso}T00:00:00Z`), IKI_DOCS, "Verifikasi usulan kenaikan pangkat", 12, "dokumen"],
        [w.report.nip, day(7).id, ` ${IKI_VISITS.toUpperCase()} `, "Kunjungan ke puskesmas", 2, "Kunjungan"],
      ]),
    );
    expect(xlsxStatus).toMatchObject({ status: "succeeded", rows: 2, written: 2, summary: { employees: 1, entries: 2, alreadyStored: 0 } });
    const csv = [csvLine(HEAD), csvLine([w.report.nip, day(8).id, IKI_DOCS, "Verifikasi berkas pensiun", "2,5", ""]), csvLine([w.report.nip, day(9).iso, IKI_DOCS, "Verifikasi berkas mutasi", "4", "dokumen"])].join("\n");
    const csvStatus = await run("csv", Buffer.from(csv, "utf8"));
    expect(csvStatus).toMatchObject({ status: "succeeded", rows: 2, written: 2 });

    const stored = await entries();
    expect(stored.map((e) => [e.work_date, e.description, e.quantity, e.status, e.employee_id])).toEqual([
      [day(6).iso, "Verifikasi usulan kenaikan pangkat", 12, "submitted", w.report.id],
      [day(7).iso, "Kunjungan ke puskesmas", 2, "submitted", w.report.id],
      [day(8).iso, "Verifikasi berkas pensiun", 2.5, "submitted", w.report.id],
      [day(9).iso, "Verifikasi berkas mutasi", 4, "submitted", w.report.id],
    ]);
    expect(stored.every((e) => e.created_by === w.admin.id)).toBe(true);

    const superior = env.as(w.superior.user);
    const waiting = await superior.workEntry.list({ cycleId: w.cycleId, employeeId: w.report.id, status: "submitted", limit: 50 });
    expect(waiting.items).toHaveLength(4);
    const confirmed = await superior.workEntry.confirm({ id: stored[0]!.id });
    expect(confirmed).toMatchObject({ status: "confirmed", ikiText: IKI_DOCS, quantity: 12 });
    const progress = await superior.workEntry.progress({ cycleId: w.cycleId, employeeId: w.report.id });
    expect(progress.indicators.find((i) => i.text === IKI_DOCS)).toMatchObject({ confirmed: 12 });

    const again = await run("csv", Buffer.from(csv, "utf8"));
    expect(again).toMatchObject({ status: "succeeded", written: 0, summary: { entries: 0, alreadyStored: 2 } });
    expect(await entries()).toHaveLength(4);

    const audit = await env.database.db.selectFrom("audit_log").select(["action", "entity_id", "after"]).where("region_id", "=", w.regionId).where("action", "=", "connector.run").where("entity_id", "=", "worklogs").execute();
    expect(audit).toHaveLength(5);
  });
});
