import type { LogBatch } from './frameRows';
import { LogStore } from './logStore';

function batch(times: number[], tag: string): LogBatch {
  return {
    length: times.length,
    times,
    bodies: times.map((t) => `${tag}@${t}`),
    texts: times.map((t) => `${tag}@${t}`),
    levels: times.map(() => 3),
    sources: times.map(() => 0),
  };
}

describe('LogStore', () => {
  it('appends newer batches at the end and numbers every row once', () => {
    const store = new LogStore(100);
    store.append(batch([1, 2], 'a'));
    store.append(batch([3], 'b'));
    expect(store.bodies).toEqual(['a@1', 'a@2', 'b@3']);
    expect(store.seqs).toEqual([0, 1, 2]);
    expect(store.nextSequence).toBe(3);
  });

  it('merges a batch that overlaps the newest rows into time order', () => {
    const store = new LogStore(100);
    store.append(batch([1, 5, 9], 'a'));
    store.append(batch([4, 5, 10], 'b'));
    expect(store.bodies).toEqual(['a@1', 'b@4', 'a@5', 'b@5', 'a@9', 'b@10']);
    expect(store.times).toEqual([1, 4, 5, 5, 9, 10]);
    // each row keeps the number it was given
    expect(store.seqs).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('drops the oldest rows beyond its capacity and counts them', () => {
    const store = new LogStore(3);
    store.append(batch([1, 2], 'a'));
    store.append(batch([3, 4, 5], 'b'));
    expect(store.bodies).toEqual(['b@3', 'b@4', 'b@5']);
    expect(store.dropped).toBe(2);
    store.setCapacity(1);
    expect(store.bodies).toEqual(['b@5']);
    expect(store.dropped).toBe(4);
  });

  it('changes version with the rows and resets on clear', () => {
    const store = new LogStore(10);
    const v0 = store.version;
    store.append(batch([1], 'a'));
    expect(store.version).not.toBe(v0);
    store.clear();
    expect(store.length).toBe(0);
    expect(store.dropped).toBe(0);
    store.append(batch([2], 'b'));
    expect(store.seqs).toEqual([1]);
  });

  it('ignores empty batches', () => {
    const store = new LogStore(10);
    const v0 = store.version;
    store.append(batch([], 'a'));
    expect(store.version).toBe(v0);
  });
});
