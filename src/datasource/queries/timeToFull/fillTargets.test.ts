import { SeriesHistory } from '../../live/history';
import { SeriesStore } from '../../live/seriesStore';
import { Sample } from '../../live/types';
import { FillTargetKind } from '../../types';
import { humanDuration } from './fillProjection';
import { fillTargets } from './fillTargets';
import { fillRows, timeToFullFrame } from './timeToFullFrame';
import { timeToFullSeriesFrames } from './timeToFullSeries';

const T0 = Date.UTC(2026, 0, 1, 12);
const STEP = 60_000;
const GiB = 1024 ** 3;
const ALL = new Set<FillTargetKind>(['nodeFs', 'imageFs', 'pvc', 'ephemeral', 'memory']);

const gauge = (key: string, labels: Record<string, string>, metric: string, value: number): Sample => ({
  key,
  labels,
  metric,
  value,
  counter: false,
  unit: 'bytes',
});

/** A source's history after one poll per entry of `polls`, each poll's samples made by a function of its index. */
function history(polls: number, samplesAt: (i: number) => Sample[]): SeriesHistory {
  const store = new SeriesStore({ capacity: 100, maxSeries: 1000, retentionMs: 24 * 3_600_000 });
  for (let i = 0; i < polls; i++) {
    store.ingest(samplesAt(i), T0 + i * STEP, T0 + i * STEP);
  }
  return {
    sourceKey: 'test',
    series: store.list(),
    polls,
    lastPollMs: T0 + (polls - 1) * STEP,
    intervalMs: STEP,
    retentionMs: 24 * 3_600_000,
    notices: [],
    errors: [],
  };
}

/** node-a's filesystem grows 1 MiB a minute from 40 GiB of 100; its images hold still; memory 2 of 8 GiB */
const nodeSamples = (i: number, nodes = ['node-a']) =>
  nodes.flatMap((n) => [
    gauge(n, { node: n }, 'fsUsed', 40 * GiB + i * 1024 * 1024),
    gauge(n, { node: n }, 'fsCapacity', 100 * GiB),
    gauge(n, { node: n }, 'fsAvailable', 55 * GiB - i * 1024 * 1024),
    gauge(n, { node: n }, 'imageFsUsed', 10 * GiB),
    gauge(n, { node: n }, 'imageFsCapacity', 100 * GiB),
    gauge(n, { node: n }, 'memoryWorkingSet', 2 * GiB),
    gauge(n, { node: n }, 'memoryAvailable', 6 * GiB),
  ]);

const volume = (pod: string, vol: string, pvc: string | undefined, used: number, capacity: number) => {
  const labels: Record<string, string> = { node: 'node-a', namespace: 'shop', pod, volume: vol };
  if (pvc) {
    labels.pvc = pvc;
  }
  const key = `shop/${pod}/${vol}`;
  return [gauge(key, labels, 'used', used), gauge(key, labels, 'capacity', capacity)];
};

describe('fillTargets', () => {
  it('reads node filesystems, image filesystems and memory from node history', () => {
    const targets = fillTargets({ node: history(5, (i) => nodeSamples(i)) }, ALL);
    expect(targets.map((t) => t.kind).sort()).toEqual(['imageFs', 'memory', 'nodeFs']);
    const fs = targets.find((t) => t.kind === 'nodeFs')!;
    expect(fs).toMatchObject({ node: 'node-a', usedNow: 40 * GiB + 4 * 1024 * 1024, capacity: 100 * GiB });
    expect(fs.fullAt).toBe(100 * GiB);
    expect(fs.used.times).toHaveLength(5);
    expect(fs.asOfMs).toBe(T0 + 4 * STEP);
    // memory: the kubelet's capacity is working set + available
    expect(targets.find((t) => t.kind === 'memory')).toMatchObject({ usedNow: 2 * GiB, capacity: 8 * GiB });
  });

  it('keeps a claim once however many pods mount it, and leaves out volumes without a claim', () => {
    const volumes = history(3, () => [
      ...volume('web-0', 'data', 'data-web', 3 * GiB, 10 * GiB),
      ...volume('web-1', 'data', 'data-web', 3 * GiB, 10 * GiB),
      ...volume('web-0', 'cache', undefined, GiB, 2 * GiB),
    ]);
    const targets = fillTargets({ volume: volumes }, ALL);
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ kind: 'pvc', namespace: 'shop', pod: 'web-0', pvc: 'data-web', volume: 'data' });
  });

  it("measures a pod's ephemeral storage against what is free on its node", () => {
    const pods = history(3, (i) => [
      gauge('shop/web-0', { node: 'node-a', namespace: 'shop', pod: 'web-0' }, 'ephemeralUsed', GiB + i * 1000),
    ]);
    const [t] = fillTargets({ node: history(3, (i) => nodeSamples(i)), pod: pods }, new Set(['ephemeral']));
    const available = 55 * GiB - 2 * 1024 * 1024;
    expect(t).toMatchObject({ kind: 'ephemeral', pod: 'web-0', capacity: 100 * GiB, fullAt: GiB + 2000 + available });
  });

  it('leaves out what the latest poll no longer reported (a deleted pod, a drained node)', () => {
    const nodes = history(4, (i) => nodeSamples(i, i < 3 ? ['node-a', 'node-b'] : ['node-a']));
    const targets = fillTargets({ node: nodes }, new Set(['nodeFs']));
    expect(targets.map((t) => t.node)).toEqual(['node-a']);
  });

  it('keeps only the window, counted back from the latest poll', () => {
    const [fs] = fillTargets({ node: history(10, (i) => nodeSamples(i)) }, new Set(['nodeFs']), 3 * STEP);
    expect(fs.used.times).toEqual([6, 7, 8, 9].map((i) => T0 + i * STEP));
  });
});

describe('fillRows and the frame', () => {
  it('orders full, then filling soonest first, then the rest; says not filling for a steady one', () => {
    const volumes = history(12, (i) => [
      ...volume('slow-0', 'data', 'slow', GiB + i * 10 * 1024 * 1024, 10 * GiB),
      ...volume('fast-0', 'data', 'fast', GiB + i * 500 * 1024 * 1024, 10 * GiB),
      ...volume('steady-0', 'data', 'steady', 5 * GiB, 10 * GiB),
      ...volume('full-0', 'data', 'full', 10 * GiB, 10 * GiB),
    ]);
    const rows = fillRows(fillTargets({ volume: volumes }, ALL));
    expect(rows.map((r) => [r.pvc, r.outlook])).toEqual([
      ['full', 'full'],
      // 10 GiB − (1 GiB + 11 × 500 MiB) = 3,716 MiB left at 500 MiB a minute: 7.43 minutes
      ['fast', `in ${humanDuration((3716 / 500) * 60)}`],
      // 10 GiB − (1 GiB + 11 × 10 MiB) = 9,106 MiB left at 10 MiB a minute
      ['slow', `in ${humanDuration((9106 / 10) * 60)}`],
      ['steady', 'not filling'],
    ]);
    expect(humanDuration((3716 / 500) * 60)).toBe('7m 26s');
    const frame = timeToFullFrame(rows, 'A');
    const col = (name: string) => frame.fields.find((f) => f.name === name)!;
    expect(col('usedPercent').values).toEqual([100, expect.any(Number), expect.any(Number), 50]);
    expect(col('timeToFull').values[3]).toBeNull();
    expect(col('rate').config.unit).toBe('Bps');
    expect(col('fullAt').type).toBe('time');
    expect(frame.meta?.preferredVisualisationType).toBe('table');
  });
});

describe('time series frames', () => {
  it("shows each target's used bytes, and a filling one's projection from its line to full", () => {
    const volumes = history(12, (i) => [
      ...volume('fast-0', 'data', 'fast', GiB + i * 500 * 1024 * 1024, 10 * GiB),
      ...volume('steady-0', 'data', 'steady', 5 * GiB, 10 * GiB),
    ]);
    const rows = fillRows(fillTargets({ volume: volumes }, ALL));
    const frames = timeToFullSeriesFrames(rows, 'A', [{ severity: 'info', text: 'hello' }]);
    expect(frames.map((f) => f.name)).toEqual([
      'PVC shop/fast used',
      'PVC shop/fast projected',
      'PVC shop/steady used',
    ]);
    const [used, projected] = frames;
    expect(used.fields[0].values).toEqual(Array.from({ length: 12 }, (_, i) => T0 + i * STEP));
    expect(used.fields[1].values[11]).toBe(GiB + 11 * 500 * 1024 * 1024);
    expect(used.fields[1].config.unit).toBe('bytes');
    expect(used.fields[1].labels).toEqual({
      kind: 'pvc',
      node: 'node-a',
      namespace: 'shop',
      pod: 'fast-0',
      pvc: 'fast',
    });
    expect(used.meta?.notices).toEqual([{ severity: 'info', text: 'hello' }]);
    // from the latest reading (on the line) to the capacity, at the moment of full
    expect(projected.fields[0].values).toEqual([T0 + 11 * STEP, rows[0].fullAtMs]);
    expect(projected.fields[1].values[0]).toBeCloseTo(GiB + 11 * 500 * 1024 * 1024, 0);
    expect(projected.fields[1].values[1]).toBe(10 * GiB);
    expect(projected.fields[1].labels?.projection).toBe('true');
  });
});
