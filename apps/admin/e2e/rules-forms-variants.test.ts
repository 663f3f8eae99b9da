// The rules editor's forms for a scale's highest score (scoreMax) and the other axis splits (axisVariants),
// as a region's BKD admin uses them: typed and clicked in the forms, no JSON tab, a draft saved, and what was
// stored read back from the server.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";

const REGION = "binjai";

describe.skipIf(inject("chromiumMissing") !== null)("rules forms: a scale's highest score and a new axis variant", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 6 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openSection(page: Page, title: string): Promise<void> {
    const control = page.getByRole("button", { name: new RegExp(`^${title}`) });
    if ((await control.getAttribute("aria-expanded")) !== "true") await control.click();
  }

  /** Replaces a field's text with keys, as a person does: click, select all, type over it. */
  async function retype(page: Page, field: ReturnType<Page["getByLabel"]>, text: string): Promise<void> {
    await field.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(text);
  }

  it("sets scoreMax and adds a variant with its condition in the forms, and the saved draft holds both", { timeout: 600_000 }, async () => {
    const { context, page } = await newPage(browser, server.url);
    page.setDefaultTimeout(60_000);
    await signIn(page, signInFor(server, "admin", REGION));
    const [published] = await query(page, "ruleSet.list", {});
    const original = await query(page, "ruleSet.get", { id: published!.id });
    const scales = original.content.scales as Record<string, { scoreMax?: number }>;
    const [scaleId] = Object.keys(scales);
    expect(scales[scaleId!]!.scoreMax).toBeUndefined();
    expect(original.content.axisVariants).toBeUndefined();

    await page.goto("/rules");
    await page.getByLabel("Nama aturan", { exact: true }).waitFor();

    // The scale's highest score.
    await openSection(page, "Skala penilaian");
    const scalesPanel = page.getByRole("region", { name: "Skala penilaian" });
    await retype(page, scalesPanel.getByLabel("Nilai paling tinggi").first(), "120");

    // A new split of the weights, with its code, name, weights and condition.
    await openSection(page, "Bobot sumbu");
    const axesPanel = page.getByRole("region", { name: "Bobot sumbu" });
    await axesPanel.getByRole("button", { name: "Tambah varian" }).click();
    const card = axesPanel.getByTestId("axis-variant-pembagian_1");
    await card.waitFor();
    await retype(page, card.getByLabel("Nama pembagian lain"), "Pejabat struktural 60/40");
    await retype(page, card.getByLabel("Hasil kerja", { exact: true }), "60");
    await retype(page, card.getByLabel("Perilaku kerja", { exact: true }), "40");
    expect(await card.getByLabel("Hasil kerja", { exact: true }).inputValue()).toBe("60");
    await card.getByTestId("axis-variant-total-pembagian_1").getByText(/100/).waitFor();
    await retype(page, card.getByLabel(/Syarat berlaku/), '{"all":[{"fact":"employee.jenisJabatan","operator":"equal","value":"struktural"}]}');
    await page.keyboard.press("Tab");
    // The code last: the card is found by it.
    await retype(page, card.getByLabel("Kode pembagian"), "struktural_60_40");
    const renamed = axesPanel.getByTestId("axis-variant-struktural_60_40");
    await renamed.waitFor();

    await renamed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/rules-variant-1366.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await renamed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/rules-variant-390.png" });
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole("button", { name: "Simpan draf", exact: true }).click();
    await page.getByText(/Draf versi 2 disimpan\./).first().waitFor();

    const draft = (await query(page, "ruleSet.list", {})).find((v) => v.status === "draft");
    expect(draft).toBeDefined();
    const stored = await query(page, "ruleSet.get", { id: draft!.id });
    expect((stored.content.scales as Record<string, { scoreMax?: number }>)[scaleId!]!.scoreMax).toBe(120);
    expect(stored.content.axisVariants).toEqual([
      {
        id: "struktural_60_40",
        name: "Pejabat struktural 60/40",
        when: { all: [{ fact: "employee.jenisJabatan", operator: "equal", value: "struktural" }] },
        axes: { hasil_kerja: 60, perilaku: 40 },
      },
    ]);
    // The main split is untouched.
    expect(stored.content.axes).toEqual(original.content.axes);
    await context.close();
  });
});
