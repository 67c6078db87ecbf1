import { escapeRegExp, compilers, noRegex } from './search';
import { compileRegex } from './regex';

const text = { regex: false, caseSensitive: false };
const regex = { regex: true, caseSensitive: false };
const { compileSearch, compileExclude } = compilers(compileRegex);
const test = (c: ReturnType<typeof compileSearch>, line: string) => c.ok && c.matcher!.test(line);

describe('compileSearch', () => {
  it('gives nothing for an empty search', () => {
    expect(compileSearch('', text)).toEqual({ ok: true });
  });

  it('matches plain text literally and case-insensitively by default', () => {
    const c = compileSearch('a.b(', text);
    expect(test(c, 'xA.B(')).toBe(true);
    expect(test(c, 'axb(')).toBe(false);
  });

  it('honours case sensitivity, for text and regular expressions', () => {
    expect(test(compileSearch('Error', { regex: false, caseSensitive: true }), 'error')).toBe(false);
    expect(test(compileSearch('Error', { regex: false, caseSensitive: true }), 'Error')).toBe(true);
    expect(test(compileSearch('E.ror', { regex: true, caseSensitive: true }), 'error')).toBe(false);
    expect(test(compileSearch('E.ror', regex), 'error')).toBe(true);
  });

  it('reads JavaScript regular expression syntax: classes, named groups, escapes', () => {
    expect(test(compileSearch('status=5\\d\\d', regex), 'status=503')).toBe(true);
    expect(test(compileSearch('(?<code>\\d{3}) ms', regex), '200 ms')).toBe(true);
  });

  it('reports an invalid regular expression in RE2 words', () => {
    const c = compileSearch('(', regex);
    expect(c).toEqual({ ok: false, error: 'missing closing ): `(`' });
  });

  it('refuses patterns over 1,000 characters', () => {
    expect(compileSearch('x'.repeat(1001), text)).toEqual({
      ok: false,
      error: 'the pattern is longer than 1,000 characters',
    });
  });

  it('refuses regular expressions without an engine, with the reason, and still searches text', () => {
    const plain = compilers(noRegex('no worker here'));
    expect(plain.compileSearch('a.b', regex)).toEqual({ ok: false, error: 'no worker here' });
    expect(test(plain.compileSearch('a.b', text), 'A.B')).toBe(true);
  });
});

describe('compileExclude', () => {
  it('joins patterns into one test', () => {
    for (const opts of [text, regex]) {
      const c = compileExclude(['healthz', 'GET /ready'], opts);
      expect(test(c, 'GET /healthz')).toBe(true);
      expect(test(c, 'GET /ready 200')).toBe(true);
      expect(test(c, 'GET /cart')).toBe(false);
    }
  });

  it('names the pattern that does not compile', () => {
    const c = compileExclude(['ok', '[a-'], regex);
    expect(!c.ok && c.error).toMatch(/^\[a-: /);
  });

  it('gives nothing for no patterns', () => {
    expect(compileExclude(['', ''], text)).toEqual({ ok: true });
  });
});

describe('ranges', () => {
  it('finds every match of text and of a regular expression, skipping empty ones', () => {
    const lit = compileSearch('error', text);
    expect(lit.ok && lit.matcher!.ranges('error, Error, ERROR', 10)).toEqual([
      [0, 5],
      [7, 12],
      [14, 19],
    ]);
    const re = compileSearch('a*', regex);
    expect(re.ok && re.matcher!.ranges('aab', 10)).toEqual([[0, 2]]);
    expect(re.ok && re.matcher!.ranges('xyz', 10)).toEqual([]);
  });

  it('stops at the limit', () => {
    const c = compileSearch('a', text);
    expect(c.ok && c.matcher!.ranges('a'.repeat(50), 3)).toHaveLength(3);
  });
});

describe('escapeRegExp', () => {
  it('escapes every regex metacharacter', () => {
    const special = '.*+?^${}()|[]\\';
    expect(new RegExp(escapeRegExp(special)).test(special)).toBe(true);
  });
});
