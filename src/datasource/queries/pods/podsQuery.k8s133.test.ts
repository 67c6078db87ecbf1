/**
 * The pods query against a kube-sim playing Kubernetes 1.37 (the default): in-place resizes caught half way
 * (InProgress, Deferred, Infeasible), pod-level resources and native sidecars, as the API server serves them.
 */
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { isSidecar, manualClock, resourcesInEffect, SimContainer, SimPod } from '../../../../tools/kube-sim';
import { podRequest } from '../../../../tools/kube-sim/cluster/clusterResize';
import { testContext } from '../../../../tools/testing/queryContext';
import { PodsQuery } from '../../types';
import { podsModule } from './podsQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

const START = Date.UTC(2025, 2, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 5, clock: manualClock(START) });

async function table(q: Partial<PodsQuery>): Promise<Array<Record<string, unknown>>> {
  const { ctx, vars } = testContext(sim());
  const pq = { refId: 'A', queryType: 'pods', ...q } as PodsQuery;
  const res: DataQueryResponse = await lastValueFrom(podsModule.run(ctx, podsModule.resolve(pq, vars), pq));
  const frame = res.data[0] as DataFrame;
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}

const inEffect = (c: SimContainer) => resourcesInEffect(c).requests;
const resizing = () => sim().cluster.pods.filter((p) => p.resize);
const rowOf = (rows: Array<Record<string, unknown>>, p: SimPod, container?: string) =>
  rows.find((r) => r.namespace === p.namespace && r.pod === p.name && (!container || r.container === container))!;

describe('pods query against kube-sim() 1.37: resize, pod-level resources, sidecars', () => {
  it('shows each resize’s state and the kubelet’s message', async () => {
    const pods = resizing();
    expect(pods.map((p) => p.resize!.state).sort()).toEqual(['Deferred', 'InProgress', 'Infeasible']);
    const rows = await table({ namespace: 'shop' });
    for (const p of pods) {
      const { state, message } = p.resize!;
      const expected = state === 'InProgress' ? 'In progress' : `Pending (${state}): ${message}`;
      expect(rowOf(rows, p).resize).toBe(expected);
    }
    const calm = rows.filter((r) => !pods.some((p) => p.name === r.pod));
    expect(calm.length).toBeGreaterThan(0);
    expect(calm.every((r) => r.resize === null)).toBe(true);
  });

  it('holds usage against the requests in effect and shows the spec beside them', async () => {
    const rows = await table({ namespace: 'shop' });
    for (const p of resizing()) {
      const row = rowOf(rows, p);
      for (const [res, field] of [
        ['cpu', 'cpuRequest'],
        ['memory', 'memoryRequest'],
      ] as const) {
        const effect = podRequest(p, res, inEffect);
        const spec = podRequest(p, res);
        expect(row[field]).toBeCloseTo(effect, 9);
        expect(row[`${field}Desired`]).toEqual(effect === spec ? null : expect.closeTo(spec, 9));
      }
      expect(row.cpuOfRequest).toBeCloseTo((row.cpu as number) / (row.cpuRequest as number), 9);
    }
    // the container the kubelet has not resized yet: in effect and spec side by side
    const progress = resizing().find((p) => p.resize!.state === 'InProgress')!;
    const app = progress.containers.find((c) => c.actual)!;
    const byContainer = await table({ namespace: 'shop', groupBy: 'container' });
    expect(rowOf(byContainer, progress, app.name)).toMatchObject({
      cpuRequest: app.actual!.requests.cpu,
      cpuRequestDesired: app.requests.cpu,
      resize: 'In progress',
    });
  });

  it('takes a pod’s pod-level resources as its requests and limits; its containers keep their own', async () => {
    const prometheus = sim().cluster.pods.find((p) => p.resources && p.namespace === 'monitoring')!;
    const level = prometheus.resources!;
    const rows = await table({ namespace: 'monitoring' });
    expect(rowOf(rows, prometheus)).toMatchObject({
      cpuRequest: level.requests.cpu,
      memoryRequest: level.requests.memory,
      memoryLimit: level.limits.memory,
    });
    const byContainer = await table({ namespace: 'monitoring', groupBy: 'container' });
    for (const c of prometheus.containers) {
      expect(rowOf(byContainer, prometheus, c.name).cpuRequest).toBe(c.requests.cpu ?? null);
    }
  });

  it('lists native sidecars as containers of type sidecar, with their restarts and readiness', async () => {
    const meshed = sim().cluster.pods.filter((p) => p.nodeName && p.initContainers.some(isSidecar));
    expect(meshed.length).toBeGreaterThan(0);
    const rows = await table({ groupBy: 'container' });
    for (const p of meshed) {
      for (const c of p.initContainers.filter(isSidecar)) {
        expect(rowOf(rows, p, c.name)).toMatchObject({ containerType: 'sidecar', restarts: c.restartCount });
      }
      for (const c of p.containers) {
        expect(rowOf(rows, p, c.name).containerType).toBe('app');
      }
    }
  });
});
