import { DataFrameType, FieldType } from '@grafana/data';

import { SeriesHistory } from './history';
import { SeriesStore } from './seriesStore';
import { timeSeriesFrames } from './timeseriesFrames';
import { Sample } from './types';

const T0 = Date.UTC(2025, 0, 1);
const STEP = 15_000;

/** A history built from polls given as sample lists, one poll every STEP. */
function historyOf(polls: Sample[][], extra: Partial<SeriesHistory> = {}): SeriesHistory {
  const store = new SeriesStore({ capacity: 100, maxSeries: 100, retentionMs: 3_600_000 });
  polls.forEach((samples, i) => store.ingest(samples, T0 + i * STEP, T0 + i * STEP));
  return {
    sourceKey: 'uid/nodes',
    series: store.list(),
    polls: polls.length,
    lastPollMs: T0 + (polls.length - 1) * STEP,
    intervalMs: STEP,
    retentionMs: 3_600_000,
    notices: [],
    errors: [],
    ...extra,
  };
}

const cpu = (node: string, v: number): Sample => ({
  key: node,
  labels: { node },
  metric: 'cpu',
  value: v,
  counter: false,
  unit: 'suffix: cores',
});
const rx = (node: string, v: bigint): Sample => ({
  key: node,
  labels: { node, interface: 'eth0' },
  metric: 'rx_bytes',
  value: v,
  counter: true,
  unit: 'Bps',
});

describe('timeSeriesFrames', () => {
  it('makes one multi-frame time series per key and metric, named for legends, with units and labels', () => {
    const h = historyOf([
      [cpu('node-1', 0.5), cpu('node-2', 1.5)],
      [cpu('node-1', 0.75), cpu('node-2', 1.25)],
    ]);
    const frames = timeSeriesFrames(h, undefined, 'A');
    expect(frames).toHaveLength(2);
    const [f] = frames;
    expect(f.refId).toBe('A');
    expect(f.meta?.type).toBe(DataFrameType.TimeSeriesMulti);
    expect(f.fields.map((x) => [x.name, x.type])).toEqual([
      ['Time', FieldType.time],
      ['cpu', FieldType.number],
    ]);
    expect(f.fields[0].values).toEqual([T0, T0 + STEP]);
    expect(f.fields[1].values).toEqual([0.5, 0.75]);
    expect(f.fields[1].labels).toEqual({ node: 'node-1' });
    expect(f.fields[1].config).toEqual({ unit: 'suffix: cores', displayNameFromDS: 'node-1 cpu' });
    expect(f.fields[0].config.interval).toBe(STEP);
    expect(frames[1].fields[1].config.displayNameFromDS).toBe('node-2 cpu');
    expect(f.length).toBe(2);
  });

  it('shows counters as per-second rates, and says when a rate waits for its second reading', () => {
    const first = historyOf([[rx('node-1', BigInt(1_000_000))]]);
    const waiting = timeSeriesFrames(first, undefined, 'A');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].fields).toEqual([]);
    expect(waiting[0].meta?.notices).toEqual([
      expect.objectContaining({ severity: 'info', text: expect.stringMatching(/next poll/) }),
    ]);

    const h = historyOf([[rx('node-1', BigInt(1_000_000))], [rx('node-1', BigInt(1_000_000 + 15 * 2000))]]);
    const [f] = timeSeriesFrames(h, undefined, 'A');
    expect(f.fields[0].values).toEqual([T0 + STEP]);
    expect(f.fields[1].values).toEqual([2000]);
    expect(f.fields[1].config.unit).toBe('Bps');
    expect(f.meta?.notices).toBeUndefined();
  });

  it('leaves a missed poll out of a series instead of filling it with zero', () => {
    const h = historyOf([[cpu('n1', 1), cpu('n2', 2)], [cpu('n2', 3)], [cpu('n1', 4), cpu('n2', 5)]]);
    const [n1, n2] = timeSeriesFrames(h, undefined, 'A');
    expect(n1.fields[0].values).toEqual([T0, T0 + 2 * STEP]);
    expect(n1.fields[1].values).toEqual([1, 4]);
    expect(n2.fields[1].values).toEqual([2, 3, 5]);
  });

  it('holds only the points in the time range, bounds included, and no frame for a series outside it', () => {
    const polls = [0, 1, 2, 3, 4, 5].map((i) => [cpu('n1', i), ...(i < 2 ? [cpu('old', i)] : [])]);
    const h = historyOf(polls);
    const frames = timeSeriesFrames(h, { from: T0 + 2 * STEP, to: T0 + 4 * STEP }, 'B');
    expect(frames).toHaveLength(1);
    expect(frames[0].fields[0].values).toEqual([T0 + 2 * STEP, T0 + 3 * STEP, T0 + 4 * STEP]);
    expect(frames[0].fields[1].values).toEqual([2, 3, 4]);
  });

  it('puts notices once, on the first frame, or on an empty frame when nothing is in range', () => {
    const notices = [{ severity: 'warning' as const, text: 'node-3 left out: connection refused' }];
    const h = historyOf([[cpu('n1', 1), cpu('n2', 1)]], { notices });
    const frames = timeSeriesFrames(h, undefined, 'A', { errors: [{ message: 'metrics-server is unavailable' }] });
    expect(frames[0].meta?.notices).toEqual([...notices, { severity: 'error', text: 'metrics-server is unavailable' }]);
    expect(frames[1].meta?.notices).toBeUndefined();

    const none = timeSeriesFrames(h, { from: 0, to: 1 }, 'A');
    expect(none).toEqual([
      expect.objectContaining({ refId: 'A', length: 0, meta: expect.objectContaining({ notices }) }),
    ]);
  });

  it('gives no frames for an empty history without notices', () => {
    expect(timeSeriesFrames(historyOf([]), undefined, 'A')).toEqual([]);
  });
});
