import { looksStructured, parseLogfmt, parseStructured } from './structured';

describe('structured lines', () => {
  it('prettifies JSON objects', () => {
    const s = parseStructured(' {"a":1,"b":{"c":"d"}} ');
    expect(s).toEqual({ kind: 'json', pretty: '{\n  "a": 1,\n  "b": {\n    "c": "d"\n  }\n}' });
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
