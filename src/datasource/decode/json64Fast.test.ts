import { Json64SyntaxError, Json64Value, parseJson64 } from './json64';
import { parseJsonFast } from './json64Fast';

/** The whole value read through `exact`, as a reader that visits every value would see it. */
function readAll(text: string): Json64Value | undefined {
  const { value, exact } = parseJsonFast(text);
  const visit = (v: Json64Value | undefined): Json64Value | undefined => {
    const x = exact(v);
    if (Array.isArray(x)) {
      return x.map((e) => visit(e) as Json64Value);
    }
    if (x !== null && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, visit(e) as Json64Value]));
    }
    return x;
  };
  return visit(value);
}

const same = (text: string) => expect(readAll(text)).toEqual(parseJson64(text));

describe('parseJsonFast', () => {
  it('reads what parseJson64 reads, uint64 counters exact', () => {
    same('{"usageCoreNanoSeconds": 26165883184497519, "rx": 18446744073709551615, "n": 12, "f": 0.25}');
    same('[-9223372036854775808, 9007199254740991, 9007199254740993, 1e17, 1234567890123456, -0, 3.5e-7]');
    expect((readAll('{"c": 26165883184497519}') as { c: unknown }).c).toBe(BigInt('26165883184497519'));
  });

  it('leaves digits inside strings alone', () => {
    same('{"name": "node-26165883184497519", "id": "26165883184497519", "c": 26165883184497520}');
  });

  it('falls back to parseJson64 when two literals round to the same double', () => {
    // both become 2^53 in a double
    same('[9007199254740993, 9007199254740992]');
  });

  it('falls back for a long literal with a fraction or an exponent', () => {
    same('[12345678901234567.5, 12345678901234567e2]');
  });

  it('refuses what parseJson64 refuses, with its error', () => {
    for (const bad of ['{"a":', '[01234567890123456789]', '{12345678901234567: 1}', '[1,]']) {
      expect(() => parseJsonFast(bad)).toThrow(Json64SyntaxError);
      const theirs = (() => {
        try {
          parseJson64(bad);
        } catch (e) {
          return (e as Error).message;
        }
        return undefined;
      })();
      expect(() => parseJsonFast(bad)).toThrow(theirs);
    }
  });
});
