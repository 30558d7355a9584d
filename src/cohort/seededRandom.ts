/**
 * A small seeded pseudo-random generator (mulberry32). The library never calls `Math.random()`:
 * synthetic cohorts are a function of their seed, so a run can be repeated exactly.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(42);
 * random.next(); // the same number on every machine, every day
 * ```
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** One of the items, chosen with the given weights (items with weight 0 are never chosen). */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T | undefined;
}

/** Creates a {@link SeededRandom} from an integer seed. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    weighted: (items, weightOf) => {
      let total = 0;
      for (const item of items) total += Math.max(0, weightOf(item));
      if (total <= 0) return undefined;
      let pick = next() * total;
      for (const item of items) {
        pick -= Math.max(0, weightOf(item));
        if (pick < 0) return item;
      }
      return items[items.length - 1];
    },
  };
}
