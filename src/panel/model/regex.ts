import { RE2JS } from 're2js';

import type { Compiled, Matcher, Range } from './search';

/** A regular expression on RE2JS. */
class Re2Matcher implements Matcher {
  constructor(private readonly re: RE2JS) {}

  test(text: string): boolean {
    return this.re.test(text);
  }

  ranges(text: string, max: number): Range[] {
    const out: Range[] = [];
    const m = this.re.matcher(text);
    let from = 0;
    while (out.length < max && from <= text.length && m.find(from)) {
      const start = m.start();
      const end = m.end();
      if (end > start) {
        out.push([start, end]);
        from = end;
      } else {
        // empty matches (`a*`, `^`) highlight nothing; step past them so the loop ends
        from = end + 1;
      }
    }
    return out;
  }
}

/**
 * What RE2 lacks, said in words a reader acts on. RE2 refuses these on purpose: they are what makes a
 * backtracking engine take exponential time.
 */
const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\\[1-9]|\\k</, 'backreferences (\\1, \\k<name>) are not supported'],
  [/\(\?<?[=!]/, 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'],
];

function explain(pattern: string, err: unknown): string {
  for (const [syntax, message] of UNSUPPORTED) {
    if (syntax.test(pattern)) {
      return `${message}: the search uses a linear-time engine (RE2) so that no pattern can freeze the panel`;
    }
  }
  const text = err instanceof Error ? err.message : String(err);
  // RE2JS says "error parsing regexp: missing closing ): `(`"
  // and shows the case-insensitive flag it was given as part of the pattern
  return text.replace(/^error parsing regexp: /, '').replace(/`\(\?i\)/g, '`');
}

export function compileRegex(pattern: string, caseSensitive: boolean): Compiled {
  try {
    const translated = RE2JS.translateRegExp(pattern);
    const re = RE2JS.compile(translated, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { ok: true, matcher: new Re2Matcher(re) };
  } catch (err) {
    return { ok: false, error: explain(pattern, err) };
  }
}
