import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scopeIn } from "../services/access/index.js";
import { exportResults } from "../services/documents/index.js";
import { demoAppraisals, writeDemoAssessments } from "../services/seed/index.js";
import { loadRuleFile } from "../services/rules/index.js";
import { createTestEnv, demoProfile, NATIONAL_RULES, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 30;

describe.each(inject("dialects"))("results, distribution and exports on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", SIZE);
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  it("lists nothing before the cycle is evaluated", async () => {
    expect(await admin().result.list({ cycleId: binjai.cycleId })).toEqual({ items: [], nextCursor: null, runId: null, runVersion: null, total: 0, totalExact: true });
    expect((await admin().result.distribution({ cycleId: binjai.cycleId })).units).toEqual([]);
    await admin().cycle.run({ id: binjai.cycleId });
    await env.jobs.idle();
  });

  it("pages through the current run's results and filters them by predikat, outcome, unit and name", async () => {
    const all: Array<{ nip: string; predikat: string | null; outcomes: string[]; unitId: string; nama: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await admin().result.list({ cycleId: binjai.cycleId, limit: 8, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(SIZE);
    expect(new Set(all.map((r) => r.nip)).size).toBe(SIZE);

    const predikat = all[0]!.predikat!;
    const byPredikat = await admin().result.list({ cycleId: binjai.cycleId, predikat, limit: 100 });
    expect(byPredikat.items.length).toBe(all.filter((r) => r.predikat === predikat).length);

    const outcome = all.flatMap((r) => r.outcomes)[0];
    if (outcome) {
      const byOutcome = await admin().result.list({ cycleId: binjai.cycleId, outcomeType: outcome, limit: 100 });
      expect(byOutcome.items.length).toBe(all.filter((r) => r.outcomes.includes(outcome)).length);
      expect(byOutcome.items.every((r) => r.outcomes.includes(outcome))).toBe(true);
    }
    const unitId = all[0]!.unitId;
    const byUnit = await admin().result.list({ cycleId: binjai.cycleId, unitId, limit: 100 });
    expect(byUnit.items.every((r) => r.unitId === unitId || all.some((a) => a.unitId === r.unitId))).toBe(true);
    expect(byUnit.items.length).toBeGreaterThanOrEqual(all.filter((r) => r.unitId === unitId).length);
    const byName = await admin().result.list({ cycleId: binjai.cycleId, search: all[3]!.nama.toLowerCase() });
    expect(byName.items.map((r) => r.nip)).toContain(all[3]!.nip);
  });

  it("sorts by any column with a cursor that pages through ties, and counts the rows matching the filters", async () => {
    const plain = await admin().result.list({ cycleId: binjai.cycleId, limit: 5 });
    expect(plain.total).toBe(SIZE);
    expect(plain.items.map((r) => r.nip)).toEqual([...plain.items.map((r) => r.nip)].sort());
    const keys = ["nama", "score", "predikat", "unit", "nip"] as const;
    for (const key of keys) {
      for (const direction of ["asc", "desc"] as const) {
        const sort = { key, direction };
        const whole = await admin().result.list({ cycleId: binjai.cycleId, sort, limit: 500 });
        expect(whole.total).toBe(SIZE);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await admin().result.list({ cycleId: binjai.cycleId, sort, limit: 4, ...(cursor ? { cursor } : {}) });
          expect(page.total).toBe(SIZE);
          paged.push(...page.items.map((r) => r.employeeId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${key} ${direction}`).toEqual(whole.items.map((r) => r.employeeId));
        expect(new Set(paged).size).toBe(SIZE);
        if (key === "score") {
          const scores = whole.items.map((r) => r.score).filter((x): x is number => x !== null);
          expect(scores).toEqual([...scores].sort((a, b) => (direction === "asc" ? a - b : b - a)));
        }
        if (key === "unit") {
          const units = whole.items.map((r) => r.unitId);
          expect(units.every((u, i) => i === 0 || (direction === "asc" ? units[i - 1]! <= u : units[i - 1]! >= u))).toBe(true);
        }
      }
    }
    const byPredikat = (await admin().result.list({ cycleId: binjai.cycleId, sort: { key: "predikat", direction: "desc" }, limit: 500 })).items;
    const rank = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"];
    const ranks = byPredikat.filter((r) => r.predikat).map((r) => rank.indexOf(r.predikat!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const predikat = byPredikat[0]!.predikat!;
    const filtered = await admin().result.list({ cycleId: binjai.cycleId, predikat, sort: { key: "nama", direction: "asc" }, limit: 1 });
    expect(filtered.total).toBe(byPredikat.filter((r) => r.predikat === predikat).length);
    // A cursor of one ordering is refused by another, instead of silently skipping rows.
    await expect(admin().result.list({ cycleId: binjai.cycleId, sort: { key: "nama", direction: "asc" }, cursor: plain.nextCursor! })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("gives one employee's result with its explanation and the stored input", async () => {
    const detail = await admin().result.get({ cycleId: binjai.cycleId, employeeId: binjai.report.id });
    expect(detail).toMatchObject({ nip: binjai.report.nip, runVersion: 1 });
    expect(detail.ruleSetHash).toBe((await admin().cycle.get({ id: binjai.cycleId })).ruleSetHash);
    expect(detail.explanation).toMatchObject({ nip: binjai.report.nip, steps: expect.any(Array) });
    expect(detail.input).toMatchObject({ employee: { nip: binjai.report.nip } });
    expect(typeof detail.scores).toBe("object");
    // The sentences people read: the predikat by its label, no ids or JSON, numbers to two decimals at most.
    for (const lang of ["id", "en"] as const) {
      const text = detail.sentences[lang].join("\n");
      expect(text).toContain(`Predikat: ${detail.predikatLabel!}.`);
      expect(text).not.toMatch(/[{}]|\b[a-z]+_[a-z_]+\b/);
      expect(text).not.toMatch(lang === "id" ? /\d,\d{3}/ : /\d\.\d{3}/);
    }
  });

  it("shows an assessor their reports' results and their own, and an employee only their own", async () => {
    const team = await env.as(binjai.assessor).result.list({ cycleId: binjai.cycleId, limit: 100 });
    const reports = await env.as(binjai.assessor).employee.list({ limit: 100 });
    expect(team.items.map((r) => r.nip).sort()).toEqual([...reports.items.map((e) => e.nip), binjai.assessor.username].sort());
    expect(team.total).toBe(reports.items.length + 1);
    const ownId = binjai.employees.get(binjai.assessor.username!)!;
    const own = await env.as(binjai.assessor).result.get({ cycleId: binjai.cycleId, employeeId: ownId });
    expect(own).toMatchObject({ nip: binjai.assessor.username, explanation: expect.anything() });
    // Exactly as an employee sees their own: the same summary in the list and the same detail.
    expect(team.items.find((r) => r.nip === binjai.assessor.username)).toEqual(
      (await admin().result.list({ cycleId: binjai.cycleId, search: binjai.assessor.username!, limit: 1 })).items[0],
    );
    expect((await env.as(binjai.assessor).result.distribution({ cycleId: binjai.cycleId })).units.reduce((n, u) => n + u.total, 0)).toBe(
      reports.items.length,
    );
    const mine = await env.as(binjai.employee).result.list({ cycleId: binjai.cycleId });
    expect(mine.items.map((r) => r.nip)).toEqual([binjai.employee.username]);
    expect((await env.as(binjai.employee).result.get({ cycleId: binjai.cycleId, employeeId: binjai.report.id })).nip).toBe(
      binjai.employee.username,
    );
    const other = (await admin().result.list({ cycleId: binjai.cycleId, limit: 100 })).items.find(
      (r) => r.nip !== binjai.employee.username && r.nip !== binjai.assessor.username && !reports.items.some((e) => e.nip === r.nip),
    )!;
    await expect(env.as(binjai.employee).result.get({ cycleId: binjai.cycleId, employeeId: other.employeeId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(env.as(binjai.assessor).result.get({ cycleId: binjai.cycleId, employeeId: other.employeeId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(env.as(binjai.employee).result.distribution({ cycleId: binjai.cycleId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("checks each unit's distribution against the curve of its predikat organisasi", async () => {
    const curve = await admin().result.distribution({ cycleId: binjai.cycleId });
    expect(curve.enforcement).toBe("warn");
    expect(curve.units.reduce((n, u) => n + u.total, 0)).toBe(SIZE);
    const unit = curve.units[0]!;
    expect(unit).toMatchObject({ organisationPredikat: "baik", organisationPredikatSet: false });
    expect(unit.checks.length).toBeGreaterThan(0);
    expect(Object.values(unit.national).reduce((a, b) => a + b, 0)).toBe(unit.total);
    await admin().cycle.setUnitPredikat({ cycleId: binjai.cycleId, unitId: unit.unitId, predikat: "sangat_kurang" });
    const after = await admin().result.distribution({ cycleId: binjai.cycleId, unitId: unit.unitId });
    const same = after.units.find((u) => u.unitId === unit.unitId)!;
    expect(same).toMatchObject({ organisationPredikat: "sangat_kurang", organisationPredikatSet: true });
    expect(same.broken).toBeGreaterThan(0);
    expect(same.checks.filter((c) => c.broken).every((c) => /paling (sedikit|banyak)|tidak ada/.test(c.message.id))).toBe(true);
  });

  it("blocks finalising while a bound is broken where the rule set says block", async () => {
    const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
    const blocking = { ...content, curve: { enforcement: "block", rounding: "round" } };
    const draft = await admin().ruleSet.saveDraft({ content: blocking });
    await admin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
    const cycle = await admin().cycle.create({ name: "Blok", periodKind: "annual", periodLabel: "2024" });
    await admin().cycle.open({ id: cycle.id });
    const inputs = demoAppraisals(ruleSet, demoProfile("binjai"), { size: SIZE, seed: 1 });
    const employees = new Map(
      (await admin().employee.list({ limit: 100 })).items.map((e, i) => [inputs[i]!.employee.nip, e.id] as const),
    );
    await writeDemoAssessments(env.database.db, "binjai", cycle.id, inputs, employees);
    await admin().cycle.run({ id: cycle.id });
    await env.jobs.idle();
    const curve = await admin().result.distribution({ cycleId: cycle.id });
    for (const unit of curve.units) {
      await admin().cycle.setUnitPredikat({ cycleId: cycle.id, unitId: unit.unitId, predikat: "sangat_kurang" });
    }
    await expect(admin().cycle.close({ id: cycle.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("Distribusi belum sesuai kurva"),
    });
    expect((await admin().cycle.get({ id: cycle.id })).status).toBe("evaluated");
  });

  it("exports the current results as XLSX and CSV with Indonesian headers", async () => {
    const { db } = env.database;
    const byAdmin = await scopeIn(db, binjai.admin, "binjai");
    const xlsx = await exportResults(byAdmin, binjai.cycleId, "xlsx");
    expect(xlsx.filename).toBe("hasil-binjai-2025-v1.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Hasil Penilaian")!;
    const header = [
      "No", "NIP", "Nama", "Jabatan", "Unit Kerja", "Nilai Akhir", "Nilai Hasil Kerja", "Nilai Perilaku Kerja", "Predikat", "TPP (%)",
      "Tindak Lanjut", "Keterangan", "Kode Unit", "Kode Predikat", "Kode Tindak Lanjut",
    ];
    expect(sheet.getRow(1).values).toEqual([undefined, ...header]);
    expect(sheet.rowCount).toBe(SIZE + 1);
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^\d{18}$/);
    // Each row holds the stored result: scores to two decimals, names first and the ids at the end.
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      const cell = (name: string) => row.getCell(header.indexOf(name) + 1).value;
      const found = (await admin().result.list({ cycleId: binjai.cycleId, search: String(cell("NIP")), limit: 1 })).items[0]!;
      const detail = await admin().result.get({ cycleId: binjai.cycleId, employeeId: found.employeeId });
      const two = (v: number | undefined) => (v === undefined ? null : Math.round(v * 100) / 100);
      expect(cell("Nilai Hasil Kerja")).toBe(two(detail.scores["score.hasil_kerja"]));
      expect(cell("Nilai Perilaku Kerja")).toBe(two(detail.scores["score.perilaku"]));
      expect(cell("Predikat")).toBe(detail.predikatLabel);
      expect(cell("Kode Predikat")).toBe(detail.predikat);
      expect(cell("TPP (%)")).toBe((detail.outcomeEvents.find((o) => o.type === "tpp")?.params.persen as number | undefined) ?? null);
      expect(cell("Kode Unit")).toBe(detail.unitId);
      expect(cell("Unit Kerja")).not.toBe(detail.unitId);
      expect(cell("Kode Tindak Lanjut") ?? "").toBe(detail.outcomes.join(", "));
      const labels = detail.outcomeEvents.map((o) => (o.type === "pelatihan" ? `Pelatihan: ${String(o.params.topic)}` : String(o.params.label)));
      expect(cell("Tindak Lanjut") ?? "").toBe(labels.join("; "));
      if (n > 6) break;
    }
    const about = workbook.getWorksheet("Keterangan")!;
    const aboutText = about.getSheetValues().flat().join(" ");
    expect(aboutText).not.toMatch(/hash|rule set/i);

    const csv = await exportResults(byAdmin, binjai.cycleId, "csv");
    const lines = csv.body.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(header.join(","));
    expect(lines).toHaveLength(SIZE + 1);

    const own = await exportResults(await scopeIn(db, binjai.employee, "binjai"), binjai.cycleId, "csv");
    expect(own.body.toString("utf8").trim().split("\r\n")).toHaveLength(2);
    await expect(exportResults(await scopeIn(db, binjai.admin, "pariaman"), binjai.cycleId, "csv")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
  it("filters by a unit's subtree as it stands: a unit moved or added is seen by the next page", async () => {
    const page = await admin().result.list({ cycleId: binjai.cycleId, limit: 500 });
    const tree = await admin().unit.tree();
    const all = (nodes: typeof tree): typeof tree => nodes.flatMap((n) => [n, ...all(n.children)]);
    const units = all(tree);
    // A unit with results of its own, and another top unit with no results below it to move it under.
    const moved = units.find((u) => u.parentId !== null && page.items.some((r) => r.unitId === u.id))!;
    const own = page.items.filter((r) => r.unitId === moved.id).length;
    const target = { id: "unit-baru-uji", name: "Unit Baru Uji", parentId: null, type: null };
    await admin().unit.save(target);
    const under = (unitId: string) => admin().result.list({ cycleId: binjai.cycleId, unitId, limit: 500 });
    expect((await under(target.id)).items).toEqual([]);
    await admin().unit.save({ id: moved.id, name: moved.name, parentId: target.id, type: moved.type });
    const after = await under(target.id);
    expect(after.items.length).toBe(own);
    expect(after.items.every((r) => r.unitId === moved.id)).toBe(true);
    expect(after.total).toBe(own);
    await admin().unit.save({ id: moved.id, name: moved.name, parentId: moved.parentId, type: moved.type });
    expect((await under(target.id)).items).toEqual([]);
  });

  it("totals each filter from the run it reads: a forum's adjustment is a new version counted afresh, and the earlier version keeps its totals", async () => {
    const before = await admin().result.list({ cycleId: binjai.cycleId, limit: 500 });
    const totalOf = async (filter: { predikat?: string; unitId?: string; outcomeType?: string; runId?: string }) => {
      const page = await admin().result.list({ cycleId: binjai.cycleId, limit: 500, ...filter });
      expect(page.total, JSON.stringify(filter)).toBe(page.items.length);
      expect(page.totalExact).toBe(true);
      return page.total;
    };
    const rank = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"];
    const moved = before.items.find((r) => r.predikat && rank.indexOf(r.predikat) > 0)!;
    const from = moved.predikat!;
    const to = rank[rank.indexOf(from) - 1]!;
    const counted = { from: await totalOf({ predikat: from }), to: await totalOf({ predikat: to }) };
    const unitId = moved.unitId;
    const unitBefore = await totalOf({ unitId, predikat: from });
    for (const outcomeType of new Set(before.items.flatMap((r) => r.outcomes))) await totalOf({ outcomeType });

    await admin().forum.adjust({ cycleId: binjai.cycleId, employeeId: moved.employeeId, predikat: to, reason: "Forum menilai capaian unit melampaui target bersama" });
    expect(await totalOf({ predikat: from })).toBe(counted.from - 1);
    expect(await totalOf({ predikat: to })).toBe(counted.to + 1);
    expect(await totalOf({ unitId, predikat: from })).toBe(unitBefore - 1);
    expect(await totalOf({})).toBe(SIZE);
    for (const outcomeType of new Set(before.items.flatMap((r) => r.outcomes))) await totalOf({ outcomeType });
    // The earlier version, read by its id, is counted as it was.
    expect(await totalOf({ predikat: from, runId: before.runId! })).toBe(counted.from);
    expect(await totalOf({ unitId, predikat: from, runId: before.runId! })).toBe(unitBefore);
  });
});
