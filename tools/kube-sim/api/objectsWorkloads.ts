/** apps/v1 and batch/v1 objects as JSON; status counts come from the pods the workload owns. */
import type { SimCluster, SimContainer, SimPod, SimWorkload } from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { rfc3339 } from '../cluster/clock';
import { binaryQuantity } from '../cluster/quantity';
import { Json, containerSpecJson, meta, podRestartPolicy } from './objects';
import { podNodeEffects, podReadyAt } from '../cluster/nodeLifecycle';

/** pods a workload controls, directly or through its ReplicaSets */
export function workloadPods(c: SimCluster, w: SimWorkload): SimPod[] {
  const idx = clusterIndex(c);
  const direct = idx.podsByOwner.get(w.uid) ?? [];
  if (w.kind !== 'Deployment') {
    return direct;
  }
  const out: SimPod[] = [...direct];
  for (const rs of idx.workloadsByOwner.get(w.uid) ?? []) {
    out.push(...(idx.podsByOwner.get(rs.uid) ?? []));
  }
  return out;
}

function nodeOf(c: SimCluster, p: SimPod) {
  return p.nodeName ? clusterIndex(c).nodeByName.get(p.nodeName) : undefined;
}

function template(w: SimWorkload, pods: SimPod[], templateLabels: Record<string, string>): Json {
  const sample = pods[0];
  const spec: Json = {};
  // an in-place resize patches the pod, not its template: the template keeps the resources from before it
  const asTemplated = (ct: SimContainer): SimContainer => (ct.actual ? { ...ct, ...ct.actual } : ct);
  if (sample?.initContainers.length) {
    spec.initContainers = sample.initContainers.map((ct) => containerSpecJson(asTemplated(ct), []));
  }
  spec.containers = sample ? sample.containers.map((ct) => containerSpecJson(asTemplated(ct), [])) : [];
  spec.restartPolicy = sample ? podRestartPolicy(sample) : w.kind === 'Job' ? 'Never' : 'Always';
  spec.terminationGracePeriodSeconds = 30;
  spec.dnsPolicy = 'ClusterFirst';
  spec.securityContext = {};
  spec.schedulerName = 'default-scheduler';
  return { metadata: { creationTimestamp: null, labels: templateLabels }, spec };
}

function podLabelsOf(w: SimWorkload, pods: SimPod[]): Record<string, string> {
  return pods[0]?.labels ?? { ...w.labels, ...w.selector };
}

/**
 * active and ready pods as the controllers count them: finished pods and pods being deleted (evicted
 * from a lost node) are not active; ready follows the pod's Ready condition at nowMs
 */
function readyCounts(c: SimCluster, pods: SimPod[], nowMs: number): { total: number; ready: number } {
  let ready = 0;
  let total = 0;
  for (const p of pods) {
    const node = nodeOf(c, p);
    if (p.phase === 'Succeeded' || p.phase === 'Failed' || podNodeEffects(p, node, nowMs).evictedAtMs !== undefined) {
      continue;
    }
    total++;
    if (podReadyAt(p, node, nowMs)) {
      ready++;
    }
  }
  return { total, ready };
}

/** replica counts are omitempty in apps/v1 status */
function counts(entries: Array<[string, number]>): Json {
  const out: Json = {};
  for (const [k, v] of entries) {
    if (v !== 0) {
      out[k] = v;
    }
  }
  return out;
}

function cond(type: string, status: boolean, atMs: number, reason: string, message: string, nowMs?: number): Json {
  const c: Json = { type, status: status ? 'True' : 'False' };
  if (nowMs !== undefined) {
    c.lastUpdateTime = rfc3339(nowMs);
  }
  c.lastTransitionTime = rfc3339(atMs);
  c.reason = reason;
  c.message = message;
  return c;
}

/** a Deployment's ReplicaSets, the current one (highest revision) last */
function replicaSetsOf(c: SimCluster, w: SimWorkload): SimWorkload[] {
  const list = clusterIndex(c).workloadsByOwner.get(w.uid) ?? [];
  return list.length < 2 ? list : [...list].sort((a, b) => (a.revision ?? 1) - (b.revision ?? 1));
}

/** the Progressing condition: done, or stuck past progressDeadlineSeconds */
function progressing(w: SimWorkload, rsName: string, nowMs: number): Json {
  if (w.progressDeadlineExceededMs !== undefined && w.progressDeadlineExceededMs <= nowMs) {
    const at = w.progressDeadlineExceededMs;
    return cond(
      'Progressing',
      false,
      at,
      'ProgressDeadlineExceeded',
      `ReplicaSet "${rsName}" has timed out progressing.`,
      at
    );
  }
  // Progressing stays True through a rollout, so only its update time moves
  const updated = w.rolloutMs !== undefined ? w.rolloutMs + 2 * 60_000 : w.creationMs + 20_000;
  return cond(
    'Progressing',
    true,
    w.creationMs + 1000,
    'NewReplicaSetAvailable',
    `ReplicaSet "${rsName}" has successfully progressed.`,
    updated
  );
}

export function deploymentJson(c: SimCluster, w: SimWorkload, nowMs: number): Json {
  const pods = workloadPods(c, w);
  const { total, ready } = readyCounts(c, pods, nowMs);
  const sets = replicaSetsOf(c, w);
  const rs = sets[sets.length - 1];
  const currentPods = rs ? (clusterIndex(c).podsByOwner.get(rs.uid) ?? []) : pods;
  const updated = sets.length > 1 ? readyCounts(c, currentPods, nowMs).total : total;
  const wanted = sets.length > 1 ? sets.reduce((n, x) => n + x.replicas, 0) : w.replicas;
  const available = ready >= w.replicas;
  const generation = w.generation ?? 1;
  const sample = currentPods.length ? currentPods : rs?.templatePod ? [rs.templatePod] : pods;
  const status: Json = {
    observedGeneration: generation,
    ...counts([
      ['replicas', total],
      ['updatedReplicas', updated],
      ['readyReplicas', ready],
      ['availableReplicas', ready],
      ['unavailableReplicas', Math.max(0, wanted - ready)],
    ]),
    conditions: [
      available
        ? cond(
            'Available',
            true,
            w.creationMs + 20_000,
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            w.creationMs + 20_000
          )
        : cond(
            'Available',
            false,
            w.creationMs + 20_000,
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            w.creationMs + 20_000
          ),
      progressing(w, rs?.name ?? w.name, nowMs),
    ],
  };
  return {
    metadata: meta(c, w, {
      generation,
      annotations: { 'deployment.kubernetes.io/revision': String(rs?.revision ?? 1) },
    }),
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: w.selector },
      template: template(w, sample, {
        ...w.selector,
        ...pickLabels(podLabelsOf(w, sample), ['app.kubernetes.io/name']),
      }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status,
  };
}

function pickLabels(labels: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    if (k in labels) {
      out[k] = labels[k];
    }
  }
  return out;
}

export function replicaSetJson(c: SimCluster, w: SimWorkload, nowMs: number): Json {
  const pods = workloadPods(c, w);
  const { total, ready } = readyCounts(c, pods, nowMs);
  // the Deployment's replicas, also on a ReplicaSet a rollout scaled down
  const desired = (w.owner && clusterIndex(c).workloadByUid.get(w.owner.uid)?.replicas) ?? w.replicas;
  const sample = pods.length ? pods : w.templatePod ? [w.templatePod] : pods;
  return {
    metadata: meta(c, w, {
      generation: 1,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(desired),
        'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired / 4)),
        'deployment.kubernetes.io/revision': String(w.revision ?? 1),
      },
      owner: w.owner,
    }),
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: w.selector },
      template: template(w, sample, podLabelsOf(w, sample)),
    },
    status: {
      replicas: total,
      ...counts([
        ['fullyLabeledReplicas', total],
        ['readyReplicas', ready],
        ['availableReplicas', ready],
      ]),
      observedGeneration: 1,
    },
  };
}

export function statefulSetJson(c: SimCluster, w: SimWorkload, nowMs: number): Json {
  const pods = workloadPods(c, w);
  const { total, ready } = readyCounts(c, pods, nowMs);
  const rev = pods[0]?.labels['controller-revision-hash'] ?? `${w.name}-0`;
  const claim = pods[0]?.volumes.find((v) => v.pvcName);
  return {
    metadata: meta(c, w, { generation: 1 }),
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: w.selector },
      template: template(w, pods, w.selector),
      volumeClaimTemplates: claim
        ? [
            {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              metadata: { name: claim.name, creationTimestamp: null },
              spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: binaryQuantity(claim.capacityBytes) } },
                volumeMode: 'Filesystem',
              },
              status: { phase: 'Pending' },
            },
          ]
        : [],
      serviceName: w.name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: {
      observedGeneration: 1,
      replicas: total,
      ...counts([['readyReplicas', ready]]),
      currentReplicas: total,
      updatedReplicas: total,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: ready,
    },
  };
}

export function daemonSetJson(c: SimCluster, w: SimWorkload, nowMs: number): Json {
  const pods = workloadPods(c, w);
  const { total, ready } = readyCounts(c, pods, nowMs);
  const desired = c.nodes.length;
  return {
    metadata: meta(c, w, { generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } }),
    spec: {
      selector: { matchLabels: w.selector },
      template: template(w, pods, w.selector),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      currentNumberScheduled: total,
      numberMisscheduled: 0,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: 1,
      updatedNumberScheduled: total,
      numberAvailable: ready,
      ...counts([['numberUnavailable', Math.max(0, desired - ready)]]),
    },
  };
}

export function jobJson(c: SimCluster, w: SimWorkload, nowMs: number): Json {
  const pods = workloadPods(c, w);
  const succeeded = pods.filter((p) => p.phase === 'Succeeded').length;
  const failed = pods.filter((p) => p.phase === 'Failed').length;
  const active = pods.filter((p) => p.phase === 'Running' || p.phase === 'Pending').length;
  const completions = w.completions ?? 1;
  const complete = succeeded >= completions;
  const backoffLimit = w.backoffLimit ?? 6;
  const start = w.creationMs + 200;
  const end = Math.max(start, ...pods.map((p) => Math.max(0, ...p.containers.map((ct) => ct.finishedAtMs ?? 0))));
  const status: Json = {};
  if (complete) {
    status.conditions = [
      {
        type: 'SuccessCriteriaMet',
        status: 'True',
        lastProbeTime: rfc3339(end),
        lastTransitionTime: rfc3339(end),
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
      {
        type: 'Complete',
        status: 'True',
        lastProbeTime: rfc3339(end),
        lastTransitionTime: rfc3339(end),
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
      },
    ];
  }
  if (!complete && w.failedMs !== undefined && w.failedMs <= nowMs && failed > backoffLimit) {
    // the job controller marks FailureTarget, then Failed once the pods are gone (1.31+)
    status.conditions = ['FailureTarget', 'Failed'].map((type) => ({
      type,
      status: 'True',
      lastProbeTime: rfc3339(w.failedMs as number),
      lastTransitionTime: rfc3339(w.failedMs as number),
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    }));
  }
  status.startTime = rfc3339(start);
  if (complete) {
    status.completionTime = rfc3339(end);
  }
  Object.assign(
    status,
    counts([
      ['active', active],
      ['succeeded', succeeded],
      ['failed', failed],
    ])
  );
  status.terminating = 0;
  status.uncountedTerminatedPods = {};
  status.ready = 0;
  return {
    metadata: meta(c, w, { generation: 1, owner: w.owner }),
    spec: {
      parallelism: 1,
      completions,
      backoffLimit,
      selector: { matchLabels: w.selector },
      manualSelector: false,
      template: template(w, pods, podLabelsOf(w, pods)),
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    },
    status,
  };
}
