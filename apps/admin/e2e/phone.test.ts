// The employee's and the assessor's screens at a phone's width (390 px) and a tablet's (768 px): the
// page never scrolls sideways (a wide table scrolls inside its own box) and no field is too narrow to
// read. An employee on a touch phone logs a work entry with taps and the keyboard and finds it as a card,
// stored as typed. Screenshots land in SCREENSHOT_DIR (viewport.ts) to look at.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { ASSESSOR_SCREENS, EMPLOYEE_SCREENS, PLAN_EDITING, type Screen } from "./screens";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE, TABLET } from "./viewport";

describe.skipIf(inject("chromiumMissing") !== null)("the portal on a phone and a tablet", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 30 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const cases: Array<[string, "assessor" | "employee", Screen[], { width: number; height: number }]> = [
    ["an employee at 390 px", "employee", [...EMPLOYEE_SCREENS, PLAN_EDITING], PHONE],
    ["an employee at 768 px", "employee", [...EMPLOYEE_SCREENS, PLAN_EDITING], TABLET],
    ["an assessor at 390 px", "assessor", ASSESSOR_SCREENS, PHONE],
    ["an assessor at 768 px", "assessor", ASSESSOR_SCREENS, TABLET],
  ];
  it.each(cases)("fits the screens of %s", async (_who, role, screens, viewport) => {
    const { page, context } = await newPage(browser, server.url, viewport);
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").waitFor();
    const problems: string[] = [];
    const signInFit = await checkFit(page, `sign-in`);
    if (signInFit.overflow > 0 || signInFit.narrow.length > 0) problems.push(`sign-in: ${JSON.stringify(signInFit)}`);
    await signIn(page, signInFor(server, role, "binjai"));
    for (const screen of screens) {
      await screen.open(page);
      const fit = await checkFit(page, `${role}-${screen.name}`);
      if (fit.overflow > 0) problems.push(`${screen.name}: the page is ${fit.overflow} px wider than ${viewport.width} px (${fit.wide.join(", ")}); ${fit.screenshot}`);
      if (fit.narrow.length > 0) problems.push(`${screen.name}: fields too narrow: ${fit.narrow.join(", ")}; ${fit.screenshot}`);
    }
    expect(problems.join("\n"), problems.join("\n")).toBe("");
    await context.close();
  });

  /** The signed-in person's work entries in the open cycle, as the server stored them. */
  async function storedEntries(page: Page, cycleId: string) {
    const input = encodeURIComponent(JSON.stringify({ regionId: "binjai", cycleId, limit: 50 }));
    const response = await page.request.get(`/trpc/workEntry.list?input=${input}`);
    const body = (await response.json()) as { result?: { data: { items: Array<{ description: string; quantity: number; status: string; ikiText: string; workDate: string }> } } };
    if (!response.ok() || !body.result) throw new Error(`workEntry.list answered ${response.status()}: ${JSON.stringify(body)}`);
    return body.result.data.items;
  }

  /** Taps a field and types into it, replacing what it held. */
  async function typeInto(page: Page, field: ReturnType<Page["getByLabel"]>, text: string): Promise<void> {
    await field.tap();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(text);
  }

  it("lets an employee on a 390 px touch phone log a work entry with taps and keys, then shows it as a card", async () => {
    const login = signInFor(server, "employee", "binjai");
    const phone = await browser.newContext({ baseURL: server.url, viewport: PHONE, locale: "id-ID", hasTouch: true, isMobile: true });
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, login);
    const session = (await (await page.request.get("/api/auth/get-session")).json()) as { user: { name: string } };

    // An approved SKP to log against: the employee writes one RHK with its IKI on the phone and submits it.
    await page.goto("/plan");
    const start = page.getByRole("button", { name: "Mulai SKP" });
    await start.or(page.getByTestId("plan-status")).first().waitFor();
    if (await start.isVisible()) await start.tap();
    await page.getByRole("button", { name: "Tambah RHK" }).tap();
    await typeInto(page, page.getByLabel("Rencana hasil kerja").last(), "Terlayaninya izin usaha mikro tepat waktu");
    await typeInto(page, page.getByLabel("IKI", { exact: true }).last(), "Berkas izin usaha yang diverifikasi");
    await typeInto(page, page.getByLabel("Target").last(), "40");
    await typeInto(page, page.getByLabel("Satuan").last(), "berkas");
    await page.getByRole("button", { name: "Ajukan ke pejabat penilai" }).tap();
    await page.getByTestId("plan-status").getByText("Diajukan").waitFor();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.goto("/team");
    await assessor.page.getByRole("navigation", { name: "SKP" }).getByText(session.user.name, { exact: true }).click();
    await assessor.page.getByRole("button", { name: "Setujui" }).click();
    await assessor.page.getByRole("dialog").getByRole("button", { name: "Simpan keputusan" }).click();
    await assessor.page.getByText(/SKP .* disetujui\./).waitFor();
    await assessor.context.close();

    await page.reload();
    await page.getByTestId("plan-status").getByText("Disetujui").waitFor();
    await page.getByTestId("work-iki").tap();
    await page.getByRole("option", { name: "Berkas izin usaha yang diverifikasi" }).tap();
    await typeInto(page, page.getByLabel("Jumlah (berkas)"), "3");
    const description = "Verifikasi tiga berkas izin usaha mikro dari Kecamatan Binjai Kota";
    await typeInto(page, page.getByLabel("Uraian pekerjaan"), description);
    await page.getByRole("button", { name: "Catat", exact: true }).tap();

    // The new entry, read back from its card: a phone shows cards, not the wide table.
    const card = page.getByTestId("work-entry-cards").getByRole("article", { name: description });
    await card.getByText("Menunggu").waitFor();
    expect(await card.getByText("Berkas izin usaha yang diverifikasi").isVisible()).toBe(true);
    expect((await card.getByTestId("work-entry-quantity").innerText()).trim()).toBe("3 berkas");
    expect(await page.getByTestId("work-entries").isVisible()).toBe(false);
    // The IKI's progress card counts the entry as waiting for its confirmation.
    const progress = page.getByTestId("work-progress-cards").getByRole("article", { name: "Berkas izin usaha yang diverifikasi" });
    await progress.getByText(/Menunggu: 3$/).waitFor();
    expect(await page.getByTestId("work-progress").isVisible()).toBe(false);
    // The plan page logs against the first cycle not yet finalised.
    const cycle = (await query(page, "cycle.list", {})).find((c) => c.status !== "finalised");
    const stored = (await storedEntries(page, cycle?.id ?? "")).find((e) => e.description === description);
    expect(stored).toMatchObject({ quantity: 3, status: "submitted", ikiText: "Berkas izin usaha yang diverifikasi" });
    expect(await card.getByText(stored?.workDate ?? "–", { exact: true }).isVisible()).toBe(true);

    const fit = await checkFit(page, "employee-work-entry-card");
    expect(fit.overflow, `${fit.wide.join(", ")}; ${fit.screenshot}`).toBe(0);
    expect(fit.narrow, fit.screenshot).toEqual([]);

    // From a desktop's width up the same entries are a table again.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId("work-entries").getByRole("row").filter({ hasText: description }).getByText("Menunggu").waitFor();
    expect(await page.getByTestId("work-entry-cards").isVisible()).toBe(false);
    await checkFit(page, "employee-work-entry-table");
    await phone.close();
  });
});
