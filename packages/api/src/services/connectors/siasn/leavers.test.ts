// Employees who left, on each dialect, through real sign-ins (better-auth on the test database): applying a
// SIASN export without an employee disables their account in the same transaction (their session ends,
// their sign-in is refused) and marks them left; the open cycle in which they have sheets keeps them and
// owes nothing more from them, a new cycle leaves them out; an export listing them again takes them up and
// enables the account, but never one an admin disabled by hand.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sessionFromHeaders } from "../../../auth.js";
import { authClient, type AuthClient } from "../../../testing/auth-client.js";
import { createTestEnv, PASSWORD, seedRegion, type SeededRegion, type TestEnv } from "../../../testing/env.js";
import { scopeIn } from "../../access/index.js";
import { createCycle, cycleEmployeeIds, cycleProgress, findCycle } from "../../cycles/index.js";
import { startSourceRun } from "../index.js";
import type { SiasnDiff } from "./diff.js";

describe.each(inject("dialects"))("employees who left SIASN on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let client: AuthClient;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 12);
    client = authClient(env);
    await env.as(binjai.admin).connector.configure({ name: "siasn", enabled: true, settings: { baseUrl: "" } });
  });
  afterAll(() => env?.dispose());

  /** A SIASN export (the mapping's column names) of the region's employees, without those named. */
  async function exportWithout(...nips: string[]): Promise<Uint8Array> {
    const { db } = env.database;
    const units = new Map((await db.selectFrom("units").select(["id", "name"]).where("region_id", "=", binjai.regionId).execute()).map((u) => [u.id, u.name]));
    const employees = await db.selectFrom("employees").selectAll().where("region_id", "=", binjai.regionId).orderBy("nip").execute();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data PNS");
    sheet.addRow(["NIP BARU", "NAMA", "JABATAN NAMA", "GOL AKHIR NAMA", "UNOR ID", "UNOR NAMA", "UNOR INDUK ID", "NIP ATASAN"]);
    for (const e of employees.filter((e) => !nips.includes(e.nip))) {
      sheet.addRow([e.nip, e.nama, e.jabatan, e.golongan ?? "", e.unit_id, units.get(e.unit_id), "", e.atasan_nip ?? ""]);
    }
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  async function applyExport(bytes: Uint8Array): Promise<SiasnDiff> {
    const scope = await scopeIn(env.database.db, binjai.admin, binjai.regionId);
    const started = await startSourceRun(scope, env.jobs, { name: "siasn", format: "xlsx", period: "", bytes });
    await env.jobs.idle();
    const [run] = await env.as(binjai.admin).connector.runs({ name: "siasn", jobId: started.jobId });
    expect(run!.error).toBeNull();
    await env.as(binjai.admin).connector.decide({ name: "siasn", jobId: started.jobId, decision: "applied" });
    return run!.summary as unknown as SiasnDiff;
  }

  const signInStatus = async (username: string) => (await client.post("/sign-in/username", { username, password: PASSWORD })).status;

  it("disables a leaver's account with the departure, keeps them in the open cycle owing nothing, and leaves them out of a new one", async () => {
    const { db } = env.database;
    const { employee, assessor, admin } = binjai;
    const cookie = await client.signIn(employee);
    expect(await sessionFromHeaders(client.auth, new Headers({ cookie }))).not.toBeNull();
    const scope = await scopeIn(db, admin, binjai.regionId);
    const open = await findCycle(db, binjai.regionId, binjai.cycleId);
    expect(await cycleEmployeeIds(db, open)).toContain(employee.employeeId);
    const progressBefore = await cycleProgress(scope, open.id);

    const sumUnits = (nodes: Array<{ employees: number; children: unknown[] }>): number =>
      nodes.reduce((n, u) => n + u.employees + sumUnits(u.children as typeof nodes), 0);
    const unitsBefore = sumUnits(await env.as(admin).unit.tree());
    const regionBefore = (await env.as(admin).region.list())[0]!.employees;
    // The assessor was disabled by the admin before; they leave too, and come back below.
    await env.as(admin).account.disable({ id: assessor.id });
    // Read again after that disabling (which forgets every session read), so this process holds the leaver's
    // session when the diff is applied: applying must end it here too, not only in the database.
    expect(await sessionFromHeaders(client.auth, new Headers({ cookie }))).not.toBeNull();
    const diff = await applyExport(await exportWithout(employee.username!, assessor.username!));
    expect(diff.left.map((l) => l.nip).sort()).toEqual([employee.username, assessor.username].sort());

    const left = await db.selectFrom("employees").select(["left_at", "left_reason"]).where("id", "=", employee.employeeId!).executeTakeFirstOrThrow();
    expect(left.left_at).not.toBeNull();
    const account = await db.selectFrom("user").select(["disabled_at", "disabled_by_departure"]).where("id", "=", employee.id).executeTakeFirstOrThrow();
    expect(account.disabled_at).not.toBeNull();
    expect(Boolean(account.disabled_by_departure)).toBe(true);
    // The session they had ends, and their password no longer signs them in.
    expect(await sessionFromHeaders(client.auth, new Headers({ cookie }))).toBeNull();
    expect(await signInStatus(employee.username!)).toBe(403);
    const audited = (await env.as(admin).audit.list({ action: "account.disable", entityId: employee.id })).items;
    expect(audited).toMatchObject([{ actor: { id: null, role: "system" }, after: { sessionsEnded: 1, reason: expect.stringMatching(/tidak ada lagi di SIASN/) } }]);

    // The register keeps them, marked, and counts them no more.
    const listedLeft = (await env.as(admin).employee.list({ left: true, limit: 50 })).items;
    expect(listedLeft.map((e) => e.id).sort()).toEqual([employee.employeeId, assessor.employeeId].sort());
    expect(listedLeft[0]).toMatchObject({ leftAt: expect.any(String), leftReason: expect.stringMatching(/tidak ada lagi di SIASN/) });
    expect((await env.as(admin).employee.list({ left: false, limit: 500 })).items.map((e) => e.id)).not.toContain(employee.employeeId);
    expect(sumUnits(await env.as(admin).unit.tree())).toBe(unitsBefore - 2);
    expect((await env.as(admin).region.list())[0]!.employees).toBe(regionBefore - 2);

    // The open cycle keeps them (their sheets were recorded there), shows them as left, and counts nothing missing from them.
    const ids = await cycleEmployeeIds(db, open);
    const recorded = await db.selectFrom("assessments").select("id").where("cycle_id", "=", open.id).where("employee_id", "=", employee.employeeId!).execute();
    expect(ids.includes(employee.employeeId!)).toBe(recorded.length > 0);
    expect(await cycleEmployeeIds(db, open, { working: true })).not.toContain(employee.employeeId);
    const progress = await cycleProgress(scope, open.id);
    expect(progress.left).toBe(ids.includes(employee.employeeId!) ? 1 + (ids.includes(assessor.employeeId!) ? 1 : 0) : ids.includes(assessor.employeeId!) ? 1 : 0);
    const expected = (p: typeof progress) => Object.values(p.sheets).reduce((n, s) => n + s.expected - s.submitted, 0);
    expect(expected(progress)).toBeLessThanOrEqual(expected(progressBefore));

    // A cycle created after they left does not cover them.
    const later = await createCycle(scope, { name: "Triwulan I 2026", periodKind: "quarterly", periodLabel: "2026-Q1" });
    const laterIds = await cycleEmployeeIds(db, await findCycle(db, binjai.regionId, later.id));
    expect(laterIds).not.toContain(employee.employeeId);
    expect(laterIds).not.toContain(assessor.employeeId);
    expect(laterIds.length).toBeGreaterThan(0);
  });

  it("enables the account again when SIASN lists the employee again, but not one an admin disabled", async () => {
    const { db } = env.database;
    const { employee, assessor } = binjai;
    const diff = await applyExport(await exportWithout());
    expect(diff.new.filter((n) => n.returning).map((n) => n.nip).sort()).toEqual([employee.username, assessor.username].sort());
    expect((await db.selectFrom("employees").select("left_at").where("id", "=", employee.employeeId!).executeTakeFirstOrThrow()).left_at).toBeNull();
    const cookie = await client.signIn(employee);
    expect(await sessionFromHeaders(client.auth, new Headers({ cookie }))).not.toBeNull();
    expect(await signInStatus(assessor.username!)).toBe(403);
    const assessorAccount = await db.selectFrom("user").select(["disabled_at"]).where("id", "=", assessor.id).executeTakeFirstOrThrow();
    expect(assessorAccount.disabled_at).not.toBeNull();
  });
});
