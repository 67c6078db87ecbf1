import { Series } from './series';
import { Sample } from './types';

const TWO_64 = BigInt(2) ** BigInt(64);

function counter(value: number | bigint, extra: Partial<Sample> = {}): Sample {
  return { key: 'n1', labels: { node: 'n1' }, metric: 'rx_bytes', value, counter: true, unit: 'Bps', ...extra };
}

function gauge(value: number | bigint, extra: Partial<Sample> = {}): Sample {
  return { key: 'n1', labels: { node: 'n1' }, metric: 'memory', value, counter: false, unit: 'bytes', ...extra };
}

function points(s: Series) {
  return s.points.copyRange(-Infinity, Infinity);
}

describe('Series', () => {
  it('keeps gauge values at their times', () => {
    const s = new Series(gauge(1), 10, 0);
    s.add(gauge(100), 1000, 1000);
    s.add(gauge(250), 2000, 2000);
    expect(points(s)).toEqual({ times: [1000, 2000], values: [100, 250] });
    expect(s.unit).toBe('bytes');
  });

  it('adds nothing for a time already held (the same scrape read twice) or an older one', () => {
    const s = new Series(gauge(1), 10, 0);
    s.add(gauge(100), 15_000, 1);
    s.add(gauge(100), 15_000, 2);
    s.add(gauge(90), 10_000, 3);
    expect(points(s).times).toEqual([15_000]);
  });

  it('turns a counter into a per-second rate from the second reading on', () => {
    const s = new Series(counter(0), 10, 0);
    s.add(counter(1000), 0, 0);
    expect(s.points.size).toBe(0);
    s.add(counter(4000), 10_000, 10_000);
    s.add(counter(4500), 15_000, 15_000);
    expect(points(s)).toEqual({ times: [10_000, 15_000], values: [300, 100] });
  });

  it('takes bigint deltas exactly near 2^64, where doubles cannot tell the readings apart', () => {
    const s = new Series(counter(BigInt(0)), 10, 0);
    s.add(counter(TWO_64 - BigInt(30_001)), 0, 0);
    s.add(counter(TWO_64 - BigInt(1)), 10_000, 10_000);
    expect(points(s).values).toEqual([3000]);
    expect(Number(TWO_64 - BigInt(1)) - Number(TWO_64 - BigInt(30_001))).not.toBe(30_000);
  });

  it('treats a counter that went down as restarted: the rate is the new value over the interval', () => {
    const s = new Series(counter(0), 10, 0);
    s.add(counter(BigInt(9_000_000)), 0, 0);
    s.add(counter(BigInt(500)), 5000, 5000);
    s.add(counter(BigInt(1500)), 10_000, 10_000);
    expect(points(s).values).toEqual([100, 200]);
  });

  it('skips an unreadable counter value and takes the next delta from the last good one', () => {
    const s = new Series(counter(0), 10, 0);
    s.add(counter(100), 0, 0);
    s.add(counter(NaN), 5000, 5000);
    s.add(counter(300), 10_000, 10_000);
    expect(points(s)).toEqual({ times: [10_000], values: [20] });
  });

  it('leaves a non-finite gauge value absent instead of storing it', () => {
    const s = new Series(gauge(1), 10, 0);
    s.add(gauge(NaN), 1000, 1000);
    s.add(gauge(Infinity), 2000, 2000);
    s.add(gauge(5), 3000, 3000);
    expect(points(s)).toEqual({ times: [3000], values: [5] });
  });

  it('keeps its own copy of the labels, not the parsed sample object', () => {
    const first = gauge(1, { labels: { node: 'n1' } });
    const s = new Series(first, 10, 0);
    expect(s.labels).toEqual({ node: 'n1' });
    expect(s.labels).not.toBe(first.labels);
    const same = gauge(2, { labels: { node: 'n1' } });
    const before = s.labels;
    s.add(same, 1000, 1000);
    expect(s.labels).toBe(before);
  });

  it('follows the newest labels and unit of its samples', () => {
    const s = new Series(gauge(1), 10, 0);
    s.add(gauge(2, { labels: { node: 'n1', zone: 'b' }, unit: 'decbytes' }), 1000, 1000);
    expect(s.labels).toEqual({ node: 'n1', zone: 'b' });
    expect(s.unit).toBe('decbytes');
    expect(s.lastSeenMs).toBe(1000);
  });
});
