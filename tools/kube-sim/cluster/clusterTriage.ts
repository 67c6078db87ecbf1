/**
 * Builds the triage scenarios (triageScenarios.ts) into a default cluster, after its filler, so the
 * default objects keep their names. Pods go round-robin on the Ready workers, over podsPerNode. Each
 * scenario sits at a known time before the clock's start, so a panel's last hour shows it; the
 * returned TriageTruth names what the seed chose.
 */
import type { SimContainer, SimNode, SimPod, SimWorkload, UsageProfile } from './model';
import { type Builder, ownerOf } from './clusterBuilder';
import type { ContainerSpec } from './clusterPods';
import { type FillTruth, type OutlierTruth, type SteadyUsageTruth, type TriageTruth, TRIAGE } from './triageScenarios';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** constant usage, so a panel reads exactly these cores and bytes */
export function steadyUsage(cpu: number, memory: number): UsageProfile {
  return { cpuBase: cpu, cpuWave: 0, memBase: Math.round(memory), memWave: 0, periodSec: 600, phase: 0, bursty: false };
}

/** growth starts on a whole second, as the kubelet stamps its stats (growthAt) */
function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** siblings alike: within ±2% of each other, by replica index */
function alike(i: number): number {
  return 1 + 0.01 * ((i % 5) - 2);
}

interface DeploymentParts {
  dep: SimWorkload;
  rs: SimWorkload;
  pods: SimPod[];
}

class TriageBuilder {
  private next = 0;
  readonly workers: SimNode[];

  constructor(readonly b: Builder) {
    const nodes = b.c.nodes;
    const ready = nodes.filter((n) => n.notReadySinceMs === undefined);
    const workers = nodes.length === 1 ? ready : ready.filter((n) => n.name !== 'control-plane-1');
    this.workers = workers.length ? workers : [nodes[0]];
  }

  get startMs(): number {
    return this.b.startMs;
  }

  /** the next Ready worker, round-robin */
  node(): SimNode {
    return this.workers[this.next++ % this.workers.length];
  }

  deploymentObject(ns: string, name: string, replicas: number, ageMs: number, extra: Partial<SimWorkload> = {}) {
    const labels = { app: name, 'app.kubernetes.io/name': name };
    return this.b.workload(
      { kind: 'Deployment', namespace: ns, name, labels, selector: { app: name }, replicas, ...extra },
      ageMs
    );
  }

  replicaSet(dep: SimWorkload, replicas: number, ageMs: number, revision: number): SimWorkload {
    const hash = this.b.r.suffix(10);
    return this.b.workload(
      {
        kind: 'ReplicaSet',
        namespace: dep.namespace,
        name: `${dep.name}-${hash}`,
        labels: { ...dep.labels, 'pod-template-hash': hash },
        selector: { ...dep.selector, 'pod-template-hash': hash },
        replicas,
        owner: ownerOf(dep),
        revision,
      },
      ageMs
    );
  }

  /** a pod of a ReplicaSet (or other owner), on the next worker unless a node is given */
  pod(
    owner: SimWorkload,
    ageMs: number,
    containers: ContainerSpec[],
    opts: { node?: SimNode; extraVolumes?: SimPod['volumes'] } = {}
  ): SimPod {
    const name =
      owner.kind === 'ReplicaSet' || owner.kind === 'Job' ? `${owner.name}-${this.b.r.suffix()}` : owner.name;
    const labels =
      owner.kind === 'Job'
        ? {
            'batch.kubernetes.io/controller-uid': owner.uid,
            'batch.kubernetes.io/job-name': owner.name,
            'controller-uid': owner.uid,
            'job-name': owner.name,
          }
        : { ...owner.labels };
    const p = this.b.pod({
      namespace: owner.namespace,
      name,
      labels,
      owner: ownerOf(owner),
      node: opts.node ?? this.node(),
      ageMs,
      make: { containers, volumes: opts.extraVolumes },
    });
    if (!p) {
      throw new Error(`kube-sim: no node for ${owner.namespace}/${name}`);
    }
    return p;
  }

  /** a Deployment with one ReplicaSet whose pods the caller shapes */
  deployment(
    ns: string,
    name: string,
    replicas: number,
    ageMs: number,
    spec: (i: number) => ContainerSpec[]
  ): DeploymentParts {
    const dep = this.deploymentObject(ns, name, replicas, ageMs);
    const rs = this.replicaSet(dep, replicas, ageMs - 1000, 1);
    const pods: SimPod[] = [];
    for (let i = 0; i < replicas; i++) {
      pods.push(this.pod(rs, ageMs - 2000 - i * 1000, spec(i)));
    }
    return { dep, rs, pods };
  }

  /** a template-only pod for a ReplicaSet scaled to 0 (the API shows its template) */
  templateOnly(rs: SimWorkload, ageMs: number, containers: ContainerSpec[]): void {
    const p = this.pod(rs, ageMs, containers);
    this.b.c.pods.pop();
    rs.templatePod = p;
  }

  event(e: Parameters<Builder['event']>[0]): void {
    this.b.event(e);
  }

  podEvent(
    p: SimPod,
    e: {
      type: 'Normal' | 'Warning';
      reason: string;
      message: string;
      atMs: number;
      lastMs?: number;
      count?: number;
      container?: string;
    }
  ): void {
    this.b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      firstAgoMs: this.startMs - e.atMs,
      lastAgoMs: this.startMs - (e.lastMs ?? e.atMs),
      component: 'kubelet',
      host: p.nodeName || undefined,
      fieldPath: e.container ? `spec.containers{${e.container}}` : undefined,
    });
  }

  workloadEvent(
    w: SimWorkload,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    atMs: number,
    component: string
  ): void {
    this.b.event({
      namespace: w.namespace,
      kind: w.kind,
      name: w.name,
      uid: w.uid,
      type,
      reason,
      message,
      firstAgoMs: this.startMs - atMs,
      component,
    });
  }
}

function spec(name: string, image: string, res: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name, image, logStyle: 'json', ...res };
}

function setUsage(p: SimPod, cpu: number, memory: number): void {
  p.containers[0].usage = steadyUsage(cpu, memory);
}

/** the ScalingReplicaSet steps of a rolling update from old to new, maxSurge and maxUnavailable resolved */
function rolloutSteps(replicas: number, surge: number): Array<{ up: boolean; from: number; to: number }> {
  const steps: Array<{ up: boolean; from: number; to: number }> = [];
  let oldN = replicas;
  let newN = 0;
  while (newN < replicas || oldN > 0) {
    if (newN < replicas) {
      const to = Math.min(replicas, newN + surge);
      steps.push({ up: true, from: newN, to });
      newN = to;
    }
    if (oldN > 0) {
      const to = Math.max(0, oldN - surge);
      steps.push({ up: false, from: oldN, to });
      oldN = to;
    }
  }
  return steps;
}

function rollout(t: TriageBuilder, truthOut: (r: TriageTruth['rollout']) => void): DeploymentParts {
  const s = TRIAGE.rollout;
  const rolloutMs = t.startMs - s.rolloutAgoMs;
  const dep = t.deploymentObject(s.namespace, s.deployment, s.replicas, 40 * DAY, {
    revision: 2,
    rolloutMs,
    generation: 2,
  });
  const container = (image: string) => [
    spec(s.container, image, { cpuRequest: 0.2, memRequest: 256 * 1024 * 1024, memLimit: 512 * 1024 * 1024 }),
  ];
  const oldRs = t.replicaSet(dep, 0, 40 * DAY - 1000, 1);
  t.templateOnly(oldRs, 40 * DAY - 2000, container(s.oldImage));
  const newRs = t.replicaSet(dep, s.replicas, s.rolloutAgoMs, 2);
  const surge = Math.ceil(s.replicas / 4);
  const steps = rolloutSteps(s.replicas, surge);
  const pods: SimPod[] = [];
  steps.forEach((step, k) => {
    const atMs = rolloutMs + k * 15_000;
    const rs = step.up ? newRs : oldRs;
    t.workloadEvent(
      dep,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${step.up ? 'up' : 'down'} replica set ${rs.name} from ${step.from} to ${step.to}`,
      atMs,
      'deployment-controller'
    );
    if (step.up) {
      for (let i = step.from; i < step.to; i++) {
        const p = t.pod(newRs, t.startMs - atMs - 200, container(s.newImage));
        // the HPA reads 45% of the 200m request
        setUsage(p, 0.2 * (TRIAGE.hpaHealthy.currentCpuUtilization / 100) * alike(i), 180 * 1024 * 1024 * alike(i));
        pods.push(p);
      }
    }
  });
  truthOut({
    namespace: s.namespace,
    deployment: s.deployment,
    oldReplicaSet: oldRs.name,
    newReplicaSet: newRs.name,
    oldImage: s.oldImage,
    newImage: s.newImage,
    rolloutMs,
    replicas: s.replicas,
    newPods: pods.map((p) => p.name),
    oldPods: [],
  });
  return { dep, rs: newRs, pods };
}

function stuckRollout(t: TriageBuilder): TriageTruth['stuckRollout'] {
  const s = TRIAGE.stuckRollout;
  const rolloutMs = t.startMs - s.rolloutAgoMs;
  const deadlineExceededMs = rolloutMs + s.progressDeadlineSeconds * 1000;
  const dep = t.deploymentObject(s.namespace, s.deployment, s.replicas, 15 * DAY, {
    revision: 2,
    rolloutMs,
    generation: 2,
    progressDeadlineExceededMs: deadlineExceededMs,
  });
  const res = { cpuRequest: 0.25, memRequest: 384 * 1024 * 1024, memLimit: 768 * 1024 * 1024 };
  const oldRs = t.replicaSet(dep, s.replicas, 15 * DAY - 1000, 1);
  const oldPods: SimPod[] = [];
  for (let i = 0; i < s.replicas; i++) {
    oldPods.push(t.pod(oldRs, 15 * DAY - 2000 - i * 1000, [spec(s.container, s.oldImage, res)]));
  }
  // maxSurge 25% of 3 rounds up to 1, maxUnavailable rounds down to 0: one new pod, and no old one goes
  const newRs = t.replicaSet(dep, 1, s.rolloutAgoMs, 2);
  t.workloadEvent(
    dep,
    'Normal',
    'ScalingReplicaSet',
    `Scaled up replica set ${newRs.name} from 0 to 1`,
    rolloutMs,
    'deployment-controller'
  );
  const p = t.pod(newRs, s.rolloutAgoMs - 100, [spec(s.container, s.newImage, { ...res, fate: 'imagePullBackOff' })]);
  const c = p.containers[0];
  const firstPull = p.startMs + 1000;
  const last = t.startMs - 40_000;
  const pullError = (c.message ?? '').replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '');
  t.podEvent(p, {
    type: 'Normal',
    reason: 'Pulling',
    message: `Pulling image "${c.image}"`,
    atMs: firstPull,
    lastMs: last - 5 * MIN,
    count: 7,
    container: c.name,
  });
  t.podEvent(p, {
    type: 'Warning',
    reason: 'Failed',
    message: `Failed to pull image "${c.image}": ${pullError}`,
    atMs: firstPull + 900,
    lastMs: last - 5 * MIN + 900,
    count: 7,
    container: c.name,
  });
  t.podEvent(p, {
    type: 'Warning',
    reason: 'Failed',
    message: 'Error: ErrImagePull',
    atMs: firstPull + 900,
    lastMs: last - 5 * MIN + 900,
    count: 7,
    container: c.name,
  });
  t.podEvent(p, {
    type: 'Normal',
    reason: 'BackOff',
    message: `Back-off pulling image "${c.image}"`,
    atMs: firstPull + 2000,
    lastMs: last,
    count: 140,
    container: c.name,
  });
  t.podEvent(p, {
    type: 'Warning',
    reason: 'Failed',
    message: 'Error: ImagePullBackOff',
    atMs: firstPull + 2000,
    lastMs: last,
    count: 140,
    container: c.name,
  });
  return {
    namespace: s.namespace,
    deployment: s.deployment,
    oldReplicaSet: oldRs.name,
    newReplicaSet: newRs.name,
    oldImage: s.oldImage,
    newImage: s.newImage,
    rolloutMs,
    replicas: s.replicas,
    newPods: [p.name],
    oldPods: oldPods.map((x) => x.name),
    container: s.container,
    reason: 'ImagePullBackOff',
    message: c.message ?? '',
    waitingSinceMs: firstPull + 900,
    deadlineExceededMs,
  };
}

function eviction(t: TriageBuilder): TriageTruth['eviction'] {
  const s = TRIAGE.eviction;
  const evictedMs = t.startMs - s.evictedAgoMs;
  const dep = t.deploymentObject(s.namespace, s.deployment, 1, 9 * DAY);
  const rs = t.replicaSet(dep, 1, 9 * DAY - 1000, 1);
  const container = () => [
    spec(s.container, 'ghcr.io/kubeglance-sim/transcoder:1.4.2', {
      cpuRequest: 1,
      memRequest: 1024 ** 3,
      logStyle: 'logfmt',
    }),
  ];
  const scratch = [{ name: s.volume, capacityBytes: s.sizeLimitBytes }];
  const node = t.node();
  const evicted = t.pod(rs, 3 * HOUR, container(), { node, extraVolumes: scratch });
  const c = evicted.containers[0];
  // the kubelet killed it and removed its container: Failed, Evicted, the container's status lost
  // (ContainerStatusUnknown, as kubectl shows such pods since 1.22; kubernetes#122160)
  evicted.phase = 'Failed';
  evicted.statusReason = s.reason;
  evicted.statusMessage = s.message;
  evicted.endedMs = evictedMs;
  c.state = 'terminated';
  c.reason = 'ContainerStatusUnknown';
  c.message = 'The container could not be located when the pod was terminated';
  c.exitCode = 137;
  c.ready = false;
  c.finishedAtMs = evictedMs + 2000;
  t.podEvent(evicted, { type: 'Warning', reason: 'Evicted', message: s.message, atMs: evictedMs });
  t.podEvent(evicted, {
    type: 'Normal',
    reason: 'Killing',
    message: `Stopping container ${c.name}`,
    atMs: evictedMs + 100,
    container: c.name,
  });
  const replacement = t.pod(rs, s.evictedAgoMs - 1500, container(), { extraVolumes: scratch });
  t.workloadEvent(
    rs,
    'Normal',
    'SuccessfulCreate',
    `Created pod: ${replacement.name}`,
    evictedMs + 1000,
    'replicaset-controller'
  );
  return {
    namespace: s.namespace,
    pod: evicted.name,
    node: node.name,
    container: s.container,
    evictedMs,
    reason: s.reason,
    message: s.message,
    replacement: replacement.name,
  };
}

function failingJob(t: TriageBuilder): TriageTruth['failingJob'] {
  const s = TRIAGE.failingJob;
  const job = t.b.workload(
    {
      kind: 'Job',
      namespace: s.namespace,
      name: s.job,
      labels: { 'job-name': s.job },
      selector: { 'batch.kubernetes.io/job-name': s.job },
      replicas: 1,
      completions: 1,
      backoffLimit: s.backoffLimit,
    },
    s.startAgoMs
  );
  const failed: SimPod[] = [];
  let createdAgo = s.startAgoMs - 500;
  for (let k = 0; k <= s.backoffLimit; k++) {
    const p = t.pod(job, createdAgo, [
      spec(s.container, 'ghcr.io/kubeglance-sim/pg-backup:16.4', {
        cpuRequest: 0.5,
        memRequest: 512 * 1024 * 1024,
        logStyle: 'plain',
        fate: 'failed',
        lastExitCode: s.exitCode,
      }),
    ]);
    failed.push(p);
    t.workloadEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.name}`, p.creationMs + 50, 'job-controller');
    // the job controller's back-off doubles from 10 s
    createdAgo = t.startMs - (p.containers[0].finishedAtMs ?? p.startMs) - 10_000 * 2 ** k;
  }
  const lastEnd = failed[failed.length - 1].containers[0].finishedAtMs ?? t.startMs;
  const failedMs = lastEnd + 1000;
  job.failedMs = failedMs;
  t.workloadEvent(job, 'Warning', s.reason, s.message, failedMs, 'job-controller');
  return {
    namespace: s.namespace,
    job: s.job,
    backoffLimit: s.backoffLimit,
    failedPods: failed.map((p) => p.name),
    failedMs,
    reason: s.reason,
    message: s.message,
  };
}

function daemonSet(t: TriageBuilder): TriageTruth['daemonSet'] {
  const s = TRIAGE.daemonSet;
  const nodes = t.b.c.nodes;
  const labels = { 'app.kubernetes.io/name': s.name };
  const ds = t.b.workload(
    { kind: 'DaemonSet', namespace: s.namespace, name: s.name, labels, selector: labels, replicas: nodes.length },
    20 * DAY
  );
  const rev = t.b.r.suffix(10);
  const bad = t.workers[0];
  const notReadySinceMs = t.startMs - s.notReadyAgoMs;
  let notReadyPod = '';
  let ready = 0;
  for (const node of nodes) {
    const p = t.b.pod({
      namespace: s.namespace,
      name: `${s.name}-${t.b.r.suffix()}`,
      labels: { ...labels, 'controller-revision-hash': rev, 'pod-template-generation': '1' },
      owner: ownerOf(ds),
      node,
      ageMs: Math.min(20 * DAY - 5000, t.startMs - node.creationMs - 5000),
      make: {
        containers: [
          spec(s.container, 'docker.io/grafana/alloy:v1.4.3', {
            cpuRequest: 0.05,
            memRequest: 96 * 1024 * 1024,
            memLimit: 256 * 1024 * 1024,
            logStyle: 'logfmt',
          }),
        ],
      },
    });
    if (!p) {
      continue;
    }
    p.containers[0].usage = steadyUsage(0.03 * alike(ready), 80 * 1024 * 1024 * alike(ready));
    if (node === bad) {
      p.containers[0].ready = false;
      notReadyPod = p.name;
      t.podEvent(p, {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: Get "http://' + p.ip + ':12345/-/ready": context deadline exceeded',
        atMs: notReadySinceMs,
        lastMs: t.startMs - 10_000,
        count: 54,
        container: s.container,
      });
    } else if (node.notReadySinceMs === undefined) {
      ready++;
    }
  }
  return { namespace: s.namespace, name: s.name, desired: nodes.length, ready, notReadyPod, notReadySinceMs };
}

function statefulSets(t: TriageBuilder): Pick<TriageTruth, 'statefulSet' | 'volumeFill' | 'ephemeralFill'> {
  const s = TRIAGE.statefulSet;
  const redis = t.b.workload(
    {
      kind: 'StatefulSet',
      namespace: s.namespace,
      name: s.name,
      labels: { app: s.name },
      selector: { app: s.name },
      replicas: s.replicas,
    },
    11 * DAY
  );
  const pods = statefulPods(t, redis, 11 * DAY, 5, (i) => [
    spec(s.container, 'docker.io/library/redis:7.4.1', {
      cpuRequest: 0.1,
      memRequest: 128 * 1024 * 1024,
      memLimit: 256 * 1024 * 1024,
      logStyle: 'plain',
    }),
  ]);
  const bad = pods[s.notReadyOrdinal];
  bad.containers[0].ready = false;
  t.podEvent(bad, {
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'Readiness probe failed: ERROR Loading dataset',
    atMs: t.startMs - 16 * MIN,
    lastMs: t.startMs - 15_000,
    count: 96,
    container: s.container,
  });

  const v = TRIAGE.volumeFill;
  const e = TRIAGE.ephemeralFill;
  const loki = t.b.workload(
    {
      kind: 'StatefulSet',
      namespace: v.namespace,
      name: v.statefulSet,
      labels: { app: v.statefulSet },
      selector: { app: v.statefulSet },
      replicas: 1,
    },
    33 * DAY
  );
  const volFrom = wholeSecond(t.startMs - v.fillAgoMs);
  const ephFrom = wholeSecond(t.startMs - e.fillAgoMs);
  const [lokiPod] = statefulPods(
    t,
    loki,
    33 * DAY,
    v.capacityBytes / 1024 ** 3,
    () => [
      spec('loki', 'docker.io/grafana/loki:3.2.1', {
        cpuRequest: 0.5,
        memRequest: 1024 ** 3,
        memLimit: 2 * 1024 ** 3,
        logStyle: 'logfmt',
      }),
    ],
    [
      {
        name: e.volume,
        capacityBytes: e.sizeLimitBytes,
        fill: { fromMs: ephFrom, startBytes: e.startBytes, bytesPerSec: e.bytesPerSec },
      },
    ]
  );
  const data = lokiPod.volumes.find((x) => x.pvcName === v.pvc);
  if (data) {
    data.fill = { fromMs: volFrom, startBytes: v.startBytes, bytesPerSec: v.bytesPerSec };
  }
  const fill = (
    pvc: string | undefined,
    volume: string,
    capacity: number,
    start: number,
    from: number,
    rate: number
  ): FillTruth => ({
    namespace: v.namespace,
    pod: lokiPod.name,
    volume,
    ...(pvc ? { pvc } : {}),
    node: lokiPod.nodeName,
    capacityBytes: capacity,
    startBytes: start,
    fromMs: from,
    bytesPerSec: rate,
    fullMs: from + ((capacity - start) / rate) * 1000,
  });
  return {
    statefulSet: {
      namespace: s.namespace,
      name: s.name,
      replicas: s.replicas,
      ready: s.replicas - 1,
      notReadyPod: bad.name,
    },
    volumeFill: fill(v.pvc, v.volume, v.capacityBytes, v.startBytes, volFrom, v.bytesPerSec),
    ephemeralFill: fill(undefined, e.volume, e.sizeLimitBytes, e.startBytes, ephFrom, e.bytesPerSec),
  };
}

/** StatefulSet pods with their PVCs (data-<pod>), as Builder.statefulSet makes them, on the triage workers */
function statefulPods(
  t: TriageBuilder,
  sts: SimWorkload,
  ageMs: number,
  storageGi: number,
  make: (i: number) => ContainerSpec[],
  extraVolumes: SimPod['volumes'] = []
): SimPod[] {
  const rev = `${sts.name}-${t.b.r.suffix(10)}`;
  const pods: SimPod[] = [];
  for (let i = 0; i < sts.replicas; i++) {
    const podName = `${sts.name}-${i}`;
    const pvcName = `data-${podName}`;
    const pvcUid = t.b.r.uid();
    const capacityBytes = storageGi * 1024 ** 3;
    t.b.c.pvcs.push({
      namespace: sts.namespace,
      name: pvcName,
      uid: pvcUid,
      capacityBytes,
      storageClass: 'standard',
      volumeName: `pvc-${pvcUid}`,
      creationMs: sts.creationMs + 500,
      phase: 'Bound',
    });
    const p = t.b.pod({
      namespace: sts.namespace,
      name: podName,
      labels: {
        ...sts.labels,
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': rev,
        'statefulset.kubernetes.io/pod-name': podName,
      },
      owner: ownerOf(sts),
      node: t.node(),
      ageMs: ageMs - 2000 - i * 30_000,
      make: { containers: make(i), volumes: [{ name: 'data', pvcName, capacityBytes }, ...extraVolumes] },
    });
    if (p) {
      pods.push(p);
    }
  }
  return pods;
}

function steadyDeployment(
  t: TriageBuilder,
  s: typeof TRIAGE.overProvisioned | typeof TRIAGE.underProvisioned
): SteadyUsageTruth {
  const { pods } = t.deployment(s.namespace, s.deployment, 1, 12 * DAY, () => [
    spec(s.container, `ghcr.io/kubeglance-sim/${s.deployment}:1.0.3`, {
      cpuRequest: s.requests.cpu,
      memRequest: s.requests.memory,
      memLimit: s.limits.memory,
    }),
  ]);
  setUsage(pods[0], s.usage.cpu, s.usage.memory);
  return {
    namespace: s.namespace,
    deployment: s.deployment,
    pod: pods[0].name,
    container: s.container,
    requests: { ...s.requests },
    limits: { ...s.limits },
    usage: { ...s.usage },
  };
}

function outlierDeployments(t: TriageBuilder): { truths: OutlierTruth[]; memory: DeploymentParts } {
  const truths: OutlierTruth[] = [];
  let memoryParts: DeploymentParts | undefined;
  for (const kind of ['memory', 'restarts', 'cpu'] as const) {
    const s = TRIAGE.outliers[kind];
    const cpuRequest = 'cpuRequest' in s ? s.cpuRequest : 0.25;
    const parts = t.deployment(s.namespace, s.deployment, s.replicas, 5 * DAY, (i) => [
      spec(s.container, `ghcr.io/kubeglance-sim/${s.deployment}:3.1.0`, {
        cpuRequest,
        memRequest: 384 * 1024 * 1024,
        memLimit: 1024 ** 3,
        ...(kind === 'restarts' && i === s.index
          ? {
              fate: 'restarted' as const,
              restarts: TRIAGE.outliers.restarts.restarts,
              lastReason: 'Error',
              lastExitCode: 1,
            }
          : {}),
      }),
    ]);
    const usage: OutlierTruth['usage'] = {};
    parts.pods.forEach((p, i) => {
      let cpu = s.cpu * alike(i);
      let memory = Math.round(s.memoryBytes * alike(i));
      if (i === s.index && kind === 'memory') {
        memory = Math.round(s.memoryBytes * TRIAGE.outliers.memory.ratio);
      }
      if (i === s.index && kind === 'cpu') {
        cpu = s.cpu * TRIAGE.outliers.cpu.ratio;
      }
      setUsage(p, cpu, memory);
      usage[p.name] = { cpu, memory, restarts: p.containers[0].restartCount };
    });
    truths.push({
      kind,
      namespace: s.namespace,
      deployment: s.deployment,
      container: s.container,
      pods: parts.pods.map((p) => p.name),
      outlier: parts.pods[s.index].name,
      usage,
    });
    if (kind === 'memory') {
      memoryParts = parts;
    }
  }
  return { truths, memory: memoryParts as DeploymentParts };
}

function hpas(
  t: TriageBuilder,
  storefront: DeploymentParts,
  cache: DeploymentParts
): Pick<TriageTruth, 'hpaAtMax' | 'hpaHealthy'> {
  const m = TRIAGE.hpaAtMax;
  const h = TRIAGE.hpaHealthy;
  const limitedSinceMs = t.startMs - m.limitedAgoMs;
  const c = t.b.c;
  c.hpas ??= [];
  c.hpas.push({
    namespace: m.namespace,
    name: m.name,
    uid: t.b.r.uid(),
    labels: { 'app.kubernetes.io/name': m.target },
    creationMs: cache.dep.creationMs + 60_000,
    target: { kind: 'Deployment', name: m.target, apiVersion: 'apps/v1' },
    minReplicas: m.minReplicas,
    maxReplicas: m.maxReplicas,
    metric: { resource: 'cpu', targetUtilization: m.targetCpuUtilization },
    currentUtilization: m.currentCpuUtilization,
    currentReplicas: cache.pods.length,
    desiredReplicas: m.maxReplicas,
    lastScaleMs: limitedSinceMs,
    limitedSinceMs,
  });
  c.hpas.push({
    namespace: h.namespace,
    name: h.name,
    uid: t.b.r.uid(),
    labels: { 'app.kubernetes.io/name': h.target },
    creationMs: storefront.dep.creationMs + 60_000,
    target: { kind: 'Deployment', name: h.target, apiVersion: 'apps/v1' },
    minReplicas: h.minReplicas,
    maxReplicas: h.maxReplicas,
    metric: { resource: 'cpu', targetUtilization: h.targetCpuUtilization },
    currentUtilization: h.currentCpuUtilization,
    currentReplicas: storefront.pods.length,
    desiredReplicas: storefront.pods.length,
    lastScaleMs: t.startMs - 3 * HOUR,
  });
  // the replicas above 3 are the ones the HPA added when it reached its maximum
  for (const p of cache.pods.slice(m.replicasBefore)) {
    const shift = limitedSinceMs + 1000 - p.creationMs;
    p.creationMs += shift;
    p.startMs += shift;
    p.containers.forEach((ct) => (ct.startedAtMs += shift));
  }
  const atMax = c.hpas[c.hpas.length - 2];
  t.event({
    namespace: atMax.namespace,
    kind: 'HorizontalPodAutoscaler',
    name: atMax.name,
    uid: atMax.uid,
    type: 'Normal',
    reason: 'SuccessfulRescale',
    message: `New size: ${m.maxReplicas}; reason: cpu resource utilization (percentage of request) above target`,
    firstAgoMs: m.limitedAgoMs,
    component: 'horizontal-pod-autoscaler',
  });
  t.workloadEvent(
    cache.dep,
    'Normal',
    'ScalingReplicaSet',
    `Scaled up replica set ${cache.rs.name} from ${m.replicasBefore} to ${m.maxReplicas}`,
    limitedSinceMs,
    'deployment-controller'
  );
  return {
    hpaAtMax: {
      namespace: m.namespace,
      name: m.name,
      target: m.target,
      minReplicas: m.minReplicas,
      maxReplicas: m.maxReplicas,
      currentReplicas: cache.pods.length,
      limitedSinceMs,
    },
    hpaHealthy: {
      namespace: h.namespace,
      name: h.name,
      target: h.target,
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      currentReplicas: storefront.pods.length,
    },
  };
}

/**
 * the default cluster's crash loop (shop/checkout) or OOMKilled restart (shop/cart), for a cluster too
 * small to have had room for them
 */
function crashLooper(t: TriageBuilder, which: 'crashLoop' | 'oomKilled'): SimPod {
  const s = TRIAGE[which];
  const crash = which === 'crashLoop';
  // the default cluster made the Deployment and its ReplicaSet even when no node had room for the pod
  const rs = t.b.c.workloads.find(
    (w) => w.kind === 'ReplicaSet' && w.namespace === s.namespace && w.owner?.name === s.deployment
  );
  const ageMs = crash ? 2 * HOUR : 6 * DAY;
  const containers = () => [
    spec(s.container, `ghcr.io/kubeglance-sim/${s.deployment}:${crash ? '3.0.0-rc1' : '1.9.0'}`, {
      cpuRequest: 0.2,
      memRequest: 256 * 1024 * 1024,
      memLimit: 512 * 1024 * 1024,
      logStyle: crash ? 'java' : 'logfmt',
      fate: crash ? 'crashloop' : 'restarted',
      restarts: crash ? undefined : 2,
      lastReason: s.lastReason,
      lastExitCode: s.lastExitCode,
    }),
  ];
  const p = rs
    ? t.pod(rs, ageMs - 2000, containers())
    : t.deployment(s.namespace, s.deployment, 1, ageMs, containers).pods[0];
  const c = p.containers[0];
  t.podEvent(p, {
    type: 'Warning',
    reason: 'BackOff',
    message: `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
    atMs: crash ? t.startMs - 2 * HOUR + 60_000 : c.startedAtMs - 5000,
    lastMs: crash ? t.startMs - 20_000 : c.startedAtMs - 5000,
    count: crash ? c.restartCount * 11 : c.restartCount,
    container: c.name,
  });
  return p;
}

function firstPod(
  b: Builder,
  ns: string,
  deployment: string,
  pick: (c: SimContainer) => boolean = () => true
): SimPod | undefined {
  const rs = b.c.workloads.find((w) => w.kind === 'ReplicaSet' && w.namespace === ns && w.owner?.name === deployment);
  return rs ? b.c.pods.find((p) => p.owner?.uid === rs.uid && pick(p.containers[0])) : undefined;
}

/** adds the triage scenarios to a default cluster being built; returns their ground truth */
export function addTriageScenarios(b: Builder): TriageTruth {
  const t = new TriageBuilder(b);
  let rolloutTruth: TriageTruth['rollout'] | undefined;
  const storefront = rollout(t, (r) => (rolloutTruth = r));
  const stuck = stuckRollout(t);
  const evicted = eviction(t);
  const job = failingJob(t);
  const ds = daemonSet(t);
  const sts = statefulSets(t);
  const over = steadyDeployment(t, TRIAGE.overProvisioned);
  const under = steadyDeployment(t, TRIAGE.underProvisioned);
  const outliers = outlierDeployments(t);
  const hpa = hpas(t, storefront, outliers.memory);

  const riseNode = t.workers[0];
  const r = TRIAGE.nodeMemoryRise;
  const riseFrom = wholeSecond(t.startMs - r.riseAgoMs);
  riseNode.memoryRise = { fromMs: riseFrom, startBytes: r.startBytes, bytesPerSec: r.bytesPerSec };
  if (riseNode.systemUsage) {
    // a flat baseline under the rise, so node memory minus its pods' moves by exactly the rate
    riseNode.systemUsage = { ...riseNode.systemUsage, memWave: 0 };
  }
  const pressureNode = t.workers.length > 1 ? t.workers[1] : undefined;
  if (pressureNode) {
    pressureNode.memoryPressureSinceMs = t.startMs - TRIAGE.memoryPressure.sinceAgoMs;
  }

  const checkout = firstPod(b, TRIAGE.crashLoop.namespace, TRIAGE.crashLoop.deployment) ?? crashLooper(t, 'crashLoop');
  const cart =
    firstPod(b, TRIAGE.oomKilled.namespace, TRIAGE.oomKilled.deployment, (c) => c.hasPrevious) ??
    crashLooper(t, 'oomKilled');
  const pending = firstPod(b, TRIAGE.pending.namespace, TRIAGE.pending.deployment);
  const restarts = (p: SimPod | undefined) => p?.containers[0].restartCount ?? 0;
  return {
    startMs: b.startMs,
    rollout: rolloutTruth as TriageTruth['rollout'],
    stuckRollout: stuck,
    crashLoop: { ...TRIAGE.crashLoop, pod: checkout?.name ?? '', restartCount: restarts(checkout) },
    oomKilled: { ...TRIAGE.oomKilled, pod: cart?.name ?? '', restartCount: restarts(cart) },
    pending: { namespace: TRIAGE.pending.namespace, pod: pending?.name ?? '', reason: TRIAGE.pending.reason },
    eviction: evicted,
    failingJob: job,
    ...hpa,
    daemonSet: ds,
    ...sts,
    nodeMemoryRise: {
      node: riseNode.name,
      fromMs: riseFrom,
      startBytes: r.startBytes,
      bytesPerSec: r.bytesPerSec,
    },
    ...(pressureNode
      ? { memoryPressure: { node: pressureNode.name, sinceMs: pressureNode.memoryPressureSinceMs as number } }
      : {}),
    overProvisioned: over,
    underProvisioned: under,
    outliers: outliers.truths,
  };
}
