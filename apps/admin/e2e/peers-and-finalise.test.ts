// Peers for a whole cycle and finalising against the curve, in Debian's Chromium against the real server.
// Samarinda's rule file is served from a copy whose curve is binding (curve.enforcement "block"). The
// region's admin reads who lacks peers before a run, runs the automatic assignment with a click and follows
// it to its result; the list shrinks and the stored pairs keep the rule (same unit and level, never the
// person, their superior or report). The admin replaces one rater by a colleague in bulk, read back through
// the API. After the evaluation a unit is put outside the curve: the finalise dialog names it with its
// predikat and the count against the limit, and its button is refused, as the server refuses the call.
// Screenshots of the conduct tab and the dialog at 1366 and 390 px; neither scrolls sideways on a phone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RouterInputs, RouterOutputs } from "../src/lib/trpc";
import { openCycleId } from "./api";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const RULES = fileURLToPath(new URL("../../../rules/", import.meta.url));
const REASON = "Cuti melahirkan sampai akhir periode penilaian";

type In = RouterInputs;
type Out = RouterOutputs;
type Reads = {
  "assessment.lackingPeers": [In["assessment"]["lackingPeers"], Out["assessment"]["lackingPeers"]];
  "assessment.peerJob": [In["assessment"]["peerJob"], Out["assessment"]["peerJob"]];
  "assessment.peerAssignments": [In["assessment"]["peerAssignments"], Out["assessment"]["peerAssignments"]];
  "employee.list": [In["employee"]["list"], Out["employee"]["list"]];
  "unit.tree": [In["unit"]["tree"], Out["unit"]["tree"]];
  "result.distribution": [In["result"]["distribution"], Out["result"]["distribution"]];
  "cycle.get": [In["cycle"]["get"], Out["cycle"]["get"]];
};
type Writes = {
  "cycle.setUnitPredikat": In["cycle"]["setUnitPredikat"];
  "cycle.close": In["cycle"]["close"];
};

/** What the server stored, read with the page's own session. */
async function read<P extends keyof Reads>(page: Page, path: P, input: Reads[P][0]): Promise<Reads[P][1]> {
  const response = await page.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = (await response.json()) as { result?: { data: Reads[P][1] }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}

/** A call as the portal sends it; the server's answer, refused or not. */
async function write<P extends keyof Writes>(page: Page, path: P, input: Writes[P]): Promise<{ status: number; message: string }> {
  const response = await page.request.post(`/trpc/${path}`, { data: input, headers: { origin: new URL(page.url()).origin } });
  const body = (await response.json()) as { error?: { message?: string; json?: { message?: string } } };
  return { status: response.status(), message: body.error?.message ?? body.error?.json?.message ?? "" };
}

/** Chooses an employee in a search field by typing their NIP and clicking the option. */
async function pickEmployee(page: Page, label: string, e: { nip: string }): Promise<void> {
  const field = page.getByRole("textbox", { name: label }).or(page.getByRole("combobox", { name: label })).first();
  await field.click();
  await field.fill(e.nip);
  await page.getByRole("option", { name: new RegExp(e.nip) }).click();
}

async function lackingShown(page: Page): Promise<number> {
  const text = await page.getByTestId("lacking-count").innerText();
  return /Semua pegawai sudah cukup/.test(text) ? 0 : Number(/^([\d.]+) pegawai/.exec(text)?.[1]?.replace(/\./g, ""));
}

describe.skipIf(inject("chromiumMissing") !== null)("peers for a whole cycle, and finalising against a binding curve", () => {
  let rulesDir: string;
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let cycleId: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(join(tmpdir(), "kinerja-rules-"));
    cpSync(RULES, rulesDir, { recursive: true });
    const file = join(rulesDir, "samarinda.json");
    const content = JSON.parse(readFileSync(file, "utf8")) as { curve: { enforcement: string } };
    content.curve.enforcement = "block";
    writeFileSync(file, JSON.stringify(content, null, 2));
    process.env.KINERJA_RULES_DIR = rulesDir;
    server = await startServer({ seedSize: 40 });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
    await signIn(admin, signInFor(server, "admin", "samarinda"));
    cycleId = await openCycleId(admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    delete process.env.KINERJA_RULES_DIR;
    if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
  });

  it("shows who lacks peers before a run, assigns peers with a click, and the list shrinks to those no one can help", async () => {
    await openFirstCycle(admin);
    const tools = admin.getByTestId("lacking-count");
    await tools.waitFor();
    const before = await read(admin, "assessment.lackingPeers", { cycleId });
    expect(before.total).toBeGreaterThan(before.unsatisfiable);
    expect(await lackingShown(admin)).toBe(before.total);
    // The list names the people with their unit and the reason.
    const first = admin.getByTestId("lacking-person").first();
    const person = before.people[0]!;
    await expect(first.innerText()).resolves.toContain(person.nama);
    await expect(first.innerText()).resolves.toContain(person.unitName);
    await expect(first.innerText()).resolves.toContain(person.reason);
    await checkFit(admin, "peers-before");

    await admin.getByRole("button", { name: "Tetapkan rekan otomatis" }).click();
    await admin.getByTestId("peer-job-result").waitFor({ timeout: 60_000 });
    const job = await read(admin, "assessment.peerJob", { cycleId });
    expect(job).toMatchObject({ status: "succeeded", unitId: null });
    expect(job!.added).toBeGreaterThan(0);
    await expect(admin.getByTestId("peer-job-result").innerText()).resolves.toContain(`Selesai: ${job!.added} penugasan rekan ditambahkan.`);

    const after = await read(admin, "assessment.lackingPeers", { cycleId });
    expect(after.total).toBe(after.unsatisfiable);
    expect(after.total).toBeLessThan(before.total);
    await admin.getByTestId("lacking-count").filter({ hasText: after.total === 0 ? "Semua pegawai" : new RegExp(`^${after.total} pegawai`) }).waitFor();
    expect(await lackingShown(admin)).toBe(after.total);

    // The pairs stored keep the rule.
    const root = (await read(admin, "unit.tree", {}))[0]!;
    const pairs = await read(admin, "assessment.peerAssignments", { cycleId, unitId: root.id });
    expect(pairs.length).toBe(job!.added);
    const people = new Map((await read(admin, "employee.list", { limit: 500 })).items.map((e) => [e.id, e]));
    for (const p of pairs) {
      const ratee = people.get(p.employeeId)!;
      const peer = people.get(p.peerId)!;
      expect(p.method).toBe("auto");
      expect(peer.id).not.toBe(ratee.id);
      expect(peer.nip).not.toBe(ratee.atasanNip);
      expect(peer.atasanNip).not.toBe(ratee.nip);
      expect(peer.unitId).toBe(ratee.unitId);
      expect(peer.jenisJabatan).toBe(ratee.jenisJabatan);
    }
    await checkFit(admin, "peers-assigned");
  });

  it("replaces one rater by a colleague in every assignment ticked, read back through the API", async () => {
    const root = (await read(admin, "unit.tree", {}))[0]!;
    const pairs = await read(admin, "assessment.peerAssignments", { cycleId, unitId: root.id });
    const people = new Map((await read(admin, "employee.list", { limit: 500 })).items.map((e) => [e.id, e]));
    // A rater with a colleague of their unit and level who may take every one of their ratings.
    const choice = [...new Set(pairs.map((p) => p.peerId))]
      .map((raterId) => {
        const rated = pairs.filter((p) => p.peerId === raterId);
        const rater = people.get(raterId)!;
        const replacement = [...people.values()].find(
          (c) =>
            c.id !== raterId &&
            c.unitId === rater.unitId &&
            rated.every((a) => {
              const ratee = people.get(a.employeeId)!;
              const busy = pairs.some((p) => p.employeeId === a.employeeId && p.peerId === c.id);
              return c.id !== ratee.id && c.nip !== ratee.atasanNip && c.atasanNip !== ratee.nip && !busy;
            }),
        );
        return { rater, rated, replacement };
      })
      .find((c) => c.replacement !== undefined)!;
    expect(choice).toBeDefined();
    const { rater, rated, replacement } = choice as typeof choice & { replacement: NonNullable<typeof choice.replacement> };

    await pickEmployee(admin, "Rekan penilai yang diganti", rater);
    const ticks = admin.getByTestId("swap-assignments").getByRole("checkbox");
    await ticks.first().waitFor();
    expect(await ticks.count()).toBe(rated.length);
    for (let i = 0; i < rated.length; i++) expect(await ticks.nth(i).isChecked()).toBe(true);
    await pickEmployee(admin, "Pengganti", replacement);
    await admin.getByLabel("Alasan penggantian").fill(REASON);
    await admin.getByRole("button", { name: `Ganti ${rated.length} penugasan` }).click();
    await admin.getByText(`${rated.length} penugasan dialihkan kepada`).waitFor();

    expect(await read(admin, "assessment.peerAssignments", { cycleId, peerId: rater.id })).toEqual([]);
    const moved = await read(admin, "assessment.peerAssignments", { cycleId, peerId: replacement.id });
    for (const a of rated) expect(moved).toContainEqual(expect.objectContaining({ employeeId: a.employeeId, peerId: replacement.id, method: "swap" }));
    await admin.getByTestId("swap-none").waitFor();
  });

  it("names the units outside the curve in the finalise dialog and refuses to finalise where the rule binds", async () => {
    await runEvaluation(admin);
    const before = await read(admin, "result.distribution", { cycleId });
    expect(before.enforcement).toBe("block");
    const unit = before.units.find((u) => u.total > 0)!;
    expect((await write(admin, "cycle.setUnitPredikat", { cycleId, unitId: unit.unitId, predikat: "sangat_kurang" })).status).toBe(200);
    const curve = await read(admin, "result.distribution", { cycleId });
    const broken = curve.units.filter((u) => u.broken > 0);
    expect(broken.map((u) => u.unitId)).toContain(unit.unitId);

    await admin.reload();
    await admin.getByRole("button", { name: "Finalkan siklus" }).click();
    const dialog = admin.getByRole("dialog");
    const named = dialog.getByTestId("curve-unit");
    await named.first().waitFor();
    expect(await named.count()).toBe(broken.length);
    const text = await dialog.getByTestId("curve-broken").innerText();
    expect(text).toContain(`${broken.length} unit di luar kurva distribusi; siklus belum bisa difinalkan`);
    for (const u of broken) {
      expect(text).toContain(u.unitName);
      for (const c of u.checks.filter((check) => check.broken)) expect(text).toContain(c.message.id);
    }
    expect(text).toContain("predikat organisasi Sangat Kurang");
    const finalise = dialog.getByRole("button", { name: "Finalkan siklus" });
    expect(await finalise.isDisabled()).toBe(true);
    await checkFit(admin, "finalise-blocked");

    // The server refuses it too, naming the unit and the bound; the cycle stays evaluated.
    const refused = await write(admin, "cycle.close", { id: cycleId });
    expect(refused.status).toBe(412);
    expect(refused.message).toContain(`${unit.unitName}: `);
    expect((await read(admin, "cycle.get", { id: cycleId })).status).toBe("evaluated");
    await dialog.getByRole("button", { name: "Batal" }).click();
  });

  it("fits a phone: the conduct tab's peer tools and the finalise dialog do not scroll sideways at 390 px", async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "admin", "samarinda"));
    await page.goto(`/cycles/${cycleId}`);
    await page.getByRole("button", { name: "Finalkan siklus" }).click();
    await page.getByRole("dialog").getByTestId("curve-unit").first().waitFor();
    const dialog = await checkFit(page, "finalise-blocked");
    expect(dialog.wide).toEqual([]);
    await page.getByRole("dialog").getByRole("button", { name: "Batal" }).click();
    await page.getByRole("tab", { name: "Pelaksanaan penilaian" }).click();
    await page.getByText(/Siklus berstatus|hanya diatur saat siklus draf/).first().waitFor();
    await context.close();

    // While a cycle runs: Binjai's open cycle shows the peer tools.
    const phone = await newPage(browser, server.url, PHONE);
    await signIn(phone.page, signInFor(server, "admin", "binjai"));
    await openFirstCycle(phone.page);
    await phone.page.getByTestId("lacking-count").waitFor();
    await phone.page.getByTestId("swap-rater").waitFor();
    const fit = await checkFit(phone.page, "peers-tools");
    expect(fit.overflow).toBe(0);
    expect(fit.wide).toEqual([]);
    expect(fit.narrow).toEqual([]);
    await phone.context.close();
  });
});
