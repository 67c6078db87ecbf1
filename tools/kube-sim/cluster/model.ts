/**
 * The synthetic cluster kube-sim serves. Everything here is plain data plus pure functions of
 * (cluster, time), so the same seed and clock always give the same answers.
 */
import type { Scenarios, TriageTruth } from './triageScenarios';

export interface ResourceAmounts {
  /** cores */
  cpu?: number;
  /** bytes */
  memory?: number;
}

/** How a container's usage moves over time: a baseline plus a slow wave plus optional bursts. */
export interface UsageProfile {
  cpuBase: number; // cores
  cpuWave: number; // cores, amplitude
  memBase: number; // bytes
  memWave: number; // bytes, amplitude
  periodSec: number;
  phase: number; // radians
  bursty: boolean;
}

export type ContainerState = 'running' | 'waiting' | 'terminated';

export type LogStyle = 'plain' | 'json' | 'logfmt' | 'ansi' | 'java' | 'quiet';

export interface SimContainer {
  name: string;
  image: string;
  init: boolean;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  restartCount: number;
  state: ContainerState;
  /** waiting/terminated reason, e.g. CrashLoopBackOff, Completed */
  reason?: string;
  ready: boolean;
  /** when the current instance started (ms since epoch) */
  startedAtMs: number;
  /** a previous, terminated instance exists (restartCount > 0) */
  hasPrevious: boolean;
  usage: UsageProfile;
  logStyle: LogStyle;
  /** log lines per second this container writes */
  logRate: number;
  /** exit code of the current instance when terminated (e.g. 0 for a completed init container) */
  exitCode?: number;
  /** when the current instance ended, for terminated containers (ms since epoch) */
  finishedAtMs?: number;
  /** how the previous instance ended, when hasPrevious (e.g. Error, OOMKilled) */
  lastReason?: string;
  lastExitCode?: number;
  /**
   * init containers only: 'Always' makes it a native sidecar (KEP-753): it starts before the next init
   * container, keeps running beside the app containers and is restarted when it exits
   */
  restartPolicy?: 'Always';
  /** the signal that ended the current instance (terminated), when the runtime reports one */
  signal?: number;
  /**
   * the resources in effect (what the kubelet configured, status.containerStatuses[].resources) while an
   * in-place resize has not been actuated: `requests`/`limits` above are the spec's, the desired ones
   */
  actual?: { requests: ResourceAmounts; limits: ResourceAmounts };
  /** the kubelet's message of a waiting container (ImagePullBackOff: "Back-off pulling image …") */
  message?: string;
}

/**
 * Bytes that grow linearly with the clock (a volume filling, a node's memory creeping up): `startBytes`
 * at `fromMs`, then `bytesPerSec` more each second; before `fromMs` it holds at `startBytes`.
 */
export interface LinearGrowth {
  fromMs: number;
  startBytes: number;
  bytesPerSec: number;
}

/**
 * the value of a linear growth at tMs: it steps once a whole second after fromMs, so a reading stamped
 * with a whole-second time (as the kubelet's stats are) gives the exact value for that time
 */
export function growthAt(g: LinearGrowth, tMs: number): number {
  return g.startBytes + g.bytesPerSec * Math.floor(Math.max(0, tMs - g.fromMs) / 1000);
}

export interface SimVolume {
  name: string;
  pvcName?: string;
  capacityBytes: number;
  /** used bytes that grow with the clock (the kubelet's volume stats), in place of the generated usage */
  fill?: LinearGrowth;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

export interface SimPod {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  nodeName: string;
  phase: PodPhase;
  creationMs: number;
  startMs: number;
  ip: string;
  owner?: OwnerRef;
  initContainers: SimContainer[];
  containers: SimContainer[];
  volumes: SimVolume[];
  /** spec.schedulingGates: the scheduler leaves the pod alone (Pending, SchedulingGated) until they go */
  schedulingGates?: string[];
  /** pod-level spec.resources (KEP-2837): one budget the containers share; the pod cgroup's limits */
  resources?: { requests: ResourceAmounts; limits: ResourceAmounts };
  /**
   * an in-place resize (KEP-1287) the kubelet has not finished: accepted and being actuated (InProgress:
   * allocated = spec, in effect = the containers' `actual`), or not accepted (Deferred, Infeasible:
   * allocated = in effect = `actual`), with the kubelet's message
   */
  resize?: { state: 'InProgress' | 'Deferred' | 'Infeasible'; sinceMs: number; message?: string };
  /** status.reason and status.message, e.g. Evicted and the kubelet's eviction message */
  statusReason?: string;
  statusMessage?: string;
  /** when the pod ended (Failed or Succeeded by eviction), for its DisruptionTarget condition */
  endedMs?: number;
}

export interface SimNode {
  name: string;
  uid: string;
  labels: Record<string, string>;
  creationMs: number;
  bootMs: number;
  capacity: { cpu: number; memory: number; pods: number; ephemeralStorage: number };
  allocatable: { cpu: number; memory: number; pods: number; ephemeralStorage: number };
  kubeletVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  internalIP: string;
  ready: boolean;
  /** the Ready condition's status; 'Unknown' means the kubelet stopped reporting (unreachable). Derived from `ready` when absent. */
  readyStatus?: 'True' | 'False' | 'Unknown';
  /** kubelet and OS usage outside pods, added to the node's usage (cores, bytes) */
  systemUsage?: UsageProfile;
  /** spec.unschedulable (cordoned) */
  unschedulable?: boolean;
  /**
   * when the Ready condition left True (ms): before it the node is Ready whatever readyStatus says; the
   * node lifecycle follows from it (nodeLifecycle.ts). Unset for a node that is Ready.
   */
  notReadySinceMs?: number;
  /** MemoryPressure=True since then (the kubelet's eviction manager), with its NoSchedule taint */
  memoryPressureSinceMs?: number;
  /** memory outside the pods that rises with the clock (bytes added to systemUsage's, from fromMs) */
  memoryRise?: LinearGrowth;
}

export interface SimNamespace {
  name: string;
  uid: string;
  labels: Record<string, string>;
  creationMs: number;
}

export interface SimWorkload {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'ReplicaSet';
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  replicas: number;
  creationMs: number;
  owner?: OwnerRef;
  /** Jobs: how many pods must succeed */
  completions?: number;
  /** Jobs: spec.backoffLimit (default 6); failed pods beyond it fail the Job (BackoffLimitExceeded) */
  backoffLimit?: number;
  /** Deployments and their ReplicaSets: deployment.kubernetes.io/revision (default 1); the newest RS is the current one */
  revision?: number;
  /** Deployments: when the template last changed (a rollout began) */
  rolloutMs?: number;
  /** Deployments: the rollout made no progress for progressDeadlineSeconds (Progressing=False since then) */
  progressDeadlineExceededMs?: number;
  /** Deployments and ReplicaSets: how the controllers' statuses were last observed (generation) */
  generation?: number;
  /** a ReplicaSet scaled to 0 has no pods: this one (not served) gives its template */
  templatePod?: SimPod;
  /** Jobs: when the Job failed (its backoff limit reached) */
  failedMs?: number;
}

/** an autoscaling/v2 HorizontalPodAutoscaler: its target, bounds, and the metric it reads */
export interface SimHpa {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  creationMs: number;
  target: { kind: string; name: string; apiVersion: string };
  minReplicas: number;
  maxReplicas: number;
  /** the resource metric and its target utilization (percent of requests) */
  metric: { resource: 'cpu' | 'memory'; targetUtilization: number };
  /** what the HPA observed last: utilization (percent) and replicas */
  currentUtilization: number;
  currentReplicas: number;
  desiredReplicas: number;
  lastScaleMs?: number;
  /** ScalingLimited=True (TooManyReplicas) since then, when desired exceeds maxReplicas */
  limitedSinceMs?: number;
}

export interface SimPVC {
  namespace: string;
  name: string;
  uid: string;
  capacityBytes: number;
  storageClass: string;
  volumeName: string;
  creationMs: number;
  /** status.phase; Bound when absent */
  phase?: 'Pending' | 'Bound' | 'Lost';
}

export interface SimEvent {
  namespace: string;
  name: string;
  uid: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** fieldPath names the container of a kubelet event (`spec.containers{app}`) */
  involvedObject: { kind: string; namespace?: string; name: string; uid: string; fieldPath?: string };
  count: number;
  firstMs: number;
  lastMs: number;
  /** source.component / reportingComponent, e.g. kubelet, default-scheduler */
  component?: string;
  /** source.host, for kubelet events */
  host?: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP';
  nodePort?: number;
}

/** a Service; its Endpoints and EndpointSlices are derived from the pods of `workloadUid` */
export interface SimService {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  selector?: Record<string, string>;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** 'None' for a headless service */
  clusterIP: string;
  ports: ServicePort[];
  creationMs: number;
  /** the workload whose pods back the service */
  workloadUid?: string;
  /** fixed endpoints of a selector-less service (the apiserver's own `kubernetes` service) */
  staticEndpoints?: Array<{ ip: string; nodeName?: string }>;
  /** suffix of the service's EndpointSlice name */
  sliceSuffix: string;
}

/** a ConfigMap: names and metadata only, the sim serves no data */
export interface SimConfigMap {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  creationMs: number;
}

/** a coordination.k8s.io Lease, renewed every renewEveryMs by its holder while it lives */
export interface SimLease {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  creationMs: number;
  holder: string;
  durationSeconds: number;
  renewEveryMs: number;
  acquireMs?: number;
  transitions?: number;
  /** a kubelet's node lease: owned by the Node, and no longer renewed once the kubelet stops */
  nodeName?: string;
}

export interface SimCluster {
  seed: number;
  /** the simulated clock origin: objects were created before it, usage counters start at node boot */
  startMs: number;
  namespaces: SimNamespace[];
  nodes: SimNode[];
  workloads: SimWorkload[];
  pods: SimPod[];
  pvcs: SimPVC[];
  events: SimEvent[];
  services: SimService[];
  configMaps: SimConfigMap[];
  leases: SimLease[];
  /** autoscaling/v2 HorizontalPodAutoscalers (the triage scenarios have two) */
  hpas?: SimHpa[];
  /** the scenarios the cluster was built with (triageScenarios.ts) */
  scenarios?: Scenarios;
  /** with scenarios 'triage': what the scenarios are, for tests to assert against */
  triage?: TriageTruth;
  /** the list resourceVersion (etcd revision) objects are older than */
  resourceVersion?: number;
  /** the API server's version, as /version reports it */
  gitVersion?: string;
}

const TWO_PI = Math.PI * 2;

/**
 * a container the kubelet could no longer find when it recorded its end (removed with an evicted pod):
 * ContainerStatusUnknown, with no times or IDs, and no log to serve
 */
export function containerStatusLost(c: SimContainer): boolean {
  return c.state === 'terminated' && c.reason === 'ContainerStatusUnknown';
}

/** a native sidecar: an init container with restartPolicy Always */
export function isSidecar(c: SimContainer): boolean {
  return c.init && c.restartPolicy === 'Always';
}

/** the requests and limits the kubelet has configured (the cgroup's), which lag the spec during a resize */
export function resourcesInEffect(c: SimContainer): { requests: ResourceAmounts; limits: ResourceAmounts } {
  return c.actual ?? { requests: c.requests, limits: c.limits };
}

/**
 * the requests the kubelet has allocated to a container (status.containerStatuses[].allocatedResources):
 * the spec's once it accepted a resize (none pending, or InProgress), the old ones while it is pending
 */
export function allocatedRequests(pod: SimPod, c: SimContainer): ResourceAmounts {
  const pending = pod.resize?.state === 'Deferred' || pod.resize?.state === 'Infeasible';
  return pending && c.actual ? c.actual.requests : c.requests;
}

/** Instantaneous usage of one container at time t (ms). Smooth, deterministic, never negative. */
export function containerUsageAt(c: SimContainer, tMs: number): { cpu: number; memory: number } {
  if (c.state !== 'running') {
    return { cpu: 0, memory: 0 };
  }
  const p = c.usage;
  const x = (tMs / 1000 / p.periodSec) * TWO_PI + p.phase;
  let cpu = p.cpuBase + p.cpuWave * Math.sin(x);
  if (p.bursty) {
    // a burst during the first fifth of every period
    const frac = (((tMs / 1000 / p.periodSec + p.phase / TWO_PI) % 1) + 1) % 1;
    if (frac < 0.2) {
      cpu += p.cpuWave * 3;
    }
  }
  const memory = p.memBase + p.memWave * (0.5 + 0.5 * Math.sin(x / 3));
  return { cpu: Math.max(0, cpu), memory: Math.max(0, Math.round(memory)) };
}

/**
 * Cumulative CPU of one container from fromMs to tMs in core-seconds: the exact integral of the
 * smooth part (bursts are added as their mean), so it is monotonic and a rate over a window
 * matches the usage within that window.
 */
export function containerCpuSecondsAt(c: SimContainer, fromMs: number, tMs: number): number {
  if (c.state !== 'running' || tMs <= fromMs) {
    return 0;
  }
  const p = c.usage;
  const w = TWO_PI / p.periodSec;
  const t0 = fromMs / 1000;
  const t1 = tMs / 1000;
  // integral of base + wave*sin(w t + phase)
  let total = p.cpuBase * (t1 - t0) - (p.cpuWave / w) * (Math.cos(w * t1 + p.phase) - Math.cos(w * t0 + p.phase));
  if (p.bursty) {
    total += p.cpuWave * 3 * 0.2 * (t1 - t0);
  }
  // the wave may dip below zero where usage is clamped; keep the counter monotonic regardless
  return Math.max(0, total);
}

/** A running pseudo-container carrying a node's system overhead, so the container functions apply to it. */
function systemContainer(node: SimNode): SimContainer | undefined {
  if (!node.systemUsage) {
    return undefined;
  }
  return {
    name: 'system',
    image: '',
    init: false,
    requests: {},
    limits: {},
    restartCount: 0,
    state: 'running',
    ready: true,
    startedAtMs: node.bootMs,
    hasPrevious: false,
    usage: node.systemUsage,
    logStyle: 'quiet',
    logRate: 0,
  };
}

/** Usage of the node outside its pods (kubelet, runtime, OS) at time t; zero when the node has no profile. */
export function nodeSystemUsageAt(node: SimNode, tMs: number): { cpu: number; memory: number } {
  const c = systemContainer(node);
  const u = c ? containerUsageAt(c, tMs) : { cpu: 0, memory: 0 };
  return node.memoryRise ? { cpu: u.cpu, memory: u.memory + growthAt(node.memoryRise, tMs) } : u;
}

/** Cumulative system CPU (core-seconds) of the node between fromMs and tMs. */
export function nodeSystemCpuSecondsAt(node: SimNode, fromMs: number, tMs: number): number {
  const c = systemContainer(node);
  return c ? containerCpuSecondsAt(c, fromMs, tMs) : 0;
}
