import { createDataFrame, type DataFrame, DataFrameType, FieldType } from '@grafana/data';

import { logFrameFields } from './frameFields';
import { lineKey, newestRows, TailBoundary } from './tailDedup';

interface Line {
  t: number;
  line: string;
  pod?: string;
  id?: string;
}

/** A Loki data-plane frame; `ids` false leaves the id field out (time+labels+line identify a line then). */
function loki(lines: Line[], ids = true): DataFrame {
  return createDataFrame({
    refId: 'B',
    meta: { type: DataFrameType.LogLines },
    fields: [
      { name: 'labels', type: FieldType.other, values: lines.map((l) => ({ pod: l.pod ?? 'api-0' })) },
      { name: 'timestamp', type: FieldType.time, values: lines.map((l) => l.t) },
      { name: 'body', type: FieldType.string, values: lines.map((l) => l.line) },
      ...(ids ? [{ name: 'id', type: FieldType.string, values: lines.map((l) => l.id ?? `${l.t}:${l.line}`) }] : []),
    ],
  });
}

const bodies = (frames: DataFrame[]) => frames.flatMap((f) => logFrameFields(f)!.body.values as string[]);

describe('lineKey', () => {
  it("uses Loki's id when there is one, so two identical lines with different ids both count", () => {
    const f = logFrameFields(
      loki([
        { t: 1, line: 'x', id: 'a' },
        { t: 1, line: 'x', id: 'b' },
      ])
    )!;
    expect(lineKey(f, 0)).not.toBe(lineKey(f, 1));
  });

  it('without ids, tells lines apart by labels as well as time and text', () => {
    const f = logFrameFields(
      loki(
        [
          { t: 1, line: 'x', pod: 'a' },
          { t: 1, line: 'x', pod: 'b' },
          { t: 1, line: 'x', pod: 'a' },
        ],
        false
      )
    )!;
    expect(lineKey(f, 0)).not.toBe(lineKey(f, 1));
    expect(lineKey(f, 0)).toBe(lineKey(f, 2));
  });
});

describe('TailBoundary (newer)', () => {
  it('keeps only lines after the newest seen, and unseen lines at its timestamp', () => {
    const b = new TailBoundary('newer');
    b.see([
      loki([
        { t: 100, line: 'old' },
        { t: 200, line: 'edge' },
      ]),
    ]);
    expect(b.time).toBe(200);
    // a re-query from 200 returns the edge line again, a new line at 200, and a later one
    const fresh = b.take([
      loki([
        { t: 200, line: 'edge' },
        { t: 200, line: 'same ms' },
        { t: 300, line: 'later' },
      ]),
    ]);
    expect(bodies(fresh)).toEqual(['same ms', 'later']);
    expect(b.time).toBe(300);
    // asked again from 300: nothing new
    expect(b.take([loki([{ t: 300, line: 'later' }])])).toEqual([]);
  });

  it('without ids, recognises re-delivered lines by time, labels and text', () => {
    const b = new TailBoundary('newer');
    b.see([loki([{ t: 200, line: 'edge', pod: 'a' }], false)]);
    const fresh = b.take([
      loki(
        [
          { t: 200, line: 'edge', pod: 'a' },
          { t: 200, line: 'edge', pod: 'b' },
        ],
        false
      ),
    ]);
    expect(bodies(fresh)).toEqual(['edge']);
    expect(logFrameFields(fresh[0])!.labels!.values[0]).toEqual({ pod: 'b' });
  });

  it('reads newest-first frames (Loki backward) the same', () => {
    const b = new TailBoundary('newer');
    b.see([loki([{ t: 200, line: 'edge' }])]);
    const fresh = b.take([
      loki([
        { t: 400, line: 'd' },
        { t: 300, line: 'c' },
        { t: 200, line: 'edge' },
      ]),
    ]);
    expect(bodies(fresh)).toEqual(['d', 'c']);
    expect(b.time).toBe(400);
  });
});

describe('TailBoundary (older)', () => {
  it('keeps only lines before the oldest seen, and unseen lines at its timestamp', () => {
    const b = new TailBoundary('older');
    b.see([
      loki([
        { t: 500, line: 'oldest' },
        { t: 600, line: 'newer' },
      ]),
    ]);
    expect(b.time).toBe(500);
    const fresh = b.filter([
      loki([
        { t: 400, line: 'before' },
        { t: 500, line: 'oldest' },
        { t: 500, line: 'same ms' },
      ]),
    ]);
    expect(bodies(fresh)).toEqual(['before', 'same ms']);
    // filter does not move the boundary; advance does
    expect(b.time).toBe(500);
    b.advance(fresh);
    expect(b.time).toBe(400);
  });
});

describe('newestRows', () => {
  it('keeps the newest rows across frames when there is room for fewer, in each frame its order', () => {
    const a = loki([
      { t: 1, line: 'a1' },
      { t: 4, line: 'a4' },
    ]);
    const b = loki([
      { t: 2, line: 'b2' },
      { t: 3, line: 'b3' },
    ]);
    expect(bodies(newestRows([a, b], 3))).toEqual(['a4', 'b2', 'b3']);
    expect(newestRows([a, b], 4)).toEqual([a, b]);
    expect(newestRows([a, b], 0)).toEqual([]);
  });
});
