/** @jest-environment node */
import { toJson } from './json';

describe('toJson', () => {
  it('writes bigint counters as exact integer digits', () => {
    const big = BigInt('1387583118649331696');
    const text = toJson({ usageCoreNanoSeconds: big });
    expect(text).toContain('"usageCoreNanoSeconds": 1387583118649331696');
    expect(text).not.toMatch(/e\+/);
  });

  it('never prints an integral number in exponent form', () => {
    expect(toJson({ n: 1e22 })).toContain('"n": 10000000000000000000000');
  });

  it('keeps insertion order and leaves undefined members out (omitempty)', () => {
    const text = toJson({ b: 1, a: undefined, c: [{ x: 'y' }], d: {}, e: [] });
    expect(Object.keys(JSON.parse(text))).toEqual(['b', 'c', 'd', 'e']);
    expect(text).not.toContain('"a"');
  });

  it('is valid JSON equal to what JSON.stringify would give for plain values', () => {
    const v = { s: 'q"\n\u001b', n: -1.5, t: true, z: null, list: [1, 'two', { three: 3 }] };
    expect(JSON.parse(toJson(v))).toEqual(v);
  });
});
