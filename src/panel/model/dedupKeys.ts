/**
 * What two log lines are compared by when the panel deduplicates, per mode (Grafana's Logs panel has the same
 * three). Hand-written scanners, one pass over the text with a fixed lookahead: no regular expression ever runs
 * on log text here, so a hostile line costs what its length costs.
 */

export type DedupMode = 'none' | 'exact' | 'numbers' | 'signature';

export const DEDUP_MODES: readonly DedupMode[] = ['none', 'exact', 'numbers', 'signature'];

/** What every number becomes in the numbers mode (a control character: it never occurs in stripped text). */
const NUMBER = '\u0001';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
/** letters, digits and underscore: JavaScript's (and Grafana's) \w */
const isWord = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/** Length of a UUID (8-4-4-4-12 hex digits) starting at i and not followed by a word character, else 0. */
function uuidAt(text: string, i: number): number {
  if (i + 36 > text.length) {
    return 0;
  }
  for (let k = 0; k < 36; k++) {
    const c = text.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) {
      return 0;
    }
  }
  return i + 36 < text.length && isWord(text.charCodeAt(i + 36)) ? 0 : 36;
}

/**
 * The numbers mode's key: the text with every number replaced by one placeholder. A number is a UUID or a 0x
 * hex literal starting a word, or else a run of digits with an optional decimal part (`12`, `0.25`, the `7`
 * of `pod-7`); "took 12 ms" and "took 15.5 ms" get the same key, "v2" and "v3" too.
 */
export function numbersKey(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const end = numberEnd(text, i);
    if (end > i) {
      out += text.slice(copied, i) + NUMBER;
      copied = end;
      i = end;
    } else {
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where the number starting at i ends (numbersKey's rule), or i when none starts there. */
function numberEnd(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (isHex(c) && (i === 0 || !isWord(text.charCodeAt(i - 1)))) {
    const uuid = uuidAt(text, i);
    if (uuid > 0) {
      return i + uuid;
    }
    if (c === 48 && (text.charCodeAt(i + 1) | 32) === 120 && isHex(text.charCodeAt(i + 2))) {
      let end = i + 2;
      while (end < n && isHex(text.charCodeAt(end))) {
        end++;
      }
      return end;
    }
  }
  if (!isDigit(c)) {
    return i;
  }
  let end = i + 1;
  while (end < n && isDigit(text.charCodeAt(end))) {
    end++;
  }
  if (end + 1 < n && text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
    end += 2;
    while (end < n && isDigit(text.charCodeAt(end))) {
      end++;
    }
  }
  return end;
}

/**
 * The signature mode's key, as Grafana defines it: the text without its letters, digits and underscores
 * (ASCII, like \w), so only punctuation and spacing remain. Lines that differ only in words get the same key.
 */
export function signatureKey(text: string): string {
  let out = '';
  let from = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWord(text.charCodeAt(i))) {
      if (from >= 0) {
        out += text.slice(from, i);
        from = -1;
      }
    } else if (from < 0) {
      from = i;
    }
  }
  return from >= 0 ? out + text.slice(from) : out;
}

/** The key lines are compared by in a mode; identical keys (and sources) make adjacent lines duplicates. */
export function dedupKey(mode: DedupMode, text: string): string {
  return mode === 'numbers' ? numbersKey(text) : mode === 'signature' ? signatureKey(text) : text;
}

/**
 * Whether two lines have the same key in a mode, without building either key: one walk over both texts, no
 * allocation (what the engine runs per line; dedupKey is the definition it agrees with).
 */
export function sameKey(mode: DedupMode, a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  if (mode === 'numbers') {
    return sameNumbersKey(a, b);
  }
  if (mode === 'signature') {
    return sameSignature(a, b);
  }
  return false;
}

function sameNumbersKey(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ea = numberEnd(a, i);
    const eb = numberEnd(b, j);
    if (ea > i || eb > j) {
      if (ea === i || eb === j) {
        return false;
      }
      i = ea;
      j = eb;
    } else if (a.charCodeAt(i) !== b.charCodeAt(j)) {
      return false;
    } else {
      i++;
      j++;
    }
  }
  return i === a.length && j === b.length;
}

function sameSignature(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isWord(a.charCodeAt(i))) {
      i++;
    }
    while (j < b.length && isWord(b.charCodeAt(j))) {
      j++;
    }
    if (i === a.length || j === b.length) {
      return i === a.length && j === b.length;
    }
    if (a.charCodeAt(i) !== b.charCodeAt(j)) {
      return false;
    }
    i++;
    j++;
  }
}
