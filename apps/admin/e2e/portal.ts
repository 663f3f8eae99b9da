// Steps a person takes in the portal, shared by the browser tests and the screenshot script.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PASSWORD } from "./server";

export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1366, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: "id-ID", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

export async function signIn(page: Page, login: string, password = PASSWORD): Promise<void> {
  await page.goto("/");
  await page.getByLabel("E-mail atau NIP").fill(login);
  await page.getByLabel("Kata sandi").fill(password);
  // better-auth limits sign-ins per address; several people signing in at once from one test wait their turn.
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.getByRole("button", { name: "Masuk", exact: true }).click();
    const signedIn = page.getByRole("button", { name: "Keluar" });
    const limited = page.getByText("Terlalu banyak percobaan");
    await signedIn.or(limited).first().waitFor();
    if (await signedIn.isVisible()) return;
    await page.waitForTimeout(10_000);
  }
  throw new Error(`could not sign in as ${login}: still rate-limited`);
}

/** Opens the region's newest cycle from the cycle list. */
export async function openFirstCycle(page: Page): Promise<void> {
  await page.goto("/cycles");
  await page.getByTestId("cycle-table").getByRole("link").first().click();
  await page.getByTestId("cycle-status").waitFor();
}

/** Runs the open cycle's evaluation from its page and waits until the job is done. */
export async function runEvaluation(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Jalankan penilaian|Hitung ulang/ }).click();
  await page.getByTestId("run-progress").getByText(/Selesai:/).waitFor({ timeout: 90_000 });
}

/** The demo data arrives submitted: the assessor opens the sheet again, with a reason, to change it. */
export async function reopenIfLocked(page: Page): Promise<void> {
  const reopen = page.getByRole("button", { name: "Buka kembali" });
  if (!(await reopen.isVisible())) return;
  await reopen.click();
  await page.getByRole("dialog").getByLabel("Alasan").fill("Koreksi nilai setelah diskusi kinerja");
  await page.getByRole("dialog").getByRole("button", { name: "Buka kembali" }).click();
  await page.getByText("Lembar penilaian dibuka kembali.").waitFor();
}
