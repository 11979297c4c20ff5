// A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed text): the same seed gives
// the same sequence on every machine: sample data, and the random draws of sample inspections,
// whose stored seed lets anyone draw them again. Not for secrets.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** An independent stream for a sub-task, derived from this seed and a label. */
  fork(label: string): Random;
}

export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function createRandom(seed: string | number): Random {
  const seedText = String(seed);
  let state = hashSeed(seedText);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items, weight) {
      let total = 0;
      for (const item of items) total += Math.max(0, weight(item));
      if (items.length === 0 || total <= 0) throw new RangeError("weighted pick with no positive weight");
      let target = next() * total;
      for (const item of items) {
        target -= Math.max(0, weight(item));
        if (target < 0) return item;
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork(label) {
      return createRandom(`${seedText}/${label}`);
    },
  };
  return random;
}

/** `count` distinct items drawn from `items` (all of them when there are fewer), in draw order. */
export function drawSample<T>(items: readonly T[], count: number, seed: string): T[] {
  const random = createRandom(seed);
  const pool = [...items];
  const drawn: T[] = [];
  while (drawn.length < count && pool.length > 0) {
    const index = random.int(0, pool.length - 1);
    drawn.push(pool.splice(index, 1)[0] as T);
  }
  return drawn;
}
