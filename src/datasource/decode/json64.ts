/**
 * A JSON reader that keeps integers exact: JSON.parse rounds uint64 counters past 2^53 (a kubelet's
 * usageCoreNanoSeconds gets there in about 104 core-days). Integers that fit a double exactly come back as
 * numbers, larger ones as bigint; anything with a fraction or exponent is a number, as in JSON.parse.
 * Otherwise it accepts exactly what JSON.parse accepts (RFC 8259) and builds the same values.
 */

export type Json64Value = null | boolean | number | bigint | string | Json64Value[] | Json64Object;

export interface Json64Object {
  [key: string]: Json64Value;
}

/** Malformed JSON; `position` is the offset in the text where reading stopped. */
export class Json64SyntaxError extends Error {
  override readonly name = 'Json64SyntaxError';
  constructor(
    readonly problem: string,
    readonly position: number
  ) {
    super(`${problem} at position ${position}`);
  }
}

const MAX_DEPTH = 1000;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
const KEY_CACHE_SIZE = 1024;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const ESCAPES: Record<number, string> = {
  [QUOTE]: '"',
  [BACKSLASH]: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/** Parses a whole JSON text; throws Json64SyntaxError on anything JSON.parse would refuse. */
export function parseJson64(text: string): Json64Value {
  return new Reader(text).document();
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  if (c >= 97 && c <= 102) {
    return c - 87;
  }
  if (c >= 65 && c <= 70) {
    return c - 55;
  }
  return -1;
}

function describe(c: number): string {
  return Number.isNaN(c) ? 'end of input' : `character ${JSON.stringify(String.fromCharCode(c))}`;
}

class Reader {
  private pos = 0;
  private depth = 0;
  /**
   * Object keys repeat all through a document ("time", "usageBytes", ...). A key already seen is taken from
   * here by comparing it in place, which saves a slice and lets property stores use one string object.
   */
  private readonly keys: string[] = new Array<string>(KEY_CACHE_SIZE).fill('');

  constructor(private readonly text: string) {}

  document(): Json64Value {
    this.skipWhitespace();
    const value = this.value();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail(`unexpected ${describe(this.text.charCodeAt(this.pos))} after the JSON value`);
    }
    return value;
  }

  private fail(problem: string): never {
    throw new Json64SyntaxError(problem, this.pos);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === SPACE || c === LF || c === CR || c === TAB) {
      c = text.charCodeAt(++this.pos);
    }
  }

  private value(): Json64Value {
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE) {
      return this.string();
    }
    if (c === OPEN_BRACE) {
      return this.object();
    }
    if (c === OPEN_BRACKET) {
      return this.array();
    }
    if (c === MINUS || isDigit(c)) {
      return this.number();
    }
    if (this.literal('true')) {
      return true;
    }
    if (this.literal('false')) {
      return false;
    }
    if (this.literal('null')) {
      return null;
    }
    return this.fail(`unexpected ${describe(c)} where a value should start`);
  }

  private literal(word: string): boolean {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.fail(`nesting deeper than ${MAX_DEPTH}`);
    }
  }

  private object(): Json64Object {
    this.enter();
    const text = this.text;
    const obj: Json64Object = {};
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      this.depth--;
      return obj;
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== QUOTE) {
        this.fail(`expected a property name, found ${describe(text.charCodeAt(this.pos))}`);
      }
      const key = this.key();
      this.skipWhitespace();
      if (text.charCodeAt(this.pos) !== COLON) {
        this.fail(`expected ':' after property name, found ${describe(text.charCodeAt(this.pos))}`);
      }
      this.pos++;
      this.skipWhitespace();
      const value = this.value();
      if (key === '__proto__') {
        // as JSON.parse does: an own property, not a new prototype
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        obj[key] = value;
      }
      this.skipWhitespace();
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === CLOSE_BRACE) {
        this.pos++;
        this.depth--;
        return obj;
      }
      this.fail(`expected ',' or '}' in an object, found ${describe(c)}`);
    }
  }

  private array(): Json64Value[] {
    this.enter();
    const text = this.text;
    const arr: Json64Value[] = [];
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      this.depth--;
      return arr;
    }
    for (;;) {
      arr.push(this.value());
      this.skipWhitespace();
      const c = text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === CLOSE_BRACKET) {
        this.pos++;
        this.depth--;
        return arr;
      }
      this.fail(`expected ',' or ']' in an array, found ${describe(c)}`);
    }
  }

  /** A property name: plain keys come from the cache when the same key was seen before. */
  private key(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let c = text.charCodeAt(i);
    while (c !== QUOTE && c !== BACKSLASH && c >= SPACE) {
      c = text.charCodeAt(++i);
    }
    if (c !== QUOTE) {
      return this.string();
    }
    const length = i - start;
    const slot = (text.charCodeAt(start) * 31 + length * 7 + text.charCodeAt(i - 1)) & (KEY_CACHE_SIZE - 1);
    const cached = this.keys[slot];
    this.pos = i + 1;
    if (cached.length === length && text.startsWith(cached, start)) {
      return cached;
    }
    const key = text.slice(start, i);
    this.keys[slot] = key;
    return key;
  }

  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let out = '';
    let chunk = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return chunk === start ? text.slice(start, i) : out + text.slice(chunk, i);
      }
      if (c === BACKSLASH) {
        out += text.slice(chunk, i);
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          out += String.fromCharCode(this.hex4(i + 2));
          i += 6;
        } else {
          const decoded = ESCAPES[e];
          if (decoded === undefined) {
            this.pos = i;
            this.fail(`invalid escape ${describe(e)} in a string`);
          }
          out += decoded;
          i += 2;
        }
        chunk = i;
        continue;
      }
      if (c < SPACE || Number.isNaN(c)) {
        this.pos = i;
        this.fail(Number.isNaN(c) ? 'unterminated string' : 'control character in a string');
      }
      i++;
    }
  }

  private hex4(at: number): number {
    let value = 0;
    for (let k = 0; k < 4; k++) {
      const h = hexValue(this.text.charCodeAt(at + k));
      if (h < 0) {
        this.pos = at;
        this.fail('invalid \\u escape in a string');
      }
      value = value * 16 + h;
    }
    return value;
  }

  /**
   * A number per the JSON grammar. Integers of up to 15 digits are built while scanning; longer integers
   * become bigint unless they are still safe; anything with a fraction or exponent goes through Number().
   */
  private number(): number | bigint {
    const text = this.text;
    const start = this.pos;
    let i = start;
    let c = text.charCodeAt(i);
    const negative = c === MINUS;
    if (negative) {
      c = text.charCodeAt(++i);
    }
    const digitsStart = i;
    let value = 0;
    if (c === ZERO) {
      c = text.charCodeAt(++i);
      if (isDigit(c)) {
        this.pos = i;
        this.fail('leading zero in a number');
      }
    } else if (isDigit(c)) {
      do {
        value = value * 10 + (c - ZERO);
        c = text.charCodeAt(++i);
      } while (isDigit(c));
    } else {
      this.pos = i;
      this.fail(`expected a digit, found ${describe(c)}`);
    }
    const intDigits = i - digitsStart;
    let isInteger = true;
    if (c === DOT) {
      isInteger = false;
      c = text.charCodeAt(++i);
      if (!isDigit(c)) {
        this.pos = i;
        this.fail('expected a digit after the decimal point');
      }
      do {
        c = text.charCodeAt(++i);
      } while (isDigit(c));
    }
    if (c === 101 || c === 69) {
      isInteger = false;
      c = text.charCodeAt(++i);
      if (c === PLUS || c === MINUS) {
        c = text.charCodeAt(++i);
      }
      if (!isDigit(c)) {
        this.pos = i;
        this.fail('expected a digit in the exponent');
      }
      do {
        c = text.charCodeAt(++i);
      } while (isDigit(c));
    }
    this.pos = i;
    if (isInteger) {
      if (intDigits <= 15) {
        return negative ? -value : value;
      }
      const big = BigInt(text.slice(start, i));
      return big <= MAX_SAFE && big >= MIN_SAFE ? Number(big) : big;
    }
    return Number(text.slice(start, i));
  }
}
