// A BKD admin brings in the annual predikat of the years before Kinerja in the portal: Binjai's promotion
// rules read consecutive years from this history. A sheet with bad cells is refused whole, each cell named by
// row and column; the corrected sheet is stored, read back per employee, and a year imported again replaces
// the earlier one. On a phone the tab fits the screen.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const csv = (rows: string[][]) => ({ name: "riwayat.csv", mimeType: "text/csv", buffer: Buffer.from(rows.map((r) => r.join(",")).join("\n"), "utf8") });

async function upload(page: Page, file: ReturnType<typeof csv>): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Impor riwayat" }).click();
}

describe.skipIf(inject("chromiumMissing") !== null)("importing earlier years' predikat", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let employees: Array<{ id: string; nip: string }>;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "binjai"));
    employees = (await query(page, "employee.list", { regionId: "binjai" })).items.slice(0, 2);
    await page.goto("/organisation");
    await page.getByRole("tab", { name: "Riwayat predikat" }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The employee's imported years; the demo seed already holds some. */
  const stored = async (id: string) =>
    (await query(page, "employee.importedHistory", { regionId: "binjai", id })).map((h) => ({ year: h.year, predikat: h.predikat }));
  const storedIn = async (id: string, years: number[]) => (await stored(id)).filter((h) => years.includes(h.year));

  it("refuses a sheet with bad cells whole, naming each by row and column", async () => {
    const [a, b] = employees;
    const before = await stored(a!.id);
    await upload(page, csv([["nip", "tahun", "predikat"], [a!.nip, "2023", "baik"], [b!.nip, "2024", "bagus"], ["199999999999999999", "2024", "baik"]]));
    const errors = page.getByTestId("history-import-errors");
    await errors.waitFor();
    const rows = await errors.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => /^3\s+predikat\s+bagus/.test(r))).toBe(true);
    expect(rows.some((r) => /^4\s+nip\s+199999999999999999/.test(r))).toBe(true);
    expect(await stored(a!.id)).toEqual(before);
    expect((await checkFit(page, "history-import-refused")).overflow).toBe(0);
  });

  it("stores the corrected sheet, and a year imported again replaces the earlier predikat", async () => {
    const [a, b] = employees;
    await upload(page, csv([["nip", "tahun", "predikat"], [a!.nip, "2023", "baik"], [a!.nip, "2024", "sangat_baik"], [b!.nip, "2024", "butuh_perbaikan"]]));
    await page.getByTestId("history-import-ok").getByText("3 baris: 3 predikat tahunan disimpan.").waitFor();
    expect(await storedIn(a!.id, [2023, 2024])).toEqual([
      { year: 2023, predikat: "baik" },
      { year: 2024, predikat: "sangat_baik" },
    ]);
    expect(await storedIn(b!.id, [2024])).toEqual([{ year: 2024, predikat: "butuh_perbaikan" }]);
    const others = (await stored(a!.id)).filter((h) => h.year !== 2023 && h.year !== 2024);

    await upload(page, csv([["nip", "tahun", "predikat"], [b!.nip, "2024", "baik"]]));
    await page.getByTestId("history-import-ok").getByText("1 baris: 1 predikat tahunan disimpan.").waitFor();
    expect(await storedIn(b!.id, [2024])).toEqual([{ year: 2024, predikat: "baik" }]);
    expect((await stored(a!.id)).filter((h) => h.year !== 2023 && h.year !== 2024)).toEqual(others);
  });

  it("fits a phone's screen", async () => {
    const phone = (await newPage(browser, server.url, PHONE)).page;
    await signIn(phone, signInFor(server, "admin", "binjai"));
    await phone.goto("/organisation");
    await phone.getByRole("tab", { name: "Riwayat predikat" }).click();
    await phone.getByRole("button", { name: "Impor riwayat" }).waitFor();
    const fit = await checkFit(phone, "history-import");
    expect(fit.overflow).toBe(0);
    expect(fit.narrow).toEqual([]);
  });
});
