/** A line that is a JSON object or logfmt, shown prettified or as fields when the reader asks. */
export type Structured = { kind: 'json'; pretty: string } | { kind: 'logfmt'; fields: Array<[string, string]> };

/** Prettifying a multi-megabyte line would freeze the panel for nothing anyone reads. */
const MAX_STRUCTURED = 256 * 1024;

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

export function parseStructured(text: string): Structured | undefined {
  if (text.length > MAX_STRUCTURED) {
    return undefined;
  }
  const [start, end] = trimmedBounds(text);
  if (text.charCodeAt(start) === 123 && text.charCodeAt(end - 1) === 125) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (value !== null && typeof value === 'object') {
        return { kind: 'json', pretty: JSON.stringify(value, null, 2) };
      }
    } catch {
      // not JSON after all: maybe logfmt below
    }
  }
  const fields = parseLogfmt(text);
  return fields ? { kind: 'logfmt', fields } : undefined;
}
