import { LEVEL_COUNT } from './levels';
import type { LogStore } from './logStore';

export interface RowFilter {
  /** lines matching it are highlighted and counted as matches */
  search?: RegExp;
  /** drop lines that do not match the search */
  onlyMatching: boolean;
  /** drop lines matching this */
  exclude?: RegExp;
  /** by level index; true hides the level */
  hiddenLevels: ArrayLike<boolean>;
  /** by source index; true hides the source */
  hiddenSources: ArrayLike<boolean>;
}

export interface FilteredRows {
  /** store row indices shown, oldest first */
  rows: Int32Array;
  /** positions in `rows` whose line matches the search */
  matches: Int32Array;
  /** lines per level index that pass every filter except the level filter, so hidden levels keep a count */
  levelCounts: Int32Array;
}

/**
 * One tight pass over the store's columns: source, exclude, search, then level, counting levels on the way.
 * The search RegExp runs once per line at most, so the pass costs about as much as testing every line.
 */
export function filterRows(store: LogStore, filter: RowFilter): FilteredRows {
  const n = store.length;
  const { texts, levels, sources } = store;
  const { search, exclude, onlyMatching, hiddenLevels, hiddenSources } = filter;
  const rows = new Int32Array(n);
  const matches = new Int32Array(search ? n : 0);
  const levelCounts = new Int32Array(LEVEL_COUNT);
  let shown = 0;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    if (hiddenSources[sources[i]]) {
      continue;
    }
    const text = texts[i];
    if (exclude !== undefined && exclude.test(text)) {
      continue;
    }
    const hit = search !== undefined && search.test(text);
    if (onlyMatching && search !== undefined && !hit) {
      continue;
    }
    const level = levels[i];
    levelCounts[level]++;
    if (hiddenLevels[level]) {
      continue;
    }
    if (hit) {
      matches[matched++] = shown;
    }
    rows[shown++] = i;
  }
  return { rows: rows.subarray(0, shown), matches: matches.subarray(0, matched), levelCounts };
}

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
