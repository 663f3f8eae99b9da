import { compileRuleSet, describeExplanation, parseRuleFile, resolveRuleSet, type AppraisalInput } from "@kinerja/core";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Providers } from "../Providers";
import { setLanguage } from "../i18n";
import { storedRuleSet } from "../test/rules";
import { ExplanationView } from "./ExplanationView";

function firstCase(region: string) {
  const content = storedRuleSet(region);
  const ruleSet = resolveRuleSet(parseRuleFile(content, region), region, () => {
    throw new Error("no extends");
  });
  const compiled = compileRuleSet(ruleSet);
  const testCase = ruleSet.tests.find((c) => !c.expect.error)!;
  const explanation = compiled.explain(testCase.input as unknown as AppraisalInput);
  return { explanation, sentences: { id: describeExplanation(explanation, ruleSet, "id"), en: describeExplanation(explanation, ruleSet, "en") } };
}

describe("an employee's explanation", () => {
  it("shows the predikat and the sentences, and no technical trace to whom it is not for", () => {
    const { explanation, sentences } = firstCase("pariaman");
    render(
      <Providers>
        <ExplanationView explanation={explanation} sentences={sentences} technical={false} />
      </Providers>,
    );
    expect(screen.getByTestId("explanation-predikat").textContent).toBe(explanation.result?.predikatLabel);
    const items = within(screen.getByTestId("explanation-sentences")).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual(sentences.id);
    expect(screen.queryByText("Tampilkan jejak teknis")).toBeNull();
    expect(screen.queryByText("Langkah demi langkah")).toBeNull();
  });

  it("opens the technical trace for an admin, every step with the rules that did not fire folded away", () => {
    const { explanation, sentences } = firstCase("pariaman");
    render(
      <Providers>
        <ExplanationView explanation={explanation} sentences={sentences} technical />
      </Providers>,
    );
    expect(screen.queryByTestId("explanation-trace")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Tampilkan jejak teknis" }));
    const trace = screen.getByTestId("explanation-trace");
    const shown = explanation.steps.filter((s) => !(s.kind === "outcome" && !s.fired)).length;
    expect(within(trace).getByText("Langkah demi langkah")).toBeTruthy();
    expect(within(trace).getAllByText(/^Nilai indikator /).length).toBeGreaterThan(0);
    expect(within(trace).getAllByText(/^\d+$/).length).toBeGreaterThanOrEqual(shown);
  });

  it("reads in English after the switch", () => {
    setLanguage("en");
    const { explanation, sentences } = firstCase("pariaman");
    render(
      <Providers>
        <ExplanationView explanation={explanation} sentences={sentences} technical />
      </Providers>,
    );
    expect(screen.getByText("Why this result")).toBeTruthy();
    expect(within(screen.getByTestId("explanation-sentences")).getAllByRole("listitem")[0]?.textContent).toBe(sentences.en[0]);
    fireEvent.click(screen.getByRole("button", { name: "Show the technical trace" }));
    expect(screen.getByText("Step by step")).toBeTruthy();
    expect(screen.getAllByText(/^Indicator score /).length).toBeGreaterThan(0);
  });
});
