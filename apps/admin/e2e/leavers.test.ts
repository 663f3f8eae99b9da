// An employee who left, in Chromium with real clicks: Kota Binjai's admin uploads a SIASN export (XLSX, in
// the columns the SIASN mapping reads) through the SIASN card, reviews the diff (one employee left, one
// moved, one new) and applies it. Read back: the leaver's record is marked left (through the API), the
// employee list shows the "Keluar" badge with when and why, the leaver's sign-in is refused, and a cycle
// created afterwards does not cover them. At 1366 px, and the employee list on a phone at 390 px.
import type { RouterInputs, RouterOutputs } from "../src/lib/trpc";
import { siasnExportXlsx } from "@kinerja/api/testing/siasn-export";
import type { SiasnPnsRow } from "@kinerja/api/testing/siasn-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { join } from "node:path";
import { openCycleId, query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, runEvaluation, signIn } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE, SCREENSHOT_DIR } from "./viewport";

const REGION = "binjai";
const NEW_NIP = "199405122020122002";

type Employee = Awaited<ReturnType<typeof query<"employee.list">>>["items"][number];

async function allEmployees(page: Page, left?: boolean): Promise<Employee[]> {
  const all: Employee[] = [];
  let cursor: string | undefined;
  do {
    const batch = await query(page, "employee.list", { regionId: REGION, limit: 500, ...(left === undefined ? {} : { left }), ...(cursor ? { cursor } : {}) });
    all.push(...batch.items);
    cursor = batch.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** A call the portal makes, sent as the page's own. */
async function trpcPost<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${path}`, { data: input, headers: { origin: new URL(page.url()).origin } });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}

async function trpcGet<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}

describe.skipIf(inject("chromiumMissing") !== null)("employees who left: the SIASN export uploaded in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let left: Employee;
  let moved: Employee;
  let file: Buffer;

  const card = () => page.getByTestId("connector-siasn");

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", REGION));
    const employees = await allEmployees(page);
    type Node = Awaited<ReturnType<typeof query<"unit.tree">>>[number];
    const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const units = flat(await query(page, "unit.tree", { regionId: REGION }));
    const names = new Map(units.map((u) => [u.id, u.name]));
    const parents = new Map(units.map((u) => [u.id, u.parentId]));
    // The employee who signs in leaves; another employee gets a new jabatan; someone new joins their unit.
    const leaverNip = signInFor(server, "employee", REGION);
    left = employees.find((e) => e.nip === leaverNip)!;
    moved = employees.find((e) => e.nip !== leaverNip && e.atasanNip !== null && e.atasanNip !== leaverNip)!;
    const rows: SiasnPnsRow[] = employees
      .filter((e) => e.nip !== left.nip)
      .map((e) => ({
        nipBaru: e.nip,
        nama: e.nama,
        jabatanNama: e.nip === moved.nip ? "Analis Kebijakan Ahli Muda" : e.jabatan,
        golRuangAkhir: e.golongan ?? "",
        unorId: e.unitId,
        unorNama: names.get(e.unitId)!,
        // Whoever reported to the leaver now reports to the leaver's own superior.
        atasanNipBaru: e.atasanNip === left.nip ? left.atasanNip : e.atasanNip,
      }));
    rows.push({ nipBaru: NEW_NIP, nama: "Sri Wahyuni", jabatanNama: "Pranata Komputer Ahli Pertama", golRuangAkhir: "III/a", unorId: moved.unitId, unorNama: names.get(moved.unitId)!, atasanNipBaru: moved.atasanNip });
    file = await siasnExportXlsx(rows, parents);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads the export through the SIASN card, reviews one left, one moved, one new, and applies it", async () => {
    await page.goto("/integrations");
    await card().getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await expect.poll(async () => (await query(page, "connector.list", { regionId: REGION })).find((c) => c.name === "siasn")?.enabled).toBe(true);
    const chooser = page.waitForEvent("filechooser");
    await card().getByRole("button", { name: "Berkas ekspor SIASN (XLSX/CSV)" }).click();
    await (await chooser).setFiles({ name: "ekspor-siasn-binjai.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });
    await card().getByRole("button", { name: "Baca berkas ekspor" }).click();
    const review = card().getByTestId("siasn-review");
    await review.waitFor({ timeout: 30_000 });
    expect(await review.getByTestId("siasn-review-state").textContent()).toBe("Menunggu tinjauan");
    expect(await review.getByTestId("siasn-left").locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining(left.nip)]);
    const movedRows = (await review.getByTestId("siasn-moved").locator("tbody tr").allInnerTexts()).join("\n");
    expect(movedRows).toContain(moved.nip);
    expect(movedRows).toContain(`Jabatan: ${moved.jabatan} → Analis Kebijakan Ahli Muda`);
    expect(await review.getByTestId("siasn-new").locator("tbody tr").allInnerTexts()).toEqual([expect.stringContaining(NEW_NIP)]);
    await card().screenshot({ path: join(SCREENSHOT_DIR, "leavers-siasn-review-1366.png") });
    // Nothing is written before the admin applies.
    expect((await allEmployees(page, true)).length).toBe(0);

    await card().getByRole("button", { name: "Terapkan perubahan" }).click();
    await expect.poll(() => card().getByTestId("siasn-review-state").textContent()).toBe("Sudah diterapkan");
    const gone = await allEmployees(page, true);
    expect(gone.map((e) => e.nip)).toEqual([left.nip]);
    expect(gone[0]!.leftAt).not.toBeNull();
    expect(gone[0]!.leftReason).toMatch(/tidak ada lagi di SIASN/);
    const working = await allEmployees(page, false);
    expect(working.find((e) => e.nip === moved.nip)?.jabatan).toBe("Analis Kebijakan Ahli Muda");
    expect(working.find((e) => e.nip === NEW_NIP)).toMatchObject({ nama: "Sri Wahyuni", leftAt: null });
  });

  it("shows the 'Keluar' badge on the employee list, with when and why on hover", async () => {
    await page.goto("/organisation");
    await page.getByLabel("Cari pegawai").fill(left.nip);
    const row = page.getByTestId("employee-table").locator("tbody tr", { hasText: left.nip });
    await expect.poll(() => page.getByTestId("employee-table").locator("tbody tr").count()).toBe(1);
    const badge = row.getByTestId("left-badge");
    expect(await badge.textContent()).toBe("Keluar");
    await badge.hover();
    const tip = page.getByRole("tooltip");
    await tip.waitFor();
    // Looked at once it has faded in.
    await expect.poll(() => tip.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    expect(await tip.textContent()).toMatch(/^Keluar dari wilayah sejak \d{1,2} \w{3} \d{4}\. Alasan: tidak ada lagi di SIASN/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "leavers-employees-1366.png") });

    // Hidden with the filter, listed alone with the other choice.
    await page.getByLabel("Cari pegawai").fill("");
    await page.getByRole("combobox", { name: "Pegawai yang keluar" }).click();
    await page.getByRole("option", { name: "Hanya yang keluar" }).click();
    await expect.poll(async () => (await page.getByTestId("employee-table").locator("tbody tr").allInnerTexts()).join("|")).toMatch(new RegExp(`^${left.nip}\\s+${left.nama}\\s+Keluar`, "i"));
    await page.getByRole("combobox", { name: "Pegawai yang keluar" }).click();
    await page.getByRole("option", { name: "Sembunyikan" }).click();
    await expect.poll(async () => (await page.getByTestId("employee-table").locator("tbody tr").allInnerTexts()).some((t) => t.includes(left.nip))).toBe(false);
    expect(await page.getByTestId("left-badge").count()).toBe(0);
  });

  it("refuses the leaver's sign-in", async () => {
    const { context, page: theirs } = await newPage(browser, server.url);
    await theirs.goto("/");
    await theirs.getByLabel("E-mail atau NIP").fill(left.nip);
    await theirs.getByLabel("Kata sandi").fill(PASSWORD);
    await theirs.getByRole("button", { name: "Masuk", exact: true }).click();
    await theirs.getByText("Akun Anda dinonaktifkan").waitFor();
    expect(await theirs.getByRole("button", { name: "Keluar" }).count()).toBe(0);
    const session = await theirs.request.get("/api/auth/get-session");
    expect(await session.json()).toBeNull();
    await context.close();
  });

  it("keeps them, marked, in the results of the cycle in which they were assessed", async () => {
    const cycleId = await openCycleId(page);
    // Their sheets were recorded before they left: the evaluation, run now, still takes them.
    await page.goto(`/cycles/${cycleId}`);
    await runEvaluation(page);
    const results = await query(page, "result.list", { regionId: REGION, cycleId, search: left.nip, limit: 10 });
    expect(results.items.map((r) => [r.nip, r.left?.reason])).toEqual([[left.nip, "tidak ada lagi di SIASN"]]);
    await page.getByRole("tab", { name: "Hasil", exact: true }).click();
    await page.getByRole("searchbox", { name: "Cari" }).fill(left.nip);
    await page.getByTestId("results-count").getByText("1 pegawai", { exact: true }).waitFor();
    const row = page.getByTestId("results-scroller").getByRole("row", { name: new RegExp(left.nip) });
    await row.getByTestId("left-badge").waitFor();
    expect(await page.getByTestId("results-scroller").getByTestId("left-badge").count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "leavers-results-1366.png") });
  });

  it("leaves them out of a cycle created after they left", async () => {
    type Created = RouterOutputs["cycle"]["create"];
    const cycle = await trpcPost<Created>(page, "cycle.create", { regionId: REGION, name: "Triwulan I 2026", periodKind: "quarterly", periodLabel: "2026-Q1" } satisfies RouterInputs["cycle"]["create"]);
    const progress = await trpcGet<RouterOutputs["cycle"]["progress"]>(page, "cycle.progress", { regionId: REGION, cycleId: cycle.id });
    expect(progress.employees).toBe((await allEmployees(page, false)).length);
    expect(progress.left).toBe(0);
  });

  it("on a phone, lists only those who left with the badge, which a tap explains; the screen fits", async () => {
    const { context, page: phone } = await newPage(browser, server.url, PHONE);
    await signIn(phone, signInFor(server, "admin", REGION));
    await phone.goto("/organisation");
    await phone.getByRole("combobox", { name: "Pegawai yang keluar" }).click();
    await phone.getByRole("option", { name: "Hanya yang keluar" }).click();
    const badge = phone.getByTestId("employee-table").locator("tbody tr", { hasText: left.nip }).getByTestId("left-badge");
    await badge.waitFor();
    await badge.tap().catch(() => badge.click());
    await phone.getByRole("tooltip").waitFor();
    await expect.poll(() => phone.getByRole("tooltip").evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    expect(await phone.getByRole("tooltip").textContent()).toMatch(/tidak ada lagi di SIASN/);
    const fit = await checkFit(phone, "leavers-employees");
    expect(fit.overflow).toBe(0);
    expect(fit.narrow).toEqual([]);
    await context.close();
  });
});
