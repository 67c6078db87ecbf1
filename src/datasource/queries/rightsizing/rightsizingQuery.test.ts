/** @jest-environment jsdom */
/*
 * The right-sizing query over kube-sim with the sampler: a few polls on a manual clock. One workload's
 * containers are given a known, flat usage and known requests, so the suggestions can be checked exactly.
 */
import { DataFrame, DataQueryResponse, LoadingState } from '@grafana/data';

import { manualClock, SimContainer, SimPod } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { RightSizingQuery } from '../../types';
import { drivePolls } from '../../testing/drivePolls';
import { usagePodsQuery } from '../pods/podsUsage';
import { rightSizingModule } from './rightsizingQuery';
import { MIN_SAMPLES } from './sizing';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const clock = manualClock(Date.UTC(2025, 0, 1, 12));
const sim = kubeSimForTests({ nodes: 2, podsPerNode: 5, seed: 11, clock });

/** A Deployment with at least 2 running pods of app containers only, no pod-level resources. */
function deploymentPods(): SimPod[] {
  const groups = new Map<string, SimPod[]>();
  for (const p of sim().cluster.pods) {
    const plain = !p.resources && !p.resize && p.initContainers.length === 0;
    if (
      plain &&
      p.owner?.kind === 'ReplicaSet' &&
      p.phase === 'Running' &&
      p.containers.every((c) => c.state === 'running')
    ) {
      const key = `${p.namespace}/${p.owner.name}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
  }
  const found = [...groups.values()].find((g) => g.length >= 2);
  if (!found) {
    throw new Error('the sim has no Deployment with 2 plain running pods');
  }
  return found;
}

/** Flat usage of 200m and 200 MiB, requests of 1 core and 1 GiB, a 2 GiB memory limit; restore after. */
function makeKnown(pods: SimPod[]): () => void {
  const fields = (c: SimContainer) => ({ usage: c.usage, requests: c.requests, limits: c.limits, actual: c.actual });
  const saved = pods.map((p) => p.containers.map(fields));
  for (const p of pods) {
    for (const c of p.containers) {
      c.usage = { cpuBase: 0.2, cpuWave: 0, memBase: 200 * MiB, memWave: 0, periodSec: 600, phase: 0, bursty: false };
      c.requests = { cpu: 1, memory: GiB };
      c.limits = { memory: 2 * GiB };
      c.actual = undefined;
    }
  }
  return () => pods.forEach((p, i) => p.containers.forEach((c, j) => Object.assign(c, saved[i][j])));
}

/** The query's answers; the first `warm` polls are held by a pods panel of the same scope (see drivePolls). */
function drive(q: Partial<RightSizingQuery>, polls: number, warm = 0): Promise<DataQueryResponse[]> {
  const query = { refId: 'A', queryType: 'rightsizing', ...q } as RightSizingQuery;
  const scope = usagePodsQuery('B', q.namespace ? [q.namespace] : [], q.labelSelector);
  return drivePolls(
    sim(),
    clock,
    (ctx, vars) => rightSizingModule.run(ctx, rightSizingModule.resolve(query, vars), query),
    { polls, warm: warm ? { polls: warm, scope } : undefined }
  );
}

function rows(frame: DataFrame): Array<Record<string, unknown>> {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}
const notices = (frame: DataFrame) => (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
const scope = (p: SimPod) => ({ namespace: p.namespace, labelSelector: `app=${p.labels.app}` });

it('shows usage at once, and suggests from the known usage once enough samples are held', async () => {
  const pods = deploymentPods();
  const restore = makeKnown(pods);
  try {
    const [firstAnswer] = await drive(scope(pods[0]), 1);
    expect(firstAnswer.state).toBe(LoadingState.Streaming);
    expect(firstAnswer.errors).toBeUndefined();
    const first = firstAnswer.data[0] as DataFrame;
    expect(notices(first)).toMatch(
      /^Only 1 sample \(polled every 15 s\) so far: suggestions need 10 samples \(about 2 min 15 s more\)/
    );
    const early = rows(first);
    expect(early).toHaveLength(pods.reduce((n, p) => n + p.containers.length, 0));
    expect(early.every((r) => r.cpuRequestSuggested === null && r.command === null)).toBe(true);
    expect(early[0].memoryP95).toBe(200 * MiB);

    const seen = await drive(scope(pods[0]), MIN_SAMPLES, MIN_SAMPLES - 1);
    expect(seen.every((r) => r.state === LoadingState.Streaming && !r.errors)).toBe(true);
    const last = seen[seen.length - 1].data[0] as DataFrame;
    expect(notices(last)).toMatch(/^Usage over 10 samples over/);
    const pod = pods[0];
    const c = pod.containers[0];
    const row = rows(last).find((r) => r.pod === pod.name && r.container === c.name)!;
    expect(row).toMatchObject({
      samples: 10,
      cpuRequest: 1,
      memoryRequest: GiB,
      memoryLimit: 2 * GiB,
      cpuLimit: null,
      // 200m × 1.15 = 230m; 200 MiB × 1.15 = 230 MiB -> 240 MiB; × 1.3 = 260 MiB -> 272 MiB
      cpuRequestSuggested: 0.23,
      cpuLimitSuggested: null,
      memoryRequestSuggested: 240 * MiB,
      memoryLimitSuggested: 272 * MiB,
      memoryRequestChange: 240 * MiB - GiB,
    });
    expect(row.cpuP95).toBeCloseTo(0.2, 6);
    expect(row.command).toBe(
      `kubectl patch pod ${pod.name} -n ${pod.namespace} --subresource=resize --patch ` +
        `'{"spec":{"containers":[{"name":"${c.name}","resources":{"requests":{"cpu":"230m","memory":"240Mi"},"limits":{"memory":"272Mi"}}}]}}'`
    );
  } finally {
    restore();
  }
});

it('sums per namespace what the suggestions would free', async () => {
  const pods = deploymentPods();
  const restore = makeKnown(pods);
  try {
    const metrics = () =>
      sim().faults.requestsTo(`/apis/metrics.k8s.io/v1/namespaces/${pods[0].namespace}/pods`).length;
    const before = metrics();
    // a pods panel of the same scope has watched 9 polls: the query answers from their history at once
    const seen = await drive({ ...scope(pods[0]), groupBy: 'namespace' }, MIN_SAMPLES, MIN_SAMPLES - 1);
    expect(seen).toHaveLength(2);
    expect(metrics() - before).toBe(MIN_SAMPLES);
    expect(notices(seen[0].data[0] as DataFrame)).toMatch(/^Only 9 samples over 2 min \(polled every 15 s\) so far/);
    const [ns] = rows(seen[1].data[0] as DataFrame);
    const n = pods.reduce((k, p) => k + p.containers.length, 0);
    expect(ns).toMatchObject({
      namespace: pods[0].namespace,
      containers: n,
      cpuRequested: n,
      overProvisioned: n,
      underProvisioned: 0,
      memoryFreed: n * (GiB - 240 * MiB),
    });
    expect(ns.cpuFreed).toBeCloseTo(n * 0.77, 9);
  } finally {
    restore();
  }
});

it('tells what is wrong with an unknown grouping before reading anything', () => {
  const { vars } = testContext(sim());
  const query = { refId: 'A', queryType: 'rightsizing', groupBy: 'node' } as unknown as RightSizingQuery;
  expect(() => rightSizingModule.resolve(query, vars)).toThrow('Unknown group by "node"');
});

it('answers an error naming the namespace when the pods cannot be listed', async () => {
  sim().faults.deny('pods', { verb: 'list' });
  const [res] = await drive({ namespace: 'default' }, 1);
  expect(res.data).toEqual([]);
  expect(res.errors?.[0].message).toMatch(/Namespace "default": .*pods/i);
});
