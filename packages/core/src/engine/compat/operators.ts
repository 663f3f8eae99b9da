// Operators and operator decorators as json-rules-engine defines them: an operator compares a fact's
// value with a condition's value once its validator accepts the fact's value; a decorator ("not:",
// "someFact:") wraps an operator into a new one, named "decorator:operator" and built when first used.

/** An operator's comparison of a fact's value with a condition's value. */
export type OperatorEvaluator<A = unknown, B = unknown> = (factValue: A, compareToValue: B) => boolean;
/** A decorator's comparison, given the operator it wraps as `next`. */
export type DecoratorEvaluator<A = unknown, B = unknown> = (
  factValue: A,
  compareToValue: B,
  next: OperatorEvaluator<unknown, unknown>,
) => boolean;
/** Whether an operator applies to a fact's value at all. */
export type FactValueValidator = (factValue: unknown) => boolean;

const anything: FactValueValidator = () => true;

/** json-rules-engine's Operator: a named comparison with a validator of the fact's value. */
export class Operator<A = unknown, B = unknown> {
  readonly name: string;
  readonly cb: OperatorEvaluator<A, B>;
  readonly factValueValidator: FactValueValidator;

  constructor(name: string, cb: OperatorEvaluator<A, B>, factValueValidator?: FactValueValidator) {
    this.name = String(name);
    if (!name) throw new Error("Missing operator name");
    if (typeof cb !== "function") throw new Error("Missing operator callback");
    this.cb = cb;
    this.factValueValidator = factValueValidator ?? anything;
  }

  /** False when the validator refuses the fact's value; otherwise the callback's answer. */
  evaluate(factValue: A, compareToValue: B): boolean {
    return this.factValueValidator(factValue) && this.cb(factValue, compareToValue);
  }
}

/** json-rules-engine's OperatorDecorator: wraps any operator into `name:operator`. */
export class OperatorDecorator<A = unknown, B = unknown> {
  readonly name: string;
  readonly cb: DecoratorEvaluator<A, B>;
  readonly factValueValidator: FactValueValidator;

  constructor(name: string, cb: DecoratorEvaluator<A, B>, factValueValidator?: FactValueValidator) {
    this.name = String(name);
    if (!name) throw new Error("Missing decorator name");
    if (typeof cb !== "function") throw new Error("Missing decorator callback");
    this.cb = cb;
    this.factValueValidator = factValueValidator ?? anything;
  }

  /** The operator "name:operator.name" that runs this decorator around `operator`. */
  decorate(operator: Operator): Operator<A, B> {
    const next: OperatorEvaluator = (a, b) => operator.evaluate(a, b);
    return new Operator<A, B>(`${this.name}:${operator.name}`, (a, b) => this.cb(a, b, next), this.factValueValidator);
  }
}

const isNumeric: FactValueValidator = (value) => Number.parseFloat(value as string).toString() !== "NaN";
type Indexable = { indexOf(value: unknown): number };

function defaultOperators(): Operator[] {
  return [
    new Operator("equal", (a, b) => a === b),
    new Operator("notEqual", (a, b) => a !== b),
    new Operator("in", (a, b) => (b as Indexable).indexOf(a) > -1),
    new Operator("notIn", (a, b) => (b as Indexable).indexOf(a) === -1),
    new Operator("contains", (a, b) => (a as Indexable).indexOf(b) > -1, Array.isArray),
    new Operator("doesNotContain", (a, b) => (a as Indexable).indexOf(b) === -1, Array.isArray),
    new Operator("lessThan", (a, b) => (a as number) < (b as number), isNumeric),
    new Operator("lessThanInclusive", (a, b) => (a as number) <= (b as number), isNumeric),
    new Operator("greaterThan", (a, b) => (a as number) > (b as number), isNumeric),
    new Operator("greaterThanInclusive", (a, b) => (a as number) >= (b as number), isNumeric),
  ];
}

function defaultDecorators(): OperatorDecorator[] {
  return [
    new OperatorDecorator("someFact", (a, b, next) => (a as unknown[]).some((item) => next(item, b)), Array.isArray),
    new OperatorDecorator("someValue", (a, b, next) => (b as unknown[]).some((item) => next(a, item))),
    new OperatorDecorator("everyFact", (a, b, next) => (a as unknown[]).every((item) => next(item, b)), Array.isArray),
    new OperatorDecorator("everyValue", (a, b, next) => (b as unknown[]).every((item) => next(a, item))),
    new OperatorDecorator("swap", (a, b, next) => next(b, a)),
    new OperatorDecorator("not", (a, b, next) => !next(a, b)),
  ];
}

/**
 * The engine's operators and decorators. `customised` turns true once either set differs from the
 * built-ins, which the compiled rules know by name; from then on runs read operators from here.
 */
export class OperatorMap {
  private readonly operators = new Map<string, Operator>();
  private readonly decorators = new Map<string, OperatorDecorator>();
  customised = false;

  constructor() {
    for (const operator of defaultOperators()) this.operators.set(operator.name, operator);
    for (const decorator of defaultDecorators()) this.decorators.set(decorator.name, decorator);
  }

  /** Adds (or replaces) an operator. */
  addOperator<A, B>(operatorOrName: Operator<A, B> | string, cb?: OperatorEvaluator<A, B>): void {
    const operator = operatorOrName instanceof Operator ? operatorOrName : new Operator(operatorOrName, cb!);
    this.operators.set(operator.name, operator as Operator);
    this.customised = true;
  }

  /** Removes the operator and every decorated operator built on it. */
  removeOperator(operatorOrName: Operator | string): boolean {
    const name = operatorOrName instanceof Operator ? operatorOrName.name : operatorOrName;
    for (const key of [...this.operators.keys()]) if (key.endsWith(`:${name}`)) this.operators.delete(key);
    this.customised = true;
    return this.operators.delete(name);
  }

  /** Adds (or replaces) a decorator. */
  addOperatorDecorator<A, B>(decoratorOrName: OperatorDecorator<A, B> | string, cb?: DecoratorEvaluator<A, B>): void {
    const decorator = decoratorOrName instanceof OperatorDecorator ? decoratorOrName : new OperatorDecorator(decoratorOrName, cb!);
    this.decorators.set(decorator.name, decorator as OperatorDecorator);
    this.customised = true;
  }

  /** Removes the decorator and every decorated operator that uses it. */
  removeOperatorDecorator(decoratorOrName: OperatorDecorator | string): boolean {
    const name = decoratorOrName instanceof OperatorDecorator ? decoratorOrName.name : decoratorOrName;
    for (const key of [...this.operators.keys()]) if (key.includes(`${name}:`)) this.operators.delete(key);
    this.customised = true;
    return this.decorators.delete(name);
  }

  /** The operator named `name` ("not:someFact:equal" built from its parts and kept), or null. */
  get(name: string): Operator | null {
    const decorators: OperatorDecorator[] = [];
    let operatorName = name;
    while (!this.operators.has(operatorName)) {
      const colon = operatorName.indexOf(":");
      if (colon <= 0) return null;
      const decorator = this.decorators.get(operatorName.slice(0, colon));
      if (!decorator) return null;
      decorators.unshift(decorator);
      operatorName = operatorName.slice(colon + 1);
    }
    let operator = this.operators.get(operatorName)!;
    for (const decorator of decorators) {
      operator = decorator.decorate(operator);
      this.operators.set(operator.name, operator);
    }
    return operator;
  }
}
