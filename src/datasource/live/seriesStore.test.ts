import { SeriesStore } from './seriesStore';
import { Sample } from './types';

const s = (key: string, metric: string, value: number): Sample => ({
  key,
  labels: { key },
  metric,
  value,
  counter: false,
});

describe('SeriesStore', () => {
  it('lists series by key, then metric, whatever the order of the samples', () => {
    const store = new SeriesStore({ capacity: 10, maxSeries: 10, retentionMs: 60_000 });
    store.ingest([s('b', 'memory', 1), s('a', 'memory', 1), s('b', 'cpu', 1)], 1000, 1000);
    expect(store.list().map((x) => `${x.key}/${x.metric}`)).toEqual(['a/memory', 'b/cpu', 'b/memory']);
  });

  it('leaves out new series past the cap but keeps filling the ones it holds', () => {
    const store = new SeriesStore({ capacity: 10, maxSeries: 2, retentionMs: 60_000 });
    expect(store.ingest([s('a', 'm', 1), s('b', 'm', 1), s('c', 'm', 1)], 1000, 1000)).toBe(1);
    expect(store.ingest([s('c', 'm', 2), s('a', 'm', 2)], 2000, 2000)).toBe(1);
    expect(store.size).toBe(2);
    expect(store.list()[0].points.size).toBe(2);
  });

  it('caps the points of every series at its capacity', () => {
    const store = new SeriesStore({ capacity: 3, maxSeries: 2, retentionMs: 1e9 });
    for (let t = 1; t <= 10; t++) {
      store.ingest([s('a', 'm', t)], t * 1000, t * 1000);
    }
    expect(store.list()[0].points.copyRange(-Infinity, Infinity).values).toEqual([8, 9, 10]);
  });

  it('forgets series unseen for the retention, which frees room under the cap', () => {
    const store = new SeriesStore({ capacity: 10, maxSeries: 1, retentionMs: 60_000 });
    store.ingest([s('gone', 'm', 1)], 0, 0);
    store.expire(60_000);
    expect(store.size).toBe(1);
    store.expire(60_001);
    expect(store.size).toBe(0);
    expect(store.ingest([s('new', 'm', 1)], 60_001, 60_001)).toBe(0);
    expect(store.list().map((x) => x.key)).toEqual(['new']);
  });
});
