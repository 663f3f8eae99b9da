// The rule-file format as JSON Schema, generated from the zod schema so the two never drift. It is
// written beside the rule files (rules/ruleset.schema.json) so that editors validate and autocomplete.
import { z } from "zod";
import {
  conditionLeafSchema,
  conditionReferenceSchema,
  expressionSchema,
  nestedConditionSchema,
  ruleFileSchema,
  topLevelConditionSchema,
} from "./schema.js";

/** The `$id` of the rule file's JSON Schema. */
export const RULE_FILE_SCHEMA_ID = "urn:kinerja:rule-file";

/** Names for the recursive parts, so they appear as readable `$defs` rather than generated ones. */
const DEFINITIONS: Array<[z.ZodType, string]> = [
  [topLevelConditionSchema, "Condition"],
  [nestedConditionSchema, "NestedCondition"],
  [conditionLeafSchema, "ConditionLeaf"],
  [conditionReferenceSchema, "ConditionReference"],
  [expressionSchema, "Expression"],
];

/**
 * The JSON Schema (draft 2020-12) of a rule file as written: `io: "input"`, so keys with defaults are
 * optional. Conditions and expressions are recursive and live under `$defs`.
 */
export function ruleFileJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id: string }>();
  for (const [schema, id] of DEFINITIONS) names.add(schema, { id });
  const generated = z.toJSONSchema(ruleFileSchema, {
    io: "input",
    metadata: names,
    // A separate registry replaces the global one, so carry over the metadata declared in schema.ts.
    override: ({ zodSchema, jsonSchema }) => {
      const declared = z.globalRegistry.get(zodSchema);
      if (declared) Object.assign(jsonSchema, declared);
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: RULE_FILE_SCHEMA_ID,
    title: "Kinerja rule file",
    description:
      "How a region appraises its civil servants (penilaian kinerja ASN): indicators and weights, predikat " +
      "decision tables, calculations, outcome rules (json-rules-engine conditions) and test cases. A file may " +
      "extend others and override parts of them.",
    ...rest,
  };
}
