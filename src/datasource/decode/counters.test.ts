import { counterIncrease, counterRate } from './counters';

const TWO_53 = BigInt(2) ** BigInt(53);
const TWO_64 = BigInt(2) ** BigInt(64);

describe('counterRate', () => {
  it('is the per-second increase between two readings', () => {
    expect(counterRate({ value: 100, timeMs: 0 }, { value: 300, timeMs: 2000 })).toBe(100);
    expect(counterRate({ value: BigInt(1e9), timeMs: 10_000 }, { value: BigInt(3e9), timeMs: 20_000 })).toBe(2e8);
  });

  it('works on fractional counters such as Prometheus core-seconds', () => {
    expect(counterRate({ value: 357.25, timeMs: 0 }, { value: 358.75, timeMs: 10_000 })).toBeCloseTo(0.15, 12);
  });

  it('is exact just above 2^53, where doubles lose the step', () => {
    const prev = TWO_53 + BigInt(1);
    const cur = TWO_53 + BigInt(3);
    expect(counterRate({ value: prev, timeMs: 0 }, { value: cur, timeMs: 1000 })).toBe(2);
    // the same readings as doubles step by 4 (or 0): this is what the BigInt difference avoids
    expect(Number(cur) - Number(prev)).not.toBe(2);
  });

  it('is exact for uint64 counters near 2^64 - 1', () => {
    const prev = TWO_64 - BigInt(1001);
    const cur = TWO_64 - BigInt(1);
    expect(counterRate({ value: prev, timeMs: 5000 }, { value: cur, timeMs: 15_000 })).toBe(100);
    expect(Number(cur) - Number(prev)).toBe(0);
  });

  it('treats a decrease as a restart, the new value being the whole increase', () => {
    expect(counterRate({ value: TWO_64 - BigInt(1), timeMs: 0 }, { value: BigInt(500), timeMs: 5000 })).toBe(100);
    expect(counterRate({ value: 1000, timeMs: 0 }, { value: 40, timeMs: 4000 })).toBe(10);
    expect(counterRate({ value: 10.5, timeMs: 0 }, { value: 2.5, timeMs: 1000 })).toBe(2.5);
    expect(counterRate({ value: 7, timeMs: 0 }, { value: 0, timeMs: 1000 })).toBe(0);
  });

  it('is zero for an unchanged counter', () => {
    expect(counterRate({ value: TWO_64 - BigInt(1), timeMs: 0 }, { value: TWO_64 - BigInt(1), timeMs: 1000 })).toBe(0);
  });

  it('is undefined when time did not advance', () => {
    expect(counterRate({ value: 1, timeMs: 1000 }, { value: 2, timeMs: 1000 })).toBeUndefined();
    expect(counterRate({ value: 1, timeMs: 2000 }, { value: 2, timeMs: 1000 })).toBeUndefined();
    expect(counterRate({ value: 1, timeMs: NaN }, { value: 2, timeMs: 1000 })).toBeUndefined();
  });

  it('is undefined for readings that are not finite', () => {
    expect(counterRate({ value: NaN, timeMs: 0 }, { value: 2, timeMs: 1000 })).toBeUndefined();
    expect(counterRate({ value: 1, timeMs: 0 }, { value: Infinity, timeMs: 1000 })).toBeUndefined();
  });

  it('mixes a bigint and a number reading', () => {
    expect(counterRate({ value: BigInt(10), timeMs: 0 }, { value: 30, timeMs: 2000 })).toBe(10);
    expect(counterRate({ value: 10, timeMs: 0 }, { value: TWO_53 + BigInt(10), timeMs: 1000 })).toBe(Number(TWO_53));
  });
});

describe('counterIncrease', () => {
  it('is exact across 2^53 and resets to the new value', () => {
    expect(counterIncrease(TWO_53 - BigInt(1), TWO_53 + BigInt(1))).toBe(2);
    expect(counterIncrease(TWO_53, BigInt(3))).toBe(3);
  });
});
