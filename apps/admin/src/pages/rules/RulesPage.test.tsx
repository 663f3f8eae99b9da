import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { storedRuleSet } from "../../test/rules";
import RulesPage from "./RulesPage";

const content = storedRuleSet("binjai");
const version = {
  id: "v1",
  version: 1,
  name: String(content.name),
  status: "published",
  contentHash: "abc123def456",
  authorName: "Seeder",
  createdAt: "2025-07-01T00:00:00.000Z",
  updatedAt: "2025-07-01T00:00:00.000Z",
  publishedAt: "2025-07-01T00:00:00.000Z",
};

// The page checks the whole rule file in the browser after each edit (schema, compilation, the file's own
// test cases) and renders every tab's form. On a loaded 2-core machine a check and the re-render around it
// take seconds, so each wait below allows for that, and each test has room for several.
const CHECKED = { timeout: 30_000 };

function setup(extra: Record<string, (input: unknown) => unknown> = {}) {
  return renderWithApi(<RulesPage />, {
    handlers: {
      "ruleSet.list": () => [version],
      "ruleSet.get": () => ({ ...version, content }),
      "cycle.list": () => [],
      ...extra,
    },
  });
}

describe("the rules screen", { timeout: 90_000 }, () => {
  it("checks the region's rules in the browser and runs their cases", async () => {
    setup();
    await waitFor(() => expect(screen.queryByTestId("validation-summary")?.textContent).toMatch(/Kasus uji: (\d+)\/\1 lulus/), CHECKED);
    expect(screen.getByTestId("validation-summary").textContent).toContain("Tidak ada kesalahan");
  });

  it("shows a live weight total and the validation error as a weight is edited", async () => {
    setup();
    const input = (await screen.findByTestId("weight-0-0", {}, CHECKED)) as HTMLInputElement;
    const before = Number(input.value);
    fireEvent.change(input, { target: { value: String(before - 10) } });
    const totals = screen.getAllByRole("status").map((s) => s.textContent ?? "");
    expect(totals.some((text) => /jumlah 90, harus 100/.test(text))).toBe(true);
    // The summary and the lines above the JSON come from the same check: wait for it once. The waits
    // query with queryBy*: a failed getBy* prints the whole page, and printing this page on every retry
    // keeps the check being waited for from running.
    await waitFor(() => {
      expect(screen.queryByTestId("validation-summary")?.textContent).toMatch(/\d+ kesalahan/);
      expect(screen.queryByTestId("json-issues")?.textContent).toMatch(/\/indicatorSets\/0\/indicators/);
    }, CHECKED);
    expect(screen.getByText("Ada perubahan yang belum disimpan")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("saves a valid change as a draft and publishes it", async () => {
    const calls: string[] = [];
    setup({
      "ruleSet.saveDraft": (input) => {
        calls.push("saveDraft");
        return { version: { ...version, id: "v2", version: 2, status: "draft" }, validation: { ok: true, issues: [], tests: null }, input };
      },
      "ruleSet.publish": () => {
        calls.push("publish");
        return { ...version, id: "v2", version: 2, status: "published" };
      },
      "ruleSet.diffContent": () => ({ version, changes: [{ pointer: "/name", kind: "changed", before: content.name, after: "Aturan Binjai 2026" }] }),
    });
    const name = await screen.findByLabelText("Nama aturan", {}, CHECKED);
    fireEvent.change(name, { target: { value: "Aturan Binjai 2026" } });
    const publish = screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement;
    await waitFor(() => expect(publish.disabled).toBe(false), CHECKED);
    fireEvent.click(publish);
    // Publishing asks first, with what changed against v1; nothing is written until the dialog's button.
    const dialog = await screen.findByRole("dialog", {}, CHECKED);
    await waitFor(() => expect(within(dialog).queryByTestId("publish-area-other")?.textContent).toContain("Aturan Binjai 2026"), CHECKED);
    expect(within(dialog).getByTestId("publish-what-if").textContent).toContain("Belum ada siklus yang sudah dinilai");
    expect(calls).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Terbitkan" }));
    await waitFor(() => expect(calls).toEqual(["saveDraft", "publish"]), CHECKED);
    await waitFor(() => expect(screen.queryByText("Versi 2 diterbitkan.")).not.toBeNull(), CHECKED);
  });
});
