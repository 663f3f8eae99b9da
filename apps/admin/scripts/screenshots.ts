// Regenerates the PNG screenshots of the portal's main screens in docs/screenshots/: starts the real
// server on demo data (building the app first when needed), walks through the screens in Chromium as an
// admin, an assessor and an employee, and saves each screen. Run: pnpm --filter @kinerja/admin screenshots
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchBrowser } from "../e2e/browser";
import { ensureBuilt } from "../e2e/build";
import { newPage, openFirstCycle, reopenIfLocked, runEvaluation, signIn } from "../e2e/portal";
import { signInFor, startServer } from "../e2e/server";

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await ensureBuilt(console.log);
  const server = await startServer({ seedSize: 300 });
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPage(browser, server.url);
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").waitFor();
    await shot(page, "01-sign-in");

    await signIn(page, signInFor(server, "admin", "samarinda"));
    await openFirstCycle(page);
    await runEvaluation(page);
    await page.goto("/");
    await page.getByText("Distribusi predikat terhadap kurva").waitFor();
    await shot(page, "02-dashboard", true);

    await page.goto("/rules");
    await page.getByRole("tab", { name: "Formulir" }).waitFor();
    await shot(page, "03-rules-forms");
    const weight = page.getByTestId("weight-0-0").locator("input").or(page.getByTestId("weight-0-0")).first();
    await weight.fill("70");
    await page.getByTestId("validation-summary").getByText(/kesalahan/).waitFor();
    await shot(page, "04-rules-live-total");
    await page.getByRole("tab", { name: "Pemeriksaan & kasus uji" }).click();
    await shot(page, "05-rules-checks");
    await page.getByTestId("issue-list").getByRole("button").first().click();
    await page.waitForTimeout(300);
    await shot(page, "06-rules-json-inline-error");
    await page.getByRole("button", { name: "Batalkan perubahan" }).click();
    await page.getByRole("tab", { name: "Simulasi (what-if)" }).click();
    await page.getByRole("button", { name: "Jalankan simulasi" }).click();
    await page.getByTestId("what-if-report").waitFor();
    await shot(page, "07-rules-what-if");

    await page.goto("/organisation");
    await page.getByTestId("employee-table").waitFor();
    await shot(page, "08-organisation-employees");
    await page.getByRole("tab", { name: "Unit kerja" }).click();
    await shot(page, "09-organisation-units");
    await page.getByRole("tab", { name: "Impor" }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "pegawai.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nip,nama,jabatan,unit\n198503122010011001,Siti Rahma,Analis,tidak-ada\n12345,Budi,,bkpsdm\n"),
    });
    await page.getByRole("button", { name: "Impor", exact: true }).click();
    await page.getByTestId("import-errors").waitFor();
    await shot(page, "10-organisation-import-errors");

    await openFirstCycle(page);
    await page.getByTestId("results-scroller").waitFor();
    await page.getByTestId("results-count").getByText(/pegawai$/).waitFor();
    await shot(page, "11-cycle-results");
    await page.getByRole("tab", { name: "Forum kalibrasi" }).click();
    await page.getByTestId("calibration-table").getByRole("button").first().click();
    await shot(page, "12-cycle-calibration", true);
    await page.getByRole("tab", { name: "Hasil" }).click();
    await page.getByTestId("results-scroller").getByRole("row").first().click();
    await page.getByTestId("explanation").waitFor();
    await shot(page, "13-result-explanation", true);
    await page.getByRole("button", { name: "Sesuaikan predikat (forum)" }).click();
    await page.getByRole("dialog").waitFor();
    await shot(page, "13b-forum-adjustment");
    await page.keyboard.press("Escape");

    await page.goto("/audit");
    await page.getByTestId("audit-table").waitFor();
    await shot(page, "14-audit-log");

    await page.setViewportSize({ width: 820, height: 1100 });
    await openFirstCycle(page);
    await page.getByTestId("results-scroller").waitFor();
    await shot(page, "15-tablet-cycle");
    await context.close();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.getByRole("navigation", { name: "Pegawai yang dinilai" }).locator("a, button").first().click();
    await assessor.page.getByRole("button", { name: "Kirim penilaian" }).waitFor();
    await reopenIfLocked(assessor.page);
    await assessor.page.locator("form label").filter({ hasText: /^4$/ }).first().click();
    await shot(assessor.page, "16-assessor-rating-form", true);
    await assessor.context.close();

    const english = await newPage(browser, server.url);
    await signIn(english.page, signInFor(server, "admin", "samarinda"));
    await english.page.locator("label", { hasText: /^EN$/ }).click();
    await english.page.getByText("Predikat distribution against the curve").waitFor();
    await shot(english.page, "17-dashboard-english");
    await english.context.close();

    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "samarinda"));
    await employee.page.getByTestId("explanation").waitFor();
    await shot(employee.page, "18-employee-my-result", true);
    await employee.context.close();

    const planner = await newPage(browser, server.url);
    await signIn(planner.page, signInFor(server, "employee", "binjai"));
    await planner.page.goto("/plan");
    await planner.page.getByRole("button", { name: "Mulai SKP" }).click();
    await planner.page.getByRole("button", { name: "Tambah RHK" }).click();
    await planner.page.getByLabel("Rencana hasil kerja").fill("Tersusunnya modul ajar semester genap");
    await planner.page.getByLabel("IKI", { exact: true }).fill("Jumlah modul ajar yang disusun");
    await planner.page.getByLabel("Target").fill("4");
    await shot(planner.page, "19-employee-skp-editor", true);
    await planner.page.getByRole("button", { name: "Ajukan ke pejabat penilai" }).click();
    await planner.page.getByTestId("plan-status").getByText("Diajukan").waitFor();
    await planner.context.close();

    const reviewer = await newPage(browser, server.url);
    await signIn(reviewer.page, signInFor(server, "assessor", "binjai"));
    await reviewer.page.goto("/team");
    await reviewer.page.getByRole("navigation", { name: "SKP" }).locator("a, button").first().click();
    await reviewer.page.getByRole("button", { name: "Setujui" }).waitFor();
    await shot(reviewer.page, "20-assessor-plan-review", true);
    await reviewer.context.close();

    const finaliser = await newPage(browser, server.url);
    await signIn(finaliser.page, signInFor(server, "admin", "samarinda"));
    await openFirstCycle(finaliser.page);
    await finaliser.page.getByRole("button", { name: "Finalkan siklus" }).click();
    await finaliser.page.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
    await finaliser.page.getByTestId("cycle-status").getByText("Final").waitFor();
    const appellant = await newPage(browser, server.url);
    await signIn(appellant.page, signInFor(server, "employee", "samarinda"));
    await appellant.page.getByRole("button", { name: "Ajukan keberatan" }).click();
    await appellant.page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Realisasi triwulan IV belum dihitung; bukti laporan terlampir di e-performance.");
    await appellant.page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await appellant.page.getByText("Menunggu keputusan").waitFor();
    await appellant.context.close();
    await finaliser.page.goto("/appeals");
    await finaliser.page.getByRole("navigation", { name: "Keberatan" }).locator("a, button").first().click();
    await finaliser.page.getByLabel("Alasan keputusan").waitFor();
    await shot(finaliser.page, "21-appeals-inbox");
    await finaliser.context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
