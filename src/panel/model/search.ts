/** What the reader typed, and how to read it. */
export interface SearchOptions {
  regex: boolean;
  caseSensitive: boolean;
}

/** [start, end) offsets of a match in a line's text. */
export type Range = [number, number];

/**
 * A compiled search. Every implementation runs in time linear in the text: plain text is a literal, which V8
 * matches without backtracking, and regular expressions run on RE2JS in the worker (regex.ts: RE2's automata,
 * no backtracking), so no pattern, typed or set from a dashboard variable, can freeze the panel however long
 * the line. This file has no regex engine of its own so that the panel's main bundle stays small.
 */
export interface Matcher {
  /** does the pattern match anywhere in text */
  test(text: string): boolean;
  /** the non-empty matches in text, at most `max` of them */
  ranges(text: string, max: number): Range[];
}

export type Compiled = { ok: true; matcher?: Matcher } | { ok: false; error: string };

/** Longer patterns are refused: no one types them, and compiling one is work proportional to its length. */
export const MAX_PATTERN_CHARS = 1000;

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function escapeRegExp(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

/** A literal: RegExp of an escaped string, with the g flag for ranges. */
class LiteralMatcher implements Matcher {
  private readonly once: RegExp;
  private readonly all: RegExp;

  constructor(literal: string, caseSensitive: boolean) {
    const source = escapeRegExp(literal);
    this.once = new RegExp(source, caseSensitive ? '' : 'i');
    this.all = new RegExp(source, caseSensitive ? 'g' : 'gi');
  }

  test(text: string): boolean {
    return this.once.test(text);
  }

  ranges(text: string, max: number): Range[] {
    const out: Range[] = [];
    const re = this.all;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (out.length < max && (m = re.exec(text)) !== null) {
      out.push([m.index, m.index + m[0].length]);
    }
    re.lastIndex = 0;
    return out;
  }
}

/** Compiles a regular expression; the worker passes RE2JS's (regex.ts), the main thread none. */
export type RegexCompiler = (pattern: string, caseSensitive: boolean) => Compiled;

/** Without a regex engine (the worker did not start), regular expressions are refused with the reason. */
export function noRegex(reason: string): RegexCompiler {
  return () => ({ ok: false, error: reason });
}

export interface Compilers {
  compileSearch(text: string, opts: SearchOptions): Compiled;
  compileExclude(patterns: readonly string[], opts: SearchOptions): Compiled;
}

export function compilers(compileRegex: RegexCompiler): Compilers {
  const compileOne = (pattern: string, opts: SearchOptions): Compiled => {
    if (pattern.length > MAX_PATTERN_CHARS) {
      return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_CHARS.toLocaleString('en-US')} characters` };
    }
    return opts.regex
      ? compileRegex(pattern, opts.caseSensitive)
      : { ok: true, matcher: literalMatcher(pattern, opts.caseSensitive) };
  };
  return {
    /** The search, or no matcher when it is empty. */
    compileSearch: (text, opts) => (text === '' ? { ok: true } : compileOne(text, opts)),
    /** All exclude patterns as one alternation, so excluding costs one test per line however many there are. */
    compileExclude: (patterns, opts) => {
      const parts = patterns.filter((p) => p !== '');
      if (parts.length === 0) {
        return { ok: true };
      }
      for (const p of parts) {
        const one = compileOne(p, opts);
        if (!one.ok) {
          return { ok: false, error: `${p}: ${one.error}` };
        }
      }
      if (parts.length === 1) {
        return compileOne(parts[0], opts);
      }
      if (!opts.regex) {
        return { ok: true, matcher: anyOf(parts.map((p) => literalMatcher(p, opts.caseSensitive))) };
      }
      return compileOne(parts.map((p) => `(?:${p})`).join('|'), opts);
    },
  };
}

/** Literal patterns tested one after another (V8 runs each as a plain substring search). */
function anyOf(matchers: Matcher[]): Matcher {
  return {
    test: (text) => matchers.some((m) => m.test(text)),
    ranges: () => [],
  };
}

export function literalMatcher(literal: string, caseSensitive: boolean): Matcher {
  return new LiteralMatcher(literal, caseSensitive);
}
