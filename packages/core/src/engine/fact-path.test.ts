import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { compileFactPath, plainPathSegments } from "./fact-path.js";

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
    expect(compileFactPath(path)(json)).toEqual(expected);
    expect(viaLibrary).toEqual(expected);
  });
});
