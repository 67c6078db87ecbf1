import { looksStructured, parseLogfmt, parseStructured } from './structured';

describe('structured lines', () => {
  it('prettifies JSON objects', () => {
    const s = parseStructured(' {"a":1,"b":{"c":"d"}} ');
    expect(s).toMatchObject({ kind: 'json', pretty: '{\n  "a": 1,\n  "b": {\n    "c": "d"\n  }\n}' });
  });

  it('cuts prettified JSON into coloured tokens that join to the text', () => {
    const s = parseStructured('{"k":"v \\"q\\"","n":-1.5e3,"t":true,"z":null,"a":[false]}');
    if (s?.kind !== 'json') {
      throw new Error('not JSON');
    }
    expect(s.tokens.map(([, t]) => t).join('')).toBe(s.pretty);
    const kinds = s.tokens.filter(([k]) => k !== 'punctuation');
    expect(kinds).toEqual([
      ['key', '"k"'],
      ['string', '"v \\"q\\""'],
      ['key', '"n"'],
      ['number', '-1500'],
      ['key', '"t"'],
      ['literal', 'true'],
      ['key', '"z"'],
      ['literal', 'null'],
      ['key', '"a"'],
      ['literal', 'false'],
    ]);
  });

  it('leaves long lines to the worker and very long ones alone', () => {
    const big = `{"x":"${'y'.repeat(70 * 1024)}"}`;
    expect(parseStructured(big)).toBeUndefined();
    expect(parseStructured(big, Infinity)?.kind).toBe('json');
  });

  it('reads logfmt with quoted values and bare keys', () => {
    expect(parseLogfmt('level=info msg="hello \\"world\\"" took=3ms debug')).toEqual([
      ['level', 'info'],
      ['msg', 'hello "world"'],
      ['took', '3ms'],
      ['debug', ''],
    ]);
  });

  it('rejects text that only contains an equals sign or two', () => {
    expect(parseLogfmt('GET /x?a=1&b=2 200')).toBeUndefined();
    expect(parseLogfmt('a=1')).toBeUndefined();
    expect(parseLogfmt('msg="unterminated x=1')).toBeUndefined();
    expect(parseStructured('{not json}')).toBeUndefined();
  });

  it('offers the toggle only for lines that can be shown structured', () => {
    expect(looksStructured('{"a":1}')).toBe(true);
    expect(looksStructured('ts=1 level=warn')).toBe(true);
    expect(looksStructured('plain text = not fields = here')).toBe(false);
    expect(looksStructured('GET /')).toBe(false);
  });
});
