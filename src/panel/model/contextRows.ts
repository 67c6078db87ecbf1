import type { LogStore } from './logStore';

/**
 * The lines around one line from the same pod/container, from everything the panel holds whatever the filters
 * show (the context a reader asks for to see what led to an error). The walk is bounded: at most `scanLimit`
 * rows of other sources are passed over each way, so a rare pod among two million lines costs milliseconds, and
 * "more" carries on from there.
 */
export interface ContextWindow {
  /** store rows, oldest first */
  rows: number[];
  /** the line asked about, as a position in `rows` */
  anchor: number;
  /** there may be more lines of the source before / after the window */
  moreBefore: boolean;
  moreAfter: boolean;
}

export const CONTEXT_SCAN_LIMIT = 200_000;

function walk(store: LogStore, from: number, step: 1 | -1, want: number, scanLimit: number) {
  const source = store.sources[from];
  const found: number[] = [];
  let i = from + step;
  let scanned = 0;
  // one more than wanted tells whether there are more
  while (i >= 0 && i < store.length && found.length <= want && scanned < scanLimit) {
    if (store.sources[i] === source) {
      found.push(i);
    }
    i += step;
    scanned++;
  }
  const more = found.length > want || (scanned >= scanLimit && i >= 0 && i < store.length);
  return { rows: found.slice(0, want), more };
}

export function contextRows(
  store: LogStore,
  row: number,
  before: number,
  after: number,
  scanLimit = CONTEXT_SCAN_LIMIT
): ContextWindow {
  const older = walk(store, row, -1, before, scanLimit);
  const newer = walk(store, row, 1, after, scanLimit);
  return {
    rows: [...older.rows.reverse(), row, ...newer.rows],
    anchor: older.rows.length,
    moreBefore: older.more,
    moreAfter: newer.more,
  };
}

/**
 * The store row of the line with this seq now, or -1 when it is gone. `abs` is where it was (absolute row: the
 * store's dropped count plus its index), which stays right while older lines are dropped; a merge of lines that
 * arrived late can move it, and then it is looked for.
 */
export function rowOfSeq(store: LogStore, seq: number, abs = -1): number {
  const hint = abs - store.dropped;
  if (hint >= 0 && hint < store.length && store.seqs[hint] === seq) {
    return hint;
  }
  return store.seqs.indexOf(seq);
}
