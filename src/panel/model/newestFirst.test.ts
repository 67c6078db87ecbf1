import { newestFirst } from './newestFirst';

describe('newestFirst', () => {
  it('reverses lines of their own, with match positions', () => {
    const out = newestFirst({ rows: Int32Array.from([0, 1, 2, 3]), matches: Int32Array.from([0, 3]) }, () => 0);
    expect(Array.from(out.rows)).toEqual([3, 2, 1, 0]);
    expect(Array.from(out.matches)).toEqual([0, 3]);
  });

  it('keeps a stack trace under its first line, frames in order, also when another source interleaves', () => {
    // rows 0 (A head), 1 (A frame), 2 (B line), 3 (A frame), 4 (A line)
    const source = [0, 0, 1, 0, 0];
    const out = newestFirst(
      {
        rows: Int32Array.from([0, 1, 2, 3, 4]),
        matches: Int32Array.from([3]),
        sizes: Int32Array.from([2, -1, 0, -1, 0]),
        expanded: Uint8Array.from([1, 0, 0, 0, 0]),
      },
      (row) => source[row]
    );
    expect(Array.from(out.rows)).toEqual([4, 2, 0, 1, 3]);
    expect(Array.from(out.sizes!)).toEqual([0, 0, 2, -1, -1]);
    expect(Array.from(out.expanded!)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(out.matches)).toEqual([4]);
  });
});
