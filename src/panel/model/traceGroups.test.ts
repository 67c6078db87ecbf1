import { LOG_LEVELS } from '../../common/logLevel';
import { FilterEngine, type FilterSpec, NO_FILTER } from './filterEngine';
import type { LogBatch } from './frameRows';
import { LogStore } from './logStore';
import { compileRegex } from './regex';
import { compilers } from './search';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);

/** Rows as [time, text, level, source]. */
function batch(rows: Array<[number, string, string, number]>): LogBatch {
  return {
    length: rows.length,
    times: rows.map((r) => r[0]),
    bodies: rows.map((r) => r[1]),
    texts: rows.map((r) => r[1]),
    levels: rows.map((r) => lvl(r[2])),
    sources: rows.map((r) => r[3]),
  };
}

/** The store's rows as head text per row: which line each row is grouped under. */
function headsOf(store: LogStore): string[] {
  return store.heads.map((h) => (h >= store.dropped ? store.texts[h - store.dropped] : `(dropped ${h})`));
}

const TRACE: Array<[number, string, string, number]> = [
  [1, 'GET /cart 200', 'info', 0],
  [2, 'Error: payment declined', 'error', 0],
  [3, '    at charge (/app/pay.js:10:5)', 'unknown', 0],
  [4, '    at checkout (/app/cart.js:22:9)', 'unknown', 0],
  [5, '    at async route (/app/server.js:40:3)', 'unknown', 0],
  [6, 'GET /healthz 200', 'info', 0],
];

function run(store: LogStore, spec: Partial<FilterSpec> = {}) {
  const engine = new FilterEngine(compilers(compileRegex));
  engine.setFilter({ ...NO_FILTER, ...spec }, 1);
  store.markAllChanged();
  engine.apply(store.takeDelta()!, 1);
  engine.step(Infinity);
  const r = engine.snapshot();
  const texts = (abs: Int32Array) => Array.from(abs, (a) => store.texts[a - store.dropped]);
  return { r, shown: texts(r.rows), matched: texts(r.matches) };
}

describe('stack trace groups in the store', () => {
  it('continues a group across batches', () => {
    const store = new LogStore(100);
    store.append(batch(TRACE.slice(0, 3)));
    store.append(batch(TRACE.slice(3)));
    expect(headsOf(store)).toEqual([
      'GET /cart 200',
      'Error: payment declined',
      'Error: payment declined',
      'Error: payment declined',
      'Error: payment declined',
      'GET /healthz 200',
    ]);
    expect(store.levels.map((l) => LOG_LEVELS[l])).toEqual(['info', 'error', 'error', 'error', 'error', 'info']);
  });

  it('keeps groups right when a batch from another pod is merged into the newest rows', () => {
    const store = new LogStore(100);
    store.append(batch(TRACE.slice(0, 4)));
    // another pod's lines, older than the newest held: merged in between
    store.append(
      batch([
        [2.5, 'other pod ready', 'info', 1],
        [3.5, '    at x (/other.js:1:1)', 'unknown', 1],
        [4.5, 'Error: payment declined again', 'error', 0],
      ])
    );
    store.append(batch([[7, '    at retry (/app/pay.js:30:1)', 'unknown', 0]]));
    expect(store.texts).toEqual([
      'GET /cart 200',
      'Error: payment declined',
      'other pod ready',
      '    at charge (/app/pay.js:10:5)',
      '    at x (/other.js:1:1)',
      '    at checkout (/app/cart.js:22:9)',
      'Error: payment declined again',
      '    at retry (/app/pay.js:30:1)',
    ]);
    expect(headsOf(store)).toEqual([
      'GET /cart 200',
      'Error: payment declined',
      'other pod ready',
      'Error: payment declined',
      'other pod ready',
      'Error: payment declined',
      'Error: payment declined again',
      'Error: payment declined again',
    ]);
  });

  it('shows what is left of a group whose head the capacity dropped as a group of its own', () => {
    const store = new LogStore(3);
    store.append(batch(TRACE.slice(0, 5)));
    expect(store.texts).toEqual(TRACE.slice(2, 5).map((r) => r[1]));
    expect(store.heads).toEqual([1, 1, 1]);
    expect(store.dropped).toBe(2);
    const { r, shown } = run(store);
    expect(shown).toHaveLength(3);
    // counted once, with the head's level
    expect(r.levelCounts[lvl('error')]).toBe(1);
    expect(run(store, { search: 'checkout', onlyMatching: true }).shown).toHaveLength(3);
  });
});

describe('stack traces while the capacity drops rows', () => {
  it('keeps showing and counting a trace once when its head is dropped between deltas', () => {
    const s = new LogStore(4);
    const engine = new FilterEngine(compilers(compileRegex));
    engine.setFilter({ ...NO_FILTER, hiddenLevels: LOG_LEVELS.map((l) => l === 'info') }, 1);
    s.append(batch(TRACE.slice(1, 4)));
    engine.apply(s.takeDelta()!, 1);
    engine.step(Infinity);
    expect(engine.snapshot().levelCounts[lvl('error')]).toBe(1);
    s.append(
      batch([
        [5, '    at async route (/app/server.js:40:3)', 'unknown', 0],
        [6, '    at process (/app/server.js:50:1)', 'unknown', 0],
      ])
    );
    expect(s.dropped).toBe(1);
    engine.apply(s.takeDelta()!, 2);
    engine.step(Infinity);
    const r = engine.snapshot();
    expect(r.rows).toHaveLength(4);
    expect(r.levelCounts[lvl('error')]).toBe(1);
  });
});

describe('filters keep stack traces together', () => {
  const store = () => {
    const s = new LogStore(100);
    s.append(batch(TRACE));
    return s;
  };

  it('counts a trace once, at its head’s level', () => {
    const { r } = run(store());
    expect(r.rows).toHaveLength(6);
    expect(r.levelCounts[lvl('error')]).toBe(1);
    expect(r.levelCounts[lvl('info')]).toBe(2);
    expect(r.levelCounts[lvl('unknown')]).toBe(0);
  });

  it('hides or shows the whole trace with its head’s level', () => {
    expect(run(store(), { hiddenLevels: [false, true] }).shown).toEqual(['GET /cart 200', 'GET /healthz 200']);
    const hideUnknown = LOG_LEVELS.map((l) => l === 'unknown');
    expect(run(store(), { hiddenLevels: hideUnknown }).shown).toHaveLength(6);
  });

  it('shows the whole trace, with the hit marked, when the search matches one frame', () => {
    const { shown, matched } = run(store(), { search: 'cart.js', onlyMatching: true });
    expect(shown).toEqual(TRACE.slice(1, 5).map((r) => r[1]));
    expect(matched).toEqual(['    at checkout (/app/cart.js:22:9)']);
  });

  it('shows the whole trace when the search matches its head', () => {
    const { shown } = run(store(), { search: 'declined', onlyMatching: true });
    expect(shown).toEqual(TRACE.slice(1, 5).map((r) => r[1]));
  });

  it('drops the whole trace when its head is excluded, and keeps it when only a frame is', () => {
    expect(run(store(), { exclude: ['payment'] }).shown).toEqual(['GET /cart 200', 'GET /healthz 200']);
    expect(run(store(), { exclude: ['checkout'] }).shown).toHaveLength(6);
  });

  it('shows a trace whose matching frame arrives in a later delta', () => {
    const s = new LogStore(100);
    const engine = new FilterEngine(compilers(compileRegex));
    engine.setFilter({ ...NO_FILTER, search: 'route', onlyMatching: true }, 1);
    s.append(batch(TRACE.slice(0, 4)));
    engine.apply(s.takeDelta()!, 1);
    engine.step(Infinity);
    expect(engine.snapshot().rows).toHaveLength(0);
    s.append(batch(TRACE.slice(4)));
    engine.apply(s.takeDelta()!, 2);
    engine.step(Infinity);
    const r = engine.snapshot();
    expect(Array.from(r.rows, (a) => s.texts[a])).toEqual(TRACE.slice(1, 5).map((x) => x[1]));
    expect(r.levelCounts[lvl('error')]).toBe(1);
  });
});
