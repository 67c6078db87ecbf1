/**
 * Kubernetes resource.Quantity text -> JS number (cores for CPU, bytes for memory).
 *
 * Grammar (apimachinery pkg/api/resource/quantity.go):
 *   <quantity> ::= [+-] <digits> [ "." [<digits>] ] <suffix>  |  [+-] "." <digits> <suffix>
 *   <suffix>   ::= "" | n u m k M G T P E | Ki Mi Gi Ti Pi Ei | (e|E) [+-] <digits>
 * Like the API server, non-zero values are rounded up (away from zero) to the next nano and
 * binary-suffixed values are capped at the int64 maximum.
 *
 * Called for every container of every pod, so this is a single-pass scanner; the common cases
 * ("487558164n", "732212Ki", "100m") take a pure double fast path that is still exact: the digits
 * are read as one integer (< 2^53) and scaled by a power of ten in one correctly rounded operation.
 */

export class QuantityError extends Error {
  readonly name = 'QuantityError';
  readonly text: string;
  readonly reason: string;

  constructor(text: string, reason: string) {
    super(`invalid quantity ${quote(text)}: ${reason}`);
    this.text = text;
    this.reason = reason;
  }
}

/** Exact powers of ten representable as doubles (10^0 .. 10^22). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Most significant digits that always fit exactly in a double (10^15 < 2^53). */
const FAST_DIGITS = 15;

/** The API caps binary quantities at math.MaxInt64; as a double that is 2^63. */
const MAX_BINARY = 2 ** 63;

/** Exponent magnitudes beyond this already over/underflow doubles; clamping keeps the arithmetic finite. */
const MAX_EXPONENT = 1_000_000;

const SUFFIX_HELP = 'expected one of n u m k M G T P E, Ki Mi Gi Ti Pi Ei, or e<integer>';

const CH_0 = 48;
const CH_9 = 57;
const CH_PLUS = 43;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_LOWER_E = 101;
const CH_UPPER_E = 69;
const CH_LOWER_I = 105;

/** Power of ten for single-character decimal SI suffixes. Capital K is deliberately absent. */
function decimalSuffixExponent(c: number): number | undefined {
  switch (c) {
    case 110: // n
      return -9;
    case 117: // u
      return -6;
    case 109: // m
      return -3;
    case 107: // k
      return 3;
    case 77: // M
      return 6;
    case 71: // G
      return 9;
    case 84: // T
      return 12;
    case 80: // P
      return 15;
    case CH_UPPER_E:
      return 18;
    default:
      return undefined;
  }
}

/** Power of two for the first letter of a binary suffix (the second must be 'i'). */
function binarySuffixExponent(c: number): number | undefined {
  switch (c) {
    case 75: // K
      return 10;
    case 77: // M
      return 20;
    case 71: // G
      return 30;
    case 84: // T
      return 40;
    case 80: // P
      return 50;
    case CH_UPPER_E:
      return 60;
    default:
      return undefined;
  }
}

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

/** Parses Kubernetes quantity text; throws QuantityError for anything the grammar rejects. */
export function parseQuantity(text: string): number {
  if (typeof text !== 'string') {
    throw new QuantityError(String(text), `expected a string, got ${typeof text}`);
  }
  const len = text.length;
  if (len === 0) {
    throw new QuantityError(text, 'empty string');
  }

  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === CH_MINUS) {
    negative = true;
    i = 1;
  } else if (first === CH_PLUS) {
    i = 1;
  }

  // Leading zeros carry no value; skipping them keeps the significant-digit count honest.
  const intStart = i;
  while (i < len && text.charCodeAt(i) === CH_0) {
    i++;
  }
  const sigStart = i;
  while (i < len && isDigit(text.charCodeAt(i))) {
    i++;
  }
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < len && text.charCodeAt(i) === CH_DOT) {
    i++;
    fracStart = i;
    while (i < len && isDigit(text.charCodeAt(i))) {
      i++;
    }
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) {
    throw new QuantityError(text, 'must start with a number (optional sign, digits, optional fraction)');
  }

  let exp10 = 0;
  let exp2 = 0;
  if (i < len) {
    const c = text.charCodeAt(i);
    const rest = len - i;
    if (rest === 1) {
      const e = decimalSuffixExponent(c);
      if (e === undefined) {
        throw new QuantityError(text, `unknown suffix ${quote(text.slice(i))}, ${SUFFIX_HELP}`);
      }
      exp10 = e;
    } else if (rest === 2 && text.charCodeAt(i + 1) === CH_LOWER_I) {
      // Checked before the exponent form so that "Ei" is exbibytes, not a malformed exponent.
      const e = binarySuffixExponent(c);
      if (e === undefined) {
        throw new QuantityError(text, `unknown suffix ${quote(text.slice(i))}, ${SUFFIX_HELP}`);
      }
      exp2 = e;
    } else if (c === CH_LOWER_E || c === CH_UPPER_E) {
      exp10 = parseExponent(text, i + 1);
    } else {
      throw new QuantityError(text, `unknown suffix ${quote(text.slice(i))}, ${SUFFIX_HELP}`);
    }
  }

  const binary = exp2 !== 0;
  const fracLen = fracEnd - fracStart;
  const sigCount = intEnd - sigStart + fracLen;

  let value: number | undefined;
  if (sigCount <= FAST_DIGITS) {
    let mantissa = 0;
    for (let j = sigStart; j < intEnd; j++) {
      mantissa = mantissa * 10 + (text.charCodeAt(j) - CH_0);
    }
    for (let j = fracStart; j < fracEnd; j++) {
      mantissa = mantissa * 10 + (text.charCodeAt(j) - CH_0);
    }
    if (mantissa === 0) {
      return 0; // also avoids -0 for "-0"
    }
    value = binary ? fastBinary(mantissa, exp2, fracLen) : fastDecimal(mantissa, exp10 - fracLen);
  }
  if (value === undefined) {
    const digits = stripLeadingZeros(text.slice(sigStart, intEnd) + text.slice(fracStart, fracEnd));
    if (digits === '') {
      return 0;
    }
    value = binary ? exactDecimal(multiplyByPowerOfTwo(digits, exp2), -fracLen) : exactDecimal(digits, exp10 - fracLen);
  }

  if (!Number.isFinite(value)) {
    throw new QuantityError(text, 'value out of range');
  }
  if (binary && value > MAX_BINARY) {
    value = MAX_BINARY;
  }
  return negative ? -value : value;
}

/** Reads the signed integer after an 'e'/'E'; `start` is just past the letter. */
function parseExponent(text: string, start: number): number {
  const len = text.length;
  let i = start;
  let sign = 1;
  const c = text.charCodeAt(i);
  if (c === CH_MINUS) {
    sign = -1;
    i++;
  } else if (c === CH_PLUS) {
    i++;
  }
  if (i === len) {
    throw new QuantityError(text, 'exponent has no digits');
  }
  let exponent = 0;
  for (; i < len; i++) {
    const d = text.charCodeAt(i);
    if (!isDigit(d)) {
      throw new QuantityError(text, `exponent must be an integer, got ${quote(text.slice(start))}`);
    }
    if (exponent < MAX_EXPONENT) {
      exponent = exponent * 10 + (d - CH_0);
    }
  }
  return sign * exponent;
}

/** mantissa * 10^scale for a non-zero integer mantissa < 10^15, or undefined when the slow path must decide. */
function fastDecimal(mantissa: number, scale: number): number | undefined {
  if (scale >= 0) {
    return scale <= 22 ? mantissa * POW10[scale] : undefined;
  }
  if (scale >= -9) {
    return mantissa / POW10[-scale];
  }
  // Finer than a nano: round the magnitude up to whole nanos, with exact integer arithmetic.
  const drop = -scale - 9;
  if (drop > 22) {
    return undefined;
  }
  const p = POW10[drop];
  const rem = mantissa % p;
  const nanos = (mantissa - rem) / p + (rem === 0 ? 0 : 1);
  return nanos / 1e9;
}

/** mantissa * 2^exp2 / 10^fracLen, or undefined when rounding to nanos needs the slow path. */
function fastBinary(mantissa: number, exp2: number, fracLen: number): number | undefined {
  // Scaling by a power of two is exact; at most 9 fraction digits means no nano rounding applies.
  const scaled = mantissa * 2 ** exp2;
  if (fracLen === 0) {
    return scaled;
  }
  return fracLen <= 9 ? scaled / POW10[fracLen] : undefined;
}

/** Correctly rounded double for digits * 10^scale, after rounding the magnitude up to whole nanos. */
function exactDecimal(digits: string, scale: number): number {
  if (scale < -9) {
    const drop = -scale - 9;
    if (drop >= digits.length) {
      digits = '1'; // non-zero but below one nano
    } else {
      const keep = digits.slice(0, digits.length - drop);
      const dropped = digits.slice(digits.length - drop);
      digits = /[1-9]/.test(dropped) ? (BigInt(keep === '' ? '0' : keep) + BigInt(1)).toString() : keep;
    }
    scale = -9;
  }
  // Number() of a decimal literal is correctly rounded, so there is a single rounding step.
  return Number(`${digits}e${scale}`);
}

function multiplyByPowerOfTwo(digits: string, exp2: number): string {
  return (BigInt(digits) * BigInt(2 ** exp2)).toString();
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === CH_0) {
    i++;
  }
  return digits.slice(i);
}

/** Quotes text for an error message, keeping huge inputs from flooding logs. */
function quote(text: string): string {
  const limit = 100;
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}

/** For optional quantity fields: absent (undefined/null) stays absent; present text must be valid. */
export function parseQuantityOrUndefined(text: string | undefined | null): number | undefined {
  return text === undefined || text === null ? undefined : parseQuantity(text);
}

/**
 * For decoded JSON: a quantity may arrive as a string or, as the API also accepts, a bare number.
 * undefined/null -> undefined; anything else that is not a valid quantity throws QuantityError.
 */
export function quantityToNumber(v: unknown): number | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'string') {
    return parseQuantity(v);
  }
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) {
      return v === 0 ? 0 : v;
    }
    // The API parses a bare number's JSON text with the same grammar (so sub-nano values round up);
    // String() round-trips doubles and yields "NaN"/"Infinity" for non-finite values, which are rejected.
    return parseQuantity(String(v));
  }
  throw new QuantityError(String(v), `expected a string or number, got ${typeof v}`);
}
