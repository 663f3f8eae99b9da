import fc from "fast-check";
import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { compileRules as compileRulesWithoutJsonPath } from "./entry.js";
import { compileFactPath, plainPathSegments } from "./fact-path.js";
import { compileRules, jsonPathResolver } from "./index.js";

const keys = (path: unknown) => plainPathSegments(path)?.map((step) => step.key);

describe("plainPathSegments", () => {
  it("reads plain property and index paths", () => {
    expect(keys("$.a.b")).toEqual(["a", "b"]);
    expect(keys("$.a[0]")).toEqual(["a", "0"]);
    expect(keys("$['a']")).toEqual(["a"]);
    expect(keys("$['a.b']")).toEqual(["a.b"]);
    expect(keys("a.b")).toEqual(["a", "b"]);
    expect(keys("$")).toEqual([]);
  });

  it.each(["$..a", "$.a[*]", "$.*", "$['a','b']", "$.a[0:2]", "$.a[?(@ > 1)]", "$.a~", "$.a^", "$.a.$.b", 5])(
    "leaves %j to jsonpath-plus",
    (path) => {
      expect(plainPathSegments(path)).toBeUndefined();
    },
  );

  it("reads as plain only what jsonpath-plus splits into the same plain steps", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_ .\-$@*?()'"[\],:~^`ä中٣]{0,6}$/u);
    const step = fc.oneof(
      name.map((n) => `.${n}`),
      name.map((n) => `['${n}']`),
      name.map((n) => `["${n}"]`),
      fc.nat(20).map((i) => `[${i}]`),
      name.map((n) => `[${n}]`),
    );
    const path = fc.tuple(fc.constantFrom("$", "", "@", "$$"), name, fc.array(step, { maxLength: 4 })).map(([root, first, steps]) => root + (root === "" ? first : "") + steps.join(""));
    fc.assert(
      fc.property(path, (p) => {
        const steps = keys(p);
        if (steps === undefined) return;
        const library = JSONPath.toPathArray(p).slice();
        if (library[0] === "$") library.shift();
        expect(steps).toEqual(library);
        expect(library.every((key) => !["*", "..", "^", "~", "$"].includes(key) && !/^[?(@`]/u.test(key) && !key.includes(","))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves a quoted '..' to the resolver: jsonpath-plus descends into every level there", () => {
    // Found by the property above (fast-check seed 1479251713): $['..'] was read as a property named "..".
    expect(plainPathSegments("$['..']")).toBeUndefined();
    expect(plainPathSegments('$.a[".."]')).toBeUndefined();
    expect(plainPathSegments("$['...']")?.map((step) => step.key)).toEqual(["..."]);
    expect(plainPathSegments("$['a..b']")?.map((step) => step.key)).toEqual(["a..b"]);
  });

  it("marks names a built-in prototype has, which must be checked as own properties", () => {
    expect(plainPathSegments("$.length.jenis.constructor")?.map((step) => step.inherited)).toEqual([true, false, true]);
  });
});

describe("compileFactPath", () => {
  const employee = { jenisJabatan: "fungsional", jenjang: "", golongan: null, riwayat: [{ predikat: "baik" }], nama: "Sri" };
  const cases: Array<[path: string, json: object, expected: unknown]> = [
    ["$.jenisJabatan", employee, "fungsional"],
    ["$.riwayat[0].predikat", employee, "baik"],
    ["$.riwayat[1].predikat", employee, undefined],
    ["$.riwayat.length", employee, 1],
    ["$.nama.length", employee, 3],
    ["$.nama[0]", employee, "S"],
    ["$.jenjang.length", employee, undefined],
    ["$.golongan.x", employee, undefined],
    ["$.constructor", employee, undefined],
    ["$.riwayat.push", employee, undefined],
    ["$", employee, employee],
    ["$.missing", employee, undefined],
    ["$..predikat", employee, ["baik"]],
    ["$.riwayat[*].predikat", employee, ["baik"]],
  ];

  it.each(cases)("%s gives what jsonpath-plus gives", (path, json, expected) => {
    const viaLibrary: unknown = JSONPath({ path, json, wrap: false });
    expect(compileFactPath(path, jsonPathResolver)(json)).toEqual(expected);
    expect(viaLibrary).toEqual(expected);
  });
});

describe("a path that is not plain", () => {
  const rule = { conditions: { all: [{ fact: "employee", path: "$.riwayat[*].predikat", operator: "contains", value: "baik" }] }, event: { type: "naik" } };
  const facts = { employee: { riwayat: [{ predikat: "cukup" }, { predikat: "baik" }] } };

  it("is read by jsonpath-plus in the main entry, as json-rules-engine reads it", () => {
    expect(compileRules([rule]).run(facts).events).toEqual([{ type: "naik" }]);
  });

  it("is refused where it is, when the lean engine entry is given no pathResolver", () => {
    expect(() => compileRulesWithoutJsonPath([rule])).toThrow(
      '/0/conditions/all/0/path: path "$.riwayat[*].predikat" is not made of plain names and indices',
    );
  });

  it("is read by the pathResolver the lean engine entry is given", () => {
    const read: Array<[object, string]> = [];
    const resolver = (value: object, path: string) => {
      read.push([value, path]);
      return jsonPathResolver(value, path);
    };
    expect(compileRulesWithoutJsonPath([rule], { pathResolver: resolver }).run(facts).events).toEqual([{ type: "naik" }]);
    expect(read).toEqual([[facts.employee, "$.riwayat[*].predikat"]]);
  });
});
