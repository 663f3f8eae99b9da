import { describe, expect, it } from "vitest";
import { RULE_FILE_SCHEMA_ID, ruleFileJsonSchema } from "./json-schema.js";

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $defs?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
};

describe("ruleFileJsonSchema", () => {
  const schema = ruleFileJsonSchema() as JsonSchema;

  it("identifies itself", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(RULE_FILE_SCHEMA_ID);
    expect(schema.title).toBe("Kinerja rule file");
    expect(typeof schema.description).toBe("string");
  });

  it("has every top-level part of a rule file, and requires only id and name", () => {
    expect(Object.keys(schema.properties ?? {})).toEqual([
      "$schema", "id", "name", "description", "extends", "checkWith", "legalBasis", "effectiveDate", "scales", "raters", "facts",
      "indicatorSets", "axes", "axisVariants", "predikat", "decisions", "calculations", "conditions", "outcomes", "curve", "period", "workflow", "tests",
    ]);
    expect(schema.required).toEqual(["id", "name"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("leaves keys with defaults optional, and documents the defaults", () => {
    const curve = schema.properties?.curve;
    expect(curve?.required).toBeUndefined();
    expect(curve?.properties?.enforcement).toMatchObject({ default: "warn", enum: ["warn", "block", "off"] });
    const raters = schema.properties?.raters;
    expect(raters?.required).toEqual(["weights"]);
    expect(raters?.properties?.missing).toMatchObject({ default: "renormalise" });
  });

  it("represents the recursive conditions and expressions as named definitions", () => {
    const defs = schema.$defs ?? {};
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(["Condition", "NestedCondition", "ConditionLeaf", "ConditionReference", "Expression"]));
    expect(schema.properties?.outcomes?.items?.properties?.conditions).toEqual({ $ref: "#/$defs/Condition" });
    expect(schema.properties?.conditions?.additionalProperties).toEqual({ $ref: "#/$defs/Condition" });
    expect(defs.ConditionLeaf?.required).toEqual(["fact", "operator", "value"]);
    const condition = defs.Condition?.anyOf ?? [];
    expect(condition.map((branch) => branch.required?.[0] ?? branch.$ref)).toEqual(["all", "any", "not", "#/$defs/ConditionReference"]);
    expect(condition[0]?.properties?.all?.items).toEqual({ $ref: "#/$defs/NestedCondition" });
    expect(defs.NestedCondition?.anyOf).toEqual([{ $ref: "#/$defs/ConditionLeaf" }, { $ref: "#/$defs/Condition" }]);
  });

  it("can be serialised as JSON", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
