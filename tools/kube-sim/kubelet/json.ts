/**
 * A small JSON writer that understands bigint, so uint64 counters come out as exact integer digits
 * (JSON.stringify throws on bigint, and a float would print 1e+22). Keys keep insertion order, which
 * is how we mirror the Go struct field order; undefined members are left out, like omitempty.
 */

export type JsonValue =
  string | number | bigint | boolean | null | undefined | JsonValue[] | { [key: string]: JsonValue };

/** Serialises with two-space indentation, as the recorded kubelet payloads are. */
export function toJson(value: JsonValue, indent = '  '): string {
  return write(value, indent, '');
}

function write(v: JsonValue, indent: string, pad: string): string {
  if (v === null || v === undefined) {
    return 'null';
  }
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      if (!Number.isFinite(v)) {
        throw new Error(`not a JSON number: ${v}`);
      }
      // integral values beyond 2^53 must not print as 1e+21
      return Number.isInteger(v) && Math.abs(v) >= 1e21 ? BigInt(v).toString() : JSON.stringify(v);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  const inner = pad + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      return '[]';
    }
    return `[\n${v.map((x) => inner + write(x, indent, inner)).join(',\n')}\n${pad}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) {
    return '{}';
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, indent, inner)}`).join(',\n')}\n${pad}}`;
}
