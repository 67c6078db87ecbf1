import { LOG_LEVELS } from '../../common/logLevel';
import { LogStore } from './logStore';
import { foldRows, groupMembers } from './traceFolds';

const FRAMES = Array.from({ length: 7 }, (_, i) => `    at f${i} (/app/x.js:${i + 1}:1)`);

function store(cap = 100): LogStore {
  const s = new LogStore(cap);
  const rows: Array<[string, number]> = [
    ['boot', 0],
    ['Error: boom', 0],
    ['other pod ready', 1],
    ...FRAMES.map((f): [string, number] => [f, 0]),
    ['done', 0],
  ];
  s.append({
    length: rows.length,
    times: rows.map((_, i) => i),
    bodies: rows.map((r) => r[0]),
    texts: rows.map((r) => r[0]),
    levels: rows.map(() => LOG_LEVELS.indexOf('error')),
    sources: rows.map((r) => r[1]),
  });
  return s;
}

const all = (s: LogStore) => Int32Array.from({ length: s.length }, (_, i) => i);
const texts = (s: LogStore, rows: Int32Array) => Array.from(rows, (r) => s.texts[r]);

describe('foldRows', () => {
  it('leaves the frames of a long trace out until it is expanded, by its head’s seq', () => {
    const s = store();
    const folded = foldRows(s, all(s), new Int32Array(0), new Map());
    expect(texts(s, folded.rows)).toEqual(['boot', 'Error: boom', 'other pod ready', 'done']);
    expect(Array.from(folded.sizes!)).toEqual([0, 7, 0, 0]);
    const open = foldRows(s, all(s), new Int32Array(0), new Map([[s.seqs[1], true]]));
    expect(open.rows).toHaveLength(s.length);
    expect(open.sizes![4]).toBe(-1);
  });

  it('starts a trace with a match expanded, and lists matches by their new positions', () => {
    const s = store();
    const matches = Int32Array.from([5, 10]);
    const folded = foldRows(s, all(s), matches, new Map());
    expect(folded.rows).toHaveLength(s.length);
    const collapsed = foldRows(s, all(s), matches, new Map([[s.seqs[1], false]]));
    // the match in a collapsed frame is not listed; "done" is now at position 3
    expect(Array.from(collapsed.matches)).toEqual([3]);
  });

  it('keeps rows as they are when no trace has frames', () => {
    const s = new LogStore(10);
    s.append({ length: 2, times: [1, 2], bodies: ['a', 'b'], texts: ['a', 'b'], levels: [3, 3], sources: [0, 0] });
    const rows = all(s);
    expect(foldRows(s, rows, new Int32Array(0), new Map()).rows).toBe(rows);
  });

  it('lets the first row held of a trace whose head was dropped stand for it', () => {
    const s = store(8);
    const folded = foldRows(s, all(s), new Int32Array(0), new Map());
    expect(s.dropped).toBe(3);
    expect(texts(s, folded.rows)).toEqual([FRAMES[0], 'done']);
    expect(Array.from(folded.sizes!)).toEqual([6, 0]);
    expect(groupMembers(s, 0).map((r) => s.texts[r])).toEqual(FRAMES);
  });
});

describe('groupMembers', () => {
  it('lists a trace’s rows, skipping other pods’ lines between them', () => {
    const s = store();
    expect(groupMembers(s, 1).map((r) => s.texts[r])).toEqual(['Error: boom', ...FRAMES]);
    expect(groupMembers(s, 0)).toEqual([0]);
  });
});
