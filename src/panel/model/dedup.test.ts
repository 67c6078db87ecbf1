import { LOG_LEVELS } from '../../common/logLevel';
import type { DedupMode } from './dedupKeys';
import { FilterEngine, type FilterSpec, NO_FILTER } from './filterEngine';
import type { LogBatch } from './frameRows';
import { LogStore } from './logStore';
import { compileRegex } from './regex';
import { compilers } from './search';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);

/** Rows as [text, level, source]; times are their order. */
type Row = [string, string, number];

function batch(rows: Row[], t0 = 0): LogBatch {
  return {
    length: rows.length,
    times: rows.map((_, i) => t0 + i),
    bodies: rows.map((r) => r[0]),
    texts: rows.map((r) => r[0]),
    levels: rows.map((r) => lvl(r[1])),
    sources: rows.map((r) => r[2]),
  };
}

const newEngine = () => new FilterEngine(compilers(compileRegex));

/** Sends what the store changed to the engine and runs it to the end (Infinity: no slices). */
function feed(engine: FilterEngine, store: LogStore, seq = 1) {
  const delta = store.takeDelta();
  if (delta) {
    engine.apply(delta, seq);
  }
  while (!engine.step(Infinity)) {
    // every call makes progress
  }
  return engine.snapshot();
}

/** The rows shown as "text ×N" (×N only on runs), with each run's last row's text when it differs. */
function shownOf(store: LogStore, r: ReturnType<FilterEngine['snapshot']>): string[] {
  return Array.from(r.rows, (abs, k) => {
    const text = store.texts[abs - store.dropped];
    const n = r.duplicates ? r.duplicates[k] : 1;
    const last = r.lastDuplicates ? store.texts[r.lastDuplicates[k] - store.dropped] : text;
    return n === 1 ? text : `${text} ×${n}${last !== text ? ` (last: ${last})` : ''}`;
  });
}

function run(rows: Row[], spec: Partial<FilterSpec>) {
  const store = new LogStore(1000);
  store.append(batch(rows));
  const engine = newEngine();
  engine.setFilter({ ...NO_FILTER, ...spec }, 1);
  const r = feed(engine, store);
  return { r, shown: shownOf(store, r) };
}

const TIMINGS: Row[] = [
  ['GET /cart took 12 ms', 'info', 0],
  ['GET /cart took 15 ms', 'info', 0],
  ['GET /cart took 15 ms', 'info', 0],
  ['GET /cart took 15 ms', 'info', 1],
  ['GET /home took 3 ms', 'info', 0],
  ['GET /cart took 15 ms', 'info', 0],
];

describe('dedup in the engine', () => {
  it('none lists every row and no counts', () => {
    const { r } = run(TIMINGS, {});
    expect(r.rows).toHaveLength(6);
    expect(r.duplicates).toBeUndefined();
  });

  it('exact: adjacent identical lines of one source are one row with a count and the last one', () => {
    const { r, shown } = run(TIMINGS, { dedup: 'exact' });
    // another pod's identical line, and an identical line after a different one, stay apart
    expect(shown).toEqual([
      'GET /cart took 12 ms',
      'GET /cart took 15 ms ×2',
      'GET /cart took 15 ms',
      'GET /home took 3 ms',
      'GET /cart took 15 ms',
    ]);
    expect(Array.from(r.lastDuplicates!)).toEqual([0, 2, 3, 4, 5]);
  });

  it('numbers: lines that differ only in numbers are duplicates', () => {
    expect(run(TIMINGS, { dedup: 'numbers' }).shown).toEqual([
      'GET /cart took 12 ms ×3 (last: GET /cart took 15 ms)',
      'GET /cart took 15 ms',
      'GET /home took 3 ms',
      'GET /cart took 15 ms',
    ]);
  });

  it('signature: lines that differ only in words and numbers are duplicates', () => {
    const rows: Row[] = [
      ['user alice logged in', 'info', 0],
      ['user bob logged out', 'info', 0],
      ['user carol logged in', 'info', 0],
      ['user dave: logged in', 'info', 0],
    ];
    expect(run(rows, { dedup: 'signature' }).shown).toEqual([
      'user alice logged in ×3 (last: user carol logged in)',
      'user dave: logged in',
    ]);
    expect(run(rows, { dedup: 'exact' }).shown).toHaveLength(4);
  });

  it('dedups after the level, source and search filters, and level counts still count every entry', () => {
    const rows: Row[] = [
      ['cache hit 1', 'info', 0],
      ['noise', 'debug', 0],
      ['cache hit 2', 'info', 0],
      ['other pod', 'info', 1],
      ['cache hit 3', 'info', 0],
    ];
    const hidden = LOG_LEVELS.map((l) => l === 'debug');
    const byLevel = run(rows, { dedup: 'numbers', hiddenLevels: hidden, hiddenSources: [false, true] });
    expect(byLevel.shown).toEqual(['cache hit 1 ×3 (last: cache hit 3)']);
    expect(byLevel.r.levelCounts[lvl('info')]).toBe(3);
    expect(byLevel.r.levelCounts[lvl('debug')]).toBe(1);
    const bySearch = run(rows, { dedup: 'numbers', search: 'cache', onlyMatching: true });
    expect(bySearch.shown).toEqual(['cache hit 1 ×3 (last: cache hit 3)']);
    expect(bySearch.r.matches).toHaveLength(3);
  });

  it('never merges a stack trace: identical heads with frames stay apart, with their frames', () => {
    const trace = (n: number): Row[] => [
      ['Error: payment declined', 'error', 0],
      [`    at charge (/app/pay.js:${n}:5)`, 'unknown', 0],
    ];
    const rows: Row[] = [...trace(1), ...trace(2), ['Error: payment declined', 'error', 0]];
    expect(run(rows, { dedup: 'exact' }).shown).toEqual([
      'Error: payment declined',
      '    at charge (/app/pay.js:1:5)',
      'Error: payment declined',
      '    at charge (/app/pay.js:2:5)',
      'Error: payment declined',
    ]);
  });

  it('splits a run again when its line turns out to head a stack trace (frames in a later delta)', () => {
    const store = new LogStore(1000);
    const engine = newEngine();
    engine.setFilter({ ...NO_FILTER, dedup: 'exact' }, 1);
    store.append(batch([['Error: boom', 'error', 0]], 0));
    store.append(batch([['Error: boom', 'error', 0]], 1));
    expect(shownOf(store, feed(engine, store))).toEqual(['Error: boom ×2']);
    store.append(batch([['    at f (/app/x.js:1:1)', 'unknown', 0]], 2));
    expect(shownOf(store, feed(engine, store, 2))).toEqual(['Error: boom', 'Error: boom', '    at f (/app/x.js:1:1)']);
  });

  it('changing only the mode redoes the dedup over the same filtered rows', () => {
    const store = new LogStore(1000);
    store.append(batch(TIMINGS));
    const engine = newEngine();
    engine.setFilter({ ...NO_FILTER, dedup: 'exact' }, 1);
    expect(shownOf(store, feed(engine, store))).toHaveLength(5);
    engine.setFilter({ ...NO_FILTER, dedup: 'numbers' }, 2);
    expect(shownOf(store, feed(engine, store))).toHaveLength(4);
    engine.setFilter({ ...NO_FILTER, dedup: 'none' }, 3);
    const r = feed(engine, store);
    expect(r.rows).toHaveLength(6);
    expect(r.duplicates).toBeUndefined();
  });

  it('answers the same when the scan and the dedup run in many short slices', () => {
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => [
      `took ${i % 7} ms`,
      i % 5 ? 'info' : 'debug',
      (i >> 4) % 2,
    ]);
    const store = new LogStore(5000);
    store.append(batch(rows));
    const spec = { ...NO_FILTER, dedup: 'numbers' as const, search: 'took', onlyMatching: true };
    const sliced = newEngine();
    sliced.setFilter(spec, 1);
    sliced.apply(store.takeDelta()!, 1);
    // a clock that moves a millisecond per look: every slice ends at its first look
    let clock = 0;
    let slices = 0;
    while (!sliced.step(1, () => clock++)) {
      slices++;
    }
    expect(slices).toBeGreaterThan(5);
    const whole = newEngine();
    whole.setFilter(spec, 1);
    store.markAllChanged();
    expect(shownOf(store, sliced.snapshot())).toEqual(shownOf(store, feed(whole, store)));
  });

  it.each<DedupMode>(['exact', 'numbers', 'signature'])(
    '%s: streaming with drops and merges answers as one pass over the rows held does',
    (mode) => {
      // a fixed pseudo-random stream: runs of repeats, two sources, traces, late rows (merged into the tail)
      let seed = 7;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const store = new LogStore(300);
      const engine = newEngine();
      const spec = { ...NO_FILTER, dedup: mode, hiddenLevels: LOG_LEVELS.map((l) => l === 'debug') };
      engine.setFilter(spec, 1);
      let t = 0;
      for (let d = 0; d < 60; d++) {
        const rows: Row[] = [];
        for (let k = rnd(20); k >= 0; k--) {
          const pick = rnd(10);
          rows.push(
            pick < 4
              ? [`took ${rnd(3)} ms`, 'info', rnd(2)]
              : pick < 6
                ? ['Error: boom', 'error', 0]
                : pick < 7
                  ? ['    at f (/app/x.js:1:1)', 'unknown', 0]
                  : pick < 8
                    ? [`noise ${rnd(5)}`, 'debug', rnd(2)]
                    : [`user u${rnd(4)} in`, 'info', 1]
          );
        }
        // now and then a batch overlapping the newest rows (several pods polled at once)
        const t0 = rnd(5) === 0 ? Math.max(0, t - 3) : t;
        store.append(batch(rows, t0));
        t = Math.max(t, t0 + rows.length);
        const incremental = shownOf(store, feed(engine, store, d + 1));
        const fresh = newEngine();
        fresh.setFilter(spec, 1);
        store.markAllChanged();
        expect(incremental).toEqual(shownOf(store, feed(fresh, store)));
      }
      expect(store.dropped).toBeGreaterThan(0);
    }
  );
});
