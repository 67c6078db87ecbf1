/**
 * In-place resizes (KEP-1287) caught half way, in a generated cluster of 1.33 or later: the first
 * `shop/frontend` replica's resize is InProgress (accepted, not yet actuated), the second's is Deferred
 * (no room on its node now), and `shop/postgres-0` asked for more memory than its node has (Infeasible).
 * The spec holds the desired resources and each container's `actual` the ones in effect. The messages
 * are the kubelet's admission messages (pkg/kubelet/allocation: "Node didn't have enough capacity: …",
 * "Node didn't have enough resource: …"), with CPU in millicores and memory in bytes.
 */
import {
  type ResourceAmounts,
  type SimCluster,
  type SimContainer,
  type SimNode,
  type SimPod,
  isSidecar,
} from './model';

const MIN = 60_000;
const Gi = 1024 ** 3;

type Res = 'cpu' | 'memory';

/**
 * A pod's request as the scheduler and kubelet count it (resource.GetResourceRequest): app containers
 * plus sidecars, or the largest regular init container with the sidecars started before it, if larger.
 */
export function podRequest(pod: SimPod, res: Res, requestsOf = (c: SimContainer) => c.requests): number {
  if (pod.resources?.requests[res] !== undefined) {
    return pod.resources.requests[res] ?? 0;
  }
  let sidecars = 0;
  let initPeak = 0;
  for (const c of pod.initContainers) {
    const r = requestsOf(c)[res] ?? 0;
    if (isSidecar(c)) {
      sidecars += r;
    } else {
      initPeak = Math.max(initPeak, sidecars + r);
    }
  }
  const running = pod.containers.reduce((s, c) => s + (requestsOf(c)[res] ?? 0), 0) + sidecars;
  return Math.max(running, initPeak);
}

function kubeletUnits(res: Res, v: number): number {
  return res === 'cpu' ? Math.round(v * 1000) : Math.round(v);
}

/** the new requests/limits become the spec; the old ones stay in effect */
function resize(c: SimContainer, requests: ResourceAmounts, limits: ResourceAmounts): void {
  c.actual = { requests: c.requests, limits: c.limits };
  c.requests = { ...c.requests, ...requests };
  c.limits = { ...c.limits, ...limits };
}

function usedByOthers(c: SimCluster, pod: SimPod, res: Res): number {
  return c.pods
    .filter((p) => p !== pod && p.nodeName === pod.nodeName && p.phase === 'Running')
    .reduce((s, p) => s + podRequest(p, res), 0);
}

export function applyResizes(c: SimCluster): void {
  const nodeOf = (p: SimPod): SimNode | undefined => c.nodes.find((n) => n.name === p.nodeName);
  const frontend = c.pods.filter((p) => p.namespace === 'shop' && p.labels.app === 'frontend' && p.nodeName);
  const at = c.startMs - 4 * MIN;

  const inProgress = frontend[0];
  const app0 = inProgress?.containers.find((x) => x.name === 'app');
  if (inProgress && app0) {
    resize(app0, { cpu: 0.5 }, { memory: 768 * 1024 ** 2 });
    inProgress.resize = { state: 'InProgress', sinceMs: at };
  }

  const deferred = frontend[1];
  const app1 = deferred?.containers.find((x) => x.name === 'app');
  const node1 = deferred && nodeOf(deferred);
  if (deferred && app1 && node1) {
    const used = usedByOthers(c, deferred, 'cpu');
    const others = podRequest(deferred, 'cpu') - (app1.requests.cpu ?? 0);
    // half a core more than the node has free now, but within what it could ever give the pod
    const wanted = Math.ceil((node1.allocatable.cpu - used + 0.5) * 2) / 2;
    if (wanted <= node1.allocatable.cpu && wanted - others > (app1.requests.cpu ?? 0)) {
      resize(app1, { cpu: wanted - others }, {});
      const requested = podRequest(deferred, 'cpu');
      deferred.resize = {
        state: 'Deferred',
        sinceMs: at + 30_000,
        message: `Node didn't have enough resource: cpu, requested: ${kubeletUnits('cpu', requested)}, used: ${kubeletUnits('cpu', used)}, capacity: ${kubeletUnits('cpu', node1.allocatable.cpu)}`,
      };
    }
  }

  const postgres = c.pods.find((p) => p.namespace === 'shop' && p.name === 'postgres-0' && p.nodeName);
  const db = postgres?.containers.find((x) => x.name === 'postgres');
  const node2 = postgres && nodeOf(postgres);
  if (postgres && db && node2) {
    // more memory than the node could ever give a pod
    const wanted = Math.ceil((node2.allocatable.memory * 1.5) / (16 * Gi)) * 16 * Gi;
    resize(db, { memory: wanted }, { memory: wanted });
    postgres.resize = {
      state: 'Infeasible',
      sinceMs: c.startMs - 25 * MIN,
      message: `Node didn't have enough capacity: memory, requested: ${kubeletUnits('memory', podRequest(postgres, 'memory'))}, capacity: ${kubeletUnits('memory', node2.allocatable.memory)}`,
    };
  }
}
