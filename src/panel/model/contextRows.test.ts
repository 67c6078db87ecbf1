import { contextRows, rowOfSeq } from './contextRows';
import { LogStore } from './logStore';

/** Lines of two sources interleaved: `a0 b0 a1 b1 …`, source 0 for a, 1 for b. */
function interleaved(n: number): LogStore {
  const store = new LogStore(1000);
  const texts = Array.from({ length: 2 * n }, (_, i) => `${i % 2 ? 'b' : 'a'}${i >> 1}`);
  store.append({
    length: texts.length,
    times: texts.map((_, i) => i),
    bodies: texts.slice(),
    texts,
    levels: texts.map(() => 0),
    sources: texts.map((_, i) => i % 2),
  });
  return store;
}
const texts = (store: LogStore, rows: number[]) => rows.map((r) => store.texts[r]);

describe('contextRows', () => {
  it('takes lines of the same source around the line, whatever else is between', () => {
    const store = interleaved(10);
    const w = contextRows(store, store.texts.indexOf('a5'), 2, 3);
    expect(texts(store, w.rows)).toEqual(['a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(w.anchor).toBe(2);
    expect([w.moreBefore, w.moreAfter]).toEqual([true, true]);
  });

  it('says when the buffer has no more lines of the source', () => {
    const store = interleaved(4);
    const w = contextRows(store, store.texts.indexOf('b1'), 5, 5);
    expect(texts(store, w.rows)).toEqual(['b0', 'b1', 'b2', 'b3']);
    expect([w.moreBefore, w.moreAfter]).toEqual([false, false]);
  });

  it('stops after scanning its limit and offers more', () => {
    const store = interleaved(10);
    const w = contextRows(store, store.texts.indexOf('a5'), 5, 0, 3);
    expect(texts(store, w.rows)).toEqual(['a4', 'a5']);
    expect(w.moreBefore).toBe(true);
  });

  it('finds a line again by seq after older lines are dropped', () => {
    const store = interleaved(5);
    const seq = store.seqs[6];
    store.setCapacity(6);
    expect(store.texts[rowOfSeq(store, seq, 6)]).toBe('a3');
    expect(store.texts[rowOfSeq(store, seq)]).toBe('a3');
    expect(rowOfSeq(store, store.seqs.length + 99)).toBe(-1);
  });
});
