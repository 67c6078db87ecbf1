/**
 * What the node lifecycle controller and the taint eviction controller do when a node stops being Ready
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/tainteviction/taint_eviction.go,
 * pkg/controller/util/node/controller_utils.go), derived from the time the node's Ready condition left True:
 * - a kubelet that stops posting status is noticed after --node-monitor-grace-period (40 s in 1.31): the
 *   Ready condition becomes Unknown; a kubelet that posts Ready=False makes it False at once;
 * - at that moment MarkPodsNotReady sets each pod's Ready condition to False (Warning event NodeNotReady,
 *   "Node is not ready") and the node gets the NoExecute taint node.kubernetes.io/unreachable (Unknown) or
 *   node.kubernetes.io/not-ready (False), with timeAdded;
 * - a pod tolerating that taint for tolerationSeconds (300 s, added by the DefaultTolerationSeconds
 *   admission plugin) is deleted when they run out: condition DisruptionTarget (DeletionByTaintManager),
 *   Normal event TaintManagerEviction "Marking for deletion Pod ns/name", deletionTimestamp = now + its
 *   30 s grace period. DaemonSet pods and static pods tolerate the taints forever and stay;
 * - nobody confirms the deletion of a pod on an unreachable kubelet, so it stays Terminating; a kubelet
 *   that still runs kills it and the pod object goes once its grace period is over.
 * Everything is a function of (node, pod, now), so the same clock always gives the same cluster.
 */
import { containersReady } from './podConditions';
import type { SimCluster, SimEvent, SimNode, SimPod } from './model';
import { hashString } from './clusterRandom';

export const NODE_MONITOR_GRACE_MS = 40_000;
export const DEFAULT_TOLERATION_SECONDS = 300;
export const POD_GRACE_SECONDS = 30;
/** a node whose NotReady time is not recorded was lost this long before any clock reading */
const UNRECORDED_NOT_READY_MS = 11 * 60_000;

export type ReadyStatus = 'True' | 'False' | 'Unknown';

function targetStatus(n: SimNode): ReadyStatus {
  return n.readyStatus ?? (n.ready ? 'True' : 'False');
}

/** when the Ready condition left True */
export function notReadySince(n: SimNode, nowMs: number): number {
  return n.notReadySinceMs ?? nowMs - UNRECORDED_NOT_READY_MS;
}

/** the node's Ready condition status at nowMs */
export function nodeReadyStatus(n: SimNode, nowMs: number): ReadyStatus {
  const target = targetStatus(n);
  if (target === 'True' || (n.notReadySinceMs !== undefined && nowMs < n.notReadySinceMs)) {
    return 'True';
  }
  return target;
}

/** the kubelet stopped answering (an Unknown node): from the last heartbeat on, no proxy, logs or metrics */
export function kubeletDown(n: SimNode, nowMs: number): boolean {
  return targetStatus(n) === 'Unknown' && nowMs >= notReadySince(n, nowMs) - NODE_MONITOR_GRACE_MS;
}

/** the last time the kubelet posted status or renewed its lease, when it has stopped */
export function lastHeartbeatMs(n: SimNode, nowMs: number): number | undefined {
  return kubeletDown(n, nowMs) ? notReadySince(n, nowMs) - NODE_MONITOR_GRACE_MS : undefined;
}

/** the NoExecute taint the lifecycle controller keeps on a node that is not Ready */
export function notReadyTaintKey(status: ReadyStatus): string | undefined {
  return status === 'Unknown'
    ? 'node.kubernetes.io/unreachable'
    : status === 'False'
      ? 'node.kubernetes.io/not-ready'
      : undefined;
}

/**
 * How long a pod tolerates the not-ready/unreachable NoExecute taints: undefined for ever (DaemonSet pods
 * get the tolerations without tolerationSeconds from the DaemonSet controller, static pods tolerate every
 * NoExecute taint), else the admission plugin's 300 s.
 */
export function podTolerationSeconds(pod: SimPod): number | undefined {
  return pod.owner?.kind === 'DaemonSet' || pod.owner?.kind === 'Node' ? undefined : DEFAULT_TOLERATION_SECONDS;
}

export interface PodNodeEffects {
  /** MarkPodsNotReady ran: the pod's Ready condition is False from then */
  notReadyAtMs?: number;
  /** the taint eviction controller deleted the pod */
  evictedAtMs?: number;
  /** the kubelet confirmed the deletion: the pod object no longer exists */
  goneAtMs?: number;
}

/** what the controllers have done to a pod on `node` by nowMs */
export function podNodeEffects(pod: SimPod, node: SimNode | undefined, nowMs: number): PodNodeEffects {
  if (!node || nodeReadyStatus(node, nowMs) === 'True') {
    return {};
  }
  const since = notReadySince(node, nowMs);
  const out: PodNodeEffects = { notReadyAtMs: since };
  const toleration = podTolerationSeconds(pod);
  if (toleration === undefined || nowMs < since + toleration * 1000) {
    return out;
  }
  out.evictedAtMs = since + toleration * 1000;
  const goneAt = out.evictedAtMs + POD_GRACE_SECONDS * 1000;
  if (!kubeletDown(node, nowMs) && nowMs >= goneAt) {
    out.goneAtMs = goneAt;
  }
  return out;
}

/** the pod object still exists at nowMs */
export function podExists(pod: SimPod, node: SimNode | undefined, nowMs: number): boolean {
  return podNodeEffects(pod, node, nowMs).goneAtMs === undefined;
}

/** Ready as the pod's Ready condition says at nowMs (the kubelet's view, then the node controller's) */
export function podReadyAt(pod: SimPod, node: SimNode | undefined, nowMs: number): boolean {
  // the kubelet's Ready condition: app containers and native sidecars ready
  if (pod.phase !== 'Running' || !containersReady(pod).ok) {
    return false;
  }
  const e = podNodeEffects(pod, node, nowMs);
  return e.notReadyAtMs === undefined && e.evictedAtMs === undefined;
}

/** a name suffix and uid derived from a string, so lifecycle events need no draws from the generator */
function derived(s: string): { hex: string; uid: string } {
  let hex = '';
  let h = hashString(s);
  while (hex.length < 48) {
    h = hashString(`${h}:${s}`);
    hex += h.toString(16).padStart(8, '0');
  }
  const u = hex.slice(16, 48);
  return {
    hex: hex.slice(0, 16),
    uid: `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20, 32)}`,
  };
}

function event(
  e: Omit<SimEvent, 'name' | 'uid' | 'count' | 'lastMs' | 'involvedObject'> & {
    kind: string;
    objectName: string;
    objectUid: string;
    objectNamespace?: string;
  }
): SimEvent {
  const id = derived(`${e.objectUid}/${e.reason}/${e.firstMs}`);
  return {
    namespace: e.namespace,
    name: `${e.objectName}.${id.hex}`,
    uid: id.uid,
    type: e.type,
    reason: e.reason,
    message: e.message,
    involvedObject: { kind: e.kind, namespace: e.objectNamespace, name: e.objectName, uid: e.objectUid },
    count: 1,
    firstMs: e.firstMs,
    lastMs: e.firstMs,
    component: e.component,
  };
}

/**
 * The events the controllers write for a node that left Ready at `since` (the node's NodeNotReady, each
 * ready pod's NodeNotReady, each evictable pod's TaintManagerEviction). Events carry their time; the
 * server shows an event only from its time on.
 */
export function lifecycleEvents(node: SimNode, pods: SimPod[], since: number): SimEvent[] {
  const out: SimEvent[] = [
    event({
      namespace: 'default',
      kind: 'Node',
      objectName: node.name,
      objectUid: node.uid,
      type: 'Normal',
      reason: 'NodeNotReady',
      message: `Node ${node.name} status is now: NodeNotReady`,
      firstMs: since,
      component: 'node-controller',
    }),
  ];
  for (const pod of pods) {
    const base = {
      namespace: pod.namespace,
      kind: 'Pod',
      objectName: pod.name,
      objectUid: pod.uid,
      objectNamespace: pod.namespace,
    };
    if (pod.phase === 'Running' && pod.containers.every((ct) => ct.ready)) {
      out.push(
        event({
          ...base,
          type: 'Warning',
          reason: 'NodeNotReady',
          message: 'Node is not ready',
          firstMs: since,
          component: 'node-controller',
        })
      );
    }
    const toleration = podTolerationSeconds(pod);
    if (toleration !== undefined) {
      out.push(
        event({
          ...base,
          type: 'Normal',
          reason: 'TaintManagerEviction',
          message: `Marking for deletion Pod ${pod.namespace}/${pod.name}`,
          firstMs: since + toleration * 1000,
          component: 'taint-eviction-controller',
        })
      );
    }
  }
  return out;
}

/**
 * A node stops being Ready at nowMs: 'Unknown' when its kubelet stops posting status (the controller
 * notices after the grace period), 'False' when the kubelet reports NotReady. Records the controllers'
 * events to come.
 */
export function nodeGoesNotReady(c: SimCluster, name: string, nowMs: number, status: 'Unknown' | 'False'): void {
  const node = c.nodes.find((n) => n.name === name);
  if (!node) {
    throw new Error(`no node ${name}`);
  }
  if (nodeReadyStatus(node, nowMs) !== 'True') {
    return;
  }
  node.ready = false;
  node.readyStatus = status;
  node.notReadySinceMs = status === 'Unknown' ? nowMs + NODE_MONITOR_GRACE_MS : nowMs;
  const pods = c.pods.filter((p) => p.nodeName === name);
  c.events = [...c.events, ...lifecycleEvents(node, pods, node.notReadySinceMs)];
}
