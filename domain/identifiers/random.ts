/**
 * A small seeded PRNG so the seed generator produces the same province every run.
 * Math.random cannot be seeded, and a data set that changes between runs makes
 * failing tests impossible to reproduce.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

const TWO_POW_32 = 4294967296;

/** FNV-1a over UTF-16 code units: enough spread for seeds, no crypto needed. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32 needs 128 bits of state; splitmix32 stretches one 32-bit hash into four well-mixed words. */
function expandSeed(seed: number): [number, number, number, number] {
  let state = seed | 0;
  const nextWord = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [nextWord(), nextWord(), nextWord(), nextWord()];
}

/** Numbers are hashed through their decimal text, so 42 and '42' are the same seed. */
export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = expandSeed(hashText(String(seed)));
  const sfc32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  };
  // The first outputs of sfc32 still correlate with the seed words.
  for (let i = 0; i < 15; i++) sfc32();

  const int = (min: number, maxInclusive: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive) || min > maxInclusive) {
      throw new RangeError(`int(${min}, ${maxInclusive}) needs integers with min <= max`);
    }
    return min + Math.floor(sfc32() * (maxInclusive - min + 1));
  };
  return {
    next: sfc32,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[int(0, items.length - 1)];
    },
    chance: (p: number): boolean => sfc32() < p,
  };
}

/** `count` characters drawn from `alphabet`. */
export function randomChars(random: Random, alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

export function randomDigits(random: Random, count: number): string {
  return randomChars(random, '0123456789', count);
}

/** Picks a value with probability proportional to its weight (weights need not sum to 1). */
export function weightedPick<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = random.next() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new RangeError('weightedPick() from an empty list');
  return last[0];
}
