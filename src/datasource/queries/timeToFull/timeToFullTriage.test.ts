/** @jest-environment jsdom */
/*
 * The time-to-full query against kube-sim's triage scenarios, whose PVC, emptyDir and node memory fill at
 * known rates (tools/kube-sim/cluster/triageScenarios.ts): the answers are checked against that ground truth.
 * The sampler runs on a virtual-time scheduler and kube-sim on a manual clock, moved together.
 */
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { firstValueFrom, Subject, VirtualTimeScheduler } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { summaryObject } from '../../../../tools/kube-sim/kubelet';
import { testContext } from '../../../../tools/testing/queryContext';
import { Sampler } from '../../live/sampler';
import { kubeSimForTests } from '../../testing/kubeSim';
import { TimeToFullQuery } from '../../types';
import { timeToFullModule } from './timeToFullQuery';

/** two fresh filesystem readings per poll window (kube-sim's analyser runs once a minute) */
const INTERVAL = 120_000;
/** six polls over ten minutes: enough history for a confident projection */
const POLLS = 6;
const clock = manualClock(Date.UTC(2026, 2, 3, 9, 30, 0));
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 6, seed: 4, clock, scenarios: 'triage' });

type Row = Record<string, unknown>;
type Json = Record<string, any>;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

/** The query's table after POLLS polls, and the time of the last poll. */
async function rowsAfterPolls(
  q: Partial<TimeToFullQuery>,
  polls = POLLS,
  interval = INTERVAL
): Promise<{ rows: Row[]; firstMs: number; lastMs: number }> {
  const scheduler = new VirtualTimeScheduler();
  const sampler = new Sampler({ intervalMs: interval, retentionMs: 2 * 3_600_000, now: clock, scheduler });
  const { ctx, vars } = testContext(sim(), { kubeletAccess: true, sampler });
  const query = { refId: 'A', queryType: 'timeToFull', ...q } as TimeToFullQuery;
  const responses: DataQueryResponse[] = [];
  const arrived = new Subject<void>();
  const sub = timeToFullModule.run(ctx, timeToFullModule.resolve(query, vars), query).subscribe((r) => {
    responses.push(r);
    arrived.next();
  });
  cleanup = () => {
    sub.unsubscribe();
    sampler.dispose();
  };
  const sources = sampler.activeSources().length;
  const firstMs = clock();
  for (let i = 0; i < polls; i++) {
    scheduler.maxFrames = i * interval;
    scheduler.flush();
    while (responses.length < 1 + sources * i) {
      await firstValueFrom(arrived);
    }
    clock.advance(interval);
  }
  const last = responses[responses.length - 1];
  expect(last.errors).toBeUndefined();
  const frame = last.data[0] as DataFrame;
  const rows = Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
  return { rows, firstMs, lastMs: clock() - interval };
}

/** kube-sim's own Summary node stats of a node at a time */
function nodeStats(node: string, tMs: number): Json {
  const n = sim().cluster.nodes.find((x) => x.name === node)!;
  return (summaryObject(sim().cluster, n, tMs) as unknown as { node: Json }).node;
}

const within = (actual: unknown, expected: number, fraction: number) =>
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * fraction);

describe('time to full over the triage scenarios', () => {
  it("projects the filling PVC to kube-sim's rate and moment of full", async () => {
    const truth = sim().cluster.triage!.volumeFill;
    const { rows, lastMs } = await rowsAfterPolls({ kinds: ['pvc'], namespace: truth.namespace, nodeName: truth.node });
    const row = rows.find((r) => r.pvc === truth.pvc)!;
    expect(row).toMatchObject({ kind: 'PVC', node: truth.node, pod: truth.pod, capacity: truth.capacityBytes });
    // a straight line read at whole seconds: the fit is exact to within 0.1%
    within(row.rate, truth.bytesPerSec, 0.001);
    // full at kube-sim's own moment, give or take one reading's lag (the kubelet measures once a minute)
    expect(Math.abs((row.fullAt as number) - truth.fullMs)).toBeLessThanOrEqual(60_000);
    within(row.timeToFull, (truth.fullMs - lastMs) / 1000, 0.01);
    expect(row.confidence).toBe('high');
    // the filling claim comes first; any other on its node drifts slowly either way, far from full
    expect(rows[0].pvc).toBe(truth.pvc);
  });

  it("finds the pod's emptyDir filling its ephemeral storage and its node's filesystem", async () => {
    const eph = sim().cluster.triage!.ephemeralFill;
    const { rows, lastMs } = await rowsAfterPolls({ nodeName: eph.node, kinds: ['ephemeral', 'nodeFs'] });

    // the emptyDir adds 1 MiB/s; the pod's logs add a little more (within 5%)
    const pod = rows.find((r) => r.kind === 'Ephemeral storage' && r.pod === eph.pod)!;
    expect(pod.rate as number).toBeGreaterThanOrEqual(eph.bytesPerSec * 0.999);
    within(pod.rate, eph.bytesPerSec, 0.05);
    expect(pod.confidence).toBe('high');
    // its time to full is what is free on its node's filesystem, at its own rate
    within(pod.timeToFull, nodeStats(eph.node, lastMs).fs.availableBytes / (pod.rate as number), 0.02);
    // its node's filesystem fills at about the same rate (other pods' logs grow it, a restarted container's shrink it)
    const fs = rows.find((r) => r.kind === 'Node filesystem')!;
    within(fs.rate, eph.bytesPerSec, 0.05);
    expect(fs.outlook).toMatch(/^in /);
  });

  it("finds the node's memory rising over an hour's history, and image filesystems not filling", async () => {
    const rise = sim().cluster.triage!.nodeMemoryRise;
    const { rows } = await rowsAfterPolls({ nodeName: rise.node, kinds: ['memory', 'imageFs'] }, 7, 600_000);
    // memory outside the pods rises 128 KiB/s; the pods' own usage waves around it by tens of MiB, so over an
    // hour of history the fit finds the rise within 15%
    const mem = rows.find((r) => r.kind === 'Memory')!;
    within(mem.rate, rise.bytesPerSec, 0.15);
    expect(mem.confidence).toBe('high');
    expect(mem.outlook).toMatch(/^in \d+d \d+h$/);

    // image filesystems hold the same images throughout: not filling, with a rate of 0
    const image = rows.find((r) => r.kind === 'Image filesystem')!;
    expect(image).toMatchObject({ outlook: 'not filling', rate: 0, timeToFull: null, confidence: 'high' });
  });
});
