// The JSONPath a rule file's `path` may use: `$` then property names, list indices and `[*]`. The
// engine hands any path it cannot read directly to jsonpath-plus, which evaluates filters and scripts
// and throws on malformed text only when an evaluation reaches it; so a path outside this subset is
// refused when the file is checked, not found by the first appraisal that happens to read it. Every path
// in the subset splits into the same steps for jsonpath-plus (json-path.test.ts holds it to that).
import type { Lang } from "../domain/types.js";
import type { Texts } from "./errors.js";

/** What a `path` may be, as the checks say it (docs/rule-files.md says the same). */
export const FACT_PATH_EXPECTED: Texts = {
  id:
    "path berupa $ diikuti langkah: .nama (huruf, angka, _), ['nama'] (huruf, angka, spasi, _ - .), " +
    "[0] (indeks daftar) atau [*] (setiap butir), mis. $.jenisJabatan, $['nama unit'], $[0].predikat atau $[*].predikat",
  en:
    "a path of $ followed by steps: .name (letters, digits, _), ['name'] (letters, digits, space, _ - .), " +
    "[0] (a list index) or [*] (every item), e.g. $.jenisJabatan, $['nama unit'], $[0].predikat or $[*].predikat",
};

const DOT_NAME = /\.([A-Za-z_][A-Za-z0-9_]*)/y;
const INDEX = /\[(0|[1-9][0-9]*)\]/y;
const QUOTED = /\[(?:'([\p{L}\p{N} _.-]+)'|"([\p{L}\p{N} _.-]+)")\]/uy;
const WILDCARD = /\[\*\]/y;

/** The steps of `path` in the subset (wildcards as "*"), or the offset of the first text outside it. */
function stepsOf(path: string): { steps: string[] } | { stop: number } {
  if (!path.startsWith("$")) return { stop: 0 };
  const steps: string[] = [];
  let pos = 1;
  while (pos < path.length) {
    const step = matchAt(DOT_NAME, path, pos) ?? matchAt(INDEX, path, pos) ?? matchAt(QUOTED, path, pos) ?? matchAt(WILDCARD, path, pos);
    if (!step) return { stop: pos };
    steps.push(step.key);
    pos = step.end;
  }
  return { steps };
}

function matchAt(pattern: RegExp, text: string, pos: number): { key: string; end: number } | undefined {
  pattern.lastIndex = pos;
  const match = pattern.exec(text);
  if (!match) return undefined;
  return { key: match[1] ?? match[2] ?? "*", end: pattern.lastIndex };
}

/** The steps a path in the subset reads, wildcards as "*" (as jsonpath-plus splits it), or undefined. */
export function factPathSteps(path: string): string[] | undefined {
  const parsed = stepsOf(path);
  return "steps" in parsed ? parsed.steps : undefined;
}

/** Why `path` is not in the subset, in Indonesian unless English is asked for; undefined when it is in it. */
export function factPathProblem(path: unknown, lang: Lang = "id"): string | undefined {
  const expected = FACT_PATH_EXPECTED[lang];
  if (typeof path !== "string") {
    const found = JSON.stringify(path) ?? String(path);
    return lang === "en"
      ? `found ${found}, expected a path as a string: ${expected}`
      : `ditemukan ${found}, yang diharapkan: path sebagai teks, ${expected}`;
  }
  const parsed = stepsOf(path);
  if ("steps" in parsed) return undefined;
  const rest = path.slice(parsed.stop);
  if (lang === "en") {
    const found = rest ? `${JSON.stringify(rest)} at character ${parsed.stop + 1}` : "nothing";
    return `path ${JSON.stringify(path)} is not one the rules engine reads: found ${found}; expected ${expected}`;
  }
  const found = rest ? `${JSON.stringify(rest)} pada karakter ${parsed.stop + 1}` : "tidak ada apa pun";
  return `path ${JSON.stringify(path)} tidak bisa dibaca mesin aturan: ditemukan ${found}; yang diharapkan: ${expected}`;
}
