import { LOG_LEVELS } from '../../common/logLevel';
import { FilterEngine, NO_FILTER } from './filterEngine';
import { LEVEL_COUNT } from './levels';
import { LogStore } from './logStore';
import { compilers, noRegex } from './search';
import { barTotal, ladderWidth, type Volume, VolumeCounts, WIDTH_LADDER } from './volume';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);
const T0 = Date.UTC(2024, 0, 2, 3, 0, 0);

/** bar totals, and one level's count per bar */
const totals = (v: Volume) => Array.from({ length: v.bars }, (_, b) => barTotal(v, b));
const ofLevel = (v: Volume, level: string) =>
  Array.from({ length: v.bars }, (_, b) => v.counts[b * LEVEL_COUNT + lvl(level)]);

describe('VolumeCounts', () => {
  it('counts entries per level into bars sized to the span held', () => {
    const counts = new VolumeCounts();
    // 10 minutes of lines, one every 10 s, every third one an error
    for (let i = 0; i < 60; i++) {
      counts.add(T0 + i * 10_000, i % 3 === 0 ? lvl('error') : lvl('info'));
    }
    const v = counts.histogram(80)!;
    // 10 minutes over at most 80 bars: 10 s bars (the narrowest ladder width of 7.5 s or more)
    expect(v.width).toBe(10_000);
    expect(v.start).toBe(T0);
    expect(v.bars).toBe(60);
    expect(totals(v).every((n) => n === 1)).toBe(true);
    expect(ofLevel(v, 'error').filter(Boolean)).toHaveLength(20);
    expect(v.max).toBe(1);
  });

  it('keeps exact counts when many fine buckets merge', () => {
    const counts = new VolumeCounts();
    // 5,000 distinct milliseconds force the resolution up the ladder several times
    for (let i = 0; i < 5_000; i++) {
      counts.add(T0 + i * 7, lvl('warning'));
    }
    const v = counts.histogram(10)!;
    expect(totals(v).reduce((a, b) => a + b, 0)).toBe(5_000);
    expect(WIDTH_LADDER).toContain(v.width);
    expect(v.bars).toBeLessThanOrEqual(11);
  });

  it('takes back removed entries, and ignores lines without a time', () => {
    const counts = new VolumeCounts();
    counts.add(T0, lvl('info'));
    counts.add(T0 + 1_000, lvl('error'));
    counts.add(NaN, lvl('error'));
    counts.remove(T0 + 1_000, lvl('error'));
    const v = counts.histogram()!;
    expect(totals(v).reduce((a, b) => a + b, 0)).toBe(1);
    expect(ofLevel(v, 'error').every((n) => n === 0)).toBe(true);
    counts.remove(T0, lvl('info'));
    expect(counts.histogram()).toBeUndefined();
  });

  it('picks ladder widths that divide each other', () => {
    for (let k = 1; k < WIDTH_LADDER.length; k++) {
      expect(WIDTH_LADDER[k] % WIDTH_LADDER[k - 1]).toBe(0);
    }
    expect(ladderWidth(7_500)).toBe(10_000);
    expect(ladderWidth(1)).toBe(1);
  });
});

describe('FilterEngine volume', () => {
  function batch(n: number, from: number, level = 'info') {
    return {
      length: n,
      times: Array.from({ length: n }, (_, i) => T0 + (from + i) * 1_000),
      bodies: Array.from({ length: n }, (_, i) => `line ${from + i}`),
      texts: Array.from({ length: n }, (_, i) => `line ${from + i}`),
      levels: Array.from({ length: n }, () => lvl(level)),
      sources: Array.from({ length: n }, () => 0),
    };
  }
  const sum = (v: Volume | undefined) => (v ? totals(v).reduce((a, b) => a + b, 0) : 0);

  it('counts the rows held as they arrive and as the capacity drops them', () => {
    const store = new LogStore(100);
    const engine = new FilterEngine(compilers(noRegex('none')));
    engine.setFilter({ ...NO_FILTER, search: 'line 1' }, 1);
    store.append(batch(60, 0));
    engine.apply(store.takeDelta()!, 1);
    engine.step(50);
    expect(sum(engine.snapshot().volume)).toBe(60);
    // 80 more errors: the store keeps 100, so the 40 oldest info lines are gone
    store.append(batch(80, 60, 'error'));
    engine.apply(store.takeDelta()!, 2);
    engine.step(50);
    const v = engine.snapshot().volume!;
    // over the buffer, whatever the search
    expect(sum(v)).toBe(100);
    expect(ofLevel(v, 'info').reduce((a, b) => a + b, 0)).toBe(20);
    expect(ofLevel(v, 'error').reduce((a, b) => a + b, 0)).toBe(80);
    expect(v.start).toBeLessThanOrEqual(T0 + 40_000);
  });

  it('counts a merged tail once (rows replaced are taken back first)', () => {
    const store = new LogStore(100);
    const engine = new FilterEngine(compilers(noRegex('none')));
    store.append(batch(10, 0));
    engine.apply(store.takeDelta()!, 1);
    // an older batch overlapping the newest rows: the store merges it and resends the tail
    store.append(batch(5, 7, 'error'));
    engine.apply(store.takeDelta()!, 2);
    engine.step(50);
    const v = engine.snapshot().volume!;
    expect(sum(v)).toBe(15);
    expect(ofLevel(v, 'error').reduce((a, b) => a + b, 0)).toBe(5);
  });
});
