// The admin downloads a cycle's results as XLSX in the browser and the file holds what payroll and reports
// need, read back against the stored results: unit names, the hasil kerja and perilaku scores, the TPP
// percentage, follow-ups by name, and the ids only in the last columns. Pariaman's rules pay TPP by score.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RouterOutputs } from "../src/lib/trpc";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { readXlsx } from "./downloads";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";

const HEADER = [
  "No", "NIP", "Nama", "Jabatan", "Unit Kerja", "Nilai Akhir", "Nilai Hasil Kerja", "Nilai Perilaku Kerja", "Predikat", "TPP (%)",
  "Tindak Lanjut", "Keterangan", "Kode Unit", "Kode Predikat", "Kode Tindak Lanjut",
];

async function resultOf(page: Page, cycleId: string, employeeId: string): Promise<RouterOutputs["result"]["get"]> {
  const response = await page.request.get(`/trpc/result.get?input=${encodeURIComponent(JSON.stringify({ cycleId, employeeId }))}`);
  return ((await response.json()) as { result: { data: RouterOutputs["result"]["get"] } }).result.data;
}

/** A number as the XLSX reader gives it back ("" for an empty cell). */
function cellNumber(text: string | undefined): number | null {
  return text === undefined || text === "" ? null : Number(text);
}

describe.skipIf(inject("chromiumMissing") !== null)("the results export", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 40 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("gives the admin an XLSX with TPP, both axis scores, follow-ups by name and unit names, as stored", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "admin", "pariaman"));
    await openFirstCycle(page);
    await runEvaluation(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Unduh XLSX" }).click()]);
    const sheets = readXlsx(readFileSync(await download.path()));
    const rows = sheets.get("Hasil Penilaian")!;
    expect(rows[0]).toEqual(HEADER);
    const about = (sheets.get("Keterangan") ?? []).flat().join(" ");
    expect(about).not.toMatch(/hash|rule set/i);

    const col = (name: string) => HEADER.indexOf(name);
    const cycleId = (await query(page, "cycle.list", {})).find((c) => c.currentRunId !== null)!.id;
    const listed = await query(page, "result.list", { cycleId, limit: 100 });
    expect(rows).toHaveLength(listed.total + 1);
    let withTpp = 0;
    for (const row of rows.slice(1)) {
      const summary = listed.items.find((r) => r.nip === row[col("NIP")])!;
      const stored = await resultOf(page, cycleId, summary.employeeId);
      const two = (v: number | undefined) => (v === undefined ? null : Math.round(v * 100) / 100);
      expect(cellNumber(row[col("Nilai Hasil Kerja")])).toBe(two(stored.scores["score.hasil_kerja"]));
      expect(cellNumber(row[col("Nilai Perilaku Kerja")])).toBe(two(stored.scores["score.perilaku"]));
      const tpp = stored.outcomeEvents.find((o) => o.type === "tpp")?.params.persen;
      expect(cellNumber(row[col("TPP (%)")])).toBe(typeof tpp === "number" ? tpp : null);
      if (typeof tpp === "number") withTpp++;
      expect(row[col("Predikat")]).toBe(stored.predikatLabel);
      expect(row[col("Kode Predikat")]).toBe(stored.predikat);
      expect(row[col("Kode Unit")]).toBe(stored.unitId);
      expect(row[col("Unit Kerja")]).not.toBe(stored.unitId);
      expect(row[col("Kode Tindak Lanjut")] ?? "").toBe(stored.outcomes.join(", "));
      const named = stored.outcomeEvents.map((o) =>
        o.type === "tpp" ? `TPP ${String(o.params.persen)}%` : o.type === "pelatihan" ? `Pelatihan: ${String(o.params.topic)}` : String(o.params.label),
      );
      expect(row[col("Tindak Lanjut")] ?? "").toBe(named.join("; "));
      expect(row[col("Tindak Lanjut")] ?? "").not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    }
    // Pariaman pays TPP by score band; a result outside every band carries none, and its cell stays empty.
    expect(withTpp).toBeGreaterThan(0);
    await context.close();
  });
});
