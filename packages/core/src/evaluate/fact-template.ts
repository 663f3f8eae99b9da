// The fact map every appraisal starts from: each fact an evaluation may read, set to null. Built once per
// compiled rule set; a fact the rule set reads that no evaluation can provide is a rule-set error here.
import { RuleSetError, type RuleIssue } from "../ruleset/errors.js";
import { allFactNames, inputFactNames, isEmployeeAttributeFact } from "../ruleset/facts.js";
import type { RuleSet } from "../ruleset/schema.js";
import type { Facts } from "./context.js";
import { ruleSetFactReferences } from "./references.js";
import { ruleFile } from "./rule-errors.js";

/**
 * Every fact an evaluation may read, as a template of nulls. Free employee attributes the rule set reads
 * are included so that an employee without one reads null; a fact no evaluation provides is a rule-set error.
 */
export function factTemplate(ruleSet: RuleSet): Facts {
  const known = inputFactNames(ruleSet);
  // Per set for its indicators' facts; decision outputs and calculations are known even with no set.
  for (const set of ruleSet.indicatorSets) for (const name of allFactNames(ruleSet, set)) known.add(name);
  for (const table of ruleSet.decisions) known.add(table.output);
  for (const calculation of ruleSet.calculations) known.add(calculation.id);
  const issues: RuleIssue[] = [];
  for (const reference of ruleSetFactReferences(ruleSet)) {
    if (known.has(reference.fact)) continue;
    if (isEmployeeAttributeFact(reference.fact)) {
      known.add(reference.fact);
      continue;
    }
    issues.push({
      file: ruleFile(ruleSet),
      pointer: reference.pointer,
      message:
        `fakta "${reference.fact}" tidak pernah tersedia; yang diharapkan: fakta pegawai (employee.*), periode, ` +
        `skor indikator, keluaran tabel keputusan, hasil perhitungan, atau fakta yang dideklarasikan di "facts"`,
      severity: "error",
    });
  }
  if (issues.length > 0) throw new RuleSetError(issues);
  const template: Facts = {};
  for (const name of known) template[name] = null;
  // A fact holds null in one appraisal and a number or string in the next. Storing a number in every
  // field of a scratch copy makes V8 widen each field to "any value" now, so the per-appraisal copies
  // share one stable shape instead of deprecating it on the first evaluation (which made the copy slow).
  const widened: Facts = { ...template };
  for (const name of known) widened[name] = 0;
  for (const name of known) widened[name] = null;
  return { ...widened };
}
