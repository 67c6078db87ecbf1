import { compileExclude, compileSearch, escapeRegExp, globalOf } from './search';

const text = { regex: false, caseSensitive: false };
const regex = { regex: true, caseSensitive: false };

describe('compileSearch', () => {
  it('gives nothing for an empty search', () => {
    expect(compileSearch('', text)).toEqual({ ok: true });
  });

  it('matches plain text literally and case-insensitively by default', () => {
    const c = compileSearch('a.b(', text);
    expect(c.ok && c.re!.test('xA.B(')).toBe(true);
    expect(c.ok && c.re!.test('axb(')).toBe(false);
  });

  it('honours case sensitivity', () => {
    const c = compileSearch('Error', { regex: false, caseSensitive: true });
    expect(c.ok && c.re!.test('error')).toBe(false);
    expect(c.ok && c.re!.test('Error')).toBe(true);
  });

  it('reports an invalid regular expression', () => {
    const c = compileSearch('(', regex);
    expect(c.ok).toBe(false);
    expect(!c.ok && c.error).toMatch(/Invalid regular expression|Unterminated group/);
  });
});

describe('compileExclude', () => {
  it('joins patterns into one alternation', () => {
    const c = compileExclude(['healthz', 'GET /ready'], text);
    expect(c.ok && c.re!.test('GET /healthz')).toBe(true);
    expect(c.ok && c.re!.test('GET /ready 200')).toBe(true);
    expect(c.ok && c.re!.test('GET /cart')).toBe(false);
  });

  it('names the pattern that does not compile', () => {
    const c = compileExclude(['ok', '[a-'], regex);
    expect(!c.ok && c.error).toMatch(/^\[a-: /);
  });

  it('gives nothing for no patterns', () => {
    expect(compileExclude(['', ''], text)).toEqual({ ok: true });
  });
});

describe('helpers', () => {
  it('escapes every regex metacharacter', () => {
    const special = '.*+?^${}()|[]\\';
    expect(new RegExp(escapeRegExp(special)).test(special)).toBe(true);
  });

  it('adds the g flag once', () => {
    expect(globalOf(/a/i).flags).toBe('gi');
    expect(globalOf(/a/g).flags).toBe('g');
  });
});
