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

describe("the rules screen", () => {
  it("checks the region's rules in the browser and runs their cases", async () => {
    setup();
    const summary = await screen.findByTestId("validation-summary");
    await waitFor(() => expect(summary.textContent).toContain("Tidak ada kesalahan"), { timeout: 5000 });
    expect(summary.textContent).toMatch(/Kasus uji: (\d+)\/\1 lulus/);
  });

  it("shows a live weight total and the validation error as a weight is edited", async () => {
    setup();
    const input = (await screen.findByTestId("weight-0-0")) as HTMLInputElement;
    const before = Number(input.value);
    fireEvent.change(input, { target: { value: String(before - 10) } });
    const totals = screen.getAllByRole("status").map((s) => s.textContent ?? "");
    expect(totals.some((text) => /jumlah 90, harus 100/.test(text))).toBe(true);
    await waitFor(() => expect(screen.getByTestId("validation-summary").textContent).toMatch(/\d+ kesalahan/), { timeout: 5000 });
    expect(screen.getByText("Ada perubahan yang belum disimpan")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement).disabled).toBe(true);
    const issues = await screen.findByTestId("json-issues", {}, { timeout: 5000 });
    expect(within(issues).getByText(/\/indicatorSets\/0\/indicators/)).toBeTruthy();
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
    });
    const name = await screen.findByLabelText("Nama aturan");
    fireEvent.change(name, { target: { value: "Aturan Binjai 2026" } });
    const publish = screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement;
    await waitFor(() => expect(publish.disabled).toBe(false), { timeout: 5000 });
    fireEvent.click(publish);
    await waitFor(() => expect(calls).toEqual(["saveDraft", "publish"]));
    expect(await screen.findByText("Versi 2 diterbitkan.")).toBeTruthy();
  });
});
