/**
 * PromQL-style label matchers (`namespace="shop", container!="", pod=~"web-.*"`) for the kubelet query.
 * Values are quoted with "…" or '…' (Go escapes) or `…` (raw); regexes are fully anchored like PromQL's,
 * `^(?:re)$`, and `.` matches newlines too (Prometheus 3). A missing label matches as the empty string.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** the anchored regex, for =~ and !~ */
  regex?: RegExp;
}

/** A matcher text that does not parse; `position` is the 0-based offset of the problem. */
export class MatcherSyntaxError extends Error {
  override readonly name = 'MatcherSyntaxError';
  constructor(
    readonly problem: string,
    readonly position: number
  ) {
    super(`Label matchers: ${problem} at position ${position + 1}`);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

class MatcherParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): Matcher[] {
    const text = this.text;
    this.skipSpace();
    // a pasted selector may keep its braces: {a="b"}
    const braced = text[this.pos] === '{';
    if (braced) {
      this.pos++;
    }
    const matchers: Matcher[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= text.length || (braced && text[this.pos] === '}')) {
        break;
      }
      matchers.push(this.matcher());
      this.skipSpace();
      if (text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.pos < text.length && !(braced && text[this.pos] === '}')) {
        throw new MatcherSyntaxError(
          `expected ',' between matchers, found ${JSON.stringify(text[this.pos])}`,
          this.pos
        );
      }
    }
    if (braced) {
      if (text[this.pos] !== '}') {
        throw new MatcherSyntaxError("missing the closing '}'", this.pos);
      }
      this.pos++;
      this.skipSpace();
      if (this.pos < text.length) {
        throw new MatcherSyntaxError("unexpected text after '}'", this.pos);
      }
    }
    return matchers;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos++;
    }
  }

  private matcher(): Matcher {
    const name = this.labelName();
    this.skipSpace();
    const op = this.operator(name);
    this.skipSpace();
    const valueAt = this.pos;
    const value = this.quoted();
    if (op === '=' || op === '!=') {
      return { name, op, value };
    }
    return { name, op, value, regex: compileAnchored(value, valueAt) };
  }

  private labelName(): string {
    const start = this.pos;
    if (start >= this.text.length || !isNameStart(this.text[start])) {
      const found = start >= this.text.length ? 'the end' : JSON.stringify(this.text[start]);
      throw new MatcherSyntaxError(`expected a label name, found ${found}`, start);
    }
    while (this.pos < this.text.length && isNameChar(this.text[this.pos])) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private operator(name: string): MatchOp {
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === '=~' || two === '!=' || two === '!~') {
      this.pos += 2;
      return two;
    }
    if (this.text[this.pos] === '=') {
      this.pos++;
      return '=';
    }
    throw new MatcherSyntaxError(`expected =, !=, =~ or !~ after ${JSON.stringify(name)}`, this.pos);
  }

  private quoted(): string {
    const text = this.text;
    const start = this.pos;
    const quote = text[start];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      throw new MatcherSyntaxError('expected a quoted value ("…", \'…\' or `…`)', start);
    }
    let out = '';
    let i = start + 1;
    while (i < text.length) {
      const c = text[i];
      if (c === quote) {
        this.pos = i + 1;
        return out;
      }
      if (c === '\\' && quote !== '`') {
        const [decoded, length] = escapeAt(text, i);
        out += decoded;
        i += length;
        continue;
      }
      if (c === '\n' && quote !== '`') {
        break;
      }
      out += c;
      i++;
    }
    throw new MatcherSyntaxError('the quoted value has no closing quote', start);
  }
}

/** The escape at text[i] (a backslash): its character and how many characters it took. */
function escapeAt(text: string, i: number): [string, number] {
  const next = text[i + 1];
  if (next !== undefined && SIMPLE_ESCAPES[next] !== undefined) {
    return [SIMPLE_ESCAPES[next], 2];
  }
  const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hex) {
    const digits = text.slice(i + 2, i + 2 + hex);
    const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === hex ? parseInt(digits, 16) : NaN;
    if (Number.isFinite(code) && code <= 0x10ffff) {
      return [String.fromCodePoint(code), 2 + hex];
    }
  }
  const shown = next === undefined ? '\\ at the end' : `\\${next}`;
  throw new MatcherSyntaxError(`invalid escape ${shown} in a quoted value`, i);
}

/** PromQL anchors every regex matcher: `=~"web"` matches only "web", not "webapp". */
function compileAnchored(source: string, position: number): RegExp {
  try {
    return new RegExp(`^(?:${source})$`, 's');
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    throw new MatcherSyntaxError(`invalid regular expression ${JSON.stringify(source)} (${why})`, position);
  }
}

/** `a="b", c=~"d.*"` (braces optional) as matchers; empty text is no matchers. Throws MatcherSyntaxError. */
export function parseMatchers(text: string): Matcher[] {
  return new MatcherParser(text).parse();
}

/** Whether one matcher accepts a label value (undefined = the label is absent, which matches as ""). */
export function matchValue(m: Matcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return m.regex!.test(v);
    case '!~':
      return !m.regex!.test(v);
  }
}

/** Whether every matcher accepts the labels; `name` is what `__name__` matches. */
export function matchesAll(matchers: readonly Matcher[], labels: Record<string, string>, name?: string): boolean {
  for (const m of matchers) {
    const value =
      m.name === '__name__' ? name : Object.prototype.hasOwnProperty.call(labels, m.name) ? labels[m.name] : undefined;
    if (!matchValue(m, value)) {
      return false;
    }
  }
  return true;
}

/** The matchers written back as text (a canonical form, for source keys and notices). */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ');
}
