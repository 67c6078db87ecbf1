/** Seeded randomness and Kubernetes-style generated names, so a seed always builds the same cluster. */

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string, for values that depend on a name rather than on generation order. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The alphabet apimachinery's rand.String uses for generated name suffixes (no vowels, no confusables). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Rand {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** 8-4-4-4-12 lowercase hex, version-4 shaped */
  uid(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        s += Math.floor(this.next() * 16).toString(16);
      }
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(0, 3)]}${hex(3)}-${hex(12)}`;
  }

  /** a generateName-style suffix, e.g. "x7k2p" */
  suffix(len = 5): string {
    let s = '';
    for (let i = 0; i < len; i++) {
      s += SUFFIX_ALPHABET[Math.floor(this.next() * SUFFIX_ALPHABET.length)];
    }
    return s;
  }

  hex(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) {
      s += Math.floor(this.next() * 16).toString(16);
    }
    return s;
  }
}
