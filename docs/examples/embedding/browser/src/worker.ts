// The Web Worker: resolves the region's rule file, compiles it once, evaluates the appraisals it is asked for
// and posts its progress back, so the page's own thread stays free for the person using it.
import { compileRuleSet, renderExplanation, type AppraisalInput } from "@kinerja/core/evaluator";
import { formatIssue, loadRuleSet, validateInput } from "@kinerja/core/rule-files";
import binjai from "../rules/binjai.json";
import pp94 from "../rules/national/pp-94-2021.json";
import type { FromWorker, ToWorker } from "./messages";

// The rule files are bundled; loadRuleSet asks for each by its resolved path, the `extends` included.
const files: Record<string, unknown> = {
  "rules/binjai.json": binjai,
  "rules/national/pp-94-2021.json": pp94,
};

const PROGRESS_EVERY = 5_000;

function post(message: FromWorker): void {
  postMessage(message);
}

function evaluate(count: number): void {
  const { ruleSet, issues } = loadRuleSet("rules/binjai.json", (path) => files[path]);
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0) throw new Error(errors.map(formatIssue).join("\n"));
  const compiled = compileRuleSet(ruleSet);

  // The appraisals here are the rule file's own test cases of one appraisal each (not the years rolled up
  // from periods), over and over; yours would come from your data.
  const cases: AppraisalInput[] = ruleSet.tests.filter((test) => test.periods === undefined).map((test) => {
    const checked = validateInput(test.input, test.name);
    if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join("\n"));
    return checked.input;
  });
  function* appraisals(): Generator<AppraisalInput> {
    for (let i = 0; i < count; i++) yield cases[i % cases.length] as AppraisalInput;
  }

  const tally: Record<string, number> = {};
  let evaluated = 0;
  for (const result of compiled.evaluateMany(appraisals())) {
    const key = result instanceof Error ? "ditolak" : result.predikatLabel;
    tally[key] = (tally[key] ?? 0) + 1;
    evaluated++;
    if (evaluated % PROGRESS_EVERY === 0) post({ type: "progress", evaluated });
  }
  const explanation = renderExplanation(compiled.explain(cases[0] as AppraisalInput), "id");
  post({ type: "done", evaluated, tally, explanation });
}

addEventListener("message", (event: MessageEvent<ToWorker>) => {
  try {
    evaluate(event.data.count);
  } catch (error) {
    post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
});
