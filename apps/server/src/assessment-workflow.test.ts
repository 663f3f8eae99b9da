// The assessment workflow over real HTTP, on each dialect, in Binjai as seeded on first start: a pilot
// cycle for one unit, a deadline and the reminder it makes, the assessor's sheet, the run, the forum's
// adjustment, finalisation, an appeal decided by whoever the rules say, the follow-up exports and the
// PDF documents; other regions and the signed-out get nothing.
import { fillForm } from "@kinerja/api/testing/assessment-walk";
import { pdfPageCount } from "@kinerja/api/testing/pdf-text";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Running } from "./start.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-alur-penilaian";

interface Employee {
  id: string;
  nip: string;
  nama: string;
  unitId: string;
  atasanNip: string | null;
}

describe.each(inject("dialects"))("assessment workflow over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let running: Running;
  const login = (role: string, regionId: string) => running.signIns.find((s) => s.role === role && s.regionId === regionId)?.login as string;
  const client = async (who: string): Promise<HttpClient> => {
    const c = new HttpClient(running.url);
    expect(await c.signIn(who, PASSWORD)).toBe(200);
    return c;
  };

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: 12 });
    running = server.running;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("walks a pilot cycle from the assessor's sheet to an upheld appeal, the follow-up exports and the documents", async () => {
    const admin = await client(login("admin", "binjai"));
    const assessor = await client(login("assessor", "binjai"));
    const employee = await client(login("employee", "binjai"));
    const find = async (nip: string) =>
      (await admin.ok(admin.query<{ items: Employee[] }>("employee.list", { search: nip, limit: 5 }))).items.find((e) => e.nip === nip) as Employee;
    const me = await find(login("employee", "binjai"));

    const cycle = await admin.ok(
      admin.mutate<{ id: string }>("cycle.create", { name: "Rintisan 2026", periodKind: "annual", periodLabel: "2026", unitIds: [me.unitId] }),
    );
    const cycleId = cycle.id;
    await admin.ok(admin.mutate("cycle.open", { id: cycleId }));
    await admin.ok(admin.mutate("assessment.setDeadline", { cycleId, source: "supervisor", dueDate: "2026-12-15" }));
    const reminders = await admin.ok(
      admin.query<{ late: Array<{ source: string; ratee: { employeeId: string }; rater: { nip: string } | null; daysLate: number }> }>(
        "assessment.reminders",
        { cycleId, asOf: "2026-12-20" },
      ),
    );
    expect(reminders.late.find((l) => l.source === "supervisor" && l.ratee.employeeId === me.id)).toMatchObject({
      rater: { nip: login("assessor", "binjai") },
      daysLate: 5,
    });

    const form = await assessor.ok(assessor.query<Parameters<typeof fillForm>[0]>("assessment.form", { cycleId, employeeId: me.id, source: "supervisor" }));
    const sheet = await assessor.ok(assessor.mutate<{ submittedAt: string | null }>("assessment.submit", fillForm(form, 0.6, "honest", "Terus tingkatkan")));
    expect(sheet.submittedAt).not.toBeNull();
    expect(await assessor.mutate("assessment.submit", fillForm(form, 0.6))).toMatchObject({ status: 409, code: "CONFLICT" });

    const started = await admin.ok(admin.mutate<{ jobId: string }>("cycle.run", { id: cycleId }));
    let status = "queued";
    for (let i = 0; i < 100 && status !== "succeeded" && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await admin.ok(admin.query<{ status: string }>("cycle.runStatus", { jobId: started.jobId }))).status;
    }
    expect(status).toBe("succeeded");

    const view = await admin.ok(
      admin.query<{ employees: Array<{ employeeId: string; predikat: string; allowedPredikat: string[] }> }>("forum.view", { cycleId, unitId: me.unitId }),
    );
    const mine = view.employees.find((e) => e.employeeId === me.id)!;
    const moved = mine.allowedPredikat.find((p) => p !== mine.predikat)!;
    const adjusted = await admin.ok(
      admin.mutate<{ predikat: string }>("forum.adjust", { cycleId, employeeId: me.id, predikat: moved, reason: "Forum evaluasi unit: kinerja tim" }),
    );
    expect(adjusted.predikat).toBe(moved);
    expect((await admin.ok(admin.mutate<{ status: string }>("cycle.close", { id: cycleId }))).status).toBe("finalised");

    const appeal = await employee.ok(
      employee.mutate<{ id: string; decider: { kind: string; nip: string | null } }>("appeal.submit", { cycleId, reason: "Mohon ditinjau kembali bersama bukti" }),
    );
    // The assessor's superior decides only while they can sign in; here they hold no account, so the
    // region's admin decides, as the rule file's appeal fallback says.
    expect(appeal.decider).toMatchObject({ kind: "admin", nip: null });
    const decider = admin;
    const inbox = await decider.ok(decider.query<Array<{ id: string; canDecide: boolean }>>("appeal.inbox", {}));
    expect(inbox.find((a) => a.id === appeal.id)?.canDecide).toBe(true);
    const upheld = await decider.ok(
      decider.mutate<{ status: string; newPredikat: string }>("appeal.decide", {
        appealId: appeal.id,
        decision: "uphold",
        reason: "Bukti kerja tambahan diterima",
        predikat: mine.predikat,
      }),
    );
    expect(upheld).toMatchObject({ status: "upheld", newPredikat: mine.predikat });
    expect((await employee.ok(employee.query<{ predikat: string }>("result.get", { cycleId, employeeId: me.id }))).predikat).toBe(mine.predikat);

    const summary = await admin.ok(admin.query<Array<{ type: string }>>("followUp.summary", { cycleId }));
    const type = summary[0]?.type ?? "pelatihan";
    const csv = await admin.fetch(`/export/cycles/${cycleId}/follow-up/${type}.csv?unitId=${me.unitId}`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("No,NIP,Nama,Jabatan,Unit Kerja,Predikat,Tindak Lanjut,Nilai,Kode Unit,Kode Aturan");
    const xlsx = await admin.fetch(`/export/cycles/${cycleId}/follow-up/${type}.xlsx`);
    expect(xlsx.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="tindak-lanjut-${type}-binjai-2026\\.xlsx"`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    expect(book.getWorksheet("Tindak Lanjut")?.getRow(1).getCell(2).value).toBe("NIP");

    const documentPath = `/documents/cycles/${cycleId}/employees/${me.nip}.pdf`;
    const pdf = await employee.fetch(documentPath);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const body = Buffer.from(await pdf.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(body.toString("latin1")).toContain(`Dokumen Evaluasi Kinerja Pegawai - ${me.nama}`);
    expect(pdfPageCount(body)).toBeGreaterThanOrEqual(1);
    expect((await employee.fetch(`/documents/cycles/${cycleId}/employees/${login("assessor", "binjai")}.pdf`)).status).toBe(404);
    expect((await employee.fetch(`/documents/cycles/${cycleId}/units/${me.unitId}.pdf`)).status).toBe(403);
    const unitPdf = await admin.fetch(`/documents/cycles/${cycleId}/units/${me.unitId}.pdf`);
    expect(unitPdf.status).toBe(200);
    expect(Buffer.from(await unitPdf.arrayBuffer()).toString("latin1")).toContain("Penetapan Predikat Kinerja Pegawai");

    const pariaman = await client(login("admin", "pariaman"));
    expect((await pariaman.fetch(documentPath)).status).toBe(404);
    expect((await pariaman.fetch(`${documentPath}?regionId=binjai`)).status).toBe(403);
    expect((await pariaman.fetch(`/export/cycles/${cycleId}/follow-up/${type}.csv`)).status).toBe(404);
    expect(await pariaman.query("forum.view", { cycleId, unitId: me.unitId })).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await pariaman.mutate("appeal.decide", { appealId: appeal.id, decision: "reject", reason: "Bukan wilayah saya" })).toMatchObject({ status: 404 });
    expect((await new HttpClient(running.url).fetch(documentPath)).status).toBe(401);
  });
});
