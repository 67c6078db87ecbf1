/** @jest-environment jsdom */
/*
 * The time-to-full query over kube-sim, with the data source's sampler on a virtual-time scheduler and
 * kube-sim on a manual clock, moved together one poll at a time.
 */
import { DataFrame, DataQueryResponse, LoadingState } from '@grafana/data';
import { firstValueFrom, Subject, Subscription, VirtualTimeScheduler } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { summaryObject } from '../../../../tools/kube-sim/kubelet';
import { testContext } from '../../../../tools/testing/queryContext';
import { Sampler } from '../../live/sampler';
import { kubeSimForTests } from '../../testing/kubeSim';
import { TimeToFullQuery } from '../../types';
import { summaryModule } from '../summary/summaryQuery';
import { humanDuration } from './fillProjection';
import { summarySourceFor, timeToFullModule } from './timeToFullQuery';

/** The kubelet's filesystem stats move once a minute (kube-sim's FS_PERIOD_MS): poll no faster. */
const FS_PERIOD = 60_000;
const START = Date.UTC(2025, 5, 1, 9, 0, 0);
const clock = manualClock(START);
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 9, clock });

type Row = Record<string, unknown>;
type Json = Record<string, any>;

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
});

/** Runs the query and `polls` polls of its sources; every response it streamed, and the sampler. */
async function drive(q: Partial<TimeToFullQuery>, polls: number, interval = FS_PERIOD) {
  const scheduler = new VirtualTimeScheduler();
  const sampler = new Sampler({ intervalMs: interval, retentionMs: 3_600_000, now: clock, scheduler });
  const { ctx, vars } = testContext(sim(), { kubeletAccess: true, sampler });
  const query = { refId: 'A', queryType: 'timeToFull', ...q } as TimeToFullQuery;
  const resolved = timeToFullModule.resolve(query, vars);
  const responses: DataQueryResponse[] = [];
  const arrived = new Subject<void>();
  const sub: Subscription = timeToFullModule.run(ctx, resolved, query).subscribe((r) => {
    responses.push(r);
    arrived.next();
  });
  cleanups.push(() => {
    sub.unsubscribe();
    sampler.dispose();
  });
  const sources = sampler.activeSources().length;
  const firstMs = clock();
  for (let i = 0; i < polls; i++) {
    scheduler.maxFrames = i * interval;
    scheduler.flush(); // every source's tick at i intervals starts its poll
    // one answer once every source has polled, then one per source's poll
    while (responses.length < 1 + sources * i) {
      await firstValueFrom(arrived);
    }
    clock.advance(interval);
  }
  const lastMs = clock() - interval;
  return { responses, sampler, ctx, resolved, firstMs, lastMs };
}

function rowsOf(res: DataQueryResponse): Row[] {
  const frame = res.data[0] as DataFrame;
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}

const nodeNames = () =>
  sim()
    .cluster.nodes.map((n) => n.name)
    .sort();

const summaryAt = (node: string, tMs: number): Json =>
  summaryObject(
    sim().cluster,
    sim().cluster.nodes.find((n) => n.name === node)!,
    tMs
  ) as unknown as Json;

/** kube-sim's own fill rate of a filesystem between two poll times, in bytes/s, from its stats' own times. */
function simRate(read: (s: Json) => Json, node: string, fromMs: number, toMs: number): number {
  const a = read(summaryAt(node, fromMs));
  const b = read(summaryAt(node, toMs));
  return (b.usedBytes - a.usedBytes) / ((Date.parse(b.time) - Date.parse(a.time)) / 1000);
}

describe('time-to-full query against kube-sim', () => {
  it('answers nothing and polls nothing when kubelet access is off', async () => {
    const { ctx, vars } = testContext(sim(), { kubeletAccess: false });
    const query = { refId: 'A', queryType: 'timeToFull' } as TimeToFullQuery;
    const res = await firstValueFrom(timeToFullModule.run(ctx, timeToFullModule.resolve(query, vars), query));
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toContain('Kubelet access is off');
    expect(res.errors?.[0].message).toContain('nodes/proxy');
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('streams a table after every poll: waiting at first, then the fill rate and time to full', async () => {
    // a node's filesystem fills as kube-sim's container logs grow (a crash-looping container starts its log
    // afresh, so a node holding one is no straight line): take a node whose use only grows over the polls
    const pollTimes = Array.from({ length: 6 }, (_, i) => clock() + i * 2 * FS_PERIOD);
    const node = nodeNames().find((n) =>
      pollTimes.every(
        (t, i) => !i || summaryAt(n, t).node.fs.usedBytes >= summaryAt(n, pollTimes[i - 1]).node.fs.usedBytes
      )
    )!;
    expect(node).toBeDefined();

    const { responses, firstMs, lastMs } = await drive(
      { nodeName: node, kinds: ['nodeFs', 'memory'] },
      6,
      2 * FS_PERIOD
    );
    expect(responses).toHaveLength(6);
    expect(responses.every((r) => r.state === LoadingState.Streaming && r.key === 'A' && !r.errors)).toBe(true);
    const first = rowsOf(responses[0]);
    expect(first.map((r) => r.kind).sort()).toEqual(['Memory', 'Node filesystem']);
    expect(first.every((r) => r.outlook === 'waiting for history')).toBe(true);

    const frame = responses[5].data[0] as DataFrame;
    const unit = (name: string) => frame.fields.find((f) => f.name === name)?.config.unit;
    expect([unit('used'), unit('capacity'), unit('usedPercent'), unit('rate'), unit('timeToFull')]).toEqual([
      'bytes',
      'bytes',
      'percent',
      'Bps',
      's',
    ]);
    const rows = rowsOf(responses[5]);

    // the fit finds kube-sim's own rate
    const row = rows.find((r) => r.kind === 'Node filesystem')!;
    const fs = summaryAt(node, lastMs).node.fs;
    expect(row).toMatchObject({ node, used: fs.usedBytes, capacity: fs.capacityBytes, confidence: 'high' });
    expect(row.usedPercent).toBeCloseTo((100 * fs.usedBytes) / fs.capacityBytes, 6);
    const expected = simRate((s) => s.node.fs, node, firstMs, lastMs);
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs((row.rate as number) - expected) / expected).toBeLessThan(0.05);
    // the time to full is what is left at that rate (the fit's line runs through the latest use)
    const left = (fs.capacityBytes - fs.usedBytes) / (row.rate as number);
    expect(Math.abs((row.timeToFull as number) - left) / left).toBeLessThan(0.01);
    expect(row.fullAt).toBeCloseTo(lastMs + (row.timeToFull as number) * 1000, -1);
    expect(row.outlook).toBe(`in ${humanDuration(row.timeToFull as number)}`);

    // memory is measured against the node's memory capacity (working set + available, as the kubelet has it)
    const mem = rows.find((r) => r.kind === 'Memory')!;
    expect(mem.capacity).toBe(sim().cluster.nodes.find((n) => n.name === node)!.capacity.memory);
  });

  it('by default covers every kind: image filesystems, PVCs once per claim, pods against their node', async () => {
    const { responses, lastMs } = await drive({}, 2);
    const rows = rowsOf(responses[responses.length - 1]);
    const kinds = new Set(rows.map((r) => r.kind));
    expect(kinds).toEqual(new Set(['Node filesystem', 'Image filesystem', 'Memory', 'Ephemeral storage', 'PVC']));

    // every claim of the cluster's pods, once, with the use and size the kubelet reports
    const claims = sim().cluster.pods.flatMap((p) =>
      p.volumes
        .filter((v) => v.pvcName)
        .map((v) => ({ ns: p.namespace, pvc: v.pvcName!, pod: p.name, node: p.nodeName! }))
    );
    const pvcRows = rows.filter((r) => r.kind === 'PVC');
    expect(pvcRows.map((r) => `${r.namespace}/${r.pvc}`).sort()).toEqual(claims.map((c) => `${c.ns}/${c.pvc}`).sort());
    for (const c of claims) {
      const row = pvcRows.find((r) => r.pvc === c.pvc)!;
      const pod = summaryAt(c.node, lastMs).pods.find((p: Json) => p.podRef.name === c.pod);
      const vol = pod.volume.find((v: Json) => v.pvcRef?.name === c.pvc);
      expect(row).toMatchObject({ node: c.node, pod: c.pod, used: vol.usedBytes, capacity: vol.capacityBytes });
    }

    // a pod's ephemeral storage is measured against its node's filesystem
    const eph = rows.filter((r) => r.kind === 'Ephemeral storage');
    expect(eph.length).toBeGreaterThan(0);
    for (const r of eph) {
      expect(r.capacity).toBe(summaryAt(r.node as string, lastMs).node.fs.capacityBytes);
      expect(r.namespace && r.pod).toBeTruthy();
    }

    // soonest first: the projected rows by time to full, then every row with no projection
    const times = rows.map((r) => r.timeToFull as number | null);
    const projected = times.filter((t): t is number => t !== null);
    expect(projected.length).toBeGreaterThan(0);
    expect(times.slice(0, projected.length)).toEqual([...projected].sort((a, b) => a - b));
    expect(times.slice(projected.length).every((t) => t === null)).toBe(true);
  });

  it("polls through the summary module's pollers: a summary panel of the same nodes shares them", async () => {
    const { sampler, ctx, resolved } = await drive({ kinds: ['nodeFs', 'memory'] }, 1);
    const nodeKey = summaryModule.sourceKey!(ctx, summarySourceFor(resolved, 'node'));
    expect(sampler.activeSources()).toEqual([nodeKey]);
    // the key a summary panel of node scope has
    const { vars } = testContext(sim(), { kubeletAccess: true });
    const panel = summaryModule.resolve({ refId: 'B', queryType: 'summary', scope: 'node' }, vars);
    expect(summaryModule.sourceKey!(ctx, panel)).toBe(nodeKey);
  });

  it('keeps to the kinds and namespace asked for, watching only the scopes they need', async () => {
    const ns = sim().cluster.pods.find((p) => p.volumes.some((v) => v.pvcName))!.namespace;
    const { responses, sampler } = await drive({ kinds: ['pvc'], namespace: ns }, 3);
    expect(sampler.activeSources()).toHaveLength(1);
    expect(sampler.activeSources()[0]).toContain('scope=volume');
    const rows = rowsOf(responses[responses.length - 1]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.kind === 'PVC' && r.namespace === ns)).toBe(true);
  });

  it('answers as time series when asked: used bytes per claim, and a projection for each that fills', async () => {
    const { responses } = await drive({ kinds: ['pvc'], format: 'timeseries' }, 2);
    const frames = responses[responses.length - 1].data as DataFrame[];
    const claims = sim().cluster.pods.flatMap((p) =>
      p.volumes.filter((v) => v.pvcName).map((v) => `PVC ${p.namespace}/${v.pvcName} used`)
    );
    expect(
      frames
        .filter((f) => f.name?.endsWith(' used'))
        .map((f) => f.name)
        .sort()
    ).toEqual(claims.sort());
    expect(frames.every((f) => / (used|projected)$/.test(f.name ?? '') && f.fields[1].config.unit === 'bytes')).toBe(
      true
    );
  });

  it('leaves out a node that cannot be read, naming it; the other still answers', async () => {
    sim().faults.unreachableNode('node-2');
    const { responses } = await drive({ kinds: ['nodeFs'] }, 2);
    const last = responses[responses.length - 1];
    expect(last.errors).toBeUndefined();
    expect(
      rowsOf(last)
        .map((r) => r.node as string)
        .sort()
    ).toEqual(nodeNames().filter((n) => n !== 'node-2'));
    const notices = (last.data[0] as DataFrame).meta?.notices ?? [];
    expect(notices.some((n) => n.severity === 'warning' && n.text.includes('node-2'))).toBe(true);
  });

  it('fails with the reason when no node can be read', async () => {
    sim().faults.deny('nodes/proxy');
    const { responses } = await drive({ kinds: ['nodeFs'] }, 1);
    expect(responses[0].data).toEqual([]);
    expect(responses[0].errors?.[0].message).toContain('nodes/proxy');
    expect(responses[0].state).toBe(LoadingState.Streaming);
  });

  it('says when the window is longer than the history the data source keeps', async () => {
    const { responses } = await drive({ kinds: ['nodeFs'], windowSeconds: 2 * 3600 }, 1);
    const notices = (responses[0].data[0] as DataFrame).meta?.notices ?? [];
    expect(notices.map((n) => n.text)).toContainEqual(
      expect.stringContaining('The window (120 min) is longer than the history the data source keeps (60 min)')
    );
  });

  it('says what is wrong with an unknown kind or a window under a minute, before any request', () => {
    const { vars } = testContext(sim(), { kubeletAccess: true });
    const resolve = (q: Partial<TimeToFullQuery>) =>
      timeToFullModule.resolve({ refId: 'A', queryType: 'timeToFull', ...q } as TimeToFullQuery, vars);
    expect(() => resolve({ kinds: ['disk' as never] })).toThrow(/Unknown time-to-full kind "disk"/);
    expect(() => resolve({ windowSeconds: 10 })).toThrow(/at least 60 seconds/);
    expect(resolve({ windowSeconds: 1800 }).windowMs).toBe(1_800_000);
    expect(resolve({}).kinds).toEqual(['nodeFs', 'imageFs', 'pvc', 'ephemeral', 'memory']);
    expect(sim().faults.requests).toHaveLength(0);
  });
});
