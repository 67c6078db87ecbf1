import { LOG_LEVELS } from '../../common/logLevel';
import { countNewer } from './filter';
import { FilterEngine, type FilterSpec, NO_FILTER, type RowsDelta } from './filterEngine';
import { LogStore } from './logStore';
import { compileRegex } from './regex';
import { compilers } from './search';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);
const ROWS: Array<[string, string, number]> = [
  ['GET /healthz 200', 'info', 0],
  ['GET /cart 500 Error', 'error', 0],
  ['POST /cart 201', 'info', 1],
  ['cart cache miss', 'debug', 1],
  ['shutting down', 'warning', 2],
];

function store(rows = ROWS, cap = 100): LogStore {
  const s = new LogStore(cap);
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

/** An engine fed the store's rows, run to the end: what the worker would answer. */
function run(s: LogStore, spec: Partial<FilterSpec> = {}, engine = new FilterEngine(compilers(compileRegex))) {
  engine.setFilter({ ...NO_FILTER, ...spec }, 1);
  const delta = s.takeDelta();
  if (delta) {
    engine.apply(delta, 1);
  }
  while (!engine.step(50)) {
    // a real budget: the clock decides the slices, the answer does not depend on them
  }
  const r = engine.snapshot();
  const texts = (abs: Int32Array) => Array.from(abs, (a) => s.texts[a - s.dropped]);
  return { engine, r, shown: texts(r.rows), matched: texts(r.matches) };
}

describe('FilterEngine', () => {
  it('shows everything and counts levels without filters', () => {
    const { r } = run(store());
    expect(r.rows).toHaveLength(5);
    expect(r.matches).toHaveLength(0);
    expect(r.levelCounts[lvl('info')]).toBe(2);
    expect(r.levelCounts[lvl('error')]).toBe(1);
  });

  it('marks matches, or keeps only them', () => {
    expect(run(store(), { search: 'cart' }).matched).toEqual([
      'GET /cart 500 Error',
      'POST /cart 201',
      'cart cache miss',
    ]);
    expect(run(store(), { search: 'cart', onlyMatching: true }).shown).toEqual([
      'GET /cart 500 Error',
      'POST /cart 201',
      'cart cache miss',
    ]);
  });

  it('excludes, hides levels and sources, and counts levels before the level filter', () => {
    const hiddenLevels = LOG_LEVELS.map((l) => l === 'info');
    const { r, shown } = run(store(), { exclude: ['healthz'], hiddenLevels, hiddenSources: [false, false, true] });
    expect(shown).toEqual(['GET /cart 500 Error', 'cart cache miss']);
    expect(r.levelCounts[lvl('info')]).toBe(1);
    expect(r.levelCounts[lvl('warning')]).toBe(0);
  });

  it('runs regular expressions in linear time: (a+)+$ on a long line of a answers at once', () => {
    const hostile = 'a'.repeat(50_000) + 'b';
    const s = store([
      [hostile, 'info', 0],
      ['aaa', 'info', 0],
    ]);
    const { matched } = run(s, { search: '(a+)+$', regex: true });
    expect(matched).toEqual(['aaa']);
  });

  it('keeps the last valid pattern and says why the new one does not compile', () => {
    const s = store();
    const { engine } = run(s, { search: 'cart \\d{3}', regex: true, onlyMatching: true });
    engine.setFilter({ ...NO_FILTER, search: '(cart', regex: true, onlyMatching: true }, 2);
    while (!engine.step(50)) {
      // scan
    }
    const r = engine.snapshot();
    expect(r.error).toBe('missing closing ): `(cart`');
    expect(Array.from(r.rows, (a) => s.texts[a])).toEqual(['GET /cart 500 Error', 'POST /cart 201']);
  });

  it.each([
    ['(a)\\1', 'backreferences (\\1, \\k<name>) are not supported'],
    ['foo(?=bar)', 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'],
    ['(?<!x)y', 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'],
  ])('explains what RE2 lacks: %s', (pattern, message) => {
    const c = compileRegex(pattern, false);
    expect(!c.ok && c.error).toBe(
      `${message}: the search uses a linear-time engine (RE2) so that no pattern can freeze the panel`
    );
  });

  it('follows the store: appended rows are scanned, dropped rows forgotten, a merged tail rescanned', () => {
    const s = new LogStore(4);
    const engine = new FilterEngine(compilers(compileRegex));
    const feed = (rows: Array<[number, string]>) => {
      s.append({
        length: rows.length,
        times: rows.map((r) => r[0]),
        bodies: rows.map((r) => r[1]),
        texts: rows.map((r) => r[1]),
        levels: rows.map(() => lvl('info')),
        sources: rows.map(() => 0),
      });
      engine.apply(s.takeDelta() as RowsDelta, 1);
      while (!engine.step(50)) {
        // scan
      }
      const r = engine.snapshot();
      return { rows: Array.from(r.rows, (a) => s.texts[a - s.dropped]), info: r.levelCounts[lvl('info')] };
    };
    engine.setFilter({ ...NO_FILTER, search: 'x', onlyMatching: true }, 1);
    expect(
      feed([
        [10, 'x1'],
        [20, 'y1'],
        [30, 'x2'],
      ])
    ).toEqual({ rows: ['x1', 'x2'], info: 2 });
    // older than the newest held: merged into the tail
    expect(feed([[25, 'x3']])).toEqual({ rows: ['x1', 'x3', 'x2'], info: 3 });
    // past the cap of 4: the oldest goes
    expect(feed([[40, 'x4']])).toEqual({ rows: ['x3', 'x2', 'x4'], info: 3 });
    expect(s.dropped).toBe(1);
  });

  it('stops a slice when its time is up and carries on where it stopped', () => {
    const rows: Array<[string, string, number]> = Array.from({ length: 2000 }, (_, i) => [`line ${i}`, 'info', 0]);
    const s = store(rows, 10_000);
    const engine = new FilterEngine(compilers(compileRegex));
    engine.setFilter({ ...NO_FILTER, search: '7' }, 1);
    engine.apply(s.takeDelta()!, 1);
    let clock = 0;
    // a clock that moves 1 ms per look: each 1 ms slice looks once, after 256 rows
    expect(engine.step(1, () => clock++)).toBe(false);
    expect(engine.snapshot().scanned).toBe(256);
    while (!engine.step(1, () => clock++)) {
      // the rest, slice by slice
    }
    expect(engine.snapshot().matches).toHaveLength(rows.filter((r) => r[0].includes('7')).length);
  });
});

describe('countNewer', () => {
  it('counts shown lines newer than a time', () => {
    const s = store();
    const rows = Int32Array.from([0, 1, 2, 3, 4]);
    expect(countNewer(s, rows, 20)).toBe(2);
    expect(countNewer(s, rows, 40)).toBe(0);
    expect(countNewer(s, rows, -Infinity)).toBe(5);
  });
});

describe('FilterEngine: field filters and marker rows', () => {
  /** Rows as a frame with labels would give them: label set 1 is a marker stream. */
  function labelled(rows: Array<[string, string, number, number]>): LogStore {
    const s = new LogStore(100);
    s.sourceTable.internLabels({ namespace: 'shop', pod: 'api-0', container: 'app' });
    s.sourceTable.internLabels({ namespace: 'shop', pod: 'api-0', container: 'app', marker: 'restart' });
    s.append({
      length: rows.length,
      times: rows.map((_, i) => i * 10),
      bodies: rows.map((r) => r[0]),
      texts: rows.map((r) => r[0]),
      levels: rows.map((r) => lvl(r[1])),
      sources: rows.map((r) => r[2]),
      labelSets: rows.map((r) => r[3]),
    });
    return s;
  }
  const rows: Array<[string, string, number, number]> = [
    ['{"status":200,"user":"amy"}', 'info', 0, 0],
    ['status=500 user=bob', 'error', 0, 0],
    ['app restarted: OOMKilled, exit 137', 'error', 0, 1],
    ['plain text 500', 'info', 0, 0],
    ['{"status":500,"user":"amy"}', 'error', 0, 0],
  ];

  it('keeps lines whose field has the value, JSON and logfmt alike', () => {
    expect(run(labelled(rows), { fields: [{ key: 'status', value: '500', negate: false }] }).shown).toEqual([
      'status=500 user=bob',
      'app restarted: OOMKilled, exit 137',
      '{"status":500,"user":"amy"}',
    ]);
  });

  it('drops lines with the value for "filter out", keeping unstructured lines', () => {
    expect(run(labelled(rows), { fields: [{ key: 'user', value: 'amy', negate: true }] }).shown).toEqual([
      'status=500 user=bob',
      'app restarted: OOMKilled, exit 137',
      'plain text 500',
    ]);
  });

  it('lets a marker through search and exclude, but not past its level or its source', () => {
    expect(run(labelled(rows), { search: 'amy', onlyMatching: true }).shown).toEqual([
      '{"status":200,"user":"amy"}',
      'app restarted: OOMKilled, exit 137',
      '{"status":500,"user":"amy"}',
    ]);
    expect(run(labelled(rows), { exclude: ['restarted'] }).shown).toContain('app restarted: OOMKilled, exit 137');
    const levels = new Array(LOG_LEVELS.length).fill(false);
    levels[lvl('error')] = true;
    expect(run(labelled(rows), { hiddenLevels: levels }).shown).toEqual([
      '{"status":200,"user":"amy"}',
      'plain text 500',
    ]);
    expect(run(labelled(rows), { hiddenSources: [true] }).shown).toEqual([]);
  });

  it('re-examines rows when the field filters change, and counts levels under them', () => {
    const s = labelled(rows);
    const first = run(s, { fields: [{ key: 'status', value: '500', negate: false }] });
    const { r } = run(s, { fields: [{ key: 'status', value: '200', negate: false }] }, first.engine);
    expect(Array.from(r.rows, (a) => s.texts[a])).toEqual([
      '{"status":200,"user":"amy"}',
      'app restarted: OOMKilled, exit 137',
    ]);
    expect(r.levelCounts[lvl('info')]).toBe(1);
    expect(r.levelCounts[lvl('error')]).toBe(1);
  });
});

describe('FilterEngine: stream label filters', () => {
  /** one line per text, in one source, each in the label set given (-1: a frame without stream labels) */
  const streams = (texts: string[], labelSets: number[]) => {
    const s = new LogStore(100);
    s.append({
      length: texts.length,
      times: texts.map((_, i) => i),
      bodies: texts,
      texts,
      levels: texts.map(() => 0),
      sources: texts.map(() => 0),
      labelSets,
    });
    return s;
  };

  it('hides the rows of hidden label sets, and only those', () => {
    const s = streams(['out 1', 'err 1', 'out 2'], [0, 1, 0]);
    expect(run(s, { hiddenLabelSets: [false, true] }).shown).toEqual(['out 1', 'out 2']);
  });

  it('hides rows without stream labels only when the label filters ask for a label', () => {
    const store = () => streams(['loki web', 'elasticsearch doc', 'loki api'], [0, -1, 1]);
    // "filter for app=web": the api stream is hidden, and so is the document that has no labels
    expect(run(store(), { hiddenLabelSets: [false, true], hideUnlabelled: true }).shown).toEqual(['loki web']);
    // "filter out app=web": a line without labels has no app=web, so it stays
    expect(run(store(), { hiddenLabelSets: [true, false], hideUnlabelled: false }).shown).toEqual([
      'elasticsearch doc',
      'loki api',
    ]);
  });
});
