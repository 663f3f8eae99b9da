// axe-core's accessibility checks on the page as it stands: its source is evaluated in the page (the
// server's Content-Security-Policy refuses an injected <script>, not a DevTools evaluation), then
// `axe.run` checks the whole document against WCAG 2.x A and AA.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending element: its selector and what is wrong with it. */
  nodes: string[];
}

/** The critical and serious violations on the page now (only within the element `within` selects, when given). */
export async function seriousViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: Document | Element, options: object): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run((selector ? document.querySelector(selector) : null) ?? document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`),
    }));
  }, within ?? null);
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious");
}

/** One line per violation and element, for a failing test's message. */
export function describeViolations(screen: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${screen}: [${v.impact}] ${v.id} (${v.help})\n  ${v.nodes.slice(0, 5).join("\n  ")}`).join("\n");
}
