// Code specialised per rule set: a stage may be written out as JavaScript source when the rule set is
// compiled, so the hot path names each property (`given["disiplin.berturut_turut"]`) where a closure would look
// up a name held in an array. Only the compiler writes the source, from validated rule data, and every name
// in it is a JSON string literal (`literal`), never raw text. Where code from strings is not allowed (a page
// whose Content-Security-Policy has no 'unsafe-eval', or `--disallow-code-generation-from-strings`),
// `new Function` throws and the stage keeps its closure, which gives the identical result.

/** Whether this realm may compile code from strings; asked once. */
let allowed: boolean | undefined;

/** Turned off (or back to asking the realm) by tests, to run the closures a locked-down page would. */
export function allowGeneratedCode(allow: boolean | undefined): void {
  allowed = allow;
}

function canGenerate(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function("return 1")() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

/**
 * A name or value as JavaScript source: a JSON literal, which the parser reads back as the same value; -0,
 * which JSON writes as 0, as `-0`.
 */
export function literal(value: string | number | boolean | null): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`no literal for ${value}`);
  return Object.is(value, -0) ? "-0" : JSON.stringify(value);
}

/**
 * The function `body` returns, given `helpers` as `h`; null when code may not be generated here (the caller
 * then uses its closure).
 */
export function generate<T>(body: string, helpers: Record<string, unknown>): T | null {
  if (!canGenerate()) return null;
  let factory: (h: Record<string, unknown>) => T;
  try {
    factory = new Function("h", `"use strict";\n${body}`) as (h: Record<string, unknown>) => T;
  } catch (error) {
    // A syntax error is the compiler's fault, not the page's: only a refusal to compile falls back.
    if (error instanceof EvalError) return null;
    throw error;
  }
  return factory(helpers);
}
