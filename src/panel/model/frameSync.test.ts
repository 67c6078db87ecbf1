import { createDataFrame, type DataFrame, DataFrameType, FieldType } from '@grafana/data';

import { FrameSync } from './frameSync';
import { LogStore } from './logStore';

const T0 = 1_700_000_000_000;

function frame(from: number, to: number, opts: { refId?: string; ids?: boolean } = {}): DataFrame {
  const n = Array.from({ length: to - from }, (_, i) => from + i);
  return createDataFrame({
    refId: opts.refId ?? 'A',
    meta: { type: DataFrameType.LogLines },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: n.map((i) => T0 + i) },
      { name: 'body', type: FieldType.string, values: n.map((i) => `line ${i}`) },
      ...(opts.ids === false ? [] : [{ name: 'id', type: FieldType.string, values: n.map((i) => `id-${i}`) }]),
    ],
  });
}

function setup(cap = 1000) {
  const store = new LogStore(cap);
  const sync = new FrameSync();
  return { store, sync, bodies: () => store.bodies.slice() };
}

describe('FrameSync', () => {
  it('reads a first result in full and ignores the same series again', () => {
    const { store, sync, bodies } = setup();
    const series = [frame(0, 3)];
    expect(sync.sync({ series, streaming: false }, store)).toBe('reset');
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2']);
    expect(sync.sync({ series, streaming: false }, store)).toBe('none');
  });

  it('appends only the new rows of a frame that grew', () => {
    const { store, sync, bodies } = setup();
    sync.sync({ series: [frame(0, 2)], streaming: true, requestId: 'r' }, store);
    const seqs = store.seqs.slice();
    expect(sync.sync({ series: [frame(0, 4)], streaming: true, requestId: 'r' }, store)).toBe('append');
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    // the rows already held kept their identity
    expect(store.seqs.slice(0, 2)).toEqual(seqs);
  });

  it('follows a ring buffer that dropped its head', () => {
    const { store, sync, bodies } = setup();
    sync.sync({ series: [frame(0, 5)], streaming: true, requestId: 'r' }, store);
    expect(sync.sync({ series: [frame(3, 8)], streaming: true, requestId: 'r' }, store)).toBe('append');
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
  });

  it('appends streamed deltas that hold only new lines', () => {
    const { store, sync, bodies } = setup();
    sync.sync({ series: [frame(0, 2, { ids: false })], streaming: true, requestId: 'r' }, store);
    sync.sync({ series: [frame(2, 3, { ids: false })], streaming: true, requestId: 'r' }, store);
    sync.sync({ series: [frame(3, 5, { ids: false })], streaming: true, requestId: 'r' }, store);
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('starts over for a new query result', () => {
    const { store, sync, bodies } = setup();
    sync.sync({ series: [frame(0, 3)], streaming: false, requestId: 'r1' }, store);
    expect(sync.sync({ series: [frame(10, 12)], streaming: false, requestId: 'r2' }, store)).toBe('reset');
    expect(bodies()).toEqual(['line 10', 'line 11']);
  });

  it('starts over when a new streaming query begins', () => {
    const { store, sync, bodies } = setup();
    sync.sync({ series: [frame(0, 3)], streaming: true, requestId: 'r1' }, store);
    sync.sync({ series: [frame(20, 21)], streaming: true, requestId: 'r2' }, store);
    expect(bodies()).toEqual(['line 20']);
  });

  it('treats an unchanged refreshed result as nothing new', () => {
    const { store, sync } = setup();
    sync.sync({ series: [frame(0, 3)], streaming: false }, store);
    const version = store.version;
    expect(sync.sync({ series: [frame(0, 3)], streaming: false }, store)).toBe('none');
    expect(store.version).toBe(version);
  });

  it('merges the new rows of several frames in time order', () => {
    const { store, sync, bodies } = setup();
    sync.sync(
      { series: [frame(0, 2, { refId: 'A' }), frame(0, 1, { refId: 'B' })], streaming: true, requestId: 'r' },
      store
    );
    sync.sync(
      { series: [frame(0, 4, { refId: 'A' }), frame(0, 3, { refId: 'B' })], streaming: true, requestId: 'r' },
      store
    );
    expect(store.times.map((t) => t - T0)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(bodies()).toHaveLength(7);
  });

  it('keeps more history than the frames within the store capacity', () => {
    const { store, sync } = setup(6);
    sync.sync({ series: [frame(0, 4)], streaming: true, requestId: 'r' }, store);
    sync.sync({ series: [frame(2, 6)], streaming: true, requestId: 'r' }, store);
    sync.sync({ series: [frame(4, 9)], streaming: true, requestId: 'r' }, store);
    expect(store.bodies).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(store.dropped).toBe(3);
  });
});
