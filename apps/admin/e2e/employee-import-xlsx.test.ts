// A BKD admin brings employees in from an XLSX workbook, as Excel saves one (shared strings, a name typed in
// two styles, a number in an attribute column), in Chromium with real clicks: a workbook whose NIP column holds
// a number is refused whole, the cell named by row and column, and nothing is written; the corrected workbook is
// imported and each new employee read back from the API with their unit, superior and attributes. On a phone the
// tab and its report fit the screen.
import { workbookXlsx, type WorkbookCell } from "@kinerja/api/testing/workbook";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const HEADER = ["NIP", "Nama", "Jabatan", "Unit", "Atasan NIP", "Golongan", "atribut.masa_kerja"];
const NEW = ["199107072019032007", "199208082020121008"] as const;

async function upload(page: Page, rows: WorkbookCell[][]): Promise<void> {
  const buffer = await workbookXlsx(rows);
  await page.locator('input[type="file"]').setInputFiles({ name: "pegawai-baru.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByRole("button", { name: "Impor", exact: true }).click();
}

describe.skipIf(inject("chromiumMissing") !== null)("importing employees from an XLSX workbook", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let unitId: string;
  let atasan: { nip: string; unitId: string };

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "binjai"));
    const employees = (await query(page, "employee.list", { regionId: "binjai" })).items;
    atasan = employees.find((e) => e.atasanNip === null) ?? employees[0]!;
    unitId = atasan.unitId;
    await page.goto("/organisation");
    await page.getByRole("tab", { name: "Impor", exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stored = async (nip: string) => (await query(page, "employee.list", { regionId: "binjai", search: nip })).items.find((e) => e.nip === nip);

  it("refuses a workbook whose NIP cell holds a number, naming row and column, and writes nothing", async () => {
    await upload(page, [
      HEADER,
      [NEW[0], "Siti Rahmawati", "Analis Kepegawaian", unitId, atasan.nip, "III/a", 4],
      [Number(NEW[1]), "Yusuf Harahap", "Pengelola Data", unitId, atasan.nip, "II/c", 2],
    ]);
    const errors = page.getByTestId("import-errors");
    await errors.waitFor();
    const rows = await errors.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => /^3\s+nip\b/i.test(r))).toBe(true);
    expect(rows).toHaveLength(1);
    expect(await stored(NEW[0])).toBeUndefined();
    expect((await checkFit(page, "employee-import-xlsx-refused")).overflow).toBe(0);
  });

  it("imports the corrected workbook, each employee stored with unit, superior, rank and attributes", async () => {
    await upload(page, [
      HEADER,
      [NEW[0], { runs: ["Siti ", "Rahmawati"] }, "Analis Kepegawaian", unitId, atasan.nip, "III/a", 4],
      [NEW[1], "  Yusuf Harahap ", "Pengelola Data", unitId, NEW[0], "II/c", 2],
    ]);
    await page.getByTestId("import-ok").getByText("2 baris: 2 pegawai baru, 0 diperbarui.").waitFor({ timeout: 60_000 });
    expect(await stored(NEW[0])).toMatchObject({ nama: "Siti Rahmawati", jabatan: "Analis Kepegawaian", unitId, atasanNip: atasan.nip, golongan: "III/a", attributes: { masa_kerja: 4 } });
    expect(await stored(NEW[1])).toMatchObject({ nama: "Yusuf Harahap", jabatan: "Pengelola Data", unitId, atasanNip: NEW[0], golongan: "II/c", attributes: { masa_kerja: 2 } });
    await checkFit(page, "employee-import-xlsx-done");
  });

  it("fits a phone's screen, with the report of an import", async () => {
    const phone = (await newPage(browser, server.url, PHONE)).page;
    await signIn(phone, signInFor(server, "admin", "binjai"));
    await phone.goto("/organisation");
    await phone.getByRole("tab", { name: "Impor", exact: true }).click();
    await upload(phone, [HEADER, [NEW[1], "Yusuf Harahap", "Pranata Komputer", unitId, NEW[0], "II/c", 3]]);
    await phone.getByTestId("import-ok").getByText("1 baris: 0 pegawai baru, 1 diperbarui.").waitFor({ timeout: 60_000 });
    expect(await stored(NEW[1])).toMatchObject({ jabatan: "Pranata Komputer", attributes: { masa_kerja: 3 } });
    const fit = await checkFit(phone, "employee-import-xlsx");
    expect(fit.overflow).toBe(0);
    expect(fit.narrow).toEqual([]);
  });
});
