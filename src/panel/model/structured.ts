/** What a piece of prettified JSON is, for its colour. */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation';
export type JsonToken = [JsonTokenKind, string];

/** A line that is a JSON object or logfmt, shown prettified or as fields when the reader asks. */
export type Structured =
  { kind: 'json'; pretty: string; tokens: JsonToken[] } | { kind: 'logfmt'; fields: Array<[string, string]> };

/** Lines up to this long are prettified where they are shown; longer ones go to the panel's worker. */
export const INLINE_STRUCTURED = 64 * 1024;
/** Past this, no one reads a prettified line; the toggle is not offered. */
export const MAX_STRUCTURED = 4 * 1024 * 1024;
/** logfmt is told apart by parsing it, so only lines up to this long are offered as logfmt. */
const MAX_LOGFMT = 16 * 1024;

function trimmedBounds(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) <= 32) {
    end--;
  }
  return [start, end];
}

/** Cheap enough to run for every visible row: decides whether to offer the toggle. */
export function looksStructured(text: string): boolean {
  if (text.length > MAX_STRUCTURED) {
    return false;
  }
  const [start, end] = trimmedBounds(text);
  if (text.charCodeAt(start) === 123 && text.charCodeAt(end - 1) === 125) {
    return true;
  }
  if (text.length > MAX_LOGFMT) {
    return false;
  }
  const eq = text.indexOf('=');
  return eq > 0 && text.indexOf('=', eq + 1) > 0 && parseLogfmt(text) !== undefined;
}

const KEY = /^[A-Za-z_@][\w.\-/@]*$/;

/** logfmt: `key=value key="quoted \"value\"" flag`, at least two pairs and nothing else. */
export function parseLogfmt(text: string): Array<[string, string]> | undefined {
  const fields: Array<[string, string]> = [];
  let pairs = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) {
      i++;
    }
    if (i >= n) {
      break;
    }
    let keyEnd = i;
    while (keyEnd < n && text[keyEnd] !== '=' && text[keyEnd] !== ' ' && text[keyEnd] !== '\t') {
      keyEnd++;
    }
    const key = text.slice(i, keyEnd);
    if (!KEY.test(key)) {
      return undefined;
    }
    if (text[keyEnd] !== '=') {
      fields.push([key, '']);
      i = keyEnd;
      continue;
    }
    let v = keyEnd + 1;
    let value = '';
    if (text[v] === '"') {
      v++;
      let closed = false;
      while (v < n) {
        const c = text[v];
        if (c === '\\' && v + 1 < n) {
          const next = text[v + 1];
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          v += 2;
        } else if (c === '"') {
          closed = true;
          v++;
          break;
        } else {
          value += c;
          v++;
        }
      }
      if (!closed || (v < n && text[v] !== ' ' && text[v] !== '\t')) {
        return undefined;
      }
    } else {
      const start = v;
      while (v < n && text[v] !== ' ' && text[v] !== '\t') {
        v++;
      }
      value = text.slice(start, v);
    }
    fields.push([key, value]);
    pairs++;
    i = v;
  }
  return pairs >= 2 ? fields : undefined;
}

/** Prettified JSON cut into coloured pieces; their texts join to `pretty`. */
export function jsonTokens(pretty: string): JsonToken[] {
  const out: JsonToken[] = [];
  const n = pretty.length;
  let plain = 0;
  const flushPlain = (to: number) => {
    if (to > plain) {
      out.push(['punctuation', pretty.slice(plain, to)]);
    }
  };
  let i = 0;
  while (i < n) {
    const c = pretty.charCodeAt(i);
    if (c === 34) {
      // a string: JSON.stringify escapes every quote and backslash inside it
      let j = i + 1;
      while (j < n && pretty.charCodeAt(j) !== 34) {
        j += pretty.charCodeAt(j) === 92 ? 2 : 1;
      }
      j++;
      flushPlain(i);
      out.push([pretty.charCodeAt(j) === 58 ? 'key' : 'string', pretty.slice(i, j)]);
      i = plain = j;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && /[\d.eE+-]/.test(pretty[j])) {
        j++;
      }
      flushPlain(i);
      out.push(['number', pretty.slice(i, j)]);
      i = plain = j;
    } else if (c === 116 || c === 102 || c === 110) {
      const word = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
      flushPlain(i);
      out.push(['literal', word]);
      i = plain = i + word.length;
    } else {
      i++;
    }
  }
  flushPlain(n);
  return out;
}

/** The line prettified, if it is a JSON object or logfmt and at most `maxChars` long. */
export function parseStructured(text: string, maxChars = INLINE_STRUCTURED): Structured | undefined {
  if (text.length > Math.min(maxChars, MAX_STRUCTURED)) {
    return undefined;
  }
  const [start, end] = trimmedBounds(text);
  if (text.charCodeAt(start) === 123 && text.charCodeAt(end - 1) === 125) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (value !== null && typeof value === 'object') {
        const pretty = JSON.stringify(value, null, 2);
        return { kind: 'json', pretty, tokens: jsonTokens(pretty) };
      }
    } catch {
      // not JSON after all: maybe logfmt below
    }
  }
  const fields = text.length <= MAX_LOGFMT ? parseLogfmt(text) : undefined;
  return fields ? { kind: 'logfmt', fields } : undefined;
}
