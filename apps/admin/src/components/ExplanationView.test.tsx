import { compileRuleSet, parseRuleFile, resolveRuleSet, type AppraisalInput } from "@kinerja/core";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Providers } from "../Providers";
import { setLanguage } from "../i18n";
import { storedRuleSet } from "../test/rules";
import { ExplanationView } from "./ExplanationView";

function explanationOfFirstCase(region: string) {
  const content = storedRuleSet(region);
  const ruleSet = resolveRuleSet(parseRuleFile(content, region), region, () => {
    throw new Error("no extends");
  });
  const compiled = compileRuleSet(ruleSet);
  const testCase = ruleSet.tests.find((c) => !c.expect.error)!;
  return compiled.explain(testCase.input as unknown as AppraisalInput);
}

describe("an employee's explanation", () => {
  it("shows the predikat, every step, and folds away the rules that did not fire", () => {
    const explanation = explanationOfFirstCase("pariaman");
    render(
      <Providers>
        <ExplanationView explanation={explanation} />
      </Providers>,
    );
    expect(screen.getByTestId("explanation-predikat").textContent).toBe(explanation.result?.predikatLabel);
    const shown = explanation.steps.filter((s) => !(s.kind === "outcome" && !s.fired)).length;
    expect(screen.getByText("Langkah demi langkah")).toBeTruthy();
    expect(within(screen.getByTestId("explanation")).getAllByText(/^Nilai indikator /).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/^\d+$/).length).toBeGreaterThanOrEqual(shown);
  });

  it("reads in English after the switch", () => {
    setLanguage("en");
    const explanation = explanationOfFirstCase("pariaman");
    render(
      <Providers>
        <ExplanationView explanation={explanation} />
      </Providers>,
    );
    expect(screen.getByText("Step by step")).toBeTruthy();
    expect(screen.getAllByText(/^Indicator score /).length).toBeGreaterThan(0);
  });
});
