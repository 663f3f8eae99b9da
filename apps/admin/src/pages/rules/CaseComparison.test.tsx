import type { RuleFile } from "@kinerja/core";
import { compileRuleSet, parseRuleFile, resolveRuleSet, runTestCases } from "@kinerja/core";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { describe, expect, it } from "vitest";
import { validateRuleText } from "../../lib/rule-validation";
import { renderWithApi } from "../../test/api";
import { storedRuleSet } from "../../test/rules";
import { Tests } from "./forms/TestsForm";
import { changeArea, changedCaseNames, changePlace } from "./PublishDialog";
import RulesPage from "./RulesPage";

/** Pariaman's rules with disiplin and kinerja weighed equally instead of 60/40: some cases now fail. */
function reweighted() {
  const content = storedRuleSet("pariaman");
  const file = { ...content, axes: { hasil_kerja: 50, perilaku: 50 } } as RuleFile;
  return { file, validation: validateRuleText(JSON.stringify(file, null, 2), "pariaman/draf") };
}

describe("a failing case's expectation and its new result", { timeout: 60_000 }, () => {
  it("are shown side by side in words, and accepting sends the case (or every failing case) back", () => {
    const { file, validation } = reweighted();
    const failing = (validation.tests ?? []).flatMap((c, i) => (c.passed ? [] : [i]));
    expect(failing.length).toBeGreaterThan(1);
    const accepted: number[][] = [];
    renderWithApi(
      <Tests
        file={file}
        update={() => undefined}
        results={validation.tests}
        acceptance={{ ruleSet: validation.ruleSet!, actual: validation.actual!, disabled: false, accept: (indices) => accepted.push(indices) }}
      />,
      { handlers: {} },
    );

    // "Batas Sangat Baik: nilai tepat 90": kinerja 75 and disiplin 100 give 87,5 under equal weights.
    const name = file.tests![0]!.name;
    const table = screen.getByRole("table", { name: `Harapan dan hasil baru kasus ${name}` });
    const rows = within(table).getAllByRole("row").map((r) => Array.from(r.querySelectorAll("th,td")).map((c) => c.textContent));
    expect(rows).toContainEqual(["Yang diperiksa", "Diharapkan (sebelum)", "Hasil baru (sesudah)"]);
    expect(rows).toContainEqual(["Predikat", "Sangat Baik", "Baik"]);
    expect(rows).toContainEqual(["Nilai akhir", "90", "87,5"]);
    expect(rows).toContainEqual(["Nilai Perilaku kerja", "100", "100"]);
    expect(rows.some((r) => r[0] === "Tindak lanjut yang harus terpicu" && r[1] === "Penghargaan, TPP")).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: `Terima hasil baru sebagai harapan: ${name}` }));
    fireEvent.click(screen.getByRole("button", { name: `Terima semua (${failing.length})` }));
    expect(accepted).toEqual([[0], failing]);
  });

  it("are shown in English when the portal is", async () => {
    const { file, validation } = reweighted();
    await i18n.changeLanguage("en");
    try {
      renderWithApi(
        <Tests file={file} update={() => undefined} results={validation.tests} acceptance={{ ruleSet: validation.ruleSet!, actual: validation.actual!, disabled: true, accept: () => undefined }} />,
        { handlers: {} },
      );
      const table = screen.getByRole("table", { name: `Expectation and new result of case ${file.tests![0]!.name}` });
      expect(within(table).getByText("Final score")).toBeTruthy();
      expect((screen.getByRole("button", { name: /^Accept all/ }) as HTMLButtonElement).disabled).toBe(true);
    } finally {
      await i18n.changeLanguage("id");
    }
  });
});

describe("accepting on the rules screen", { timeout: 120_000 }, () => {
  it("saves the draft with every failing case's new result, over the revision it was loaded at", async () => {
    const { file } = reweighted();
    const draft = {
      id: "v2",
      version: 2,
      name: file.name,
      status: "draft",
      revision: 3,
      contentHash: "abc123def456",
      authorName: "Admin",
      createdAt: "2025-07-01T00:00:00.000Z",
      updatedAt: "2025-07-01T00:00:00.000Z",
      publishedAt: null,
    };
    const saves: Array<{ id?: string; baseRevision?: number; content: Record<string, unknown> }> = [];
    renderWithApi(<RulesPage />, {
      handlers: {
        "ruleSet.list": () => [draft],
        "ruleSet.get": () => ({ ...draft, content: file }),
        "cycle.list": () => [],
        "ruleSet.saveDraft": (input) => {
          saves.push(input as (typeof saves)[number]);
          return { version: { ...draft, revision: 4 }, validation: { ok: true, issues: [], tests: null } };
        },
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: /^Kasus uji/ }, { timeout: 60_000 }));
    const accept = await screen.findByRole("button", { name: /^Terima semua \(\d+\)$/ }, { timeout: 60_000 });
    await waitFor(() => expect((accept as HTMLButtonElement).disabled).toBe(false), { timeout: 30_000 });
    fireEvent.click(accept);
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 30_000 });
    expect(saves[0]).toMatchObject({ id: "v2", baseRevision: 3 });
    const saved = resolveRuleSet(parseRuleFile(saves[0]!.content, "saved"), "saved", () => {
      throw new Error("no extends");
    });
    expect(runTestCases(compileRuleSet(saved)).filter((c) => !c.passed)).toEqual([]);
  });
});

describe("the publish summary's changes", () => {
  const content = storedRuleSet("binjai");
  const t = i18n.getFixedT("id");

  it("are grouped by area, a weight anywhere counting as a weight", () => {
    expect(
      ["/axes/hasil_kerja", "/raters/weights/peer", "/indicatorSets/1/indicators/0/weight", "/indicatorSets/1/indicators/0/name", "/decisions/0/rows/1/predikat", "/predikat/0/label", "/tests/2/expect/facts/score", "/name"].map(changeArea),
    ).toEqual(["weights", "weights", "weights", "indicators", "decisions", "predikat", "tests", "other"]);
  });

  it("name their place as a person knows it", () => {
    expect(changePlace(content, "/axes/hasil_kerja", t, "id")).toBe("Bobot · Hasil kerja");
    expect(changePlace(content, "/raters/weights/peer", t, "id")).toBe("Bobot · Rekan kerja");
    expect(changePlace(content, "/indicatorSets/1/indicators/2/weight", t, "id")).toBe("Bobot · Perangkat daerah · Disiplin kehadiran");
  });

  it("name each changed case once", () => {
    const tests = content.tests as Array<{ name: string }>;
    const changes = [
      { pointer: "/tests/1/expect/facts/score", kind: "changed" as const, before: 91, after: 91.2 },
      { pointer: "/tests/1/expect/predikat", kind: "changed" as const, before: "baik", after: "sangat_baik" },
      { pointer: "/tests/4/expect/facts/score", kind: "changed" as const, before: 75.99, after: 76.1 },
    ];
    expect(changedCaseNames(content, changes)).toEqual([tests[1]!.name, tests[4]!.name]);
  });
});
