/**
 * The triage scenarios about workloads: a finished and a stuck rollout, an eviction, a failing Job, a
 * DaemonSet and StatefulSets short of ready (one with volumes filling), the reused crash loops.
 */
import type { SimPod } from './model';
import { ownerOf } from './clusterBuilder';
import { type FillTruth, type TriageTruth, TRIAGE } from './triageScenarios';
import {
  type DeploymentParts,
  type TriageBuilder,
  alike,
  setUsage,
  spec,
  statefulPods,
  steadyUsage,
  wholeSecond,
} from './clusterTriageBuilder';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

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

export function rollout(t: TriageBuilder, truthOut: (r: TriageTruth['rollout']) => void): DeploymentParts {
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

export function stuckRollout(t: TriageBuilder): TriageTruth['stuckRollout'] {
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

export function eviction(t: TriageBuilder): TriageTruth['eviction'] {
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

export function failingJob(t: TriageBuilder): TriageTruth['failingJob'] {
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

export function daemonSet(t: TriageBuilder): TriageTruth['daemonSet'] {
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

export function statefulSets(t: TriageBuilder): Pick<TriageTruth, 'statefulSet' | 'volumeFill' | 'ephemeralFill'> {
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

/**
 * the default cluster's crash loop (shop/checkout) or OOMKilled restart (shop/cart), for a cluster too
 * small to have had room for them
 */
export function crashLooper(t: TriageBuilder, which: 'crashLoop' | 'oomKilled'): SimPod {
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
