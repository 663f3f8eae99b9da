// Errors the engine throws. Run-time messages are worded as json-rules-engine words them, so code and
// people who know that engine recognise them; compile-time errors say where in the rules they are.

/** A condition read a fact the run was not given (and `allowUndefinedFacts` is off). */
export class UndefinedFactError extends Error {
  readonly code = "UNDEFINED_FACT";
  readonly factId: unknown;
  constructor(factId: unknown) {
    super(`Undefined fact: ${String(factId)}`);
    this.name = "UndefinedFactError";
    this.factId = factId;
  }
}

/** A `{ condition: name }` reference to a name not in `options.conditions` (and `allowUndefinedConditions` is off). */
export class UndefinedConditionError extends Error {
  readonly conditionName: unknown;
  constructor(conditionName: unknown) {
    super(`No condition ${String(conditionName)} exists`);
    this.name = "UndefinedConditionError";
    this.conditionName = conditionName;
  }
}

/** A condition's operator is not a built-in operator with known decorators. Raised when the condition is evaluated. */
export class UnknownOperatorError extends Error {
  readonly operator: unknown;
  constructor(operator: unknown) {
    super(`Unknown operator: ${String(operator)}`);
    this.name = "UnknownOperatorError";
    this.operator = operator;
  }
}

/** A rule or condition json-rules-engine would refuse to load; `pointer` is the RFC 6901 pointer of the bad value. */
export class RuleDefinitionError extends Error {
  readonly pointer: string;
  constructor(pointer: string, problem: string) {
    super(`${pointer || "/"}: ${problem}`);
    this.name = "RuleDefinitionError";
    this.pointer = pointer;
  }
}

/** Appends JSON pointer segments, escaping "~" and "/" as RFC 6901 requires. */
export function pointerTo(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
