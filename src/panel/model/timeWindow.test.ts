import { LOG_LEVELS } from '../../common/logLevel';
import { FilterEngine, type FilterSpec, NO_FILTER } from './filterEngine';
import { LogStore } from './logStore';
import { compilers, noRegex } from './search';
import { inWindow, presetOf, resolveWindow, TIME_PRESETS, windowStep } from './timeWindow';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);
const T0 = Date.UTC(2024, 0, 2, 3, 0, 0);

/** One line a second; `at …` lines right after an `Error:` line are frames of its stack trace. */
function store(texts: string[]): LogStore {
  const s = new LogStore(1000);
  s.append({
    length: texts.length,
    times: texts.map((_, i) => T0 + i * 1_000),
    bodies: texts,
    texts,
    levels: texts.map((t) => (t.startsWith('Error') ? lvl('error') : lvl('info'))),
    sources: texts.map(() => 0),
  });
  return s;
}

function shown(s: LogStore, spec: Partial<FilterSpec>) {
  const engine = new FilterEngine(compilers(noRegex('none')));
  engine.setFilter({ ...NO_FILTER, ...spec }, 1);
  engine.apply(s.takeDelta()!, 1);
  while (!engine.step(50)) {
    // until every row is examined
  }
  const r = engine.snapshot();
  return { texts: Array.from(r.rows, (a) => s.texts[a - s.dropped]), r, engine };
}

describe('time window in the engine', () => {
  const texts = ['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5'];

  it('shows only lines inside [from, to), and counts levels inside it', () => {
    const { texts: rows, r } = shown(store(texts), { timeWindow: { from: T0 + 2_000, to: T0 + 4_000 } });
    expect(rows).toEqual(['a 2', 'a 3']);
    expect(r.levelCounts[lvl('info')]).toBe(2);
  });

  it('leaves the window open towards the newest line without `to`', () => {
    expect(shown(store(texts), { timeWindow: { from: T0 + 4_000 } }).texts).toEqual(['a 4', 'a 5']);
  });

  it('combines with the search, and scans again when only the window changes', () => {
    const { engine } = shown(store(texts), { search: 'a', onlyMatching: true, timeWindow: { from: T0 + 5_000 } });
    expect(engine.snapshot().rows).toHaveLength(1);
    engine.setFilter({ ...NO_FILTER, search: 'a', onlyMatching: true }, 2);
    while (!engine.step(50)) {
      // rescan
    }
    expect(engine.snapshot().rows).toHaveLength(6);
  });

  it('keeps a stack trace whole by its first line’s time', () => {
    const trace = [
      'Error: payment declined',
      '    at charge (/app/pay.js:10:5)',
      '    at run (/app/x.js:2:1)',
      'after',
    ];
    // the trace starts at T0 and its frames are later, but they go with it
    const { texts: rows } = shown(store(trace), { timeWindow: { from: T0, to: T0 + 1_000 } });
    expect(rows).toEqual(trace.slice(0, 3));
    expect(shown(store(trace), { timeWindow: { from: T0 + 1_000 } }).texts).toEqual(['after']);
  });
});

describe('window helpers', () => {
  it('puts lines without a time outside every window', () => {
    expect(inWindow(NaN, { from: 0 })).toBe(false);
    expect(inWindow(NaN, undefined)).toBe(true);
    expect(inWindow(10, { from: 0, to: 10 })).toBe(false);
  });

  it('resolves "the last 5 minutes" in steps, so the engine does not rescan with every line', () => {
    const view = { kind: 'last' as const, ms: 300_000 };
    const a = resolveWindow(view, T0 + 1_000);
    const b = resolveWindow(view, T0 + 9_000);
    expect(windowStep(300_000)).toBe(10_000);
    expect(a).toEqual({ from: T0 - 300_000 });
    expect(b).toEqual(a);
    expect(resolveWindow(view, T0 + 10_000)).toEqual({ from: T0 - 290_000 });
    expect(resolveWindow(view, NaN)).toBeUndefined();
  });

  it('names the preset pressed', () => {
    expect(presetOf(undefined)?.label).toBe('All');
    expect(presetOf({ kind: 'last', ms: 15 * 60_000 })?.label).toBe('15m');
    expect(presetOf({ kind: 'range', from: 0, to: 1 })).toBeUndefined();
    expect(TIME_PRESETS.map((p) => p.label)).toEqual(['5m', '15m', '1h', 'All']);
  });
});
