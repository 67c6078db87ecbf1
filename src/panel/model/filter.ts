import type { LogStore } from './logStore';

/**
 * Lines shown that are newer than `after` (epoch ms): the "N new lines" while following is paused. By time
 * rather than by arrival, so a refreshed query that brings back the lines already read does not count them.
 */
export function countNewer(store: LogStore, rows: Int32Array, after: number): number {
  const { times } = store;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // NaN (no time) sorts first and is never newer
    if (!(times[rows[mid]] > after)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return rows.length - lo;
}
