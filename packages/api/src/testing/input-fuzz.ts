// Malformed and edge inputs for every tRPC procedure, generated from its zod input through the input's JSON
// Schema (z.toJSONSchema): values that follow the schema but carry hostile contents (NUL, lone surrogates,
// %-escapes, SQL and formula text, boundary lengths and amounts, ids of records that exist), and values
// broken on purpose (wrong types, missing and extra fields, `__proto__` keys, deep nesting, huge strings).
// Every choice is drawn from fast-check's `fc.gen()`, so the run's seed repeats it.
import fc from "fast-check";
import { z } from "zod";
import { appRouter } from "../root.js";

/** The parts of JSON Schema that zod writes for the API's inputs. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
}

export type ProcedureType = "query" | "mutation" | "subscription";

export interface Procedure {
  path: string;
  type: ProcedureType;
  /** The procedure's inputs merged into one schema; null when it takes none. */
  input: JsonSchema | null;
}

interface ProcedureDef {
  _def: { type: ProcedureType; inputs: z.ZodType[] };
}

function schemaOf(input: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as JsonSchema & { $schema?: string };
  return schema;
}

/** Inputs chained with `.input()` (the region, then the procedure's own) as the one object a caller sends. */
function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  const branches = b.oneOf ?? b.anyOf;
  if (branches) return { ...b, oneOf: branches.map((branch) => merge(a, branch)), anyOf: undefined };
  return {
    type: "object",
    properties: { ...a.properties, ...b.properties },
    required: [...(a.required ?? []), ...(b.required ?? [])],
  };
}

/** Every procedure of the API, in path order. */
export function procedures(): Procedure[] {
  const record = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
  return Object.entries(record)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, procedure]) => {
      const schemas = procedure._def.inputs.map(schemaOf);
      const input = schemas.length ? schemas.reduce(merge) : null;
      return { path, type: procedure._def.type, input };
    });
}

/**
 * Strings people and programs get wrong: NUL and other control characters, lone surrogates, right-to-left
 * marks, broken and double %-escapes, SQL, formulas, template syntax, prototype names, NIP look-alikes,
 * days that do not exist.
 */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(20),
  "%00",
  "%",
  "%%",
  "%zz",
  "%E0%A4%A",
  "%25%32%35",
  "%2e%2e%2f%2e%2e%2f",
  "../../../../etc/passwd",
  "' OR '1'='1' --",
  '"; DROP TABLE employees; --',
  "\\",
  '"',
  "'",
  "`",
  "\uD800",
  "\uDC00x\uD800",
  "\uFFFE\uFFFF",
  "\u202Eabc",
  "\u200B\u200C\u200D",
  "\u0085\u2028\u2029",
  "Ω≈ç√∫˜µ≤≥÷",
  "ｎｉｐ１２３",
  "١٢٣٤٥٦",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
  "\r\n\r\n",
  "\t\v\f\b",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "%s%s%s%n",
  "=HYPERLINK(\"http://x\")",
  "@SUM(A1:A9)",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "0x1F",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "true",
  "[]",
  "{}",
  "*",
  "_",
  ".",
  "..",
  "2025-02-30",
  "2025-13-01",
  "0000-00-00",
  "9999-12-31",
  "2025-S3",
  "2025-Q0",
  "199001012015011001",
  "000000000000000000",
  "999999999999999999",
  " 19900101 201501 1 001 ",
  "1990010120150110011",
];

/** Characters to fill a string to a boundary length with: one UTF-16 unit, two, a NUL, a space. */
const FILLERS = ["a", "é", "😀", "\u0000", " ", "9"];
const HUGE_LENGTHS = [10_000, 100_000, 1_000_000];
const DEPTHS = [65, 1_000, 10_000, 100_000];
const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "extra", "regionId", "", "\u0000", "a".repeat(1000)];
/**
 * Below the top level, lists and maps stay this small: a list of lists at full size would be megabytes,
 * more than a request body may carry.
 */
const SMALL = 25;
const NUMBERS = [0, -0, 1, -1, 0.5, -0.5, 5, 6, 50, 100, 500, 501, 1e12, 1e12 + 1, -1e12 - 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324];

/** Input fields that name another kind of record than their own name says. */
const ALIASES: Record<string, string> = {
  ruleSetVersionId: "ruleSetId",
  fromId: "ruleSetId",
  toId: "ruleSetId",
  peerIds: "employeeId",
  unitIds: "unitId",
  parentRhkId: "rhkId",
  parentId: "feedbackId",
  memberNips: "nip",
  askNip: "nip",
  atasanNip: "nip",
  rater: "nip",
};

const NAMED = /(^id$|Id$|^nip$|Nip$)/;

/**
 * Ids and NIPs met while fuzzing, by what they name (`cycleId`, `employeeId`, `nip`, …), so inputs can name
 * records that exist and reach past "not found" into the services.
 */
export class KnownValues {
  private readonly byName = new Map<string, string[]>();
  private readonly values: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly max = 5_000) {}

  add(name: string, value: string): void {
    const key = `${name}\u0000${value}`;
    if (this.seen.has(key) || this.seen.size >= this.max) return;
    this.seen.add(key);
    this.values.push(value);
    const named = this.byName.get(name) ?? [];
    named.push(value);
    this.byName.set(name, named);
  }

  get all(): readonly string[] {
    return this.values;
  }

  /** Values for an input field: `id` in the cycle procedures is a cycle's id, `peerIds` are employees' ids. */
  forField(field: string, namespace: string): readonly string[] {
    const name = field === "id" ? `${namespace}Id` : (ALIASES[field] ?? field);
    return this.byName.get(name) ?? [];
  }

  /**
   * Keeps the ids and NIPs of an answer, walking it without recursion: `id` at the top is the namespace's
   * (`cycleId` from a cycle procedure), `id` under `employee` is an `employeeId`, `cycleId` is itself.
   */
  harvest(answer: unknown, namespace: string): void {
    const stack: Array<{ value: unknown; owner: string }> = [{ value: answer, owner: namespace }];
    let visited = 0;
    while (stack.length && visited < 10_000) {
      const { value, owner } = stack.pop()!;
      visited++;
      if (Array.isArray(value)) {
        for (const item of value.slice(0, 200)) stack.push({ value: item, owner });
      } else if (value !== null && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          if (typeof child === "string" && child.length <= 100 && NAMED.test(key)) this.add(key === "id" ? `${owner}Id` : key, child);
          else if (typeof child === "object") stack.push({ value: child, owner: key === "items" ? owner : key.replace(/s$/, "") });
        }
      }
    }
  }
}

export interface FuzzOptions {
  known: KnownValues;
  /** The procedure's namespace (`cycle` for cycle.get): what its `id` field names. */
  namespace: string;
  /** Examples by property name (a rule file for `content`), bent before use. */
  examples?: Record<string, readonly unknown[]>;
  /** Strings past this length are not drawn (over HTTP the body limit refuses them first). */
  maxStringLength?: number;
}

export type InputKind = "edge" | "malformed";

/** One drawn input: what it is, and the value (undefined when the procedure is called without one). */
export interface FuzzInput {
  kind: InputKind;
  value: unknown;
}

/** Draws inputs for one schema from fast-check's generator. */
export class InputDrawer {
  constructor(
    private readonly g: fc.GeneratorValue,
    private readonly options: FuzzOptions,
  ) {}

  /** One huge string or deep nest per input: five hundred of them would be more than any request can carry. */
  private bigLeft = 1;

  private bigOnce(size: number, otherwise: number): number {
    if (size <= otherwise) return size;
    if (this.bigLeft <= 0) return otherwise;
    this.bigLeft--;
    return size;
  }

  private int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  private chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** An input for the procedure: edge (follows the schema's shape) or malformed (bent on purpose); either at even odds unless `kind` says. */
  input(schema: JsonSchema | null, kind: InputKind = this.chance(50) ? "edge" : "malformed"): FuzzInput {
    const edge = schema ? this.value(schema, 0) : undefined;
    return kind === "edge" ? { kind, value: edge } : { kind, value: this.bend(edge) };
  }

  /** A value for the schema; `field` is the property it goes in, which says what an id should name. */
  private value(schema: JsonSchema, depth: number, field = ""): unknown {
    if (schema.const !== undefined) return this.chance(90) ? schema.const : this.string(schema, field);
    if (schema.enum) return this.chance(85) ? this.pick(schema.enum) : this.string({}, field);
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches) return this.value(this.pick(branches), depth, field);
    switch (schema.type) {
      case "string":
        return this.string(schema, field);
      case "number":
      case "integer":
        return this.number(schema);
      case "boolean":
        return this.chance(50);
      case "null":
        return null;
      case "array":
        return this.array(schema, depth, field);
      case "object":
        return schema.properties ? this.object(schema, depth) : this.record(schema, depth);
      default:
        return this.anything(depth);
    }
  }

  private string(schema: JsonSchema, field: string): string {
    const roll = this.int(0, 99);
    const named = this.options.known.forField(field, this.options.namespace);
    const known = named.length ? named : this.options.known.all;
    if (roll < 40 && known.length) return this.pick(known);
    if (roll < 44 && known.length) return this.pick(known) + this.pick(["\u0000", " ", "%00", "'", "\uD800", "x".repeat(200)]);
    if (roll < 50 && this.options.known.all.length) return this.pick(this.options.known.all);
    if (roll < 58 && schema.pattern) return this.g(fc.stringMatching, new RegExp(schema.pattern));
    if (roll < 62 && schema.format === "email") return this.g(fc.emailAddress);
    if (roll < 62 && schema.format === "date-time") return new Date(this.int(-8.64e15, 8.64e15)).toISOString();
    if (roll < 66) return this.g(fc.string, { unit: "grapheme-ascii", minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
    if (roll < 74) return this.pick(NASTY_STRINGS);
    if (roll < 78) return this.atBoundary(schema);
    if (roll < 81) return this.fit(this.pick(FILLERS).repeat(this.bigOnce(this.pick(HUGE_LENGTHS), 100)));
    if (roll < 86) return Buffer.from(JSON.stringify([this.pick(NASTY_STRINGS), this.pick([...NASTY_STRINGS, ...known])])).toString("base64url");
    return this.g(fc.string, { unit: this.pick(["grapheme", "binary", "binary-ascii"] as const), maxLength: 40 });
  }

  /** A string of exactly the schema's longest length, one more, or one less than its shortest. */
  private atBoundary(schema: JsonSchema): string {
    const lengths = [schema.maxLength, schema.maxLength === undefined ? undefined : schema.maxLength + 1, schema.minLength ? schema.minLength - 1 : 0].filter(
      (n): n is number => n !== undefined,
    );
    const filler = this.pick(FILLERS);
    return this.fit(filler.repeat(Math.ceil(this.pick(lengths) / filler.length)));
  }

  private fit(text: string): string {
    const max = this.options.maxStringLength;
    return max !== undefined && text.length > max ? text.slice(0, max) : text;
  }

  private number(schema: JsonSchema): number {
    const bounds = [schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum].filter((n): n is number => n !== undefined);
    const nearBounds = bounds.flatMap((n) => [n, n - 1, n + 1, n - 0.5, n + 0.5]);
    const roll = this.int(0, 99);
    if (roll < 35 && nearBounds.length) return this.pick(nearBounds);
    if (roll < 70) return this.pick(NUMBERS);
    if (schema.type === "integer") return this.g(fc.integer);
    return this.g(fc.double, { noNaN: true, noDefaultInfinity: true });
  }

  private array(schema: JsonSchema, depth: number, field: string): unknown[] {
    const max = schema.maxItems ?? 10;
    const lengths = depth <= 1 ? [0, 1, 2, 3, Math.min(max, 60), max + 1] : [0, 1, 2, 3, Math.min(max + 1, SMALL)];
    const length = this.pick(lengths);
    const item = schema.items ?? {};
    return Array.from({ length }, () => this.value(item, depth + 1, field));
  }

  private object(schema: JsonSchema, depth: number): Record<string, unknown> {
    const required = new Set(schema.required ?? []);
    const entries: Array<[string, unknown]> = [];
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (!required.has(key) && !this.chance(60)) continue;
      const examples = this.options.examples?.[key];
      entries.push([key, examples && this.chance(60) ? this.bendExample(this.pick(examples)) : this.value(property, depth + 1, key)]);
    }
    if (this.chance(10)) entries.push([this.pick(EXTRA_KEYS), this.anything(depth + 1)]);
    // fromEntries defines `__proto__` as an own key, as JSON.parse does, instead of setting the prototype.
    return Object.fromEntries(entries);
  }

  private record(schema: JsonSchema, depth: number): Record<string, unknown> {
    const count = this.pick(depth <= 1 ? [0, 1, 2, 5, 20, 501] : [0, 1, 2, 5]);
    const value = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
    const entries: Array<[string, unknown]> = [];
    for (let i = 0; i < count; i++) {
      const key = this.chance(70) ? `k${i}` : this.string(schema.propertyNames ?? {}, "");
      entries.push([key, this.value(value, depth + 1)]);
    }
    return Object.fromEntries(entries);
  }

  /** Any JSON: a small random value, or one nested deeper than anything should walk. */
  private anything(depth: number): unknown {
    if (depth < 4 && this.chance(10)) return nested(this.bigOnce(this.pick(DEPTHS), 3), this.chance(50));
    return this.g(fc.jsonValue, { maxDepth: 3 });
  }

  /** An example (a rule file) with a few of its values swapped, removed, retyped or nested deeper. */
  private bendExample(example: unknown): unknown {
    let value = structuredClone(example);
    for (let n = this.int(0, 3); n > 0; n--) value = this.bendOnce(value);
    return value;
  }

  /** The value with one to three things wrong. */
  private bend(value: unknown): unknown {
    let bent = value;
    for (let n = this.int(1, 3); n > 0; n--) bent = this.bendOnce(bent);
    return bent;
  }

  private bendOnce(root: unknown): unknown {
    if (this.chance(5)) return this.wrong(root);
    // Walk down from the root to a node, each step going deeper with even odds.
    let parent: Record<string, unknown> | unknown[] | null = null;
    let key: string | number | null = null;
    let node = root;
    while (isContainer(node) && this.chance(55)) {
      const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
      if (!keys.length) break;
      parent = node;
      key = this.pick(keys);
      node = (node as Record<string | number, unknown>)[key];
    }
    const action = this.int(0, 3);
    if (action === 0 && isContainer(node)) {
      // Remove a field or an item.
      if (Array.isArray(node)) node.splice(this.int(0, Math.max(0, node.length - 1)), 1);
      else {
        const keys = Object.keys(node);
        if (keys.length) delete node[this.pick(keys)];
      }
      return root;
    }
    if (action === 1 && isContainer(node) && !Array.isArray(node)) {
      Object.defineProperty(node, this.pick(EXTRA_KEYS), { value: this.anything(3), enumerable: true, configurable: true, writable: true });
      return root;
    }
    const replacement = this.wrong(node);
    if (parent === null || key === null) return replacement;
    (parent as Record<string | number, unknown>)[key] = replacement;
    return root;
  }

  /** Something of another kind than `value`, or the value wrapped, nested, or made huge. */
  private wrong(value: unknown): unknown {
    const choices: Array<() => unknown> = [
      () => null,
      () => this.chance(50),
      () => this.pick(NUMBERS),
      () => this.pick(NASTY_STRINGS),
      () => this.fit("x".repeat(this.bigOnce(this.pick(HUGE_LENGTHS), 100))),
      () => [],
      () => ({}),
      () => [value],
      () => ({ value }),
      () => nested(this.bigOnce(this.pick(DEPTHS), 3), this.chance(50)),
      () => (typeof value === "string" ? Number(value) || value.length : typeof value === "number" ? String(value) : undefined),
    ];
    return this.pick(choices)();
  }
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** `[[[…0…]]]` or `{"a":{"a":…}}`, `depth` levels, built without recursion. */
export function nested(depth: number, arrays: boolean): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
}

/** A short, safe description of an input for a report: never recursion, never megabytes. */
export function preview(value: unknown, max = 300): string {
  const parts: string[] = [];
  let length = 0;
  const stack: Array<{ value: unknown } | { text: string }> = [{ value }];
  while (stack.length && length < max) {
    const next = stack.pop()!;
    if ("text" in next) {
      parts.push(next.text);
      length += next.text.length;
      continue;
    }
    const v = next.value;
    let text: string;
    if (Array.isArray(v)) {
      stack.push({ text: "]" });
      for (let i = Math.min(v.length, 20) - 1; i >= 0; i--) stack.push({ value: v[i] }, { text: i ? "," : "" });
      text = v.length > 20 ? `[(${v.length} items) ` : "[";
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v).slice(0, 20);
      stack.push({ text: "}" });
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1] }, { text: `${i ? "," : ""}${JSON.stringify(entries[i]![0].slice(0, 40))}:` });
      text = "{";
    } else if (typeof v === "string") {
      text = v.length > 60 ? `${JSON.stringify(v.slice(0, 60))}…(${v.length} chars)` : JSON.stringify(v);
    } else {
      text = String(v);
    }
    parts.push(text);
    length += text.length;
  }
  const joined = parts.join("");
  return joined.length > max ? `${joined.slice(0, max)}…` : joined;
}

/** JSON text of a value as a client would send it, written without recursion: a value nested 100,000 deep too. */
export function jsonText(value: unknown): string {
  const parts: string[] = [];
  const stack: Array<{ value: unknown } | { text: string }> = [{ value }];
  while (stack.length) {
    const next = stack.pop()!;
    if ("text" in next) {
      parts.push(next.text);
      continue;
    }
    const v = next.value;
    if (Array.isArray(v)) {
      stack.push({ text: "]" });
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] === undefined ? null : v[i] }, { text: i ? "," : "" });
      parts.push("[");
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v).filter(([, child]) => child !== undefined);
      stack.push({ text: "}" });
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1] }, { text: `${i ? "," : ""}${JSON.stringify(entries[i]![0])}:` });
      parts.push("{");
    } else {
      parts.push(JSON.stringify(v) ?? "null");
    }
  }
  return parts.join("");
}
