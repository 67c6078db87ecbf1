/**
 * The Prometheus text exposition format 0.0.4, as the kubelet serves it on /metrics, /metrics/cadvisor and
 * /metrics/resource. A hand-written scanner (no per-line regex) because a cadvisor body runs to several MB.
 *
 * A body is refused where prometheus/common's text parser (expfmt.TextParser) refuses it: parsing stops at the
 * first bad line, and what was read before it comes back marked partial, with that line's number. Beyond expfmt,
 * a few things Prometheus's own scrape refuses are refused too: TYPE words other than the five lowercase ones, a
 * TYPE without a word, and a label name twice in one sample even when it is `le` or `quantile`. Spec violations
 * no Prometheus layer refuses are accepted: a family split by another, buckets out of order, not cumulative or
 * without `+Inf`, a repeated series. docs/prometheus-text.md lists every rule with the layer that enforces it.
 *
 * Two places keep more than expfmt: a histogram sample without `le` (other than _sum/_count) and a summary
 * sample without `quantile` are kept as samples (expfmt drops them silently; Prometheus stores them as series),
 * and a timestamp may be negative (expfmt and the docs' example allow it; Prometheus's scrape lexer does not).
 */
import { DecodeError } from '../../decode/decodeError';
import { parseFloatRange, parseGoFloat, parseInt64Range } from './goNumbers';

export { parseGoFloat };

export type PromMetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface PromSample {
  /** The sample's own name: `x_bucket`, `x_sum` and `x_count` keep their suffix inside family `x`. */
  name: string;
  /** Label values after unescaping; `le` and `quantile` stay here too. */
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

export interface PromFamily {
  name: string;
  type: PromMetricType;
  help?: string;
  samples: PromSample[];
}

export interface PromParseError {
  /** 1-based line number. */
  line: number;
  /** The offending line without its line end, cut to 200 characters (and "…") when longer. */
  text: string;
  message: string;
}

export interface PromParseResult {
  /** Families with at least one sample, in order of first appearance; only those before `error` when partial. */
  families: PromFamily[];
  /** The first bad line; parsing stopped there. */
  error?: PromParseError;
  /** True when parsing stopped at `error`, so families after it are missing and the last one may lack samples. */
  partial: boolean;
}

/** Thrown by parsePrometheusTextStrict for the first bad line. */
export class PromTextError extends DecodeError {
  constructor(readonly parseError: PromParseError) {
    super('Prometheus text', `line ${parseError.line}: ${parseError.message}`);
  }
}

const MAX_ERROR_TEXT = 200;
const NO_FINAL_NEWLINE = 'the body ends inside this line: the last line must end with a newline';

const TYPES: Record<string, PromMetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'untyped',
};

const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const COLON = 58;
const EQUALS = 61;
const BACKSLASH = 92;
const UNDERSCORE = 95;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** What a sample line is to its family: histogram and summary parts need different checks. */
enum Role {
  Plain,
  Bucket,
  Sum,
  Count,
}

interface FamilyState {
  family: PromFamily;
  typed: boolean;
  hasHelp: boolean;
}

interface Resolved {
  state: FamilyState;
  role: Role;
}

/** A bad line: caught per line, so one broken sample costs only that sample. */
class LineError {
  constructor(readonly message: string) {}
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLabelNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === UNDERSCORE;
}

function isLabelNameChar(c: number): boolean {
  return isLabelNameStart(c) || (c >= 48 && c <= 57);
}

function isMetricNameStart(c: number): boolean {
  return isLabelNameStart(c) || c === COLON;
}

function isMetricNameChar(c: number): boolean {
  return isLabelNameChar(c) || c === COLON;
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function setLabel(labels: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') {
    // a plain assignment would replace the prototype instead of adding the label
    Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    labels[name] = value;
  }
}

function quoteForMessage(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 60) + '…' : s);
}

/** Parses one body; see the file comment for the rules. Never throws on bad input. */
export function parsePrometheusText(text: string): PromParseResult {
  return new TextParser(text).run();
}

/** As parsePrometheusText, but a bad line makes it throw a PromTextError (a DecodeError) naming the line. */
export function parsePrometheusTextStrict(text: string): PromFamily[] {
  const result = parsePrometheusText(text);
  if (result.error !== undefined) {
    throw new PromTextError(result.error);
  }
  return result.families;
}

class TextParser {
  private readonly families = new Map<string, FamilyState>();
  /** Position in text while a line is parsed, and the end of that line's content. */
  private pos = 0;
  private end = 0;
  /** The line being parsed is the last and has no "\n": it may be checked but must add nothing. */
  private unterminated = false;
  /** The previous sample's name and family: consecutive samples nearly always share them. */
  private lastName = '';
  private lastResolved: Resolved | undefined;
  /** The last unquoted metric name read, compared in place against the next line. */
  private lastBareName = '';
  /** Cached result of indexOf('\\'): label values rarely contain escapes, so one search covers many lines. */
  private nextBackslash = -1;
  /** The previous label set's names by position, reused as property keys when the next line repeats them. */
  private readonly lastLabelNames: string[] = [];

  constructor(private readonly text: string) {}

  run(): PromParseResult {
    const text = this.text;
    const length = text.length;
    let lineStart = 0;
    let lineNo = 0;
    while (lineStart < length) {
      lineNo++;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) {
        lineEnd = length;
        this.unterminated = true;
      }
      // a "\r" stays part of the line, as in expfmt: CRLF bodies fail where the "\r" makes a token invalid
      this.pos = lineStart;
      this.end = lineEnd;
      try {
        this.parseLine();
      } catch (err) {
        if (!(err instanceof LineError)) {
          throw err;
        }
        const raw = text.slice(lineStart, lineEnd);
        const shown = raw.length > MAX_ERROR_TEXT ? raw.slice(0, MAX_ERROR_TEXT) + '…' : raw;
        return this.result({ line: lineNo, text: shown, message: err.message });
      }
      lineStart = lineEnd + 1;
    }
    return this.result(undefined);
  }

  private result(error: PromParseError | undefined): PromParseResult {
    const families: PromFamily[] = [];
    for (const state of this.families.values()) {
      if (state.family.samples.length > 0) {
        families.push(state.family);
      }
    }
    return error === undefined ? { families, partial: false } : { families, error, partial: true };
  }

  /** Called before a line changes any family: the unterminated last line is refused, as expfmt does at EOF. */
  private beforeCommit(): void {
    if (this.unterminated) {
      throw new LineError(NO_FINAL_NEWLINE);
    }
  }

  private skipBlanks(): void {
    const text = this.text;
    while (this.pos < this.end && isBlank(text.charCodeAt(this.pos))) {
      this.pos++;
    }
  }

  private peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  private parseLine(): void {
    this.skipBlanks();
    if (this.pos >= this.end) {
      return; // blank, even without "\n": expfmt ends there without an error
    }
    if (this.text.charCodeAt(this.pos) === HASH) {
      this.pos++;
      this.parseComment();
    } else {
      this.parseSample();
    }
    // samples, HELP and TYPE check this before they commit; plain comments and bare HELP/TYPE get here
    this.beforeCommit();
  }

  private parseComment(): void {
    const text = this.text;
    this.skipBlanks();
    const keywordStart = this.pos;
    while (this.pos < this.end && !isBlank(text.charCodeAt(this.pos))) {
      this.pos++;
    }
    const keyword = text.slice(keywordStart, this.pos);
    if (keyword !== 'HELP' && keyword !== 'TYPE') {
      return; // an ordinary comment
    }
    this.skipBlanks();
    if (this.pos >= this.end) {
      return; // "# HELP" alone: expfmt lets it pass as a comment
    }
    const name = this.readMetricName();
    if (name === undefined) {
      throw new LineError(`invalid metric name in ${keyword} line`);
    }
    if (this.pos < this.end && !isBlank(text.charCodeAt(this.pos))) {
      throw new LineError(`invalid metric name in ${keyword} line`);
    }
    this.skipBlanks();
    if (keyword === 'TYPE') {
      this.readType(name);
    } else if (this.pos < this.end) {
      this.readHelp(name);
    } // else an empty HELP text, which expfmt does not record (so a later HELP is still the first)
  }

  private readHelp(name: string): void {
    const state = this.resolve(name).state;
    if (state.hasHelp) {
      throw new LineError(`second HELP line for metric ${quoteForMessage(state.family.name)}`);
    }
    const help = this.readEscapedToEnd();
    this.beforeCommit();
    state.hasHelp = true;
    state.family.help = help;
  }

  /** HELP text: `\\` and `\n` are escapes (and `\"`, which expfmt also takes); any other backslash is an error. */
  private readEscapedToEnd(): string {
    const text = this.text;
    const start = this.pos;
    const slash = this.backslashFrom(start);
    if (slash >= this.end) {
      this.pos = this.end;
      return text.slice(start, this.end);
    }
    let out = text.slice(start, slash);
    let i = slash;
    let chunk = slash;
    while (i < this.end) {
      if (text.charCodeAt(i) !== BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const escaped = i + 1 < this.end ? text.charCodeAt(i + 1) : -1;
      if (escaped === BACKSLASH) {
        out += '\\';
      } else if (escaped === 110) {
        out += '\n';
      } else if (escaped === QUOTE) {
        out += '"';
      } else {
        throw new LineError(`invalid escape sequence ${escapeForMessage(text, i, this.end)} in HELP text`);
      }
      i += 2;
      chunk = i;
    }
    this.pos = this.end;
    return out + text.slice(chunk, this.end);
  }

  /** The rest of the line is the type word, trailing blanks included: both Prometheus parsers refuse "gauge ". */
  private readType(name: string): void {
    const start = this.pos;
    if (this.end === start) {
      throw new LineError(`TYPE line for metric ${quoteForMessage(name)} has no type`);
    }
    const word = this.text.slice(start, this.end);
    const type = hasOwn(TYPES, word) ? TYPES[word] : undefined;
    if (type === undefined) {
      throw new LineError(`unknown metric type ${quoteForMessage(word)}`);
    }
    const state = this.resolve(name).state;
    if (state.typed) {
      throw new LineError(`second TYPE line for metric ${quoteForMessage(state.family.name)}`);
    }
    if (state.family.samples.length > 0) {
      throw new LineError(`TYPE line for metric ${quoteForMessage(state.family.name)} comes after its samples`);
    }
    this.beforeCommit();
    state.typed = true;
    state.family.type = type;
    this.lastResolved = undefined; // the same name may now group differently
  }

  /** A metric name at pos, bare or in double quotes; undefined if there is none. Leaves pos after it. */
  private readMetricName(): string | undefined {
    const text = this.text;
    const start = this.pos;
    const c = this.peek();
    if (c === QUOTE) {
      const quoted = this.readQuoted('metric name');
      return quoted === '' ? undefined : quoted;
    }
    if (!isMetricNameStart(c)) {
      return undefined;
    }
    // most lines repeat the previous line's name: compare in place instead of scanning and slicing
    const lastName = this.lastBareName;
    const afterLast = start + lastName.length;
    if (
      lastName.length > 0 &&
      afterLast <= this.end &&
      text.startsWith(lastName, start) &&
      (afterLast === this.end || !isMetricNameChar(text.charCodeAt(afterLast)))
    ) {
      this.pos = afterLast;
      return lastName;
    }
    let i = start + 1;
    while (i < this.end && isMetricNameChar(text.charCodeAt(i))) {
      i++;
    }
    this.pos = i;
    const name = text.slice(start, i);
    this.lastBareName = name;
    return name;
  }

  /**
   * A double-quoted string at pos (label value or quoted name) with the escapes `\\`, `\"` and `\n`.
   * Any other escape is an error, as in expfmt (so `\t` is refused). Leaves pos after the closing quote.
   */
  private readQuoted(what: string): string {
    const text = this.text;
    const start = this.pos + 1;
    const end = this.end;
    const close = text.indexOf('"', start);
    if (close !== -1 && close < end && this.backslashFrom(start) > close) {
      // no escapes: one native search instead of a loop over every character
      this.pos = close + 1;
      return text.slice(start, close);
    }
    let i = start;
    let out = '';
    let chunk = start;
    for (;;) {
      if (i >= end) {
        throw new LineError(`${what} ${quoteForMessage(text.slice(start, end))} has no closing quote`);
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        break;
      }
      if (c !== BACKSLASH) {
        i++;
        continue;
      }
      out += text.slice(chunk, i);
      const escaped = i + 1 < end ? text.charCodeAt(i + 1) : -1;
      if (escaped === BACKSLASH) {
        out += '\\';
      } else if (escaped === QUOTE) {
        out += '"';
      } else if (escaped === 110) {
        out += '\n';
      } else {
        throw new LineError(`invalid escape sequence ${escapeForMessage(text, i, end)} in ${what}`);
      }
      i += 2;
      chunk = i;
    }
    this.pos = i + 1;
    return out + text.slice(chunk, i);
  }

  /** Position of the first backslash at or after `from` (Infinity if none), found once per stretch of text. */
  private backslashFrom(from: number): number {
    if (this.nextBackslash < from) {
      const at = this.text.indexOf('\\', from);
      this.nextBackslash = at === -1 ? Infinity : at;
    }
    return this.nextBackslash;
  }

  private parseSample(): void {
    const text = this.text;
    let name: string | undefined;
    let labels: Record<string, string> = {};
    if (this.peek() !== OPEN_BRACE) {
      name = this.readMetricName();
      if (name === undefined) {
        throw new LineError('invalid metric name');
      }
      this.skipBlanks();
    }
    if (this.peek() === OPEN_BRACE) {
      this.pos++;
      const braced = this.readLabels(name === undefined);
      labels = braced.labels;
      name = name ?? braced.name;
      if (name === undefined) {
        throw new LineError('no metric name: a quoted name must come first inside the braces');
      }
      this.skipBlanks();
    }
    const metric = name as string;

    // value
    const valueStart = this.pos;
    while (this.pos < this.end && !isBlank(text.charCodeAt(this.pos))) {
      this.pos++;
    }
    if (this.pos === valueStart) {
      throw new LineError(`sample of ${quoteForMessage(metric)} has no value`);
    }
    const value = parseFloatRange(text, valueStart, this.pos);
    if (value === undefined) {
      throw new LineError(`expected a float as value, got ${quoteForMessage(text.slice(valueStart, this.pos))}`);
    }

    // optional timestamp; the line must end right after it, or after the value (expfmt refuses trailing blanks)
    const valueEnd = this.pos;
    this.skipBlanks();
    let timestampMs: number | undefined;
    if (this.pos < this.end) {
      const tsStart = this.pos;
      while (this.pos < this.end && !isBlank(text.charCodeAt(this.pos))) {
        this.pos++;
      }
      timestampMs = parseInt64Range(text, tsStart, this.pos);
      if (timestampMs === undefined) {
        throw new LineError(
          `expected an integer millisecond timestamp, got ${quoteForMessage(text.slice(tsStart, this.pos))}`
        );
      }
      if (this.pos < this.end) {
        throw new LineError(`unexpected text after the timestamp: ${quoteForMessage(text.slice(this.pos, this.end))}`);
      }
    } else if (this.pos > valueEnd) {
      throw new LineError('blanks after the value without a timestamp: the line must end right after the value');
    }

    const resolved = this.resolveSample(metric);
    checkTypedSample(resolved, labels, value);
    this.beforeCommit();
    const sample: PromSample =
      timestampMs === undefined ? { name: metric, labels, value } : { name: metric, labels, value, timestampMs };
    resolved.state.family.samples.push(sample);
  }

  /** Labels after "{" up to and including "}"; `name` is a quoted metric name given as the first item. */
  private readLabels(nameAllowed: boolean): { labels: Record<string, string>; name?: string } {
    const labels: Record<string, string> = {};
    let name: string | undefined;
    let first = true;
    for (let index = 0; ; index++) {
      this.skipBlanks();
      let c = this.peek();
      if (c === CLOSE_BRACE) {
        this.pos++;
        return { labels, name };
      }
      let labelName: string;
      const quoted = c === QUOTE;
      if (quoted) {
        labelName = this.readQuoted('label name');
        if (labelName === '') {
          throw new LineError('invalid label name ""');
        }
      } else if (isLabelNameStart(c)) {
        labelName = this.readLabelName(index);
      } else {
        throw new LineError(c === -1 ? 'label set has no closing brace' : 'invalid label name');
      }
      this.skipBlanks();
      c = this.peek();
      if (c !== EQUALS) {
        if (quoted && first && nameAllowed && (c === COMMA || c === CLOSE_BRACE)) {
          name = labelName;
          first = false;
          if (c === COMMA) {
            this.pos++;
          }
          continue;
        }
        throw new LineError(`expected '=' after label name ${quoteForMessage(labelName)}`);
      }
      this.pos++;
      if (labelName === '__name__') {
        throw new LineError('label name "__name__" is reserved');
      }
      if (labels[labelName] !== undefined && hasOwn(labels, labelName)) {
        throw new LineError(`duplicate label name ${quoteForMessage(labelName)}`);
      }
      this.skipBlanks();
      if (this.peek() !== QUOTE) {
        throw new LineError(`expected '"' to start the value of label ${quoteForMessage(labelName)}`);
      }
      setLabel(labels, labelName, this.readQuoted('label value'));
      first = false;
      this.skipBlanks();
      c = this.peek();
      if (c === COMMA) {
        this.pos++;
      } else if (c !== CLOSE_BRACE) {
        throw new LineError(`expected ',' or '}' after the value of label ${quoteForMessage(labelName)}`);
      }
    }
  }

  /** A bare label name; the same name at the same position as on the previous line is reused, not sliced again. */
  private readLabelName(index: number): string {
    const text = this.text;
    const start = this.pos;
    const known = this.lastLabelNames[index];
    if (known !== undefined) {
      const after = start + known.length;
      if (
        after <= this.end &&
        text.startsWith(known, start) &&
        (after === this.end || !isLabelNameChar(text.charCodeAt(after)))
      ) {
        this.pos = after;
        return known;
      }
    }
    let i = start + 1;
    while (i < this.end && isLabelNameChar(text.charCodeAt(i))) {
      i++;
    }
    this.pos = i;
    const name = text.slice(start, i);
    if (index < 64) {
      this.lastLabelNames[index] = name;
    }
    return name;
  }

  private resolveSample(name: string): Resolved {
    if (this.lastResolved !== undefined && name === this.lastName) {
      return this.lastResolved;
    }
    const resolved = this.resolve(name);
    this.lastName = name;
    this.lastResolved = resolved;
    return resolved;
  }

  /**
   * The family a name belongs to, as expfmt finds it: an exact family first, then `x_sum`/`x_count` of a
   * summary `x`, then `x_bucket`/`x_sum`/`x_count` of a histogram `x`; otherwise a new untyped family.
   */
  private resolve(name: string): Resolved {
    const exact = this.families.get(name);
    if (exact !== undefined) {
      return { state: exact, role: Role.Plain };
    }
    const role = name.endsWith('_bucket')
      ? Role.Bucket
      : name.endsWith('_count')
        ? Role.Count
        : name.endsWith('_sum')
          ? Role.Sum
          : Role.Plain;
    if (role !== Role.Plain) {
      const suffix = role === Role.Bucket ? 7 : role === Role.Count ? 6 : 4;
      const base = name.length > suffix ? this.families.get(name.slice(0, -suffix)) : undefined;
      const type = base?.family.type;
      if (base !== undefined && (type === 'histogram' || (type === 'summary' && role !== Role.Bucket))) {
        return { state: base, role };
      }
    }
    const state: FamilyState = { family: { name, type: 'untyped', samples: [] }, typed: false, hasHelp: false };
    this.families.set(name, state);
    return { state, role: Role.Plain };
  }
}

/**
 * What expfmt checks on samples of histograms and summaries: an `le` (histogram) or `quantile` (summary) label
 * must be a float, and histogram buckets and counts must not be negative. Everything else about them — order,
 * cumulative counts, the `+Inf` bucket, `_count` matching it — no Prometheus layer checks at scrape time.
 */
function checkTypedSample(resolved: Resolved, labels: Record<string, string>, value: number): void {
  const family = resolved.state.family;
  if (family.type === 'histogram') {
    const role = resolved.role;
    if (role === Role.Count && value < 0) {
      throw new LineError(`negative count for histogram ${quoteForMessage(family.name)}`);
    }
    if (!hasOwn(labels, 'le')) {
      return; // expfmt drops such a sample quietly; Prometheus stores it as a series: kept
    }
    if (parseGoFloat(labels.le) === undefined) {
      throw new LineError(`expected a float as "le" label value, got ${quoteForMessage(labels.le)}`);
    }
    // with an `le`, any sample but _sum and _count is a bucket to expfmt, the family's own name included
    if (role !== Role.Sum && role !== Role.Count && value < 0) {
      throw new LineError(`negative bucket count for histogram ${quoteForMessage(family.name)}`);
    }
  } else if (family.type === 'summary' && hasOwn(labels, 'quantile')) {
    if (parseGoFloat(labels.quantile) === undefined) {
      throw new LineError(`expected a float as "quantile" label value, got ${quoteForMessage(labels.quantile)}`);
    }
  }
}

function escapeForMessage(text: string, backslashAt: number, end: number): string {
  return backslashAt + 1 < end ? `'\\${text[backslashAt + 1]}'` : "'\\' at the end of the line";
}
