/** @jest-environment jsdom */
/*
 * The outliers query over kube-sim with the sampler: a few polls on a manual clock, the sampler on a
 * virtual-time scheduler moved with it. One workload's pods are made alike, then one is made to misbehave.
 */
import { DataFrame, DataQueryResponse, LoadingState } from '@grafana/data';

import { manualClock, SimPod, UsageProfile } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { OutliersQuery } from '../../types';
import { outliersModule } from './outliersQuery';
import { drivePolls } from '../../testing/drivePolls';

const MiB = 2 ** 20;
const clock = manualClock(Date.UTC(2025, 0, 1, 12));
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 6, seed: 11, clock });

const steady = (memMiB: number, cpu = 0.1): UsageProfile => ({
  cpuBase: cpu,
  cpuWave: cpu / 50,
  memBase: memMiB * MiB,
  memWave: MiB,
  periodSec: 600,
  phase: 0,
  bursty: false,
});

/** A Deployment with at least `n` running pods, all of whose containers run. */
function deploymentPods(n: number): SimPod[] {
  const groups = new Map<string, SimPod[]>();
  for (const p of sim().cluster.pods) {
    if (p.owner?.kind === 'ReplicaSet' && p.phase === 'Running' && p.containers.every((c) => c.state === 'running')) {
      const key = `${p.namespace}/${p.owner.name}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
  }
  const found = [...groups.values()].find((g) => g.length >= n);
  if (!found) {
    throw new Error(`the sim has no Deployment with ${n} running pods`);
  }
  return found;
}

const allContainers = (p: SimPod) => [...p.initContainers, ...p.containers];

/** Alike pods (every container, sidecars too); returns a restore function so the next test sees the sim as it was. */
function makeAlike(pods: SimPod[]): () => void {
  const saved = pods.map((p) => allContainers(p).map((c) => ({ usage: c.usage, restartCount: c.restartCount })));
  pods.forEach((p, i) => allContainers(p).forEach((c) => (c.usage = steady(c.init ? 20 : 200 + i))));
  return () => pods.forEach((p, i) => allContainers(p).forEach((c, j) => Object.assign(c, saved[i][j])));
}

function drive(q: Partial<OutliersQuery>, polls: number): Promise<DataQueryResponse[]> {
  const query = { refId: 'A', queryType: 'outliers', ...q } as OutliersQuery;
  return drivePolls(sim(), clock, (ctx, vars) => outliersModule.run(ctx, outliersModule.resolve(query, vars), query), {
    polls,
  });
}

function rows(frame: DataFrame): Array<Record<string, unknown>> {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}
const notices = (frame: DataFrame) => (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
const selectorOf = (p: SimPod) => `app=${p.labels.app}`;

it('finds the pod using over 3× the memory of its siblings, streaming an answer after every poll', async () => {
  const pods = deploymentPods(3);
  const restore = makeAlike(pods);
  const odd = pods[1];
  odd.containers.forEach((c) => (c.usage = steady(700 / odd.containers.length)));
  try {
    const seen = await drive({ namespace: odd.namespace, labelSelector: selectorOf(odd) }, 3);
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.state === LoadingState.Streaming && !r.errors)).toBe(true);
    const frame = seen[2].data[0] as DataFrame;
    const found = rows(frame);
    expect(found.map((r) => [r.pod, r.signal])).toEqual([[odd.name, 'memory']]);
    expect(found[0].reason).toMatch(
      new RegExp(`^uses 3\\.[0-9]× the median memory of the ${pods.length} pods of Deployment/`)
    );
    // the span is metrics-server's own sample times, not the polls'
    expect(notices(frame)).toMatch(/mean over 3 samples over \d+ s \(polled every 15 s\)/);
  } finally {
    restore();
  }
});

it('finds a pod that keeps restarting, and nothing when its siblings are alike', async () => {
  const pods = deploymentPods(3);
  const restore = makeAlike(pods);
  try {
    const q = { namespace: pods[0].namespace, labelSelector: selectorOf(pods[0]) };
    const [healthy] = await drive(q, 1);
    const frame = healthy.data[0] as DataFrame;
    expect(frame.length).toBe(0);
    expect(notices(frame)).toMatch(/No outliers: every pod of 1 workload\(s\) is within 3.5 of its siblings/);

    pods[2].containers[0].restartCount = 9;
    const [restarting] = await drive({ ...q, signals: ['restarts'] }, 1);
    expect(rows(restarting.data[0]).map((r) => [r.pod, r.signal, r.value])).toEqual([
      [pods[2].name, 'restarts', '9 restarts'],
    ]);
  } finally {
    restore();
  }
});

it('lists every pod with its score when asked, the score coloured by the tolerance', async () => {
  const pods = deploymentPods(3);
  const restore = makeAlike(pods);
  try {
    const [res] = await drive(
      { namespace: pods[0].namespace, labelSelector: selectorOf(pods[0]), signals: ['cpu'], showAll: true },
      1
    );
    const frame = res.data[0] as DataFrame;
    expect(
      rows(frame)
        .map((r) => r.pod)
        .sort()
    ).toEqual(pods.map((p) => p.name).sort());
    const score = frame.fields.find((f) => f.name === 'score')!;
    expect(score.config.thresholds?.steps.map((s) => s.value)).toEqual([-Infinity, 3.5]);
    expect(rows(frame).every((r) => r.outlier === false)).toBe(true);
  } finally {
    restore();
  }
});

it('says the log error rate is not compared, and why', async () => {
  const pods = deploymentPods(3);
  const [res] = await drive({ namespace: pods[0].namespace, signals: ['errors', 'restarts'] }, 1);
  expect(notices(res.data[0] as DataFrame)).toMatch(/log error rate is not compared: it would read every pod.s logs/);
});

it('tells what is wrong with an unknown signal before reading anything', () => {
  const { vars } = testContext(sim());
  const query = { refId: 'A', queryType: 'outliers', signals: ['disk'] } as unknown as OutliersQuery;
  expect(() => outliersModule.resolve(query, vars)).toThrow('Unknown signal "disk"');
});

it('answers an error naming the namespace when the pods cannot be listed', async () => {
  sim().faults.deny('pods', { verb: 'list' });
  const [res] = await drive({ namespace: 'default' }, 1);
  expect(res.data).toEqual([]);
  expect(res.errors?.[0].message).toMatch(/Namespace "default": .*pods/i);
});

it('compares restarts alone when usage cannot be read, and says so', async () => {
  const pods = deploymentPods(3);
  sim().faults.metricsServer('unavailable');
  const [res] = await drive({ namespace: pods[0].namespace, labelSelector: selectorOf(pods[0]) }, 1);
  const frame = res.data[0] as DataFrame;
  expect(res.errors).toBeUndefined();
  expect(notices(frame)).toMatch(/Only restarts are compared\./);
});
