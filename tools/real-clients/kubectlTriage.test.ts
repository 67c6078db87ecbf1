/** @jest-environment node */
/**
 * The real kubectl over the triage scenarios: `kubectl get pods,deploy,rs,hpa,jobs -A` prints each
 * scenario as kubectl prints such objects on a real cluster (printers.go: an image-pull back-off, an
 * evicted pod, a failed Job, a stuck rollout's counts, a scaled-down ReplicaSet, an HPA at its maximum).
 * Expected cells follow from the ground truth (sim.cluster.triage), not from the sim's Table.
 */
import { KubeSim, TriageTruth, manualClock, startKubeSim } from '../kube-sim';
import { Run, clientDir, kubectl, parseTable, requireKubectl } from './clients';

const T0 = Date.UTC(2026, 2, 3, 9, 30, 0);

let sim: KubeSim;
let truth: TriageTruth;
let scratch: ReturnType<typeof clientDir> | undefined;
let run: Run;
/** kubectl's rows by kind-qualified name (pod/x, deployment.apps/x, …) and namespace */
const rows = new Map<string, Record<string, string>>();

beforeAll(async () => {
  requireKubectl();
  sim = await startKubeSim({
    tls: true,
    nodes: 4,
    podsPerNode: 4,
    seed: 9,
    clock: manualClock(T0),
    scenarios: 'triage',
  });
  truth = sim.cluster.triage as TriageTruth;
  scratch = clientDir(sim);
  run = await kubectl(scratch.dir, scratch.config, ['get', 'pods,deploy,rs,hpa,jobs', '-A']);
  // one table per kind, separated by a blank line
  for (const block of run.out.split(/\n\s*\n/)) {
    for (const r of parseTable(block)) {
      rows.set(`${r.NAMESPACE}/${r.NAME}`, r);
    }
  }
}, 60_000);

afterAll(async () => {
  scratch?.cleanup();
  await sim?.stop();
});

const row = (ns: string, qualified: string) => rows.get(`${ns}/${qualified}`);

describe('kubectl get pods,deploy,rs,hpa,jobs -A over the triage scenarios', () => {
  it('runs cleanly', () => {
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
  });

  it('prints the stuck rollout: its pod ImagePullBackOff, the Deployment 3/3 with 1 up to date', () => {
    const s = truth.stuckRollout;
    expect(row(s.namespace, `pod/${s.newPods[0]}`)).toMatchObject({
      READY: '0/1',
      STATUS: 'ImagePullBackOff',
      RESTARTS: '0',
    });
    expect(row(s.namespace, `deployment.apps/${s.deployment}`)).toMatchObject({
      READY: `${s.replicas}/${s.replicas}`,
      'UP-TO-DATE': '1',
      AVAILABLE: String(s.replicas),
    });
    expect(row(s.namespace, `replicaset.apps/${s.newReplicaSet}`)).toMatchObject({
      DESIRED: '1',
      CURRENT: '1',
      READY: '0',
    });
  });

  it('prints the finished rollout: the old ReplicaSet scaled to 0, the new one ready', () => {
    const r = truth.rollout;
    const n = String(r.replicas);
    expect(row(r.namespace, `replicaset.apps/${r.oldReplicaSet}`)).toMatchObject({
      DESIRED: '0',
      CURRENT: '0',
      READY: '0',
    });
    expect(row(r.namespace, `replicaset.apps/${r.newReplicaSet}`)).toMatchObject({ DESIRED: n, CURRENT: n, READY: n });
    expect(row(r.namespace, `deployment.apps/${r.deployment}`)).toMatchObject({ READY: `${n}/${n}`, 'UP-TO-DATE': n });
  });

  it('prints the evicted pod, the failed Job Failed 0/1 with its pods Error', () => {
    const e = truth.eviction;
    // status.reason is Evicted, but the lost container's reason wins in printPod
    expect(row(e.namespace, `pod/${e.pod}`)).toMatchObject({ READY: '0/1', STATUS: 'ContainerStatusUnknown' });
    expect(row(e.namespace, `pod/${e.replacement}`)).toMatchObject({ READY: '1/1', STATUS: 'Running' });
    const j = truth.failingJob;
    expect(row(j.namespace, `job.batch/${j.job}`)).toMatchObject({ STATUS: 'Failed', COMPLETIONS: '0/1' });
    for (const p of j.failedPods) {
      expect(row(j.namespace, `pod/${p}`)).toMatchObject({ READY: '0/1', STATUS: 'Error' });
    }
  });

  it('prints the HPA at its maximum with cpu current/target, and the healthy one', () => {
    const m = truth.hpaAtMax;
    const atMax = row(m.namespace, `horizontalpodautoscaler.autoscaling/${m.name}`);
    expect(atMax).toMatchObject({
      REFERENCE: `Deployment/${m.target}`,
      MINPODS: String(m.minReplicas),
      MAXPODS: String(m.maxReplicas),
      REPLICAS: String(m.maxReplicas),
    });
    const [current, target] = (/^cpu: (\d+)%\/(\d+)%$/.exec(atMax?.TARGETS ?? '') ?? []).slice(1).map(Number);
    expect(current).toBeGreaterThan(target);
    const h = truth.hpaHealthy;
    expect(row(h.namespace, `horizontalpodautoscaler.autoscaling/${h.name}`)).toMatchObject({
      REFERENCE: `Deployment/${h.target}`,
      REPLICAS: String(h.currentReplicas),
    });
  });

  it('prints the crash loop, the pending pod and the restarting outlier', () => {
    expect(row(truth.crashLoop.namespace, `pod/${truth.crashLoop.pod}`)?.STATUS).toBe('CrashLoopBackOff');
    expect(row(truth.pending.namespace, `pod/${truth.pending.pod}`)?.STATUS).toBe('Pending');
    const restarts = truth.outliers.find((o) => o.kind === 'restarts');
    const outlier = row(restarts?.namespace ?? '', `pod/${restarts?.outlier}`);
    expect(outlier?.RESTARTS).toMatch(new RegExp(`^${restarts?.usage[restarts.outlier].restarts} \\(\\S+ ago\\)$`));
  });
});
