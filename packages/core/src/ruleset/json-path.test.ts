import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { plainPathSegments } from "../engine/fact-path.js";
import { FACT_PATH_EXPECTED, factPathProblem, factPathSteps } from "./json-path.js";

const ACCEPTED: Array<[path: string, steps: string[]]> = [
  ["$", []],
  ["$.jenisJabatan", ["jenisJabatan"]],
  ["$.unit.nama_unit", ["unit", "nama_unit"]],
  ["$[0].predikat", ["0", "predikat"]],
  ["$[12]", ["12"]],
  ["$[*].predikat", ["*", "predikat"]],
  ["$['nama unit']", ["nama unit"]],
  ['$["kode-unit.lama"]', ["kode-unit.lama"]],
  ["$['jabatan_ä 2'][0]", ["jabatan_ä 2", "0"]],
  ["$.length", ["length"]],
];

describe("factPathProblem", () => {
  it.each(ACCEPTED)("accepts %s", (path) => {
    expect(factPathProblem(path)).toBeUndefined();
  });

  it.each(ACCEPTED)("reads %s as jsonpath-plus splits it, and without a wildcard as the engine's own reader does", (path, steps) => {
    expect(factPathSteps(path)).toEqual(steps);
    expect(JSONPath.toPathArray(path).slice(1)).toEqual(steps);
    if (!steps.includes("*")) expect(plainPathSegments(path)?.map((step) => step.key)).toEqual(steps);
  });

  it.each([
    ["$.a[", '"[" at character 4'],
    ["$[?(@.x.y)]", '"[?(@.x.y)]" at character 2'],
    ["$[(1+1)]", '"[(1+1)]" at character 2'],
    ["$..predikat", '"..predikat" at character 2'],
    ["$.a[0:2]", '"[0:2]" at character 4'],
    ["$.a[-1]", '"[-1]" at character 4'],
    ["$.a[01]", '"[01]" at character 4'],
    ["$['a','b']", `"['a','b']" at character 2`],
    ["$['a;b']", `"['a;b']" at character 2`],
    ["$['*']", `"['*']" at character 2`],
    ["$.*", '".*" at character 2'],
    ["$.a^", '"^" at character 4'],
    ["$.a~", '"~" at character 4'],
    ["jenisJabatan", '"jenisJabatan" at character 1'],
    ["", "nothing"],
  ])("refuses %s, saying where it stops and what was expected", (path, found) => {
    expect(factPathProblem(path, "en")).toBe(
      `path ${JSON.stringify(path)} is not one the rules engine reads: found ${found}; expected ${FACT_PATH_EXPECTED.en}`,
    );
  });

  it("says it in Indonesian unless English is asked for", () => {
    expect(factPathProblem("$.a[")).toBe(
      `path "$.a[" tidak bisa dibaca mesin aturan: ditemukan "[" pada karakter 4; yang diharapkan: ${FACT_PATH_EXPECTED.id}`,
    );
    expect(factPathProblem(5)).toBe(`ditemukan 5, yang diharapkan: path sebagai teks, ${FACT_PATH_EXPECTED.id}`);
  });

  it("refuses a path that is not a string", () => {
    expect(factPathProblem(5, "en")).toBe(`found 5, expected a path as a string: ${FACT_PATH_EXPECTED.en}`);
  });
});
