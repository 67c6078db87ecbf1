/**
 * The triage scenarios' ground truth (scenarios: 'triage'): what each scenario is, where it sits in time
 * relative to the clock's start, and the rates and usages it was built with. `TRIAGE` holds the fixed
 * part; `cluster.triage` (a TriageTruth, filled by clusterTriage.ts) adds what the seed decides: pod and
 * ReplicaSet names, nodes, and absolute times. Tests assert against these instead of hard-coding.
 */

const Ki = 1024;
const Mi = 1024 * Ki;
const Gi = 1024 * Mi;
const MIN = 60_000;

/** the scenarios a cluster can be built with */
export type Scenarios = 'default' | 'healthy' | 'triage';
export const SCENARIOS: readonly Scenarios[] = ['default', 'healthy', 'triage'];

export function parseScenarios(v: string): Scenarios {
  if ((SCENARIOS as readonly string[]).includes(v)) {
    return v as Scenarios;
  }
  throw new Error(`unknown scenarios "${v}": use one of ${SCENARIOS.join(', ')}`);
}

/** the fixed part of the triage scenarios; `…AgoMs` are before the clock's start */
export const TRIAGE = {
  /** a finished rollout: revision 1 scaled to 0, revision 2 running with a new image tag */
  rollout: {
    namespace: 'shop',
    deployment: 'storefront',
    replicas: 4,
    oldImage: 'ghcr.io/kubeglance-sim/storefront:4.1.0',
    newImage: 'ghcr.io/kubeglance-sim/storefront:4.2.0',
    rolloutAgoMs: 25 * MIN,
    container: 'storefront',
  },
  /** a rollout stuck on an image that does not exist: the new ReplicaSet's pod is ImagePullBackOff */
  stuckRollout: {
    namespace: 'payments',
    deployment: 'fraud-detector',
    replicas: 3,
    oldImage: 'ghcr.io/kubeglance-sim/fraud-detector:2.3.1',
    newImage: 'ghcr.io/kubeglance-sim/fraud-detector:2.4.0-rc.1',
    rolloutAgoMs: 35 * MIN,
    progressDeadlineSeconds: 600,
    container: 'detector',
    reason: 'ImagePullBackOff',
  },
  /** reused from the default cluster: shop/checkout crash-loops (Error, exit 1) */
  crashLoop: { namespace: 'shop', deployment: 'checkout', container: 'checkout', lastReason: 'Error', lastExitCode: 1 },
  /** reused from the default cluster: the first shop/cart replica restarted after OOMKills */
  oomKilled: { namespace: 'shop', deployment: 'cart', container: 'cart', lastReason: 'OOMKilled', lastExitCode: 137 },
  /** reused from the default cluster: default/ml-trainer's pod cannot be scheduled (64 cores) */
  pending: { namespace: 'default', deployment: 'ml-trainer', reason: 'FailedScheduling' },
  /** a pod the kubelet evicted for its emptyDir going over its sizeLimit; the ReplicaSet replaced it */
  eviction: {
    namespace: 'batch',
    deployment: 'video-transcoder',
    container: 'transcoder',
    volume: 'scratch',
    sizeLimitBytes: 2 * Gi,
    evictedAgoMs: 12 * MIN,
    reason: 'Evicted',
    message: 'Usage of EmptyDir volume "scratch" exceeds the limit "2Gi". ',
  },
  /** a Job whose pods all failed: backoffLimit 2, so the third failure fails the Job */
  failingJob: {
    namespace: 'batch',
    job: 'db-backup-29410560',
    container: 'backup',
    backoffLimit: 2,
    startAgoMs: 50 * MIN,
    exitCode: 1,
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
  },
  /** HorizontalPodAutoscalers: one held at its maximum, one healthy */
  hpaAtMax: {
    namespace: 'shop',
    name: 'catalog-cache',
    target: 'catalog-cache',
    minReplicas: 2,
    maxReplicas: 6,
    targetCpuUtilization: 70,
    currentCpuUtilization: 135,
    desiredBeforeLimit: 12,
    /** replicas before the HPA scaled up to its maximum, limitedAgoMs before the start */
    replicasBefore: 3,
    limitedAgoMs: 40 * MIN,
  },
  hpaHealthy: {
    namespace: 'shop',
    name: 'storefront',
    target: 'storefront',
    minReplicas: 2,
    maxReplicas: 10,
    targetCpuUtilization: 60,
    currentCpuUtilization: 45,
  },
  /** a DaemonSet one of whose pods is not ready (its readiness probe fails) */
  daemonSet: { namespace: 'monitoring', name: 'log-agent', container: 'agent', notReadyAgoMs: 9 * MIN },
  /** a StatefulSet with its last replica running but not ready */
  statefulSet: { namespace: 'shop', name: 'redis', replicas: 3, notReadyOrdinal: 2, container: 'redis' },
  /** a PVC filling linearly: used = startBytes + bytesPerSec × (t − (start − fillAgoMs)) */
  volumeFill: {
    namespace: 'monitoring',
    statefulSet: 'loki',
    pod: 'loki-0',
    volume: 'data',
    pvc: 'data-loki-0',
    capacityBytes: 10 * Gi,
    startBytes: 6 * Gi,
    bytesPerSec: 256 * Ki,
    fillAgoMs: 60 * MIN,
  },
  /** the same pod's emptyDir (its ephemeral storage, and so its node's fs) filling linearly */
  ephemeralFill: {
    namespace: 'monitoring',
    pod: 'loki-0',
    volume: 'wal',
    sizeLimitBytes: 8 * Gi,
    startBytes: 1 * Gi,
    bytesPerSec: 1 * Mi,
    fillAgoMs: 60 * MIN,
  },
  /** one node's memory outside pods rising steadily */
  nodeMemoryRise: { startBytes: 256 * Mi, bytesPerSec: 128 * Ki, riseAgoMs: 60 * MIN },
  /** a node whose kubelet reports MemoryPressure=True */
  memoryPressure: { sinceAgoMs: 7 * MIN },
  /** one container using far less than it requests, steadily */
  overProvisioned: {
    namespace: 'default',
    deployment: 'reporting-api',
    container: 'api',
    requests: { cpu: 2, memory: 4 * Gi },
    limits: { memory: 4 * Gi },
    usage: { cpu: 0.05, memory: 300 * Mi },
  },
  /** one container using more than it requests, close to its memory limit, steadily */
  underProvisioned: {
    namespace: 'shop',
    deployment: 'session-store',
    container: 'store',
    requests: { cpu: 0.1, memory: 256 * Mi },
    limits: { memory: 512 * Mi },
    usage: { cpu: 0.35, memory: 470 * Mi },
  },
  /**
   * Deployments of alike replicas (steady usage within ±2% of each other, no restarts) where one replica
   * misbehaves. `ratio` is the outlier's usage over the siblings' median.
   */
  outliers: {
    memory: {
      namespace: 'shop',
      deployment: 'catalog-cache',
      container: 'cache',
      replicas: 6,
      index: 3,
      ratio: 3.4,
      memoryBytes: 200 * Mi,
      cpu: 0.135,
      cpuRequest: 0.1,
    },
    restarts: {
      namespace: 'payments',
      deployment: 'ledger-sync',
      container: 'sync',
      replicas: 4,
      index: 1,
      restarts: 27,
      memoryBytes: 150 * Mi,
      cpu: 0.08,
    },
    cpu: {
      namespace: 'default',
      deployment: 'image-resizer',
      container: 'resizer',
      replicas: 5,
      index: 4,
      ratio: 5,
      memoryBytes: 180 * Mi,
      cpu: 0.1,
    },
  },
} as const;

/** a Deployment caught in (or after) a rollout, as served */
export interface RolloutTruth {
  namespace: string;
  deployment: string;
  oldReplicaSet: string;
  newReplicaSet: string;
  oldImage: string;
  newImage: string;
  /** when the template changed (ms) */
  rolloutMs: number;
  replicas: number;
  /** pods of the new ReplicaSet */
  newPods: string[];
  /** pods of the old ReplicaSet still there */
  oldPods: string[];
}

export interface SteadyUsageTruth {
  namespace: string;
  deployment: string;
  pod: string;
  container: string;
  requests: { cpu: number; memory: number };
  limits: { memory: number };
  /** constant usage: cores and working-set bytes */
  usage: { cpu: number; memory: number };
}

export interface OutlierTruth {
  kind: 'memory' | 'restarts' | 'cpu';
  namespace: string;
  deployment: string;
  container: string;
  /** every replica, in creation order */
  pods: string[];
  /** the one that misbehaves */
  outlier: string;
  /** each pod's steady usage (cores, bytes) and restarts, by pod name */
  usage: Record<string, { cpu: number; memory: number; restarts: number }>;
}

export interface FillTruth {
  namespace: string;
  pod: string;
  volume: string;
  /** the PVC, for a persistent volume */
  pvc?: string;
  node: string;
  capacityBytes: number;
  /** used bytes at fromMs; then bytesPerSec more each second */
  startBytes: number;
  fromMs: number;
  bytesPerSec: number;
  /** when used reaches capacity: fromMs + (capacity − start) / rate */
  fullMs: number;
}

/** the triage scenarios as built for one (seed, clock start): `sim.cluster.triage` */
export interface TriageTruth {
  startMs: number;
  rollout: RolloutTruth;
  stuckRollout: RolloutTruth & {
    container: string;
    reason: 'ImagePullBackOff';
    /** the waiting container's message, as the kubelet writes it */
    message: string;
    /** the pull has failed since then */
    waitingSinceMs: number;
    /** Progressing=False (ProgressDeadlineExceeded) since then */
    deadlineExceededMs: number;
  };
  crashLoop: {
    namespace: string;
    pod: string;
    container: string;
    restartCount: number;
    lastReason: string;
    lastExitCode: number;
  };
  oomKilled: {
    namespace: string;
    pod: string;
    container: string;
    restartCount: number;
    lastReason: string;
    lastExitCode: number;
  };
  pending: { namespace: string; pod: string; reason: string };
  eviction: {
    namespace: string;
    pod: string;
    node: string;
    container: string;
    evictedMs: number;
    reason: string;
    message: string;
    replacement: string;
  };
  failingJob: {
    namespace: string;
    job: string;
    backoffLimit: number;
    failedPods: string[];
    /** when the last pod failed and the Job with it */
    failedMs: number;
    reason: string;
    message: string;
  };
  hpaAtMax: {
    namespace: string;
    name: string;
    target: string;
    minReplicas: number;
    maxReplicas: number;
    currentReplicas: number;
    limitedSinceMs: number;
  };
  hpaHealthy: {
    namespace: string;
    name: string;
    target: string;
    minReplicas: number;
    maxReplicas: number;
    currentReplicas: number;
  };
  daemonSet: {
    namespace: string;
    name: string;
    desired: number;
    ready: number;
    notReadyPod: string;
    notReadySinceMs: number;
  };
  statefulSet: { namespace: string; name: string; replicas: number; ready: number; notReadyPod: string };
  volumeFill: FillTruth;
  ephemeralFill: FillTruth;
  nodeMemoryRise: { node: string; fromMs: number; startBytes: number; bytesPerSec: number };
  /** absent on a single-node cluster (the one node already carries the rise) */
  memoryPressure?: { node: string; sinceMs: number };
  overProvisioned: SteadyUsageTruth;
  underProvisioned: SteadyUsageTruth;
  outliers: OutlierTruth[];
}
