import { parseLogfmt } from './structured';

/**
 * A structured line's fields as `key, value` strings: a JSON object flattened to dotted keys, or logfmt pairs.
 * The filter engine calls this for every line under a field filter, so the work per line is bounded: only lines
 * that look structured (a `{…}` object, or text with `=`) and are at most MAX_FIELD_LINE long are parsed.
 */

/** Longer lines are not parsed for fields (they keep no field, so "filter for" hides them). */
export const MAX_FIELD_LINE = 64 * 1024;
/** logfmt is only parsed this far (structured.ts offers logfmt up to the same length). */
const MAX_LOGFMT_LINE = 16 * 1024;
/** Nested objects deeper than this are kept as JSON text under their key. */
const MAX_DEPTH = 4;
/** Fields taken from one line; a line with more is cut here. */
export const MAX_FIELDS = 200;

export type LineFields = Array<[string, string]>;

function flatten(value: unknown, prefix: string, depth: number, out: LineFields): void {
  if (out.length >= MAX_FIELDS) {
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < MAX_DEPTH) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flatten(v, prefix ? `${prefix}.${k}` : k, depth + 1, out);
    }
    return;
  }
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  out.push([prefix, text]);
}

/** The line's fields, or undefined when it is not a JSON object or logfmt (or is too long to parse). */
export function lineFields(text: string): LineFields | undefined {
  if (text.length > MAX_FIELD_LINE) {
    return undefined;
  }
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) {
    start++;
  }
  while (end > start && text.charCodeAt(end - 1) <= 32) {
    end--;
  }
  if (text.charCodeAt(start) === 123 && text.charCodeAt(end - 1) === 125) {
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const out: LineFields = [];
        flatten(value, '', 0, out);
        return out;
      }
    } catch {
      // not JSON: maybe logfmt below
    }
  }
  if (text.length > MAX_LOGFMT_LINE || text.indexOf('=') < 0) {
    return undefined;
  }
  return parseLogfmt(text);
}

/** The value of `key` in the fields, or undefined. */
export function fieldValue(fields: LineFields | undefined, key: string): string | undefined {
  if (!fields) {
    return undefined;
  }
  for (const [k, v] of fields) {
    if (k === key) {
      return v;
    }
  }
  return undefined;
}
