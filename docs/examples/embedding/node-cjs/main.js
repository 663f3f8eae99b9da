// Appraisals evaluated with a region's rules, in a CommonJS Node project (what `npm init -y` makes).
// Run from the project's folder: node main.js
const { readFileSync } = require("node:fs");
const { compileRuleSet, formatIssue, loadRuleSet, renderExplanation, validateInput } = require("@kinerja/core");

// The library reads no files: it asks for each one by path, the file named here and every file it
// `extends`, resolved against the file that names it ("./national/pp-94-2021.json" → "rules/national/…").
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

const { ruleSet, issues } = loadRuleSet("rules/binjai.json", readJson);
const errors = issues.filter((issue) => issue.severity === "error");
if (errors.length > 0) throw new Error(errors.map(formatIssue).join("\n"));

const compiled = compileRuleSet(ruleSet); // once; then evaluate as many appraisals as you have

// Input from outside (a file, a request) is checked first: each problem names its JSON pointer.
const inputs = readJson("appraisals.json").map((value, i) => {
  const checked = validateInput(value, `appraisals.json: [${i}]`);
  if (!checked.ok) throw new Error(checked.issues.map(formatIssue).join("\n"));
  return checked.input;
});

// One result per appraisal, in order; an appraisal the rules refuse is an Error and never stops the rest.
for (const result of compiled.evaluateMany(inputs)) {
  if (result instanceof Error) console.log(result.message);
  else console.log(`${result.nip} ${result.predikat} (${result.predikatLabel}), nilai ${result.scores.score}`);
}

// Every step behind the first result, in Indonesian ("en" for English).
console.log(renderExplanation(compiled.explain(inputs[0]), "id"));
