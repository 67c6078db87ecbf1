/**
 * Numbers as Go's strconv reads them, which is what the Prometheus text format specifies for values
 * (ParseFloat) and timestamps (ParseInt). Scanners over a range of a larger text, so a parser needs no slice
 * for the common case.
 */

const PLUS = 43;
const MINUS = 45;
const DOT = 46;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const SPECIAL_FLOATS: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
  nan: NaN,
};

/**
 * A float as Go's strconv.ParseFloat reads it, minus what expfmt refuses: decimal with optional exponent,
 * Inf/Infinity with optional sign and NaN without, any case. Hex floats, underscores and 0b/0o are not floats
 * here, and a finite literal beyond the float64 range is an error (Go returns ErrRange). Undefined if invalid.
 */
export function parseGoFloat(s: string): number | undefined {
  return parseFloatRange(s, 0, s.length);
}

/** parseGoFloat over text[start, end). */
export function parseFloatRange(text: string, start: number, end: number): number | undefined {
  let i = start;
  if (i >= end) {
    return undefined;
  }
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    i++;
    if (i >= end) {
      return undefined;
    }
    c = text.charCodeAt(i);
  }
  if (!isDigit(c) && c !== DOT) {
    const special = SPECIAL_FLOATS[text.slice(start, end).toLowerCase()];
    return special;
  }
  // Integer part; small integers are built here rather than by Number(), which is most values in practice.
  let intValue = 0;
  let digits = 0;
  while (i < end && isDigit((c = text.charCodeAt(i)))) {
    intValue = intValue * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i === end) {
    if (digits <= 15) {
      return negative ? -intValue : intValue;
    }
    return Number(text.slice(start, end));
  }
  let fraction = 0;
  if (c === DOT) {
    i++;
    while (i < end && isDigit(text.charCodeAt(i))) {
      fraction++;
      i++;
    }
    if (digits === 0 && fraction === 0) {
      return undefined;
    }
  } else if (digits === 0) {
    return undefined;
  }
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) {
      return undefined; // not e/E: hex prefixes, underscores, stray characters
    }
    i++;
    if (i < end) {
      c = text.charCodeAt(i);
      if (c === PLUS || c === MINUS) {
        i++;
      }
    }
    let expDigits = 0;
    while (i < end && isDigit(text.charCodeAt(i))) {
      expDigits++;
      i++;
    }
    if (expDigits === 0 || i !== end) {
      return undefined;
    }
  }
  const value = Number(text.slice(start, end));
  // a well-formed finite literal that rounds to infinity is out of range for Go
  return Number.isFinite(value) ? value : undefined;
}

const INT64_MAX = '9223372036854775807';
const INT64_MIN_ABS = '9223372036854775808';

/**
 * text[start, end) as strconv.ParseInt(s, 10, 64) reads it (optional sign, decimal digits, int64 range), as a
 * number: millisecond timestamps fit a double exactly. Undefined if invalid.
 */
export function parseInt64Range(text: string, start: number, end: number): number | undefined {
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    i++;
  }
  if (i >= end) {
    return undefined;
  }
  let value = 0;
  const firstDigit = i;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (!isDigit(c)) {
      return undefined;
    }
    value = value * 10 + (c - 48);
  }
  const digits = end - firstDigit;
  if (digits >= 19) {
    // compare as text: the double in `value` is not exact this far out
    let first = firstDigit;
    while (first < end - 1 && text.charCodeAt(first) === 48) {
      first++;
    }
    const magnitude = text.slice(first, end);
    const limit = negative ? INT64_MIN_ABS : INT64_MAX;
    if (magnitude.length > limit.length || (magnitude.length === limit.length && magnitude > limit)) {
      return undefined;
    }
    value = Number(magnitude);
  }
  return negative ? -value : value;
}
