import { countNewer, filterRows, type RowFilter } from './filter';
import { LEVEL_COUNT } from './levels';
import { LogStore } from './logStore';
import { LOG_LEVELS } from '../../common/logLevel';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);

function store(): LogStore {
  const s = new LogStore(100);
  const rows: Array<[string, string, number]> = [
    ['GET /healthz 200', 'info', 0],
    ['GET /cart 500 Error', 'error', 0],
    ['POST /cart 201', 'info', 1],
    ['cart cache miss', 'debug', 1],
    ['shutting down', 'warning', 2],
  ];
  s.append({
    length: rows.length,
    times: rows.map((_, i) => i * 10),
    bodies: rows.map((r) => r[0]),
    texts: rows.map((r) => r[0]),
    levels: rows.map((r) => lvl(r[1])),
    sources: rows.map((r) => r[2]),
  });
  return s;
}

const none = (): RowFilter => ({
  onlyMatching: false,
  hiddenLevels: new Array(LEVEL_COUNT).fill(false),
  hiddenSources: [],
});

const shown = (s: LogStore, f: RowFilter) => Array.from(filterRows(s, f).rows, (i) => s.bodies[i]);

describe('filterRows', () => {
  it('shows everything and counts levels without filters', () => {
    const s = store();
    const r = filterRows(s, none());
    expect(r.rows).toHaveLength(5);
    expect(r.matches).toHaveLength(0);
    expect(r.levelCounts[lvl('info')]).toBe(2);
    expect(r.levelCounts[lvl('error')]).toBe(1);
  });

  it('marks matches, or keeps only them', () => {
    const s = store();
    const search = /cart/i;
    const all = filterRows(s, { ...none(), search });
    expect(all.rows).toHaveLength(5);
    expect(Array.from(all.matches)).toEqual([1, 2, 3]);
    expect(shown(s, { ...none(), search, onlyMatching: true })).toEqual([
      'GET /cart 500 Error',
      'POST /cart 201',
      'cart cache miss',
    ]);
  });

  it('excludes, hides levels and sources, and counts levels before the level filter', () => {
    const s = store();
    const hiddenLevels = new Array(LEVEL_COUNT).fill(false);
    hiddenLevels[lvl('info')] = true;
    const r = filterRows(s, { ...none(), exclude: /healthz/, hiddenLevels, hiddenSources: [false, false, true] });
    expect(Array.from(r.rows, (i) => s.bodies[i])).toEqual(['GET /cart 500 Error', 'cart cache miss']);
    expect(r.levelCounts[lvl('info')]).toBe(1);
    expect(r.levelCounts[lvl('warning')]).toBe(0);
  });

  it('counts shown lines newer than a time', () => {
    const s = store();
    const r = filterRows(s, none());
    expect(countNewer(s, r.rows, 20)).toBe(2);
    expect(countNewer(s, r.rows, 40)).toBe(0);
    expect(countNewer(s, r.rows, -Infinity)).toBe(5);
  });
});
