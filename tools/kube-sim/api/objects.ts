/**
 * Core/v1 objects as JSON, in the shapes (and key order) the API server returns. Items in lists carry
 * no kind/apiVersion; withKind() adds them for a single GET.
 */
import {
  type OwnerRef,
  type ResourceAmounts,
  type SimCluster,
  type SimContainer,
  type SimEvent,
  type SimNamespace,
  type SimNode,
  type SimPVC,
  type SimPod,
  allocatedRequests,
  containerStatusLost as statusLost,
  isSidecar,
  resourcesInEffect,
} from '../cluster/model';
import { containersReady, initialized, resizeCondition } from '../cluster/podConditions';
import { podQos } from '../kubelet/pressureQos';
import { nodeHasSwap, nodeSwapCapacity } from '../kubelet/pressure';
import { featuresOf, minorOfGitVersion } from '../cluster/versions';
import { hashString } from '../cluster/clusterRandom';
import { rfc3339 } from '../cluster/clock';
import { binaryQuantity, cpuQuantity, decimalQuantity } from '../cluster/quantity';
import {
  DEFAULT_TOLERATION_SECONDS,
  POD_GRACE_SECONDS,
  type PodNodeEffects,
  lastHeartbeatMs,
  nodeReadyStatus,
  notReadySince,
  notReadyTaintKey,
  podNodeEffects,
  podTolerationSeconds,
} from '../cluster/nodeLifecycle';

export type Json = Record<string, unknown>;

export function withKind(kind: string, apiVersion: string, obj: Json): Json {
  return { kind, apiVersion, ...obj };
}

/** A stable resourceVersion per object, below the cluster's list resourceVersion. */
export function objectRv(c: SimCluster, uid: string): string {
  const top = c.resourceVersion ?? 1_000_000;
  return String(top - 1 - (hashString(uid) % Math.max(1, top - 1000)));
}

/** 64 hex chars derived from a string: container IDs, image digests */
export function hex64(s: string): string {
  let out = '';
  let h = hashString(s);
  while (out.length < 64) {
    h = hashString(`${h}:${s}`);
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

const OWNER_API: Record<string, string> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Node: 'v1',
};

export function ownerReferences(o: OwnerRef | undefined): Json[] | undefined {
  if (!o) {
    return undefined;
  }
  return [
    {
      apiVersion: OWNER_API[o.kind] ?? 'v1',
      kind: o.kind,
      name: o.name,
      uid: o.uid,
      controller: o.controller,
      blockOwnerDeletion: true,
    },
  ];
}

export function meta(
  c: SimCluster,
  o: { name: string; namespace?: string; uid: string; creationMs: number; labels?: Record<string, string> },
  extra: {
    generateName?: string;
    generation?: number;
    annotations?: Record<string, string>;
    owner?: OwnerRef;
    finalizers?: string[];
  } = {}
): Json {
  const m: Json = { name: o.name };
  if (extra.generateName) {
    m.generateName = extra.generateName;
  }
  if (o.namespace !== undefined) {
    m.namespace = o.namespace;
  }
  m.uid = o.uid;
  m.resourceVersion = objectRv(c, o.uid);
  if (extra.generation !== undefined) {
    m.generation = extra.generation;
  }
  m.creationTimestamp = rfc3339(o.creationMs);
  if (o.labels && Object.keys(o.labels).length > 0) {
    m.labels = o.labels;
  }
  if (extra.annotations) {
    m.annotations = extra.annotations;
  }
  const refs = ownerReferences(extra.owner);
  if (refs) {
    m.ownerReferences = refs;
  }
  if (extra.finalizers) {
    m.finalizers = extra.finalizers;
  }
  return m;
}

/** a ResourceList: cpu and memory as Quantity strings */
export function amountsJson(a: ResourceAmounts): Record<string, string> {
  const r: Record<string, string> = {};
  if (a.cpu !== undefined) {
    r.cpu = cpuQuantity(a.cpu);
  }
  if (a.memory !== undefined) {
    r.memory = binaryQuantity(a.memory);
  }
  return r;
}

/** ResourceRequirements ({limits, requests}, empty ones left out) of a container's spec, or of what is in effect */
export function resourcesJson(ct: { requests: ResourceAmounts; limits: ResourceAmounts }): Json {
  const out: Json = {};
  const limits = amountsJson(ct.limits);
  const requests = amountsJson(ct.requests);
  if (Object.keys(limits).length) {
    out.limits = limits;
  }
  if (Object.keys(requests).length) {
    out.requests = requests;
  }
  return out;
}

export function containerSpecJson(ct: SimContainer, withMounts: Json[]): Json {
  const spec: Json = { name: ct.name, image: ct.image };
  if ((!ct.init || isSidecar(ct)) && ct.name !== 'log-shipper' && ct.name !== 'config-reloader') {
    spec.ports = [{ name: 'http', containerPort: 8080, protocol: 'TCP' }];
  }
  spec.resources = resourcesJson(ct);
  if (ct.restartPolicy) {
    // a native sidecar (KEP-753); Go's field order puts restartPolicy after resources
    spec.restartPolicy = ct.restartPolicy;
  }
  spec.volumeMounts = withMounts;
  spec.terminationMessagePath = '/dev/termination-log';
  spec.terminationMessagePolicy = 'File';
  spec.imagePullPolicy = 'IfNotPresent';
  return spec;
}

function containerId(pod: SimPod, ct: SimContainer, instance: number): string {
  return `containerd://${hex64(`${pod.uid}/${ct.name}/${instance}`)}`;
}

/** ContainerStateTerminated in Go's field order; signal, reason and message are omitempty */
function terminatedJson(ct: SimContainer, id: string): Json {
  const t: Json = { exitCode: ct.exitCode ?? 0 };
  if (ct.signal) {
    t.signal = ct.signal;
  }
  const reason = ct.reason ?? 'Completed';
  if (reason) {
    t.reason = reason;
  }
  if (ct.message) {
    t.message = ct.message;
  }
  if (statusLost(ct)) {
    t.startedAt = null;
    t.finishedAt = null;
    return t;
  }
  t.startedAt = rfc3339(ct.startedAtMs);
  t.finishedAt = rfc3339(ct.finishedAtMs ?? ct.startedAtMs);
  t.containerID = id;
  return t;
}

function containerStatusJson(pod: SimPod, ct: SimContainer, resizeStatus: boolean): Json {
  const id = containerId(pod, ct, ct.restartCount);
  let state: Json;
  if (ct.state === 'running') {
    state = { running: { startedAt: rfc3339(ct.startedAtMs) } };
  } else if (ct.state === 'terminated') {
    state = { terminated: terminatedJson(ct, id) };
  } else if (ct.reason === 'CrashLoopBackOff') {
    state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off 5m0s restarting failed container=${ct.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
      },
    };
  } else {
    state = { waiting: { reason: ct.reason ?? 'ContainerCreating', ...(ct.message ? { message: ct.message } : {}) } };
  }
  let lastState: Json = {};
  if (ct.hasPrevious) {
    // the previous instance ended just before the current one (or the back-off) began
    const finished = ct.state === 'waiting' ? (ct.finishedAtMs ?? ct.startedAtMs) : ct.startedAtMs - 1000;
    const started = ct.state === 'waiting' ? ct.startedAtMs : Math.max(pod.startMs, finished - 3_600_000);
    lastState = {
      terminated: {
        exitCode: ct.lastExitCode ?? 1,
        reason: ct.lastReason ?? 'Error',
        startedAt: rfc3339(started),
        finishedAt: rfc3339(finished),
        containerID: containerId(pod, ct, ct.restartCount - 1),
      },
    };
  }
  const s: Json = {
    name: ct.name,
    state,
    lastState,
    ready: ct.ready,
    restartCount: ct.restartCount,
    image: ct.image,
    // an image never pulled has no ID yet
    imageID: neverPulled(ct) || statusLost(ct) ? '' : `${ct.image.split(':')[0]}@sha256:${hex64(ct.image)}`,
  };
  if ((ct.state !== 'waiting' || ct.hasPrevious) && !statusLost(ct)) {
    s.containerID = id;
  }
  s.started = ct.state === 'running';
  if (resizeStatus) {
    // with in-place resize on (1.33+): the requests the kubelet allocated, and what the runtime has in
    // effect for a running container; both differ from the spec until a resize is done
    const allocated = amountsJson(allocatedRequests(pod, ct));
    if (Object.keys(allocated).length) {
      s.allocatedResources = allocated;
    }
    if (ct.state === 'running') {
      s.resources = resourcesJson(resourcesInEffect(ct));
    }
  }
  return s;
}

function neverPulled(ct: SimContainer): boolean {
  return ct.state === 'waiting' && (ct.reason === 'ImagePullBackOff' || ct.reason === 'ErrImagePull');
}

function condition(type: string, ok: boolean, atMs: number, reason?: string, message?: string): Json {
  const c: Json = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(atMs) };
  if (reason) {
    c.reason = reason;
  }
  if (message) {
    c.message = message;
  }
  return c;
}

/** status.qosClass: the kubelet's and the API server's one computation (kubelet/pressureQos.ts) */
export function qosClass(pod: SimPod): string {
  return podQos(pod);
}

function podVolumes(pod: SimPod): { volumes: Json[]; mounts: Json[] } {
  const token = `kube-api-access-${hex64(pod.uid).slice(0, 5)}`;
  const volumes: Json[] = pod.volumes.map((v) =>
    v.pvcName
      ? { name: v.name, persistentVolumeClaim: { claimName: v.pvcName } }
      : { name: v.name, emptyDir: { sizeLimit: binaryQuantity(v.capacityBytes) } }
  );
  volumes.push({
    name: token,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
      defaultMode: 420,
    },
  });
  const mounts: Json[] = pod.volumes.map((v) => ({
    name: v.name,
    mountPath: v.pvcName ? '/var/lib/data' : `/tmp/${v.name}`,
  }));
  mounts.push({ name: token, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
  return { volumes, mounts };
}

/** "0/3 nodes are available: ..." for a pod the scheduler cannot place */
function unschedulableMessage(c: SimCluster): string {
  const n = c.nodes.length;
  return n <= 1
    ? `0/${n} nodes are available: ${n} Insufficient cpu. preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod.`
    : `0/${n} nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ${n - 1} Insufficient cpu. preemption: 0/${n} nodes are available: 1 Preemption is not helpful for scheduling, ${n - 1} No preemption victims found for incoming pod.`;
}

export function podRestartPolicy(pod: SimPod): string {
  return pod.owner?.kind === 'Job' ? 'Never' : 'Always';
}

/**
 * The NoExecute tolerations a pod carries: the DefaultTolerationSeconds admission plugin's 300 s for
 * not-ready and unreachable, the DaemonSet controller's open-ended ones (plus its NoSchedule pressure
 * tolerations), and a static pod's toleration of every NoExecute taint.
 */
function podTolerations(pod: SimPod): Json[] {
  if (pod.owner?.kind === 'Node') {
    return [{ operator: 'Exists', effect: 'NoExecute' }];
  }
  if (pod.owner?.kind === 'DaemonSet') {
    return [
      ...['not-ready', 'unreachable'].map((k) => ({
        key: `node.kubernetes.io/${k}`,
        operator: 'Exists',
        effect: 'NoExecute',
      })),
      ...['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'].map((k) => ({
        key: `node.kubernetes.io/${k}`,
        operator: 'Exists',
        effect: 'NoSchedule',
      })),
    ];
  }
  const seconds = podTolerationSeconds(pod) ?? DEFAULT_TOLERATION_SECONDS;
  return ['not-ready', 'unreachable'].map((k) => ({
    key: `node.kubernetes.io/${k}`,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: seconds,
  }));
}

/**
 * A pod as the API serves it at nowMs: with the node controller's Ready=False and the taint eviction's
 * DisruptionTarget condition and deletionTimestamp when its node is not Ready (nodeLifecycle.ts). Without
 * nowMs (the kubelet's own /pods), the pod as its kubelet sees it.
 */
export function podJson(c: SimCluster, pod: SimPod, node: SimNode | undefined, nowMs?: number): Json {
  const effects = nowMs === undefined ? {} : podNodeEffects(pod, node, nowMs);
  const features = featuresOf(minorOfGitVersion(c.gitVersion));
  const { volumes, mounts } = podVolumes(pod);
  const generateName =
    pod.owner && pod.owner.kind !== 'StatefulSet' && pod.owner.kind !== 'Node'
      ? pod.name.slice(0, pod.name.lastIndexOf('-') + 1)
      : undefined;
  const spec: Json = { volumes };
  if (pod.initContainers.length) {
    spec.initContainers = pod.initContainers.map((ct) => containerSpecJson(ct, mounts));
  }
  spec.containers = pod.containers.map((ct) => containerSpecJson(ct, mounts));
  spec.restartPolicy = podRestartPolicy(pod);
  spec.terminationGracePeriodSeconds = 30;
  spec.dnsPolicy = 'ClusterFirst';
  spec.serviceAccountName = 'default';
  spec.serviceAccount = 'default';
  if (pod.nodeName) {
    spec.nodeName = pod.nodeName;
  }
  spec.securityContext = {};
  spec.schedulerName = 'default-scheduler';
  spec.tolerations = podTolerations(pod);
  spec.priority = pod.namespace === 'kube-system' ? 2000001000 : 0;
  if (pod.namespace === 'kube-system') {
    spec.priorityClassName = 'system-node-critical';
  }
  spec.enableServiceLinks = true;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  if (pod.schedulingGates?.length) {
    spec.schedulingGates = pod.schedulingGates.map((name) => ({ name }));
  }
  if (pod.resources && features.podLevelResources) {
    spec.resources = resourcesJson(pod.resources);
  }

  const status: Json = { phase: pod.phase };
  if (!pod.nodeName) {
    status.conditions = [
      pod.schedulingGates?.length
        ? condition(
            'PodScheduled',
            false,
            pod.creationMs,
            'SchedulingGated',
            'Scheduling is blocked due to non-empty scheduling gates'
          )
        : condition('PodScheduled', false, pod.creationMs + 1000, 'Unschedulable', unschedulableMessage(c)),
    ];
    status.qosClass = qosClass(pod);
  } else {
    const done = pod.phase === 'Succeeded' || pod.phase === 'Failed';
    const running = [...pod.initContainers.filter(isSidecar), ...pod.containers];
    const readyAt = Math.max(pod.startMs, ...running.map((ct) => ct.startedAtMs)) + 2000;
    const initDone = Math.max(pod.startMs, ...pod.initContainers.map((ct) => ct.finishedAtMs ?? ct.startedAtMs));
    const init = initialized(pod);
    const ready = containersReady(pod);
    const resize = features.resizeStatus ? resizeCondition(pod) : undefined;
    const conditions = [
      ...(resize
        ? [condition(resize.type, true, pod.resize?.sinceMs ?? pod.startMs, resize.reason, resize.message)]
        : []),
      condition('PodReadyToStartContainers', !done, pod.startMs + 1500),
      condition('Initialized', init.ok, init.ok ? initDone : pod.startMs + 1000, init.reason, init.message),
      condition('Ready', ready.ok, readyAt, ready.reason, ready.message),
      condition('ContainersReady', ready.ok, readyAt, ready.reason, ready.message),
      condition('PodScheduled', true, pod.creationMs + 100),
    ];
    applyNodeEffects(conditions, effects);
    if (pod.statusReason === 'Evicted') {
      // the eviction manager marks the pod before killing it (PodDisruptionConditions)
      conditions.unshift(
        condition('DisruptionTarget', true, pod.endedMs ?? pod.startMs, 'TerminationByKubelet', pod.statusMessage)
      );
    }
    status.conditions = conditions;
    if (pod.statusMessage) {
      status.message = pod.statusMessage;
    }
    if (pod.statusReason) {
      status.reason = pod.statusReason;
    }
    if (node) {
      status.hostIP = node.internalIP;
      status.hostIPs = [{ ip: node.internalIP }];
    }
    if (pod.ip) {
      status.podIP = pod.ip;
      status.podIPs = [{ ip: pod.ip }];
    }
    status.startTime = rfc3339(pod.startMs);
    if (pod.initContainers.length) {
      status.initContainerStatuses = pod.initContainers.map((ct) =>
        containerStatusJson(pod, ct, features.resizeStatus)
      );
    }
    status.containerStatuses = pod.containers.map((ct) => containerStatusJson(pod, ct, features.resizeStatus));
    status.qosClass = qosClass(pod);
  }
  const metadata = meta(c, { ...pod, creationMs: pod.creationMs }, { generateName, owner: pod.owner });
  if (effects.evictedAtMs !== undefined) {
    // the DELETE sets deletionTimestamp to now + the grace period; the metadata key order is Go's
    const withDeletion: Json = {};
    for (const [k, v] of Object.entries(metadata)) {
      withDeletion[k] = v;
      if (k === 'creationTimestamp') {
        withDeletion.deletionTimestamp = rfc3339(effects.evictedAtMs + POD_GRACE_SECONDS * 1000);
        withDeletion.deletionGracePeriodSeconds = POD_GRACE_SECONDS;
      }
    }
    return { metadata: withDeletion, spec, status };
  }
  return { metadata, spec, status };
}

/** MarkPodsNotReady turns a True Ready condition False; the taint eviction adds DisruptionTarget first */
function applyNodeEffects(conditions: Json[], effects: PodNodeEffects): void {
  if (effects.notReadyAtMs !== undefined) {
    const ready = conditions.find((x) => x.type === 'Ready');
    if (ready && ready.status === 'True') {
      ready.status = 'False';
      ready.lastTransitionTime = rfc3339(effects.notReadyAtMs);
    }
  }
  if (effects.evictedAtMs !== undefined) {
    conditions.unshift(
      condition(
        'DisruptionTarget',
        true,
        effects.evictedAtMs,
        'DeletionByTaintManager',
        'Taint manager: deleting due to NoExecute taint'
      )
    );
  }
}

export function nodeJson(c: SimCluster, n: SimNode, nowMs: number): Json {
  const ready = nodeReadyStatus(n, nowMs);
  const idx = hashString(n.name);
  const since = ready === 'True' ? 0 : notReadySince(n, nowMs);
  // a kubelet that stopped posting keeps its last heartbeat; a live one posts every few seconds
  const heartbeat = lastHeartbeatMs(n, nowMs) ?? nowMs - (idx % 40_000);
  const memoryPressure =
    ready !== 'Unknown' && n.memoryPressureSinceMs !== undefined && n.memoryPressureSinceMs <= nowMs;
  const pressure = (type: string, reason: string, message: string): Json =>
    type === 'MemoryPressure' && memoryPressure
      ? {
          type,
          status: 'True',
          lastHeartbeatTime: rfc3339(heartbeat),
          lastTransitionTime: rfc3339(n.memoryPressureSinceMs ?? nowMs),
          reason: 'KubeletHasInsufficientMemory',
          message: 'kubelet has insufficient memory available',
        }
      : ready === 'Unknown'
        ? {
            type,
            status: 'Unknown',
            lastHeartbeatTime: rfc3339(heartbeat),
            lastTransitionTime: rfc3339(since),
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
          }
        : {
            type,
            status: 'False',
            lastHeartbeatTime: rfc3339(heartbeat),
            lastTransitionTime: rfc3339(n.bootMs + 10_000),
            reason,
            message,
          };
  const readyCond: Json =
    ready === 'True'
      ? {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: rfc3339(heartbeat),
          lastTransitionTime: rfc3339(n.bootMs + 30_000),
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : ready === 'False'
        ? {
            type: 'Ready',
            status: 'False',
            lastHeartbeatTime: rfc3339(heartbeat),
            lastTransitionTime: rfc3339(since),
            reason: 'KubeletNotReady',
            message:
              'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          }
        : {
            type: 'Ready',
            status: 'Unknown',
            lastHeartbeatTime: rfc3339(heartbeat),
            lastTransitionTime: rfc3339(since),
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
          };
  const taints: Json[] = [];
  if ('node-role.kubernetes.io/control-plane' in n.labels && c.nodes.length > 1) {
    taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  // TaintNodesByCondition adds the NoSchedule taint, taint-based eviction the NoExecute one, both at once
  const key = notReadyTaintKey(ready);
  if (key) {
    taints.push({ key, effect: 'NoSchedule', timeAdded: rfc3339(since) });
    taints.push({ key, effect: 'NoExecute', timeAdded: rfc3339(since) });
  }
  if (memoryPressure) {
    // TaintNodesByCondition: NoSchedule only, added when the condition turned True
    taints.push({
      key: 'node.kubernetes.io/memory-pressure',
      effect: 'NoSchedule',
      timeAdded: rfc3339(n.memoryPressureSinceMs ?? nowMs),
    });
  }
  if (n.unschedulable) {
    taints.push({
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
      timeAdded: rfc3339(nowMs - 60 * 60_000),
    });
  }
  const podCidr = `10.244.${idx % 256}.0/24`;
  const spec: Json = { podCIDR: podCidr, podCIDRs: [podCidr], providerID: `sim://${n.name}` };
  if (taints.length) {
    spec.taints = taints;
  }
  if (n.unschedulable) {
    spec.unschedulable = true;
  }
  const resources = (r: SimNode['capacity']) => ({
    cpu: cpuQuantity(r.cpu),
    'ephemeral-storage': binaryQuantity(r.ephemeralStorage),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: binaryQuantity(r.memory),
    pods: decimalQuantity(r.pods),
  });
  const arch = n.labels['kubernetes.io/arch'] ?? 'amd64';
  return {
    metadata: meta(c, n, {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    }),
    spec,
    status: {
      capacity: resources(n.capacity),
      allocatable: resources(n.allocatable),
      conditions: [
        pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        readyCond,
      ],
      addresses: [
        { type: 'InternalIP', address: n.internalIP },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hex64(`machine/${n.uid}`).slice(0, 32),
        systemUUID: n.uid.toUpperCase(),
        bootID: hex64(`boot/${n.uid}/${n.bootMs}`)
          .slice(0, 32)
          .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
        kernelVersion: n.osImage.startsWith('Debian') ? '6.1.0-26-cloud-amd64' : '6.8.0-1016-aws',
        osImage: n.osImage,
        containerRuntimeVersion: n.containerRuntimeVersion,
        kubeletVersion: n.kubeletVersion,
        kubeProxyVersion: n.kubeletVersion,
        operatingSystem: 'linux',
        architecture: arch,
        // NodeSystemInfo.swap (NodeSwapStatus, 1.30+): the kubelet reports its swap device's size in bytes
        ...(swapReported(n) ? { swap: { capacity: nodeSwapCapacity(n) } } : {}),
      },
    },
  };
}

/** a kubelet of 1.30 or later on a node with swap (kubelet/pressure.ts) fills nodeInfo.swap; older ones have no field */
function swapReported(n: SimNode): boolean {
  return nodeHasSwap(n) && minorOfGitVersion(n.kubeletVersion) >= 30;
}

export function namespaceJson(c: SimCluster, ns: SimNamespace): Json {
  return { metadata: meta(c, ns), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

const INVOLVED_API: Record<string, string> = {
  ...OWNER_API,
  Pod: 'v1',
  Node: 'v1',
  PersistentVolumeClaim: 'v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

export function eventJson(c: SimCluster, e: SimEvent): Json {
  const involved: Json = { kind: e.involvedObject.kind };
  if (e.involvedObject.namespace) {
    involved.namespace = e.involvedObject.namespace;
  }
  involved.name = e.involvedObject.name;
  involved.uid = e.involvedObject.uid;
  involved.apiVersion = INVOLVED_API[e.involvedObject.kind] ?? 'v1';
  if (e.involvedObject.fieldPath) {
    involved.fieldPath = e.involvedObject.fieldPath;
  }
  const source: Json = {};
  if (e.component) {
    source.component = e.component;
  }
  if (e.host) {
    source.host = e.host;
  }
  return {
    metadata: meta(c, { name: e.name, namespace: e.namespace, uid: e.uid, creationMs: e.firstMs }),
    involvedObject: involved,
    reason: e.reason,
    message: e.message,
    source,
    firstTimestamp: rfc3339(e.firstMs),
    lastTimestamp: rfc3339(e.lastMs),
    count: e.count,
    type: e.type,
    eventTime: null,
    reportingComponent: e.component ?? '',
    reportingInstance: e.host ?? '',
  };
}

export function pvcJson(c: SimCluster, p: SimPVC): Json {
  const phase = p.phase ?? 'Bound';
  const bound = phase === 'Bound';
  const storage = binaryQuantity(p.capacityBytes);
  const spec: Json = {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage } },
    storageClassName: p.storageClass,
    volumeMode: 'Filesystem',
  };
  if (p.volumeName) {
    spec.volumeName = p.volumeName;
  }
  return {
    metadata: meta(c, p, {
      annotations: bound
        ? {
            'pv.kubernetes.io/bind-completed': 'yes',
            'pv.kubernetes.io/bound-by-controller': 'yes',
            'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
          }
        : { 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' },
      finalizers: ['kubernetes.io/pvc-protection'],
    }),
    spec,
    status: bound ? { phase, accessModes: ['ReadWriteOnce'], capacity: { storage } } : { phase },
  };
}
