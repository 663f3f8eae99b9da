// A browser app that imports one entry of @kinerja/core carries what that entry reaches: the engine entry
// no JSONPath and no zod, the evaluator no rule-file schema. Sizes as bench/bundle-sizes.ts measures them.
import { describe, expect, it } from "vitest";
import { bundleSizes } from "../bench/bundle-sizes.js";

describe("the browser entries of @kinerja/core", () => {
  it("stay within their gzip aims: engine 10 KB, evaluator 40 KB", async () => {
    const sizes = await bundleSizes();
    for (const { name, gzipKb, aimKb } of sizes) {
      if (aimKb !== undefined) expect({ name, gzipKb, within: gzipKb <= aimKb }).toEqual({ name, gzipKb, within: true });
    }
    expect(sizes.map((size) => size.name)).toEqual(["engine", "evaluator", "json_rules_engine", "rule_files", "jsonpath", "main"]);
  }, 60_000);
});
