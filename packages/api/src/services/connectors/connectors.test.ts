// The connector framework on each dialect, end to end through the API: an attendance machine's attlog for
// January 2025 is run as a job against Pariaman's work calendar (two holidays) and leave; a bad file is
// refused line by line with nothing written; a good one stores each working day, feeds the month's cycle
// (its attendance indicator takes the days absent without leave) and the TPP payroll sheet reads them back.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { tppPercent, type AppraisalInput } from "@kinerja/core";
import { parse as parseCsv } from "csv-parse/sync";
import { createTestEnv, snapshot, type TestEnv } from "../../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../../testing/work-period.js";
import { scopeIn } from "../access/index.js";
import { runSink, startSourceRun } from "./index.js";
import { workingDays } from "./attendance/calendar.js";

const HOLIDAYS = [
  { day: "2025-01-01", name: "Tahun Baru Masehi" },
  { day: "2025-01-27", name: "Isra Mikraj" },
];

/** An attlog line as a ZKTeco machine writes it: user id, time, verify, in/out, work code, reserved. */
const punch = (userId: string, day: string, time: string, inOut = 0) => `${userId}\t${day} ${time}\t1\t${inOut}\t0\t0`;

describe.each(inject("dialects"))("connectors on %s", (dialect) => {
  let env: TestEnv;
  let world: RegionWorld;
  const admin = () => env.as(world.admin);
  const scope = () => scopeIn(env.database.db, world.admin, world.regionId);
  const run = async (format: string, text: string, period = "2025-01") =>
    startSourceRun(await scope(), env.jobs, { name: "attendance", format, period, bytes: Buffer.from(text, "utf8") });
  const working = workingDays("2025-01-01", "2025-01-31", new Set(HOLIDAYS.map((h) => h.day)));

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    world = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "pariaman"))).get("pariaman")!;
  });
  afterAll(() => env?.dispose());

  it("lists every connector with its default mapping, disabled, and refuses a run until enabled", async () => {
    const list = await admin().connector.list();
    expect(list.map((c) => [c.name, c.kind, c.enabled, c.mappingIsDefault])).toEqual([
      ["attendance", "source", false, true],
      ["payroll", "sink", false, true],
      ["worklogs", "source", false, true],
      ["siasn", "source", false, true],
      ["siasn-kinerja", "sink", false, true],
    ]);
    await expect(run("attlog", punch(world.report.nip, "2025-01-06", "07:30:00"))).rejects.toThrow(/belum diaktifkan/);
  });

  it("refuses a bad mapping file naming the JSON pointer, and keeps the one saved before", async () => {
    await expect(admin().connector.configure({ name: "attendance", mapping: { attlog: { columns: { userId: 0, dateTime: 2 } } } })).rejects.toThrow(
      /Berkas pemetaan attendance tidak sah: \/attlog\/columns\/userId/,
    );
    await expect(admin().connector.configure({ name: "attendance", secrets: { token: "x" } })).rejects.toThrow(/tidak memakai rahasia token/);
    const saved = await admin().connector.configure({ name: "attendance", enabled: true });
    expect(saved).toMatchObject({ enabled: true, mappingIsDefault: true });
    const audit = await env.database.db.selectFrom("audit_log").select(["action", "entity_id"]).where("region_id", "=", world.regionId).where("action", "=", "connector.configure").execute();
    expect(audit).toEqual([{ action: "connector.configure", entity_id: "attendance" }]);
  });

  it("refuses an attlog with bad lines, each with its line, what and what was expected, and writes nothing", async () => {
    const before = await snapshot(env);
    const text = [punch(world.report.nip, "2025-01-06", "07:30:00"), `${world.report.nip}\t06/01/2025 07:30`, punch("999", "2025-01-06", "07:31:00"), punch(world.report.nip, "2025-02-03", "07:30:00")].join("\n");
    const started = await run("attlog", text);
    await env.jobs.idle();
    const [status] = await admin().connector.runs({ name: "attendance", jobId: started.jobId });
    expect(status).toMatchObject({ status: "failed", rows: 4, written: 0 });
    expect(status!.report.map((p) => [p.line, p.field, p.value])).toEqual([
      [2, "kolom 2 (waktu)", "06/01/2025 07:30"],
      [3, "ID pengguna", "999"],
      [4, "tanggal", "2025-02-03"],
    ]);
    expect(status!.report[0]!.expected).toMatch(/YYYY-MM-DD HH:MM:SS/);
    const after = await snapshot(env);
    expect(after.attendance_days ?? 0).toBe(before.attendance_days ?? 0);
  });

  it("stores every working day, excusing leave and skipping holidays, and feeds the month's appraisal and the payroll sheet", async () => {
    await admin().connector.setHolidays({ year: 2025, days: HOLIDAYS });
    await admin().connector.addLeave({ nip: world.colleague.nip, from: "2025-01-06", to: "2025-01-07", kind: "cuti", note: "cuti tahunan" });
    // The report misses 8, 9 and 10 January; the colleague is on leave on 6 and 7 January and misses the 31st.
    const reportAbsent = new Set(["2025-01-08", "2025-01-09", "2025-01-10"]);
    const colleagueAway = new Set(["2025-01-06", "2025-01-07", "2025-01-31"]);
    const lines: string[] = [];
    for (const day of working) {
      if (!reportAbsent.has(day)) lines.push(punch(world.report.nip, day, "07:28:03"), punch(world.report.nip, day, "16:02:11", 1));
      if (!colleagueAway.has(day)) lines.push(punch(world.colleague.nip, day, "07:45:00"));
    }
    // A punch on a holiday counts for nothing.
    lines.push(punch(world.report.nip, "2025-01-27", "09:00:00"));
    const started = await run("attlog", `${lines.join("\r\n")}\r\n`);
    await env.jobs.idle();
    const [status] = await admin().connector.runs({ name: "attendance", jobId: started.jobId });
    expect(status).toMatchObject({ status: "succeeded", rows: lines.length, written: working.length * 2, report: [] });
    expect(status!.summary).toMatchObject({ employees: 2, workingDays: working.length, alpa: 4, cuti: 2 });
    expect(status!.summary.absent).toEqual([
      { nip: world.report.nip, nama: world.report.nama, alpa: 3, cuti: 0 },
      { nip: world.colleague.nip, nama: world.colleague.nama, alpa: 1, cuti: 2 },
    ]);

    const { db } = env.database;
    const stored = await db.selectFrom("attendance_days").select(["employee_id", "day", "status", "first_in", "last_out"]).where("region_id", "=", world.regionId).orderBy("day").execute();
    expect(stored.filter((d) => d.employee_id === world.report.id && d.status === "alpa").map((d) => d.day)).toEqual([...reportAbsent]);
    expect(stored.filter((d) => d.employee_id === world.colleague.id && d.status !== "hadir").map((d) => [d.day, d.status])).toEqual([
      ["2025-01-06", "cuti"],
      ["2025-01-07", "cuti"],
      ["2025-01-31", "alpa"],
    ]);
    expect(stored.find((d) => d.employee_id === world.report.id && d.day === "2025-01-02")).toMatchObject({ first_in: "07:28:03", last_out: "16:02:11" });
    expect(stored.some((d) => d.day === "2025-01-27" || d.day === "2025-01-04")).toBe(false);

    // The employee reads their own days; another employee's are not found for them.
    const own = await env.as(world.report.user).connector.attendance({ period: "2025-01" });
    expect(own.counts).toMatchObject({ alpa: 3, longestRun: 3, hadir: working.length - 3 });
    await expect(env.as(world.report.user).connector.attendance({ employeeId: world.colleague.id, period: "2025-01" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.selectFrom("audit_log").select("action").where("region_id", "=", world.regionId).where("action", "=", "connector.run").execute()).length).toBe(2);

    // January's cycle, on the year's sheets: the attendance indicator takes the imported days.
    const month = await admin().cycle.create({ name: "TPP Januari 2025", periodKind: "monthly", periodLabel: "2025-01" });
    await admin().cycle.open({ id: month.id });
    const sheets = await db.selectFrom("assessments").selectAll().where("region_id", "=", world.regionId).where("cycle_id", "=", world.cycleId).execute();
    await db.transaction().execute(async (trx) => {
      for (const [i, sheet] of sheets.entries()) await trx.insertInto("assessments").values({ ...sheet, id: `presensi-${i}`, cycle_id: month.id }).execute();
    });
    await admin().cycle.run({ id: month.id });
    await env.jobs.idle();
    const detail = await admin().result.get({ cycleId: month.id, employeeId: world.report.id });
    expect((detail.input as AppraisalInput).values?.kehadiran).toBe(3);
    const colleague = await admin().result.get({ cycleId: month.id, employeeId: world.colleague.id });
    expect((colleague.input as AppraisalInput).values?.kehadiran).toBe(1);

    // The payroll sheet, once enabled: the TPP percentage and its basis, in the default template's columns.
    await expect(runSink(await scope(), { name: "payroll", cycleId: month.id, format: "csv" })).rejects.toThrow(/belum diaktifkan/);
    await admin().connector.configure({ name: "payroll", enabled: true });
    const file = await runSink(await scope(), { name: "payroll", cycleId: month.id, format: "csv" });
    const [header, ...rows] = parseCsv(file.body.toString("utf8").replace(/^\uFEFF/, "")) as string[][];
    expect(header).toEqual(["No", "NIP", "Nama", "Jabatan", "Unit Kerja", "Periode", "Nilai Kinerja", "Nilai Disiplin", "Hari Tanpa Keterangan", "Nilai Akhir", "Predikat", "TPP (%)"]);
    const row = rows.find((r) => r[1] === world.report.nip)!;
    expect(row[5]).toBe("2025-01");
    expect(row[8]).toBe("3");
    expect(row[7]).toBe(String(detail.scores["score.perilaku"]));
    expect(row[11]).toBe(String(tppPercent(detail.outcomeEvents)));
    const runs = await admin().connector.runs({ name: "payroll" });
    expect(runs[0]).toMatchObject({ status: "succeeded", period: "2025-01", format: "csv", rows: rows.length });
  });

  it("reads an attendance app's CSV by the region's mapping: the user id from an employee attribute", async () => {
    const { db } = env.database;
    await db.updateTable("employees").set({ attributes: JSON.stringify({ id_presensi: "77" }) }).where("region_id", "=", world.regionId).where("id", "=", world.superior.id).execute();
    const list = await admin().connector.list();
    const mapping = structuredClone(list.find((c) => c.name === "attendance")!.mapping) as Record<string, unknown>;
    mapping.csv = { delimiter: ";", columns: { userId: "PIN", date: "Tanggal", time: "Jam Masuk" }, dateFormat: "DD/MM/YYYY" };
    mapping.match = { by: "attribute", attribute: "id_presensi" };
    await admin().connector.configure({ name: "attendance", mapping });
    const csv = ["PIN;Nama;Tanggal;Jam Masuk", ...working.filter((d) => d !== "2025-01-15").map((d) => `77;Atasan;${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)};07:5${d.endsWith("5") ? 1 : 0}`)].join("\n");
    const started = await run("csv", csv);
    await env.jobs.idle();
    const [status] = await admin().connector.runs({ name: "attendance", jobId: started.jobId });
    expect(status).toMatchObject({ status: "succeeded", written: working.length, report: [] });
    const days = await admin().connector.attendance({ employeeId: world.superior.id, period: "2025-01" });
    expect(days.days.filter((d) => d.status === "alpa").map((d) => d.day)).toEqual(["2025-01-15"]);
  });
});
