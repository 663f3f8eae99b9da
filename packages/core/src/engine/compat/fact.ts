// A fact as json-rules-engine defines one: a constant value, or a function of the condition's params
// and the almanac, cached per params unless `cache: false`; its priority orders conditions within all/any.
import type { Almanac } from "./almanac.js";

/** What a dynamic fact is given: the condition's params, and the run's almanac to read other facts. */
export type FactFunction<T = unknown> = (params: Record<string, unknown>, almanac: Almanac) => T | Promise<T>;

/** json-rules-engine's name for a fact function. */
export type DynamicFactCallback<T = unknown> = FactFunction<T>;

/** How a fact is cached and ordered. */
export interface FactOptions {
  /** Keep the value per params for the rest of the run (default true). */
  cache?: boolean;
  /** Higher is read first within an all/any: conditions on lower-priority facts wait and may be skipped. */
  priority?: number;
}

/** json-rules-engine's Fact: a constant, or a function of params and almanac. */
export class Fact<T = unknown> {
  /** The type of a fact that is a value. */
  static readonly CONSTANT = "CONSTANT";
  /** The type of a fact that is a function. */
  static readonly DYNAMIC = "DYNAMIC";

  readonly id: string;
  readonly type: "CONSTANT" | "DYNAMIC";
  readonly value?: T;
  readonly calculationMethod?: FactFunction<T>;
  readonly priority: number;
  readonly options: Required<Pick<FactOptions, "cache">> & FactOptions;

  constructor(id: string, valueOrMethod: T | FactFunction<T>, options: FactOptions = { cache: true }) {
    this.id = id;
    if (typeof valueOrMethod === "function") {
      this.calculationMethod = valueOrMethod as FactFunction<T>;
      this.type = Fact.DYNAMIC;
    } else {
      this.value = valueOrMethod;
      this.type = Fact.CONSTANT;
    }
    if (!this.id) throw new Error("factId required");
    this.priority = Number.parseInt(String(options.priority || 1), 10);
    this.options = { cache: true, ...options };
  }

  /** True for a fact that is a value. */
  isConstant(): boolean {
    return this.type === Fact.CONSTANT;
  }

  /** True for a fact that is a function. */
  isDynamic(): boolean {
    return this.type === Fact.DYNAMIC;
  }

  /** The value: the constant, or what the function gives for `params`. */
  calculate(params: Record<string, unknown>, almanac: Almanac): T | Promise<T> {
    if (this.type === Fact.CONSTANT) return this.value as T;
    return this.calculationMethod!(params, almanac);
  }

  /** The key this fact's value for `params` is cached under, or undefined when it is not cached. */
  getCacheKey(params: Record<string, unknown>): string | undefined {
    if (this.options.cache !== true) return undefined;
    return contentKey({ id: this.id, params });
  }
}

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A string equal for equal contents (keys in any order); objects that are not plain data count by identity. */
function contentKey(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "function") return `f${identityOf(value)}`;
    return typeof value === "string" ? JSON.stringify(value) : `${typeof value}:${String(value)}`;
  }
  if (Array.isArray(value)) return `[${value.map(contentKey).join(",")}]`;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return `o${identityOf(value)}`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${contentKey((value as Record<string, unknown>)[key])}`).join(",")}}`;
}

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = ++lastIdentity));
  return id;
}
