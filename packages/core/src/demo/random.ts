// A small seeded PRNG (mulberry32): demo data must be the same for the same seed on every machine,
// in Node and in a browser, without a dependency.

/** A seeded source of random numbers. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  /** One of the items, each as likely. */
  pick<T>(items: readonly T[]): T;
  /** One of the items, in proportion to its weight. */
  pickWeighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** Standard normal, by Box–Muller. */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** The same numbers for the same seed, in Node and in a browser (mulberry32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    pickWeighted: (items, weight) => {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let r = next() * total;
      for (const item of items) {
        r -= weight(item);
        if (r < 0) return item;
      }
      const last = items.at(-1);
      if (last === undefined) throw new Error("pick from an empty list");
      return last;
    },
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
  };
}
