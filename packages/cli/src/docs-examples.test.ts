// Every example in docs/rule-files.md and docs/input-format.md is a file the suite runs, so a wrong example
// fails here. Each fenced example is preceded by a marker naming what it shows:
//   <!-- contoh: examples/x.json[#/pointer][, aturan: rules.json] -->  a JSON part of that file (a rule file is
//       validated and its cases run; an appraisal record is evaluated on the named rules through the CLI)
//   <!-- contoh: perintah -->                                         commands, run through the CLI
//   <!-- keluaran: <arguments> -->                                    what the CLI prints for those arguments
// Paths are relative to docs/. In a fragment, "…" stands for anything.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { compileRuleSet, formatIssue, runTestCases } from "@kinerja/core";
import { describe, expect, it } from "vitest";
import { loadRuleFile } from "./rule-files.js";
import { kinerja } from "./test-support/run-cli.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const DOCS = join(ROOT, "docs");
const PAGES = ["rule-files.md", "input-format.md"];
const ANYTHING = "…";

interface Example {
  page: string;
  line: number;
  language: string;
  marker: string | null;
  body: string;
}

/** The fenced blocks of a page that carry a language, each with the marker comment just above it. */
function examplesOf(page: string): Example[] {
  const lines = readFileSync(join(DOCS, page), "utf8").split("\n");
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, k) => k > i && l.trim() === "```");
    const marker = /^<!-- (contoh|keluaran): (.+) -->$/.exec(lines[i - 1] ?? "");
    found.push({ page, line: i + 1, language: open[1]!, marker: marker ? `${marker[1]}: ${marker[2]}` : null, body: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return found;
}

/** A JSON fragment as the docs write it: a value, or `"key": value` pairs; `[ … ]` and `"…"` stand for anything. */
function fragment(body: string, comments: boolean): unknown {
  const text = (comments ? body.replace(/\/\/[^\n"]*$/gm, "") : body).replace(/\[ … \]/g, `"${ANYTHING}"`);
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(`{${text}}`);
  }
}

/** Where `part` says something `whole` does not: null when every key and value of `part` is in `whole`. */
function mismatch(part: unknown, whole: unknown, at = ""): string | null {
  if (part === ANYTHING) return null;
  if (Array.isArray(part)) {
    if (!Array.isArray(whole)) return `${at || "/"}: expected a list, the file has ${JSON.stringify(whole)}`;
    // Items with an id or a name (indicator sets, outcomes …) are found by it, so a part may show some of them;
    // other lists (a table's rows, a condition's list) are shown whole.
    const key = (item: unknown) => (typeof item === "object" && item !== null ? ((item as { id?: unknown; name?: unknown }).id ?? (item as { name?: unknown }).name) : undefined);
    const named = part.every((item) => typeof key(item) === "string");
    if (!named && whole.length !== part.length) return `${at || "/"}: ${JSON.stringify(part)} ≠ ${JSON.stringify(whole)}`;
    for (const [i, item] of part.entries()) {
      const index = named ? whole.findIndex((other) => key(other) === key(item)) : i;
      if (index < 0) return `${at}: no item "${String(key(item))}" in the file`;
      const found = mismatch(item, whole[index], `${at}/${index}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof part === "object" && part !== null) {
    if (typeof whole !== "object" || whole === null) return `${at || "/"}: expected an object, the file has ${JSON.stringify(whole)}`;
    for (const [key, value] of Object.entries(part)) {
      const found = mismatch(value, (whole as Record<string, unknown>)[key], `${at}/${key}`);
      if (found) return found;
    }
    return null;
  }
  return part === whole ? null : `${at || "/"}: ${JSON.stringify(part)} ≠ ${JSON.stringify(whole)}`;
}

function at(value: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

/** `pnpm kinerja validate rules/*.json` as the CLI's arguments, with the globs expanded from the repository root. */
function commandArguments(line: string): string[] {
  const [command, ...words] = line.replace(/#.*$/, "").trim().split(/\s+/).slice(2);
  return [command!, ...words.flatMap((word) => {
    if (word.startsWith("-")) return [word];
    if (!word.includes("*")) return [join(ROOT, word)];
    const dir = join(ROOT, dirname(word));
    const pattern = new RegExp(`^${word.split("/").pop()!.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`);
    return readdirSync(dir)
      .sort()
      .filter((f) => pattern.test(f))
      .map((f) => join(dir, f));
  })];
}

const examples = PAGES.flatMap(examplesOf);

describe.each(examples.map((e) => [`${e.page}:${e.line} (${e.language})`, e] as const))("%s", (_, example) => {
  it("names the file it comes from", () => {
    expect(example.marker, `${example.page}:${example.line}: a fenced example needs "<!-- contoh: … -->" or "<!-- keluaran: … -->" above it`).not.toBeNull();
  });

  const marker = example.marker ?? "";
  if (marker === "contoh: perintah") {
    it("runs every command with exit 0", async () => {
      for (const line of example.body.split("\n").filter((l) => l.startsWith("pnpm kinerja "))) {
        const result = await kinerja(...commandArguments(line));
        expect(result.code, `${line}\n${result.stderr}`).toBe(0);
      }
    });
  } else if (marker.startsWith("keluaran: ")) {
    it("is what the CLI prints", async () => {
      const [command, ...paths] = marker.slice("keluaran: ".length).split(/\s+/);
      const result = await kinerja(command!, ...paths.map((p) => join(DOCS, p)));
      for (const line of example.body.split("\n")) expect(result.stdout + result.stderr).toContain(line);
    });
  } else if (marker.startsWith("contoh: ")) {
    const [target, rules] = marker.slice("contoh: ".length).split(/,\s*aturan:\s*/);
    const [file, pointer = ""] = target!.split("#");
    const path = join(DOCS, file!);
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

    it(`is part of ${relative(ROOT, path)}${pointer ? `#${pointer}` : ""}`, () => {
      const shown = fragment(example.body, example.language === "jsonc");
      const node = at(json, pointer);
      expect(mismatch(shown, node), `${example.page}:${example.line} differs from ${file}${pointer}`).toBeNull();
      // A whole record shown with comments is the whole file, not a part of it.
      if (example.language === "jsonc") expect(mismatch(node, shown)).toBeNull();
    });

    if (rules) {
      it(`is evaluated on ${rules} through the CLI`, async () => {
        const result = await kinerja("evaluate", "--rules", join(DOCS, rules), "--input", path);
        expect(result.stderr).toContain("1 dinilai, 0 gagal");
        expect(result.code).toBe(0);
      });
    } else {
      it("is a valid rule file whose cases pass", () => {
        const { ruleSet, issues } = loadRuleFile(path);
        expect(issues.filter((i) => i.severity === "error").map(formatIssue)).toEqual([]);
        const results = runTestCases(compileRuleSet(ruleSet));
        expect(results.length).toBeGreaterThan(0);
        expect(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`)).toEqual([]);
      });
    }
  }
});

it("evaluates the complete examples docs/input-format.md links, JSON and CSV alike", async () => {
  const rules = join(ROOT, "rules", "binjai.json");
  const fromJson = await kinerja("evaluate", "--rules", rules, "--input", join(DOCS, "examples", "input.json"));
  const fromCsv = await kinerja("evaluate", "--rules", rules, "--input", join(DOCS, "examples", "input.csv"));
  expect(fromJson.code, fromJson.stderr).toBe(0);
  expect(fromCsv.code, fromCsv.stderr).toBe(0);
  expect(fromCsv.stdout).toBe(fromJson.stdout);
});

it("refuses the Binjai absence days given twice, as docs/rule-files.md §7 says", async () => {
  const record = JSON.parse(readFileSync(join(DOCS, "examples", "binjai-kehadiran.json"), "utf8")) as { facts: Record<string, unknown> };
  record.facts["disiplin.hari_tanpa_keterangan"] = 5;
  const path = join(mkdtempSync(join(tmpdir(), "kinerja-docs-")), "dua-kali.json");
  writeFileSync(path, JSON.stringify(record));
  const result = await kinerja("evaluate", "--rules", join(ROOT, "rules", "binjai.json"), "--input", path);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('fakta "disiplin.hari_tanpa_keterangan" diambil dari raw.kehadiran, jadi tidak boleh diisi langsung');
});
