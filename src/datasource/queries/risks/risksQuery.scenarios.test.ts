/** @jest-environment jsdom */
/**
 * Every risk of kube-sim's triage scenarios is found, against the ground truth they export
 * (tools/kube-sim/cluster/triageScenarios.ts), and nothing at all on a healthy cluster.
 */
import { DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { KubeSim, KubeSimOptions, manualClock, startKubeSim } from '../../../../tools/kube-sim';
import { TriageTruth } from '../../../../tools/kube-sim/cluster/triageScenarios';
import { testContext } from '../../../../tools/testing/queryContext';
import { RisksQuery } from '../../types';
import { risksModule } from './risksQuery';

type Row = Record<string, unknown>;

/** metav1.Time has whole seconds: a time as it comes over the wire */
const wire = (ms: number) => Math.floor(ms / 1000) * 1000;

async function risksOf(sim: KubeSim): Promise<{ frame: DataFrame; rows: Row[] }> {
  const { ctx, vars } = testContext(sim);
  const query: RisksQuery = { refId: 'A', queryType: 'risks' };
  const res = await lastValueFrom(risksModule.run(ctx, risksModule.resolve(query, vars), query));
  expect(res.errors).toBeUndefined();
  const frame: DataFrame = res.data[0];
  const rows = Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
  return { frame, rows };
}

function withSim(opts: KubeSimOptions): () => KubeSim {
  let sim: KubeSim | undefined;
  beforeAll(async () => {
    sim = await startKubeSim(opts);
  });
  afterAll(async () => {
    await sim?.stop();
  });
  return () => sim!;
}

describe('risks of the triage scenarios', () => {
  const sim = withSim({
    nodes: 12,
    podsPerNode: 4,
    seed: 3,
    clock: manualClock(Date.UTC(2025, 0, 1)),
    scenarios: 'triage',
  });
  let rows: Row[] = [];
  let truth: TriageTruth;
  beforeAll(async () => {
    rows = (await risksOf(sim())).rows;
    truth = sim().cluster.triage!;
  });

  const find = (match: Row) => rows.filter((r) => Object.entries(match).every(([k, v]) => r[k] === v));

  it('finds the crash loop and the OOM kill, with their last exit', () => {
    const crash = find({ object: truth.crashLoop.pod, check: 'KubePodCrashLooping' });
    expect(crash).toHaveLength(1);
    expect(crash[0]).toMatchObject({
      severity: 'critical',
      namespace: truth.crashLoop.namespace,
      container: truth.crashLoop.container,
    });
    expect(crash[0].reason).toContain(
      `restarted ${truth.crashLoop.restartCount} times, last ${truth.crashLoop.lastReason} (exit ${truth.crashLoop.lastExitCode})`
    );
    const oom = find({ object: truth.oomKilled.pod, container: truth.oomKilled.container });
    expect(oom).toHaveLength(1);
    expect(oom[0]).toMatchObject({ check: 'ContainerOOMKilled', severity: 'warning' });
    expect(oom[0].reason).toContain(`last ${truth.oomKilled.lastReason} (exit ${truth.oomKilled.lastExitCode})`);
  });

  it('finds the stuck rollout and its pod waiting on the image, since when each began', () => {
    const s = truth.stuckRollout;
    const stuck = find({ kind: 'Deployment', object: s.deployment, check: 'KubeDeploymentRolloutStuck' });
    expect(stuck).toHaveLength(1);
    expect(stuck[0]).toMatchObject({ namespace: s.namespace, since: wire(s.deadlineExceededMs) });
    expect(s.newPods).toContain(stuck[0].pod);
    for (const pod of s.newPods) {
      const waiting = find({ object: pod, check: 'KubeContainerWaiting' });
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ severity: 'warning', container: s.container });
      expect(waiting[0].reason).toContain(`waiting (${s.reason})`);
      expect(waiting[0].reason).toContain(s.message.replace(/\.$/, ''));
    }
  });

  it("finds the Pending pod with the scheduler's reason and the failed Job with its reason", () => {
    const pending = find({ object: truth.pending.pod, check: 'KubePodNotReady' });
    expect(pending).toHaveLength(1);
    expect(pending[0].reason).toMatch(/not scheduled: 0\/12 nodes are available/);
    const j = truth.failingJob;
    const job = find({ kind: 'Job', object: j.job });
    expect(job).toHaveLength(1);
    expect(job[0]).toMatchObject({ check: 'KubeJobFailed', namespace: j.namespace, since: wire(j.failedMs) });
    expect(job[0].reason).toContain(`${j.reason}: ${j.message}`);
    expect(j.failedPods).toContain(job[0].pod);
    // the Job's failed pods are reported on the Job, not one by one
    expect(rows.filter((r) => j.failedPods.includes(r.object as string))).toEqual([]);
  });

  it('notes the eviction with the kubelet message', () => {
    const e = truth.eviction;
    const evicted = find({ object: e.pod, check: 'PodFailed' });
    expect(evicted).toHaveLength(1);
    expect(evicted[0]).toMatchObject({ severity: 'info', namespace: e.namespace });
    expect(evicted[0].reason).toContain(`${e.reason}: ${e.message.trim().replace(/\.$/, '')}`);
    expect(find({ object: e.replacement })).toEqual([]);
  });

  it('finds the DaemonSet and the StatefulSet short of ready pods, linking the unready one', () => {
    const ds = find({ kind: 'DaemonSet', object: truth.daemonSet.name });
    expect(ds.map((r) => r.check)).toEqual(['KubeDaemonSetRolloutStuck']);
    expect(ds[0].reason).toMatch(new RegExp(`^${truth.daemonSet.ready} of ${truth.daemonSet.desired} pods available`));
    const sts = find({ kind: 'StatefulSet', object: truth.statefulSet.name });
    expect(sts.map((r) => r.check)).toEqual(['KubeStatefulSetReplicasMismatch']);
    expect(sts[0]).toMatchObject({ pod: truth.statefulSet.notReadyPod });
    expect(sts[0].reason).toMatch(
      new RegExp(`^${truth.statefulSet.ready} of ${truth.statefulSet.replicas} replicas ready`)
    );
    expect(find({ object: truth.statefulSet.notReadyPod, check: 'KubePodNotReady' })).toHaveLength(1);
  });

  it('finds the node under memory pressure', () => {
    const p = truth.memoryPressure!;
    expect(find({ kind: 'Node', object: p.node, check: 'KubeNodePressure' })).toEqual([
      expect.objectContaining({ severity: 'warning', since: wire(p.sinceMs) }),
    ]);
  });

  it('finds the HPA held at its maximum, not the healthy one', () => {
    const h = truth.hpaAtMax;
    const maxed = find({ kind: 'HorizontalPodAutoscaler', object: h.name });
    expect(maxed).toEqual([
      expect.objectContaining({
        check: 'KubeHpaMaxedOut',
        severity: 'warning',
        namespace: h.namespace,
        since: wire(h.limitedSinceMs),
      }),
    ]);
    expect(maxed[0].reason).toContain(`At its maximum of ${h.maxReplicas} replicas for Deployment ${h.target}`);
    expect(find({ kind: 'HorizontalPodAutoscaler', object: truth.hpaHealthy.name })).toEqual([]);
  });

  it('says nothing of the finished rollout', () => {
    expect(find({ object: truth.rollout.deployment })).toEqual([]);
    expect(
      rows.filter((r) => [...truth.rollout.newPods, ...truth.rollout.oldPods].includes(r.object as string))
    ).toEqual([]);
  });
});

describe('risks of a healthy cluster', () => {
  const sim = withSim({
    nodes: 12,
    podsPerNode: 4,
    seed: 3,
    clock: manualClock(Date.UTC(2025, 0, 1)),
    scenarios: 'healthy',
  });

  it('finds nothing, and says so', async () => {
    const { frame, rows } = await risksOf(sim());
    expect(rows).toEqual([]);
    expect((frame.meta?.notices ?? []).map((n) => n.text)).toContain('Nothing wrong found.');
  });
});
