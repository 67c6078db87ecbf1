/**
 * parseJson64's values at JSON.parse's speed. JSON.parse rounds an integer literal past 2^53; such a literal has 16
 * digits or more, so one quick scan finds every candidate and keeps its exact value, keyed by the double JSON.parse
 * rounds it to. `exact` then turns a rounded integer back into that bigint, as parseJson64 would have built it.
 *
 * It falls back to parseJson64 (same values, same errors) when it cannot be sure: two literals that round to the
 * same double, a long literal with a fraction or exponent, anything JSON.parse refuses. Left: an exponent literal
 * such as 1e17 is a number in parseJson64, but if the same text also holds a long integer that rounds to the very
 * same double, `exact` answers that integer; no JSON encoder writes a uint64 that way. Nesting has no depth limit.
 */
import { Json64Value, parseJson64 } from './json64';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * 16 digits in a row: 15 digits are always below 2^53, a literal of 16 or more may not be. Written out rather than
 * as \d{16}, which V8 runs ten times slower (it retries at every digit; this form lets it skip ahead).
 */
const SIXTEEN_DIGITS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface ExactJson {
  value: Json64Value;
  /** a value read from `value`, as parseJson64 would have given it */
  exact: (v: Json64Value | undefined) => Json64Value | undefined;
}

const asIs = (v: Json64Value | undefined) => v;

/**
 * The exact value of every long integer literal that JSON.parse would round, by the double it rounds to; undefined
 * when one double stands for two literals, or a long literal is not an integer. Digits inside strings may add
 * entries no value uses, which changes nothing (or makes it fall back).
 */
function longIntegers(text: string): Map<number, bigint> | undefined {
  const exact = new Map<number, bigint>();
  SIXTEEN_DIGITS.lastIndex = 0;
  for (let match = SIXTEEN_DIGITS.exec(text); match; match = SIXTEEN_DIGITS.exec(text)) {
    let start = match.index;
    while (isDigit(text.charCodeAt(start - 1))) {
      start--;
    }
    let end = match.index + 16;
    while (isDigit(text.charCodeAt(end))) {
      end++;
    }
    SIXTEEN_DIGITS.lastIndex = end;
    const next = text.charCodeAt(end);
    if (next === 46 || next === 101 || next === 69) {
      return undefined;
    }
    const negative = text.charCodeAt(start - 1) === 45;
    const magnitude = BigInt(text.slice(start, end));
    if (magnitude > MAX_SAFE) {
      const big = negative ? -magnitude : magnitude;
      const rounded = Number(big);
      const seen = exact.get(rounded);
      if (seen !== undefined && seen !== big) {
        return undefined;
      }
      exact.set(rounded, big);
    }
  }
  return exact;
}

/** The JSON text's value and how to read each of its values exactly; throws Json64SyntaxError like parseJson64. */
export function parseJsonFast(text: string): ExactJson {
  const exact = longIntegers(text);
  if (exact) {
    let value: Json64Value | undefined;
    try {
      value = JSON.parse(text) as Json64Value;
    } catch {
      // refused: parseJson64 says why, as it always has
    }
    if (value !== undefined) {
      if (!exact.size) {
        return { value, exact: asIs };
      }
      return {
        value,
        exact: (v) => (typeof v === 'number' && !Number.isSafeInteger(v) ? (exact.get(v) ?? v) : v),
      };
    }
  }
  return { value: parseJson64(text), exact: asIs };
}
