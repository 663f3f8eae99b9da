// Limits on a rule file's size and shape. Everything that reads a rule file walks it recursively (the
// schema, the checks, the compiler, hashing, JSON.stringify), so these are measured first, on the parsed
// JSON and without recursion: a file nested thousands of levels deep, or one built to be slow, is refused
// whole with the limit it broke instead of exhausting the stack or the CPU.
import { pointer, type RuleIssue, type Texts } from "./errors.js";

/** The limits on a rule file's size and shape, checked before anything walks it. */
export interface RuleFileLimits {
  /** UTF-8 bytes of the file as compact JSON (without indentation). */
  bytes: number;
  /**
   * Objects and lists inside each other, the document itself being level 1; also conditions inside each
   * other (all, any, not), with named conditions put in place where they are referred to.
   */
  depth: number;
  /** Outcome rules plus the rows of every decision table. */
  rules: number;
  /**
   * Each all, any, not, reference and test, a decision cell's tests included, and a named condition's
   * again wherever it is referred to.
   */
  conditions: number;
}

/** Shipped rule files stay far below these (about 40 KB, depth 9, 30 rules, 60 conditions). */
export const RULE_FILE_LIMITS: Readonly<RuleFileLimits> = { bytes: 1024 * 1024, depth: 64, rules: 1000, conditions: 10_000 };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A value being walked: the key it sits under and its parent, so a path is made only when one is reported. */
interface Walked {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Walked | undefined;
}

function pathOf(node: Walked): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Walked | undefined = node; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/** How far past the byte limit a walk goes before it stops counting: beyond it the exact size is not worth computing. */
const COUNTING_FACTOR = 8;

/** A container being walked, and which of its children comes next. */
interface Frame extends Walked {
  /** An object's keys; undefined for a list. */
  keys: string[] | undefined;
  length: number;
  next: number;
}

/**
 * One walk without recursion: the path of the first value below `limits.depth` levels, or whether the value
 * is certainly larger than COUNTING_FACTOR × `limits.bytes` as compact JSON (counted from below: a string's
 * UTF-16 length never exceeds its UTF-8 bytes), stopping there so that a huge value costs no more than that.
 * A container's children are taken one at a time, so a list of a million items is not copied first.
 */
function measure(json: unknown, limits: Readonly<RuleFileLimits>): { deep?: Array<string | number>; huge: boolean } {
  const budget = COUNTING_FACTOR * limits.bytes;
  let bytes = 0;
  const stack: Frame[] = [];
  const enter = (value: unknown, depth: number, key: string | number, parent: Walked | undefined): Array<string | number> | undefined => {
    if (typeof value === "string") bytes += value.length + 2;
    else if (typeof value !== "object" || value === null) bytes += 1;
    else {
      if (depth >= limits.depth) return pathOf({ value, depth, key, parent });
      const keys = Array.isArray(value) ? undefined : Object.keys(value);
      const length = keys ? keys.length : (value as unknown[]).length;
      bytes += 2 + length;
      stack.push({ value, depth, key, parent, keys, length, next: 0 });
    }
    return undefined;
  };
  let deep = enter(json, 0, "", undefined);
  while (deep === undefined && bytes <= budget && stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.length) {
      stack.pop();
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index]! : index;
    if (typeof key === "string") bytes += key.length + 3;
    deep = enter((frame.value as Record<string | number, unknown>)[key], frame.depth + 1, key, frame);
  }
  return deep ? { deep, huge: false } : { huge: bytes > budget };
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/**
 * The issues of a parsed rule file that breaks a limit: too deep, too large, or too many rules or conditions.
 * Empty when it is within them.
 */
export function ruleFileLimitIssues(json: unknown, file: string, limits: Readonly<RuleFileLimits> = RULE_FILE_LIMITS): RuleIssue[] {
  const issue = (at: string, message: Texts): RuleIssue => ({ file, pointer: at, message: message.id, messageEn: message.en, severity: "error" });
  const { deep, huge } = measure(json, limits);
  if (huge) {
    const atLeast = COUNTING_FACTOR * limits.bytes;
    return [
      issue("", {
        id: `berkas ini lebih dari ${atLeast} bita sebagai JSON ringkas; yang diharapkan: paling banyak ${limits.bytes} bita dalam berkas aturan`,
        en: `the file is over ${atLeast} bytes as compact JSON; expected at most ${limits.bytes} bytes in a rule file`,
      }),
    ];
  }
  if (deep) {
    return [
      issue(pointer(...deep), {
        id:
          `nilai ini bersarang ${deep.length + 1} tingkat (objek dan daftar di dalam satu sama lain); ` +
          `yang diharapkan: paling banyak ${limits.depth} tingkat dalam berkas aturan`,
        en:
          `this value is nested ${deep.length + 1} levels deep (objects and lists inside each other); ` +
          `expected at most ${limits.depth} levels in a rule file`,
      }),
    ];
  }
  const bytes = utf8Bytes(JSON.stringify(json) ?? "");
  const tooLarge =
    bytes > limits.bytes
      ? [
          issue("", {
            id: `berkas ini ${bytes} bita sebagai JSON ringkas; yang diharapkan: paling banyak ${limits.bytes} bita dalam berkas aturan`,
            en: `the file is ${bytes} bytes as compact JSON; expected at most ${limits.bytes} bytes in a rule file`,
          }),
        ]
      : [];
  return [...tooLarge, ...ruleSetSizeIssues(json, file, limits)];
}

interface ConditionShape {
  /** Levels of the tree itself, its root being level 1. */
  depth: number;
  /** Nodes of the tree itself, references included. */
  size: number;
  /** Named-condition references, with their level. */
  references: Array<{ level: number; name: string }>;
}

/** How a named condition measures once the conditions it refers to are put in place. */
interface Measure {
  depth: number;
  size: number;
}

function shapeOf(condition: unknown): ConditionShape {
  const shape: ConditionShape = { depth: 0, size: 0, references: [] };
  const stack: Array<{ node: unknown; level: number }> = [{ node: condition, level: 1 }];
  while (stack.length) {
    const { node, level } = stack.pop()!;
    if (!isRecord(node)) continue;
    shape.depth = Math.max(shape.depth, level);
    shape.size++;
    if (typeof node.condition === "string") shape.references.push({ level, name: node.condition });
    for (const child of [...items(node.all), ...items(node.any)]) stack.push({ node: child, level: level + 1 });
    if (Object.hasOwn(node, "not")) stack.push({ node: node.not, level: level + 1 });
  }
  return shape;
}

function measureThrough(shape: ConditionShape, named: ReadonlyMap<string, Measure>): Measure {
  const measure = { depth: shape.depth, size: shape.size };
  for (const ref of shape.references) {
    const target = named.get(ref.name);
    if (!target) continue;
    measure.depth = Math.max(measure.depth, ref.level + target.depth);
    measure.size += target.size;
  }
  return measure;
}

/**
 * Every named condition measured with the conditions it refers to put in place, depth-first without
 * recursion. A reference back into the chain being measured (a cycle, which the checks report) adds nothing.
 */
function measureNamed(shapes: ReadonlyMap<string, ConditionShape>): Map<string, Measure> {
  const measures = new Map<string, Measure>();
  const open = new Set<string>();
  for (const start of shapes.keys()) {
    if (measures.has(start)) continue;
    const stack = [{ name: start, next: 0 }];
    open.add(start);
    while (stack.length) {
      const frame = stack.at(-1)!;
      const shape = shapes.get(frame.name)!;
      const ref = shape.references[frame.next];
      if (ref) {
        frame.next++;
        if (shapes.has(ref.name) && !measures.has(ref.name) && !open.has(ref.name)) {
          open.add(ref.name);
          stack.push({ name: ref.name, next: 0 });
        }
        continue;
      }
      measures.set(frame.name, measureThrough(shape, measures));
      open.delete(frame.name);
      stack.pop();
    }
  }
  return measures;
}

/** The condition trees of a rule file or set, with their pointers; decision cells are counted apart. */
function conditionPlaces(json: unknown): Array<{ at: string; condition: unknown }> {
  const places: Array<{ at: string; condition: unknown }> = [];
  const add = (condition: unknown, ...at: Array<string | number>) => {
    if (condition !== undefined) places.push({ at: pointer(...at), condition });
  };
  items(field(json, "indicatorSets")).forEach((set, i) => add(field(set, "when"), "indicatorSets", i, "when"));
  items(field(json, "decisions")).forEach((table, i) => add(field(table, "when"), "decisions", i, "when"));
  items(field(json, "calculations")).forEach((calculation, i) => add(field(calculation, "when"), "calculations", i, "when"));
  items(field(json, "outcomes")).forEach((rule, i) => add(field(rule, "conditions"), "outcomes", i, "conditions"));
  return places;
}

function decisionCellTests(json: unknown): number {
  let count = 0;
  for (const table of items(field(json, "decisions"))) {
    for (const row of items(field(table, "rows"))) {
      for (const cell of items(field(row, "when"))) if (isRecord(cell)) count += Object.keys(cell).length;
    }
  }
  return count;
}

/**
 * The rule and condition limits a rule file or a resolved rule set breaks. Conditions are counted, and
 * their depth measured, with every named condition put in place where it is referred to: that is what
 * the checks walk and an evaluation runs, and a short file whose named conditions refer to one another
 * in a long chain, or two by two, can be thousands of levels deep or millions of conditions large.
 */
export function ruleSetSizeIssues(json: unknown, file: string, limits: Readonly<RuleFileLimits> = RULE_FILE_LIMITS): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const issue = (at: string, message: Texts) => issues.push({ file, pointer: at, message: message.id, messageEn: message.en, severity: "error" });
  const outcomes = items(field(json, "outcomes")).length;
  const rows = items(field(json, "decisions")).reduce<number>((sum, table) => sum + items(field(table, "rows")).length, 0);
  if (outcomes + rows > limits.rules) {
    issue("", {
      id:
        `berkas ini berisi ${outcomes + rows} aturan (${outcomes} aturan tindak lanjut, ${rows} baris tabel keputusan); ` +
        `yang diharapkan: paling banyak ${limits.rules} aturan dalam berkas aturan`,
      en:
        `the file has ${outcomes + rows} rules (${outcomes} outcome rules, ${rows} decision-table rows); ` +
        `expected at most ${limits.rules} rules in a rule file`,
    });
  }
  const conditions = field(json, "conditions");
  const shapes = new Map(isRecord(conditions) ? Object.entries(conditions).map(([name, c]) => [name, shapeOf(c)]) : []);
  const named = measureNamed(shapes);
  // A named condition counts its own conditions where it is declared, and all of them where it is used.
  const places = [
    ...[...named].map(([name, measure]) => ({ at: pointer("conditions", name), depth: measure.depth, size: shapes.get(name)!.size })),
    ...conditionPlaces(json).map(({ at, condition }) => ({ at, ...measureThrough(shapeOf(condition), named) })),
  ];
  const deepest = places.reduce<(typeof places)[number] | undefined>((a, b) => (a && a.depth >= b.depth ? a : b), undefined);
  if (deepest && deepest.depth > limits.depth) {
    issue(deepest.at, {
      id:
        `kondisi ini bersarang ${deepest.depth} tingkat setelah kondisi bernama yang dirujuknya dipasang di tempatnya; ` +
        `yang diharapkan: paling banyak ${limits.depth} tingkat (rantai kondisi yang saling merujuk lebih pendek)`,
      en:
        `this condition nests ${deepest.depth} levels deep once the named conditions it refers to are put in place; ` +
        `expected at most ${limits.depth} levels (a shorter chain of conditions referring to one another)`,
    });
  }
  const total = places.reduce((sum, place) => sum + place.size, decisionCellTests(json));
  if (total > limits.conditions) {
    issue("", {
      id:
        `berkas ini berisi ${total} kondisi, menghitung setiap all, any, not, rujukan dan uji (termasuk sel tabel keputusan) ` +
        `serta setiap kondisi bernama lagi di mana pun ia dirujuk; yang diharapkan: paling banyak ${limits.conditions} kondisi dalam berkas aturan`,
      en:
        `the file has ${total} conditions, counting each all, any, not, reference and test (decision cells included) and ` +
        `each named condition again wherever it is referred to; expected at most ${limits.conditions} conditions in a rule file`,
    });
  }
  return issues;
}
