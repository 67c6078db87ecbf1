/**
 * Stateless hashing for kube-sim's derived values: anything that must be the same on every request
 * (container IDs, per-cgroup rates, log line k) is a hash of stable names, never of generation order.
 */

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into a well-spread 32-bit value (murmur3 finaliser over a combined word). */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b >>> 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash as a float in [0, 1). */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** A float in [0, 1) determined by a key string and an optional salt. */
export function hashUnit(key: string, salt = 0): number {
  return unit(mix32(fnv1a(key), salt));
}

/** A float in [lo, hi) determined by a key string and a salt. */
export function hashRange(key: string, salt: number, lo: number, hi: number): number {
  return lo + hashUnit(key, salt) * (hi - lo);
}

/** `len` lowercase hex digits derived from a key, e.g. a 64-digit container ID. */
export function hexId(key: string, len: number): string {
  let out = '';
  let h = fnv1a(key);
  for (let i = 0; out.length < len; i++) {
    h = mix32(h, i + 1);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, len);
}

/** A UUID-shaped (8-4-4-4-12) string derived from a key. */
export function uuidFrom(key: string): string {
  const x = hexId(key, 32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
