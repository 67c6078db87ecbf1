/** @jest-environment node */
/**
 * The triage scenarios as kube-sim serves them: each read over HTTP (objects, events, logs, the
 * kubelet's Summary, metrics.k8s.io) and checked against the ground truth `sim.cluster.triage`.
 */
import { KubeSim, ManualClock, TriageTruth, manualClock, startKubeSim } from '../index';
import { simGet } from '../server/client';

const T0 = Date.UTC(2026, 2, 3, 9, 30, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
let sim: KubeSim;
let clock: ManualClock;
let truth: TriageTruth;

type Obj = Record<string, any>;

async function get<T = Obj>(path: string): Promise<{ status: number; body: T }> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token });
  return { status: r.status, body: JSON.parse(r.body) as T };
}

async function items(path: string): Promise<Obj[]> {
  return (await get<{ items: Obj[] }>(path)).body.items;
}

async function eventsOf(ns: string, name: string): Promise<Obj[]> {
  return items(`/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3D${name}`);
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
/** a memory Quantity as metrics.k8s.io prints it (whole bytes, Ki, Mi or Gi) */
function bytes(s: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(s);
  return m ? Number(m[1]) * (m[2] ? UNITS[m[2]] : 1) : NaN;
}

const cond = (o: Obj, type: string) => (o.status.conditions as Obj[]).find((c) => c.type === type);

beforeAll(async () => {
  clock = manualClock(T0);
  sim = await startKubeSim({ nodes: 4, podsPerNode: 4, seed: 9, clock, scenarios: 'triage' });
  truth = sim.cluster.triage as TriageTruth;
});
afterAll(() => sim.stop());

describe('a finished rollout', () => {
  it('shows two ReplicaSets by revision, the old scaled to 0 with the old image', async () => {
    const r = truth.rollout;
    const sets = await items(`/apis/apps/v1/namespaces/${r.namespace}/replicasets?labelSelector=app%3D${r.deployment}`);
    const byName = new Map(sets.map((s) => [s.metadata.name, s]));
    const old = byName.get(r.oldReplicaSet) as Obj;
    const cur = byName.get(r.newReplicaSet) as Obj;
    expect(sets).toHaveLength(2);
    expect(old.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(cur.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(old.spec.replicas).toBe(0);
    expect(old.status.replicas).toBe(0);
    expect(old.spec.template.spec.containers[0].image).toBe(r.oldImage);
    expect(cur.spec.template.spec.containers[0].image).toBe(r.newImage);
    expect(cur.status.readyReplicas).toBe(r.replicas);
    const dep = (await get(`/apis/apps/v1/namespaces/${r.namespace}/deployments/${r.deployment}`)).body;
    expect(dep.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(dep.spec.template.spec.containers[0].image).toBe(r.newImage);
    expect(dep.status).toMatchObject({ replicas: r.replicas, updatedReplicas: r.replicas, readyReplicas: r.replicas });
  });

  it('started the new pods at the rollout and recorded ScalingReplicaSet steps from then on', async () => {
    const r = truth.rollout;
    const pods = await items(`/api/v1/namespaces/${r.namespace}/pods?labelSelector=app%3D${r.deployment}`);
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([...r.newPods].sort());
    for (const p of pods) {
      const started = Date.parse(p.status.startTime);
      expect(started).toBeGreaterThanOrEqual(r.rolloutMs);
      expect(started).toBeLessThan(T0);
    }
    const scaling = (await eventsOf(r.namespace, r.deployment)).filter((e) => e.reason === 'ScalingReplicaSet');
    expect(scaling[0].message).toBe(`Scaled up replica set ${r.newReplicaSet} from 0 to 1`);
    expect(Date.parse(scaling[0].firstTimestamp)).toBe(r.rolloutMs);
    expect(scaling.at(-1)?.message).toBe(`Scaled down replica set ${r.oldReplicaSet} from 1 to 0`);
  });
});

describe('a stuck rollout', () => {
  it('has a pod in ImagePullBackOff with the kubelet message, and no logs to give', async () => {
    const s = truth.stuckRollout;
    const pod = (await get(`/api/v1/namespaces/${s.namespace}/pods/${s.newPods[0]}`)).body;
    expect(pod.status.phase).toBe('Pending');
    const cs = pod.status.containerStatuses[0];
    expect(cs.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: s.message });
    expect(s.message).toContain(`Back-off pulling image "${s.newImage}"`);
    expect(cs.imageID).toBe('');
    expect(cs.ready).toBe(false);
    const log = await simGet(`${sim.url}/api/v1/namespaces/${s.namespace}/pods/${s.newPods[0]}/log`, {
      token: sim.token,
    });
    expect(log.status).toBe(400);
    expect(JSON.parse(log.body).message).toBe(
      `container "${s.container}" in pod "${s.newPods[0]}" is waiting to start: trying and failing to pull image`
    );
    const reasons = (await eventsOf(s.namespace, s.newPods[0])).map((e) => `${e.type}/${e.reason}/${e.message}`);
    expect(reasons).toContain('Warning/Failed/Error: ImagePullBackOff');
    expect(reasons).toContain(`Normal/BackOff/Back-off pulling image "${s.newImage}"`);
  });

  it('reports ProgressDeadlineExceeded with mismatched replica counts', async () => {
    const s = truth.stuckRollout;
    const dep = (await get(`/apis/apps/v1/namespaces/${s.namespace}/deployments/${s.deployment}`)).body;
    expect(cond(dep, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${s.newReplicaSet}" has timed out progressing.`,
      lastTransitionTime: iso(s.deadlineExceededMs),
    });
    expect(cond(dep, 'Available')?.status).toBe('True');
    expect(dep.status).toMatchObject({
      replicas: s.replicas + 1,
      updatedReplicas: 1,
      readyReplicas: s.replicas,
      availableReplicas: s.replicas,
      unavailableReplicas: 1,
    });
    expect(dep.spec.template.spec.containers[0].image).toBe(s.newImage);
  });
});

describe('an eviction and a failing Job', () => {
  it('serves the evicted pod Failed with the reason and message, its event, and the replacement', async () => {
    const e = truth.eviction;
    const pod = (await get(`/api/v1/namespaces/${e.namespace}/pods/${e.pod}`)).body;
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message: e.message });
    expect(cond(pod, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'TerminationByKubelet' });
    // the kubelet removed the container with the pod, so its status is lost
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      startedAt: null,
    });
    const log = await simGet(`${sim.url}/api/v1/namespaces/${e.namespace}/pods/${e.pod}/log`, { token: sim.token });
    expect([log.status, JSON.parse(log.body).message]).toEqual([
      400,
      `container "${e.container}" in pod "${e.pod}" is terminated`,
    ]);
    const ev = (await eventsOf(e.namespace, e.pod)).find((x) => x.reason === 'Evicted');
    expect(ev).toMatchObject({ type: 'Warning', message: e.message, firstTimestamp: iso(e.evictedMs) });
    const replacement = (await get(`/api/v1/namespaces/${e.namespace}/pods/${e.replacement}`)).body;
    expect(replacement.status.phase).toBe('Running');
  });

  it('serves the Job failed with BackoffLimitExceeded and its failed pods', async () => {
    const j = truth.failingJob;
    const job = (await get(`/apis/batch/v1/namespaces/${j.namespace}/jobs/${j.job}`)).body;
    expect(job.spec.backoffLimit).toBe(j.backoffLimit);
    expect(job.status.failed).toBe(j.backoffLimit + 1);
    expect(cond(job, 'Failed')).toMatchObject({
      status: 'True',
      reason: 'BackoffLimitExceeded',
      lastTransitionTime: iso(j.failedMs),
    });
    expect(job.status.completionTime).toBeUndefined();
    const pods = await items(`/api/v1/namespaces/${j.namespace}/pods?labelSelector=job-name%3D${j.job}`);
    expect(pods.map((p) => p.metadata.name).sort()).toEqual([...j.failedPods].sort());
    for (const p of pods) {
      expect(p.status.phase).toBe('Failed');
      expect(p.status.containerStatuses[0].state.terminated.exitCode).toBe(1);
    }
  });
});

describe('workloads short of ready replicas', () => {
  it('a DaemonSet with one pod not ready', async () => {
    const d = truth.daemonSet;
    const ds = (await get(`/apis/apps/v1/namespaces/${d.namespace}/daemonsets/${d.name}`)).body;
    expect(ds.status.desiredNumberScheduled).toBe(d.desired);
    expect(ds.status.numberReady).toBe(d.ready);
    expect(d.ready).toBeLessThan(d.desired);
    const pod = (await get(`/api/v1/namespaces/${d.namespace}/pods/${d.notReadyPod}`)).body;
    expect(cond(pod, 'Ready')?.status).toBe('False');
  });

  it('a StatefulSet with fewer ready replicas', async () => {
    const s = truth.statefulSet;
    const sts = (await get(`/apis/apps/v1/namespaces/${s.namespace}/statefulsets/${s.name}`)).body;
    expect(sts.spec.replicas).toBe(s.replicas);
    expect(sts.status.readyReplicas).toBe(s.ready);
    expect(s.ready).toBe(s.replicas - 1);
  });
});

describe('filling volumes and a node under memory pressure', () => {
  async function volumeUsed(node: string, ns: string, pod: string, volume: string): Promise<Obj> {
    const summary = (await get(`/api/v1/nodes/${node}/proxy/stats/summary`)).body;
    const p = (summary.pods as Obj[]).find((x) => x.podRef.name === pod && x.podRef.namespace === ns) as Obj;
    return { pod: p, volume: (p.volume as Obj[]).find((v) => v.name === volume) as Obj, node: summary.node };
  }

  it('grows the PVC and the emptyDir at their rates, so time-to-full is known', async () => {
    const v = truth.volumeFill;
    const e = truth.ephemeralFill;
    const at0 = await volumeUsed(v.node, v.namespace, v.pod, v.volume);
    expect(at0.volume.pvcRef).toEqual({ name: v.pvc, namespace: v.namespace });
    expect(at0.volume.capacityBytes).toBe(v.capacityBytes);
    const used0 = at0.volume.usedBytes;
    // the kubelet's stats are sampled at their own time, which the volume reports
    const t0 = Date.parse(at0.volume.time);
    expect(used0).toBe(v.startBytes + (v.bytesPerSec * (t0 - v.fromMs)) / 1000);
    const wal0 = (await volumeUsed(e.node, e.namespace, e.pod, e.volume)).volume.usedBytes;
    clock.advance(100_000);
    try {
      const at1 = await volumeUsed(v.node, v.namespace, v.pod, v.volume);
      const t1 = Date.parse(at1.volume.time);
      expect(t1).toBeGreaterThan(t0);
      expect(at1.volume.usedBytes - used0).toBe((v.bytesPerSec * (t1 - t0)) / 1000);
      const wal1 = at1.pod.volume.find((x: Obj) => x.name === e.volume).usedBytes;
      expect(wal1 - wal0).toBe((e.bytesPerSec * (t1 - t0)) / 1000);
      // what a time-to-full panel computes: available / rate = the time left to fullMs
      expect(at1.volume.availableBytes / v.bytesPerSec).toBeCloseTo((v.fullMs - t1) / 1000, 3);
    } finally {
      clock.set(T0);
    }
  });

  it("raises one node's memory at its rate and reports MemoryPressure on another", async () => {
    const m = truth.nodeMemoryRise;
    // the node's memory outside its pods, as metrics.k8s.io shows it
    const outsidePods = async (): Promise<{ t: number; bytes: number }> => {
      const node = (await get(`/apis/metrics.k8s.io/v1beta1/nodes/${m.node}`)).body;
      const names = new Set(
        (await items(`/api/v1/pods?fieldSelector=spec.nodeName%3D${m.node}`)).map((p) => p.metadata.name)
      );
      const pods = (await items('/apis/metrics.k8s.io/v1beta1/pods')).filter((p) => names.has(p.metadata.name));
      const inPods = pods.reduce(
        (sum, p) => sum + (p.containers as Obj[]).reduce((s2, c) => s2 + bytes(c.usage.memory), 0),
        0
      );
      return { t: Date.parse(node.timestamp), bytes: bytes(node.usage.memory) - inPods };
    };
    const a = await outsidePods();
    clock.advance(10 * 60_000);
    try {
      const b = await outsidePods();
      const expected = (m.bytesPerSec * (b.t - a.t)) / 1000;
      expect(Math.abs(b.bytes - a.bytes - expected)).toBeLessThan(expected * 0.01);
    } finally {
      clock.set(T0);
    }
    const p = truth.memoryPressure;
    expect(p).toBeDefined();
    const node = (await get(`/api/v1/nodes/${p?.node}`)).body;
    expect(cond(node, 'MemoryPressure')).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      lastTransitionTime: iso(p?.sinceMs ?? 0),
    });
    expect(node.spec.taints).toContainEqual({
      key: 'node.kubernetes.io/memory-pressure',
      effect: 'NoSchedule',
      timeAdded: iso(p?.sinceMs ?? 0),
    });
    expect(cond(node, 'Ready')?.status).toBe('True');
  });
});

describe('right-sizing and outliers', () => {
  const milli = (s: string) =>
    s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : s.endsWith('n') ? Number(s.slice(0, -1)) / 1e9 : Number(s);

  async function podUsage(ns: string, pod: string): Promise<{ cpu: number; memory: number }> {
    const m = (await get(`/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods/${pod}`)).body;
    const c = m.containers[0].usage;
    return { cpu: milli(c.cpu), memory: bytes(c.memory) };
  }

  it('serves the over- and under-provisioned containers at their known usage', async () => {
    for (const s of [truth.overProvisioned, truth.underProvisioned]) {
      const u = await podUsage(s.namespace, s.pod);
      expect(u.cpu).toBeCloseTo(s.usage.cpu, 3);
      expect(Math.abs(u.memory - s.usage.memory)).toBeLessThan(1024);
      const pod = (await get(`/api/v1/namespaces/${s.namespace}/pods/${s.pod}`)).body;
      expect(pod.spec.containers[0].resources.requests.cpu).toBeDefined();
    }
    expect(truth.overProvisioned.usage.cpu).toBeLessThan(truth.overProvisioned.requests.cpu / 10);
    expect(truth.underProvisioned.usage.memory).toBeGreaterThan(truth.underProvisioned.requests.memory);
    expect(truth.underProvisioned.usage.memory).toBeGreaterThan(truth.underProvisioned.limits.memory * 0.9);
  });

  it('finds exactly the named outlier among alike siblings by median absolute deviation', async () => {
    for (const o of truth.outliers) {
      const values: Array<[string, number]> = [];
      for (const name of o.pods) {
        if (o.kind === 'restarts') {
          const pod = (await get(`/api/v1/namespaces/${o.namespace}/pods/${name}`)).body;
          values.push([name, pod.status.containerStatuses[0].restartCount]);
        } else {
          const u = await podUsage(o.namespace, name);
          values.push([name, o.kind === 'cpu' ? u.cpu : u.memory]);
        }
      }
      const sorted = values.map(([, v]) => v).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      const mad = [...values.map(([, v]) => Math.abs(v - median))].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const flagged = values
        .filter(([, v]) => Math.abs(v - median) > 3.5 * Math.max(mad, median * 0.01))
        .map(([n]) => n);
      expect({ kind: o.kind, flagged }).toEqual({ kind: o.kind, flagged: [o.outlier] });
    }
  });
});

describe('HorizontalPodAutoscalers in the model', () => {
  it('one at its maximum over the Deployment it scales, one within range', () => {
    const atMax = truth.hpaAtMax;
    const dep = sim.cluster.workloads.find((w) => w.kind === 'Deployment' && w.name === atMax.target);
    expect(dep?.replicas).toBe(atMax.maxReplicas);
    expect(atMax.currentReplicas).toBe(atMax.maxReplicas);
    expect(truth.hpaHealthy.currentReplicas).toBeLessThan(truth.hpaHealthy.maxReplicas);
  });
});

describe('scenarios reused from the default cluster', () => {
  it('names the crash loop, the OOMKilled restart and the pending pod as served', async () => {
    const crash = (await get(`/api/v1/namespaces/${truth.crashLoop.namespace}/pods/${truth.crashLoop.pod}`)).body;
    expect(crash.status.containerStatuses[0].state.waiting.reason).toBe('CrashLoopBackOff');
    const oom = (await get(`/api/v1/namespaces/${truth.oomKilled.namespace}/pods/${truth.oomKilled.pod}`)).body;
    expect(oom.status.containerStatuses[0].lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(oom.status.containerStatuses[0].restartCount).toBe(truth.oomKilled.restartCount);
    const pending = (await get(`/api/v1/namespaces/${truth.pending.namespace}/pods/${truth.pending.pod}`)).body;
    expect(pending.status.phase).toBe('Pending');
    const ev = await eventsOf(truth.pending.namespace, truth.pending.pod);
    expect(ev.map((e) => e.reason)).toContain('FailedScheduling');
  });
});
