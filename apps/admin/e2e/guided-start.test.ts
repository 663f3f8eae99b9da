// A new region's first hour, in Debian's Chromium against the real server: the national operator makes a
// region with its first admin; the admin opens the guided start from the dashboard, starts the rules from
// a national baseline and publishes them, imports units and then employees from CSV files (a bad units file
// first, whose row and column are named and nothing is written), makes accounts for the whole region, and
// creates the first cycle. After each step the stored state is read back through the API, and the page
// shows the step done. Screenshots at 1366 and 390 px; nothing scrolls sideways on a phone.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const REGION = { id: "kab-uji-mulai", name: "Kabupaten Uji Mulai" };
const ADMIN = { name: "Admin BKD Uji", email: "admin@uji-mulai.go.id", password: "Durian-Mulai-2026" };

const UNITS = ["kode,nama,induk,jenis", "dinkes,Dinas Kesehatan,setda,dinas", "setda,Sekretariat Daerah,,sekretariat", "bkpsdm,Badan Kepegawaian,setda,badan"].join("\n");
const BAD_UNITS = ["kode,nama,induk,jenis", "setda,Sekretariat Daerah,,sekretariat", "dinkes,Dinas Kesehatan,dinas-tak-ada,dinas"].join("\n");
const EMPLOYEES = [
  "nip,nama,jabatan,jenis_jabatan,jenjang,golongan,status,unit,atasan_nip",
  "197001011995031001,Rahmat Hidayat,Sekretaris Daerah,struktural,,IV/c,PNS,setda,",
  "198002022005012002,Nurul Aini,Kepala BKPSDM,struktural,,IV/a,PNS,bkpsdm,197001011995031001",
  "199003032015031003,Andi Saputra,Analis Kepegawaian,fungsional,Ahli Pertama,III/b,PNS,bkpsdm,198002022005012002",
  "198504042010012004,Dewi Lestari,Kepala Dinas Kesehatan,struktural,,IV/a,PNS,dinkes,197001011995031001",
  "199205052019031005,Bayu Pratama,Epidemiolog,fungsional,Ahli Pertama,III/a,PNS,dinkes,198504042010012004",
].join("\n");

describe.skipIf(inject("chromiumMissing") !== null)("a new region's guided start", () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  const files = mkdtempSync(join(tmpdir(), "kinerja-mulai-"));
  const file = (name: string, content: string) => {
    const path = join(files, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    const operator = (await newPage(browser, server.url)).page;
    await signIn(operator, signInFor(server, "operator", null));
    await mutate(operator, "region.create", { ...REGION, admin: ADMIN });
    admin = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = () => query(admin, "region.guidedStart", { regionId: REGION.id });

  it("starts the rules from a national baseline and publishes them", async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole("link", { name: "Buka panduan mulai" }).click();
    await admin.getByRole("heading", { name: `Mulai di ${REGION.name}` }).waitFor();
    expect((await status()).next).toBe("rules");
    const { baselines } = await status();
    expect(baselines.length).toBeGreaterThan(0);
    const baseline = baselines[baselines.length - 1]!;
    await checkFit(admin, "guided-start-rules");
    await admin.setViewportSize(PHONE);
    expect((await checkFit(admin, "guided-start-rules")).overflow).toBe(0);
    await admin.setViewportSize({ width: 1366, height: 900 });

    const choice = admin.getByRole("radio", { name: baseline.name });
    await choice.click();
    expect(await choice.isChecked()).toBe(true);
    await admin.getByRole("button", { name: "Gunakan baseline ini" }).click();
    await admin.getByText(`Draf aturan "${REGION.name}: ${baseline.name}" (versi 1) sudah dibuat.`).waitFor();
    const drafted = await status();
    expect(drafted.rules).toMatchObject({ published: null, draft: { name: `${REGION.name}: ${baseline.name}`, version: 1 } });

    await admin.getByRole("button", { name: "Terbitkan aturan" }).click();
    await admin.getByText(/^Aturan terbit:/).first().waitFor();
    const published = await status();
    expect(published.rules.published).toMatchObject({ name: `${REGION.name}: ${baseline.name}`, version: 1 });
    expect(published.next).toBe("people");
    const versions = await query(admin, "ruleSet.list", { regionId: REGION.id });
    expect(versions.find((v) => v.status === "published")?.name).toBe(`${REGION.name}: ${baseline.name}`);
  });

  it("refuses a units file naming an unknown parent, with its row and column, and imports units and employees", async () => {
    const unitsCard = admin.locator(".mantine-Card-root").filter({ hasText: "1. Unit kerja" });
    await unitsCard.locator('input[type="file"]').setInputFiles(file("unit-salah.csv", BAD_UNITS));
    await unitsCard.getByRole("button", { name: "Impor" }).click();
    const errors = unitsCard.getByTestId("unit-import-errors");
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/induk/);
    expect(await errors.innerText()).toMatch(/dinas-tak-ada/);
    expect((await status()).units).toBe(0);

    await unitsCard.locator('input[type="file"]').setInputFiles(file("unit.csv", UNITS));
    await unitsCard.getByRole("button", { name: "Impor" }).click();
    await unitsCard.getByTestId("unit-import-ok").getByText("3 baris: 3 unit baru, 0 diperbarui.").waitFor();
    const tree = await query(admin, "unit.tree", { regionId: REGION.id });
    expect(tree.map((u) => u.name)).toEqual(["Sekretariat Daerah"]);
    expect(tree[0]!.children.map((u) => u.name).sort()).toEqual(["Badan Kepegawaian", "Dinas Kesehatan"]);
    expect((await status()).units).toBe(3);

    const employeesCard = admin.locator(".mantine-Card-root").filter({ hasText: "2. Pegawai" });
    await employeesCard.locator('input[type="file"]').setInputFiles(file("pegawai.csv", EMPLOYEES));
    await employeesCard.getByRole("button", { name: "Impor" }).click();
    const outcome = employeesCard.getByTestId("import-ok").or(employeesCard.getByTestId("import-errors")).or(employeesCard.getByRole("alert"));
    await outcome.first().waitFor();
    expect(await outcome.first().innerText()).toMatch(/Impor berhasil/);
    const after = await status();
    expect(after).toMatchObject({ employees: 5, employeesWithoutAccount: 5, next: "accounts" });
    const employees = await query(admin, "employee.list", { regionId: REGION.id });
    const andi = employees.items.find((e) => e.nip === "199003032015031003");
    expect(andi?.nama).toBe("Andi Saputra");
    await checkFit(admin, "guided-start-people");
    await admin.setViewportSize(PHONE);
    expect((await checkFit(admin, "guided-start-people")).overflow).toBe(0);
    await admin.setViewportSize({ width: 1366, height: 900 });
    await admin.getByRole("button", { name: "Lanjut" }).click();
    await admin.getByText("5 pegawai belum dapat masuk.", { exact: false }).waitFor();
  });

  it("makes accounts for the whole region, then creates the first cycle and reads the region ready", async () => {
    await admin.getByRole("link", { name: "Buka halaman Akun" }).click();
    await admin.getByRole("button", { name: "Buat akun massal" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByText("Seluruh wilayah", { exact: true }).click();
    expect(await dialog.getByRole("radio", { name: "Seluruh wilayah" }).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Buat 5 akun" }).click();
    await dialog.getByText("5 dari 5 pegawai diproses, 5 akun dibuat.").waitFor({ timeout: 60_000 });
    expect(await status()).toMatchObject({ employeesWithoutAccount: 0, next: "cycle" });
    await dialog.getByRole("button", { name: /Tutup|Close/ }).first().click();

    await admin.goto("/mulai");
    await admin.getByLabel("Nama siklus").fill("Penilaian Kinerja 2027");
    await admin.getByLabel("Label periode").fill("2027");
    await admin.getByRole("button", { name: "Buat siklus", exact: true }).click();
    await admin.waitForURL(/\/cycles\/[^/]+$/);
    const cycles = await query(admin, "cycle.list", { regionId: REGION.id });
    expect(cycles.map((c) => c.name)).toEqual(["Penilaian Kinerja 2027"]);
    expect(await status()).toMatchObject({ cycles: 1, next: null });

    await admin.goto("/mulai");
    await admin.getByTestId("guided-start-done").waitFor();
    await checkFit(admin, "guided-start-done");
    await admin.setViewportSize(PHONE);
    await admin.getByTestId("guided-start-done").waitFor();
    const fit = await checkFit(admin, "guided-start-done");
    expect(fit.overflow).toBe(0);
    expect(fit.wide).toEqual([]);
  });
});
