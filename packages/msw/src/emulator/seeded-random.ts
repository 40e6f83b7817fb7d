const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const HASH_START = 0x811c9dc5;

function mix(h: number, value: number): number {
  let x = Math.imul(h ^ (value | 0), 0x01000193);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * Mixes 32-bit integers into one well-spread 32-bit hash (a murmur3-style finaliser), so
 * generated content and IDs depend only on the seed and their position.
 *
 * @example
 * ```ts
 * hash32(42, 7) === hash32(42, 7); // true
 * ```
 */
export function hash32(...values: readonly number[]): number {
  let h = HASH_START;
  for (const value of values) h = mix(h, value);
  return h >>> 0;
}

/**
 * `hash32(a, b)` without an argument array, for hot loops (once per record or ID character,
 * millions of times for a large archive) that should leave no garbage behind.
 *
 * @example
 * ```ts
 * hash32Pair(42, 7) === hash32(42, 7); // true
 * ```
 */
export function hash32Pair(a: number, b: number): number {
  return mix(mix(HASH_START, a), b) >>> 0;
}

/**
 * A 32-bit hash of a string, for seeding from names such as job IDs.
 *
 * @example
 * ```ts
 * hashString("myactivity.youtube"); // a stable number
 * ```
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return hash32(h);
}

/**
 * A small deterministic pseudo-random generator (mulberry32): the same seed gives the same
 * sequence on every platform.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(1);
 * random.next(); // a number in [0, 1), the same for seed 1 every time
 * ```
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = hash32(seed) || 0x9e3779b9;
  }

  /**
   * The next number in [0, 1).
   *
   * @example
   * ```ts
   * new SeededRandom(7).next() < 1; // true
   * ```
   */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An integer in [0, max).
   *
   * @example
   * ```ts
   * new SeededRandom(7).int(10); // 0..9
   * ```
   */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /**
   * A URL-safe token of `length` characters.
   *
   * @example
   * ```ts
   * new SeededRandom(7).token(16).length; // 16
   * ```
   */
  token(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += ALPHABET[this.int(64)];
    return out;
  }

  /**
   * A string of decimal digits not starting with 0.
   *
   * @example
   * ```ts
   * new SeededRandom(7).digits(19).length; // 19
   * ```
   */
  digits(length: number): string {
    let out = String(1 + this.int(9));
    for (let i = 1; i < length; i++) out += String(this.int(10));
    return out;
  }
}
