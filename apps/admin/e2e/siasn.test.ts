// The SIASN employee master in Chromium with real clicks: the Pariaman admin enables the SIASN connector,
// points it at a SIASN web service started on loopback and writes its two tokens (never shown again), fetches
// (paged), reviews the diff (a new employee in a new unit, one moved with a new golongan and jabatan, one left,
// one SIASN row with a bad NIP) and applies it; the stored employees and units are then read back through the
// API. On a phone, a second fetch finds nothing to change, and the screen fits.
import { SIASN_EMPLOYEES_PATH, startSiasn, type SiasnPnsRow, type TestSiasn } from "@kinerja/api/testing/siasn-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { join } from "node:path";
import { checkFit, PHONE, SCREENSHOT_DIR } from "./viewport";

const APIM = "apim-e2e-rahasia";
const SSO = "sso-e2e-rahasia";
const NEW_NIP = "199203142019032001";
const NEW_UNIT = "upt-pelatihan-siasn";

type Employee = Awaited<ReturnType<typeof query<"employee.list">>>["items"][number];

async function allEmployees(page: Page): Promise<Employee[]> {
  const all: Employee[] = [];
  let cursor: string | undefined;
  do {
    const batch = await query(page, "employee.list", { regionId: "pariaman", limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...batch.items);
    cursor = batch.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

describe.skipIf(inject("chromiumMissing") !== null)("connectors: the SIASN employee master", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let siasn: TestSiasn;
  let moved: Employee;
  let left: Employee;

  const card = () => page.getByTestId("connector-siasn");

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "pariaman"));
    const employees = await allEmployees(page);
    type Node = Awaited<ReturnType<typeof query<"unit.tree">>>[number];
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const units = flat(await query(page, "unit.tree", { regionId: "pariaman" }));
    // Someone without reports leaves; someone else gets a new golongan and jabatan.
    const superiors = new Set(employees.map((e) => e.atasanNip));
    left = employees.find((e) => !superiors.has(e.nip) && e.atasanNip !== null)!;
    moved = employees.find((e) => e.nip !== left.nip && e.atasanNip !== null && e.golongan !== "IV/b")!;
    const rows: SiasnPnsRow[] = employees
      .filter((e) => e.nip !== left.nip)
      .map((e) => ({ nipBaru: e.nip, nama: e.nama, jabatanNama: e.jabatan, golRuangAkhir: e.golongan ?? "", unorId: e.unitId, unorNama: e.unitId, atasanNipBaru: e.atasanNip }));
    const movedRow = rows.find((r) => r.nipBaru === moved.nip)!;
    Object.assign(movedRow, { golRuangAkhir: "IV/b", jabatanNama: "Kepala UPT Pelatihan" });
    rows.push({ nipBaru: NEW_NIP, nama: "Dewi Kartika", jabatanNama: "Widyaiswara Ahli Pertama", golRuangAkhir: "III/b", unorId: NEW_UNIT, unorNama: "UPT Pelatihan", atasanNipBaru: moved.nip });
    rows.push({ nipBaru: "19920314", nama: "Baris Rusak", jabatanNama: "Pelaksana", golRuangAkhir: "II/a", unorId: NEW_UNIT, unorNama: "UPT Pelatihan", atasanNipBaru: null });
    siasn = await startSiasn({
      apimToken: APIM,
      ssoToken: SSO,
      units: [...units.map((u) => ({ id: u.id, namaUnor: u.name, diatasanId: u.parentId })), { id: NEW_UNIT, namaUnor: "UPT Pelatihan", diatasanId: units[0]!.id }],
      employees: rows,
      maxLimit: 10,
    });
    await page.goto("/integrations");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await siasn?.close();
  });

  it("configures the connector: enabled, SIASN's address, and its tokens written but never shown", async () => {
    await card().getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await card().getByLabel("Alamat layanan SIASN").fill(siasn.url);
    await card().getByRole("button", { name: "Simpan alamat" }).click();
    await card().getByLabel("apim_token (belum diisi)").fill(APIM);
    await card().getByLabel("sso_token (belum diisi)").fill(SSO);
    await card().getByRole("button", { name: "Simpan rahasia" }).click();
    await card().getByLabel("sso_token (sudah diisi)").waitFor();
    const listed = (await query(page, "connector.list", { regionId: "pariaman" })).find((c) => c.name === "siasn")!;
    expect(listed).toMatchObject({ enabled: true, settings: { baseUrl: siasn.url }, secrets: [{ name: "apim_token", set: true }, { name: "sso_token", set: true }] });
    expect(JSON.stringify(listed)).not.toContain(APIM);
  });

  it("fetches from SIASN page by page and shows the diff to review, writing nothing yet", async () => {
    // SIASN holds its first page for a while, so the card is read and checked while the fetch is running.
    siasn.fail(SIASN_EMPLOYEES_PATH, { delayMs: 3_000 });
    await card().getByRole("button", { name: "Ambil dari SIASN" }).click();
    await card().getByRole("progressbar", { name: "Kemajuan membaca data SIASN" }).waitFor({ timeout: 30_000 });
    const whileRunning = await seriousViolations(page, '[data-testid="connector-siasn"]');
    expect(whileRunning, describeViolations("SIASN, sedang membaca", whileRunning)).toEqual([]);
    const review = card().getByTestId("siasn-review");
    await review.waitFor({ timeout: 30_000 });
    expect(siasn.requests.filter((r) => r.path === SIASN_EMPLOYEES_PATH).length).toBe(Math.ceil(siasn.employees.length / 10));
    expect(siasn.requests.every((r) => r.authorization === `Bearer ${APIM}` && r.auth === `bearer ${SSO}`)).toBe(true);
    expect(await review.getByTestId("siasn-review-state").textContent()).toBe("Menunggu tinjauan");
    expect(await review.getByTestId("siasn-new").locator("tbody tr").allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^${NEW_NIP}\\s+Dewi Kartika\\s+Widyaiswara Ahli Pertama\\s+III/b\\s+${NEW_UNIT}$`))]);
    const movedRow = (await review.getByTestId("siasn-moved").locator("tbody tr").allInnerTexts()).join("\n");
    expect(movedRow).toContain(moved.nip);
    expect(movedRow).toContain(`Jabatan: ${moved.jabatan} → Kepala UPT Pelatihan`);
    expect(movedRow).toContain(`Golongan: ${moved.golongan ?? "—"} → IV/b`);
    expect(await review.getByTestId("siasn-left").locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining(left.nip)]);
    expect(await review.getByTestId("siasn-problems").locator("tbody tr").allInnerTexts()).toEqual([expect.stringMatching(/^\d+\s+nipBaru\s+19920314\s+NIP "19920314" harus 18 digit/)]);
    expect((await checkFit(page, "integrations-siasn-review")).overflow).toBe(0);
    await card().screenshot({ path: join(SCREENSHOT_DIR, "siasn-card-review-1366.png") });
    const violations = await seriousViolations(page, '[data-testid="connector-siasn"]');
    expect(violations, describeViolations("SIASN review", violations)).toEqual([]);
    expect((await allEmployees(page)).some((e) => e.nip === NEW_NIP)).toBe(false);
  });

  it("applies the reviewed diff; the employees and units stored are read back", async () => {
    await card().getByRole("button", { name: "Terapkan perubahan" }).click();
    await expect.poll(() => card().getByTestId("siasn-review-state").textContent()).toBe("Sudah diterapkan");
    const employees = await allEmployees(page);
    expect(employees.find((e) => e.nip === NEW_NIP)).toMatchObject({ nama: "Dewi Kartika", jabatan: "Widyaiswara Ahli Pertama", golongan: "III/b", unitId: NEW_UNIT, atasanNip: moved.nip, leftAt: null });
    expect(employees.find((e) => e.nip === moved.nip)).toMatchObject({ jabatan: "Kepala UPT Pelatihan", golongan: "IV/b", unitId: moved.unitId });
    const gone = employees.find((e) => e.nip === left.nip)!;
    expect(gone.leftAt).not.toBeNull();
    expect(gone).toMatchObject({ nama: left.nama, unitId: left.unitId });
    expect(JSON.stringify(await query(page, "unit.tree", { regionId: "pariaman" }))).toContain(`"${NEW_UNIT}"`);
    const [run] = await query(page, "connector.runs", { regionId: "pariaman", name: "siasn", limit: 1 });
    expect(run).toMatchObject({ status: "succeeded", written: 4, summary: expect.objectContaining({ review: "applied" }) });
  });

  it("schedules a nightly fetch from SIASN in the card; the stored schedule is read back", async () => {
    const schedule = card().getByTestId("schedule-siasn");
    await schedule.getByRole("switch", { name: "Jalankan terjadwal" }).click({ force: true });
    await schedule.getByRole("combobox", { name: "Selang" }).click();
    await page.getByRole("option", { name: "Setiap hari", exact: true }).click();
    const anchor = schedule.getByLabel("Mulai pukul (WIB)");
    await anchor.fill("01:30");
    await schedule.getByRole("button", { name: "Simpan jadwal" }).click();
    // The next run reads in WIB, as the time was set, whatever the browser's own zone.
    await schedule.getByText(/^Berikutnya: .*01\.30 WIB$/).waitFor();
    const [stored] = await query(page, "connector.schedules", { regionId: "pariaman" });
    expect(stored).toMatchObject({ name: "siasn", on: true, everyMinutes: 1440, anchor: "01:30" });
    // 01:30 WIB is 18:30 UTC the day before.
    expect(new Date(stored!.nextRunAt!).getUTCHours() * 60 + new Date(stored!.nextRunAt!).getUTCMinutes()).toBe(18 * 60 + 30);
    await schedule.screenshot({ path: join(SCREENSHOT_DIR, "siasn-schedule-1366.png") });
  });

  it("on a phone, a second fetch finds nothing to change; a later change is shown, discarded and not stored", async () => {
    const phone = (await newPage(browser, server.url, PHONE)).page;
    await signIn(phone, signInFor(server, "admin", "pariaman"));
    await phone.goto("/integrations");
    const siasnCard = phone.getByTestId("connector-siasn");
    await siasnCard.getByRole("button", { name: "Ambil dari SIASN" }).click();
    await siasnCard.getByText("Tidak ada perubahan: data pegawai dan unit sudah sama dengan SIASN.").waitFor({ timeout: 30_000 });
    const [run] = await query(phone, "connector.runs", { regionId: "pariaman", name: "siasn", limit: 1 });
    expect((run!.summary as { counts: Record<string, number> }).counts).toMatchObject({ new: 0, moved: 0, left: 0, newUnits: 0, changedUnits: 0, problems: 1 });

    // SIASN moves the new employee to another unit: shown on the phone, then discarded.
    const row = siasn.employees.find((e) => e.nipBaru === NEW_NIP)!;
    row.unorId = moved.unitId;
    await siasnCard.getByRole("button", { name: "Ambil dari SIASN" }).click();
    const movedTable = siasnCard.getByTestId("siasn-moved");
    await movedTable.waitFor({ timeout: 30_000 });
    expect(await movedTable.locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining(`Unit: ${NEW_UNIT} → ${moved.unitId}`)]);
    const fit = await checkFit(phone, "integrations-siasn");
    expect(fit.overflow).toBe(0);
    expect(fit.narrow).toEqual([]);
    await siasnCard.screenshot({ path: join(SCREENSHOT_DIR, "siasn-card-review-390.png") });
    await siasnCard.getByRole("button", { name: "Buang" }).click();
    await expect.poll(() => siasnCard.getByTestId("siasn-review-state").textContent()).toBe("Dibuang");
    expect((await allEmployees(phone)).find((e) => e.nip === NEW_NIP)?.unitId).toBe(NEW_UNIT);
    await phone.context().close();
  });
});
