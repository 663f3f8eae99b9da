// A structural diff of two JSON documents: every pointer (RFC 6901) whose value was added, removed or
// changed. Arrays compare position by position, which is how a rule file's ordered tables read.
export interface JsonChange {
  pointer: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function escape(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function jsonDiff(before: unknown, after: unknown, pointer = ""): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${pointer}/${i}`;
      if (i >= after.length) changes.push({ pointer: at, kind: "removed", before: before[i] });
      else if (i >= before.length) changes.push({ pointer: at, kind: "added", after: after[i] });
      else changes.push(...jsonDiff(before[i], after[i], at));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: JsonChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const at = `${pointer}/${escape(key)}`;
      if (!(key in after)) changes.push({ pointer: at, kind: "removed", before: before[key] });
      else if (!(key in before)) changes.push({ pointer: at, kind: "added", after: after[key] });
      else changes.push(...jsonDiff(before[key], after[key], at));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ pointer, kind: "changed", before, after }];
}
