// Turns zod's validation issues into messages a BKD admin can act on: where (JSON pointer), what was
// found, what was expected. Expectations are read from the schema itself, so they stay true when the
// schema changes. A failed union (a condition, an expression) is narrowed to the branch the author most
// likely meant, so one bad condition gives one message rather than a dump of every alternative. Each
// message is given in Indonesian (`message`) and English (`messageEn`).
import type { z } from "zod";
import type { Lang } from "../domain/types.js";
import { pointer, type RuleIssue, type Texts } from "./errors.js";
import { SCHEMA_PATTERNS } from "./schema.js";
import { closest, didYouMean, listNames } from "./suggest.js";

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** The parts of a zod schema's definition this module reads. */
interface SchemaDef {
  type: string;
  innerType?: Schema;
  getter?: () => Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  items?: Schema[];
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: Array<{ _zod: { def: CheckDef } }>;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
  error?: (issue: object) => unknown;
}
interface Schema {
  _zod: { def: SchemaDef };
}

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else if (def.type === "pipe" && def.in) current = def.in;
    else break;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current) && typeof segment === "string") current = current[segment];
    else return undefined;
  }
  return current;
}

function literalValues(schema: Schema): unknown[] {
  const def = unwrap(schema)._zod.def;
  if (def.type === "literal") return def.values ?? [];
  if (def.type === "enum") return Object.values(def.entries ?? {});
  return [];
}

/** The union's options with nested unions flattened, each unwrapped. */
function unionLeaves(def: SchemaDef): Schema[] {
  return (def.options ?? []).flatMap((option) => {
    const inner = unwrap(option);
    return inner._zod.def.type === "union" ? unionLeaves(inner._zod.def) : [inner];
  });
}

/**
 * The option of a union that the value (and the next path segment, when walking deeper) points to:
 * by discriminator, else the first option that has the next key, else the object sharing most keys.
 */
function unionBranch(def: SchemaDef, value: unknown, next?: PropertyKey): Schema | undefined {
  const options = unionLeaves(def);
  const discriminator = def.discriminator;
  if (discriminator !== undefined) {
    const tag = isRecord(value) ? value[discriminator] : undefined;
    return options.find((option) => {
      const field = option._zod.def.shape?.[discriminator];
      return field !== undefined && literalValues(field).includes(tag);
    });
  }
  if (next !== undefined) {
    return options.find((option) => {
      const d = option._zod.def;
      if (typeof next === "number") return d.type === "array" || d.type === "tuple";
      return (d.type === "object" && d.shape?.[String(next)] !== undefined) || d.type === "record";
    });
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  let best: Schema | undefined;
  let bestShared = 0;
  for (const option of options) {
    const shape = option._zod.def.shape;
    const shared = shape ? keys.filter((k) => k in shape).length : 0;
    if (shared > bestShared) [best, bestShared] = [option, shared];
  }
  return best;
}

/** The schema that validates the value at `path` below a value validated by `schema`. */
function schemaAt(schema: Schema | undefined, path: Path, value: unknown): Schema | undefined {
  let current = schema;
  let currentValue = value;
  for (const segment of path) {
    if (!current) return undefined;
    let def = unwrap(current)._zod.def;
    if (def.type === "union") {
      const branch = unionBranch(def, currentValue, segment);
      if (!branch) return undefined;
      def = branch._zod.def;
    }
    if (def.type === "object") current = def.shape?.[String(segment)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "tuple") current = def.items?.[Number(segment)];
    else if (def.type === "record") current = def.valueType;
    else return undefined;
    currentValue = valueAt(currentValue, [segment]);
  }
  return current;
}

function allowedKeys(schema: Schema | undefined, value: unknown): string[] {
  if (!schema) return [];
  let def = unwrap(schema)._zod.def;
  if (def.type === "union") def = unionBranch(def, value)?._zod.def ?? def;
  if (def.type === "object") return Object.keys(def.shape ?? {});
  if (def.type === "record" && def.keyType) return literalValues(def.keyType).map(String);
  return [];
}

function requiredKeys(schema: Schema): string[] {
  const def = unwrap(schema)._zod.def;
  return Object.entries(def.shape ?? {})
    .filter(([, field]) => !["optional", "default", "prefault"].includes(field._zod.def.type))
    .map(([key]) => key);
}

/** One text per language, each built by `text`. */
function texts(text: (lang: Lang) => string): Texts {
  return { id: text("id"), en: text("en") };
}

/** "a" or "b", "a" and "b" in the language. */
function names(values: Iterable<string>, lang: Lang, conjunction: "or" | "and" = "or"): string {
  return listNames(values, lang === "en" ? conjunction : conjunction === "or" ? "atau" : "dan");
}

function items(n: number, lang: Lang): string {
  return lang === "id" ? `${n} butir` : `${n} item${n === 1 ? "" : "s"}`;
}

function describeNumber(def: SchemaDef, lang: Lang): string {
  let min: CheckDef | undefined;
  let max: CheckDef | undefined;
  let whole = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "greater_than") min = c;
    else if (c.check === "less_than") max = c;
    else if (c.check === "number_format" && (c.format === "safeint" || c.format === "int32")) whole = true;
  }
  const id = lang === "id";
  const noun = whole ? (id ? "bilangan bulat" : "a whole number") : id ? "angka" : "a number";
  if (min && max && min.inclusive && max.inclusive) return id ? `${noun} dari ${min.value} sampai ${max.value}` : `${noun} from ${min.value} to ${max.value}`;
  const parts: string[] = [];
  if (min) parts.push(min.inclusive ? `${id ? "paling sedikit" : "at least"} ${min.value}` : `${id ? "lebih dari" : "greater than"} ${min.value}`);
  if (max) parts.push(max.inclusive ? `${id ? "paling banyak" : "at most"} ${max.value}` : `${id ? "kurang dari" : "less than"} ${max.value}`);
  return parts.length ? `${noun} ${parts.join(id ? " dan " : " and ")}` : noun;
}

function describeString(def: SchemaDef, lang: Lang): string {
  const id = lang === "id";
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "string_format" && c.format === "regex") {
      const custom = c.error?.({});
      if (typeof custom === "string") return Object.values(SCHEMA_PATTERNS).find((texts) => texts.en === custom)?.[lang] ?? custom;
      return id ? `teks yang cocok dengan ${String(c.pattern)}` : `a string matching ${String(c.pattern)}`;
    }
    if (c.check === "min_length" && c.minimum === 1) return id ? "teks yang tidak kosong" : "a non-empty string";
  }
  return id ? "teks" : "a string";
}

/** What a schema accepts, in words: "a number from 0 to 100", `one of "first", "unique" or "collect"`. */
function describeSchema(schema: Schema, lang: Lang): string {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  const id = lang === "id";
  const nullable = schema._zod.def.type === "nullable" ? (id ? " atau null" : " or null") : "";
  switch (def.type) {
    case "string":
      return describeString(def, lang) + nullable;
    case "number":
      return describeNumber(def, lang) + nullable;
    case "boolean":
      return (id ? "true atau false" : "true or false") + nullable;
    case "null":
      return "null";
    case "unknown":
    case "any":
      return id ? "nilai apa pun" : "any value";
    case "enum":
    case "literal": {
      const values = literalValues(inner).map(String);
      return (values.length === 1 ? names(values, lang) : `${id ? "salah satu dari" : "one of"} ${names(values, lang)}`) + nullable;
    }
    case "array": {
      const minimum = def.checks?.find((c) => c._zod.def.check === "min_length")?._zod.def.minimum;
      const list = id ? "daftar" : "a list";
      return (minimum ? `${list} ${id ? "berisi paling sedikit" : "of at least"} ${items(minimum, lang)}` : list) + nullable;
    }
    case "tuple":
      return `${id ? "daftar berisi tepat" : "a list of exactly"} ${items(def.items?.length ?? 0, lang)}`;
    case "record": {
      const keys = allowedKeys(inner, undefined);
      const object = id ? "objek" : "an object";
      return keys.length ? `${object} ${id ? "dengan kunci di antara" : "with keys among"} ${names(keys, lang)}` : object;
    }
    case "object": {
      const required = requiredKeys(inner);
      const object = id ? "objek" : "an object";
      return required.length ? `${object} ${id ? "dengan" : "with"} ${names(required, lang, "and")}` : object;
    }
    case "union": {
      if (def.discriminator) {
        const tags = (def.options ?? []).flatMap((o) => literalValues(unwrap(o)._zod.def.shape?.[def.discriminator ?? ""] ?? o));
        return `${id ? "objek dengan" : "an object with"} "${def.discriminator}": ${id ? "salah satu dari" : "one of"} ${names(tags.map(String), lang)}`;
      }
      const parts = [...new Set((def.options ?? []).map((option) => describeSchema(option, lang)))];
      if (parts.length <= 1) return parts[0] ?? (id ? "sebuah nilai" : "a value");
      return `${parts.slice(0, -1).join(", ")} ${id ? "atau" : "or"} ${parts.at(-1)}`;
    }
    default:
      return id ? `nilai bertipe ${def.type}` : `a value of type ${def.type}`;
  }
}

/** How a found value reads in a message: `"60" (a string)`, `160`, `a list`. */
function showValue(value: unknown, lang: Lang): string {
  const id = lang === "id";
  if (typeof value === "string") {
    const text = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    if (value === "") return id ? `"" (teks kosong)` : `"" (an empty string)`;
    return `${JSON.stringify(text)} (${id ? "teks" : "a string"})`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length ? (id ? "daftar" : "a list") : id ? "daftar kosong" : "an empty list";
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (!keys.length) return id ? "objek kosong" : "an empty object";
    if (id) return `objek dengan kunci ${names(keys, lang, "and")}`;
    return `an object with ${keys.length === 1 ? "key" : "keys"} ${names(keys, lang, "and")}`;
  }
  return String(value);
}

/** "found X, expected Y" in the language. */
function foundExpected(found: string, expected: string, lang: Lang): string {
  return lang === "id" ? `ditemukan ${found}; yang diharapkan: ${expected}` : `found ${found}, expected ${expected}`;
}

/** One explained problem before typos are matched: a missing key and an unknown key may be one mistake. */
interface Finding {
  path: Path;
  message: Texts;
  missingKey?: string;
  unknownKey?: string;
  allowed?: string[];
}

/** How far a union branch is from what the author wrote: lower is the more likely intent. */
function branchDistance(issues: readonly Issue[], base: Path, input: unknown, schema: Schema | undefined): number {
  let distance = 0;
  const missing: string[] = [];
  const unknown: string[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
      distance += 1000;
    } else if (issue.code === "unrecognized_keys" && issue.path.length === 0) {
      unknown.push(...issue.keys);
    } else if (issue.path.length === 1 && valueAt(input, path) === undefined) {
      missing.push(String(issue.path[0]));
    } else if (issue.code === "invalid_union" && issue.path.length === 0 && issue.discriminator === undefined) {
      const options = schema ? unwrap(schema)._zod.def.options : undefined;
      distance += Math.min(...issue.errors.map((e, i) => branchDistance(e, path, input, options?.[i])));
    } else {
      distance += 1;
    }
  }
  // A misspelt key (unknown, and close to a missing one) is a small slip within the intended branch.
  const typos = unknown.filter((key) => closest(key, missing) !== undefined).length;
  return distance + 3 * (missing.length - typos) + 10 * (unknown.length - typos) + 2 * typos;
}

class Explainer {
  readonly findings: Finding[] = [];
  constructor(private readonly input: unknown) {}

  /** `schema` validates the value at `base`; the issue's path is relative to `base`. */
  explain(issue: Issue, base: Path, schema: Schema | undefined): void {
    const path = [...base, ...issue.path];
    const value = valueAt(this.input, path);
    const here = schemaAt(schema, issue.path, valueAt(this.input, base));
    switch (issue.code) {
      case "invalid_union":
        return this.explainUnion(issue, path, value, here);
      case "unrecognized_keys": {
        const allowed = allowedKeys(here, value);
        for (const key of issue.keys) {
          const listed = allowed.join(", ");
          this.findings.push({
            path: [...path, key],
            message: texts((lang) =>
              lang === "id"
                ? `kunci "${key}" tidak dikenal${didYouMean(key, allowed, lang)}${allowed.length ? `; kunci yang boleh: ${listed}` : ""}`
                : `unknown key "${key}"${didYouMean(key, allowed, lang)}${allowed.length ? `; allowed keys: ${listed}` : ""}`,
            ),
            unknownKey: key,
            allowed,
          });
        }
        return;
      }
      case "invalid_key": {
        const record = schemaAt(schema, issue.path.slice(0, -1), valueAt(this.input, base));
        const keyType = record && unwrap(record)._zod.def.keyType;
        const key = JSON.stringify(path.at(-1));
        this.findings.push({
          path,
          message: texts((lang) => {
            const expected = keyType ? describeSchema(keyType, lang) : lang === "id" ? "kunci yang sah" : "a valid key";
            return lang === "id" ? `kunci ${key} tidak boleh di sini; yang diharapkan: ${expected}` : `key ${key} is not allowed here, expected ${expected}`;
          }),
        });
        return;
      }
      case "custom":
        this.findings.push({ path, message: { id: issue.message, en: issue.message } });
        return;
      default: {
        const expected = (lang: Lang) => (here ? describeSchema(here, lang) : issue.message);
        if (value === undefined) {
          const key = String(path.at(-1) ?? "");
          const message = texts((lang) =>
            lang === "id" ? `kunci wajib "${key}" tidak ada; yang diharapkan: ${expected(lang)}` : `required key "${key}" is missing, expected ${expected(lang)}`,
          );
          this.findings.push({ path, message, missingKey: key });
          return;
        }
        const options = issue.code === "invalid_value" ? issue.values.map(String) : [];
        const hint = (lang: Lang) => (typeof value === "string" ? didYouMean(value, options, lang) : "");
        this.findings.push({ path, message: texts((lang) => foundExpected(showValue(value, lang), expected(lang), lang) + hint(lang)) });
      }
    }
  }

  private explainUnion(issue: Extract<Issue, { code: "invalid_union" }>, path: Path, value: unknown, here: Schema | undefined): void {
    if (issue.discriminator !== undefined) {
      // zod puts the discriminator key itself on the path.
      const options = ("options" in issue ? (issue.options ?? []) : []).map(String);
      const key = String(path.at(-1));
      const message = texts((lang) => {
        const expected = `${lang === "id" ? "salah satu dari" : "one of"} ${names(options, lang)}`;
        const hint = typeof value === "string" ? didYouMean(value, options, lang) : "";
        if (value !== undefined) return foundExpected(showValue(value, lang), expected, lang) + hint;
        return lang === "id" ? `kunci wajib "${key}" tidak ada; yang diharapkan: ${expected}${hint}` : `required key "${key}" is missing, expected ${expected}${hint}`;
      });
      this.findings.push({ path, message });
      return;
    }
    const options = here ? unwrap(here)._zod.def.options : undefined;
    const distances = issue.errors.map((errors, i) => branchDistance(errors, path, this.input, options?.[i]));
    const best = Math.min(...distances);
    const bestBranches = distances.flatMap((d, i) => (d === best ? [i] : []));
    const [only] = bestBranches;
    if (bestBranches.length === 1 && only !== undefined && best < 1000) {
      for (const branchIssue of issue.errors[only] ?? []) this.explain(branchIssue, path, options?.[only]);
      return;
    }
    const message = texts((lang) => foundExpected(showValue(value, lang), this.describeAlternatives(bestBranches, best, options, here, lang), lang));
    this.findings.push({ path, message });
  }

  /** Several branches fit equally badly: name what tells them apart (their required keys), or their types. */
  private describeAlternatives(branches: number[], distance: number, options: Schema[] | undefined, here: Schema | undefined, lang: Lang): string {
    if (distance < 1000 && options) {
      const keys = branches.flatMap((i) => {
        const option = options[i];
        return option && unwrap(option)._zod.def.type === "object" ? requiredKeys(option).slice(0, 1) : [];
      });
      if (keys.length === branches.length) return `${lang === "id" ? "objek dengan salah satu kunci" : "an object with one of the keys"} ${names(keys, lang)}`;
    }
    if (here) return describeSchema(here, lang);
    return lang === "id" ? "nilai lain" : "a different value";
  }
}

/** A missing key next to an unknown key that is a near spelling of it is one typo: say so once. */
function mergeTypos(findings: Finding[]): Finding[] {
  const dropped = new Set<Finding>();
  for (const unknown of findings) {
    if (unknown.unknownKey === undefined) continue;
    const parent = pointer(...unknown.path.slice(0, -1).map(String));
    const missing = findings.filter(
      (f) => f.missingKey !== undefined && !dropped.has(f) && pointer(...f.path.slice(0, -1).map(String)) === parent,
    );
    const match = closest(unknown.unknownKey, missing.map((f) => f.missingKey ?? ""));
    const typo = missing.find((f) => f.missingKey === match);
    if (!typo || match === undefined) continue;
    dropped.add(typo);
    const allowed = (unknown.allowed ?? []).join(", ");
    unknown.message = {
      id: `kunci "${unknown.unknownKey}" tidak dikenal; yang diharapkan: "${match}" (kunci yang boleh: ${allowed})`,
      en: `unknown key "${unknown.unknownKey}", expected "${match}" (allowed keys: ${allowed})`,
    };
  }
  return findings.filter((f) => !dropped.has(f));
}

/** Every zod issue of one parse as a RuleIssue naming `file` and the JSON pointer of the bad value. */
export function explainZodIssues(issues: readonly Issue[], schema: z.ZodType, input: unknown, file: string): RuleIssue[] {
  const explainer = new Explainer(input);
  const root = schema as unknown as Schema;
  for (const issue of issues) explainer.explain(issue, [], root);
  const seen = new Set<string>();
  const result: RuleIssue[] = [];
  for (const finding of mergeTypos(explainer.findings)) {
    const where = pointer(...finding.path.map((segment) => (typeof segment === "number" ? segment : String(segment))));
    const key = `${where}\u0000${finding.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ file, pointer: where, message: finding.message.id, messageEn: finding.message.en, severity: "error" });
  }
  return result;
}
