import { Container, ContainerState, ContainerStatus, OwnerReference, PodObject } from '../../decode/apiTypes';
import { listItems } from '../../decode/decodeError';
import { parseKubeTime } from '../../decode/kubeTime';
import { Decoded, readQuantity } from '../../decode/decoded';
import { printPod } from '../../decode/podPrinter';

/** The controlling owner reference of an object. */
export interface OwnerRef {
  kind: string;
  name: string;
}

/** Requests and limits in cores and bytes; absent when not set. */
export interface Resources {
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

export interface ContainerInfo extends Resources {
  name: string;
  /** a restartable init container (restartPolicy: Always): it runs beside the app containers */
  sidecar: boolean;
  ready?: boolean;
  restarts?: number;
  /** Running, or the waiting/terminated reason (CrashLoopBackOff, Completed, ...) */
  state?: string;
}

export interface PodInfo {
  namespace: string;
  name: string;
  node?: string;
  phase?: string;
  /** STATUS, READY ("1/2") and RESTARTS of `kubectl get pods` (see podPrinter); STATUS may be '' */
  status: string;
  ready: string;
  restarts: number;
  creationMs?: number;
  /** the `pod-template-hash` label, for naming a Deployment when its ReplicaSet cannot be read */
  templateHash?: string;
  owner?: OwnerRef;
  /** the containers that run for the pod's lifetime: sidecars, then app containers */
  containers: ContainerInfo[];
  /** run-to-completion init containers */
  initContainers: ContainerInfo[];
  /** the pod's effective requests and limits (see podResources) */
  resources: Resources;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stateText(state: ContainerState | null | undefined): string | undefined {
  if (typeof state !== 'object' || state === null) {
    return undefined;
  }
  if (state.running) {
    return 'Running';
  }
  if (state.waiting) {
    return state.waiting.reason || 'Waiting';
  }
  if (state.terminated) {
    return state.terminated.reason || 'Terminated';
  }
  return undefined;
}

function decodeContainer(
  raw: Container,
  statuses: Map<string, ContainerStatus>,
  sidecar: boolean,
  where: string,
  problems: string[]
): ContainerInfo | undefined {
  if (typeof raw?.name !== 'string' || !raw.name) {
    problems.push(`${where}: a container without a name`);
    return undefined;
  }
  const requests = raw.resources?.requests ?? {};
  const limits = raw.resources?.limits ?? {};
  const at = `${where} container ${raw.name}`;
  const s = statuses.get(raw.name);
  return {
    name: raw.name,
    sidecar,
    cpuRequest: readQuantity(requests.cpu, `${at} cpu request`, problems),
    memoryRequest: readQuantity(requests.memory, `${at} memory request`, problems),
    cpuLimit: readQuantity(limits.cpu, `${at} cpu limit`, problems),
    memoryLimit: readQuantity(limits.memory, `${at} memory limit`, problems),
    ready: typeof s?.ready === 'boolean' ? s.ready : undefined,
    restarts: typeof s?.restartCount === 'number' ? s.restartCount : undefined,
    state: stateText(s?.state),
  };
}

function statusesByName(list: ContainerStatus[] | null | undefined): Map<string, ContainerStatus> {
  const out = new Map<string, ContainerStatus>();
  for (const s of Array.isArray(list) ? list : []) {
    if (typeof s?.name === 'string') {
      out.set(s.name, s);
    }
  }
  return out;
}

interface InitEntry {
  value?: number;
  sidecar: boolean;
}

/**
 * The Kubernetes effective request (or limit) of a pod for one resource (component-helpers
 * `AggregateContainerRequests`): app containers and sidecars add up; each run-to-completion init container
 * runs alone beside the sidecars started before it, so the pod needs the larger of the two; pod overhead
 * (RuntimeClass) comes on top. A limit is absent (unbounded) when an app container or sidecar has none.
 */
export function effectiveAmount(
  app: ReadonlyArray<number | undefined>,
  init: readonly InitEntry[],
  overhead: number | undefined,
  kind: 'request' | 'limit'
): number | undefined {
  if (
    kind === 'limit' &&
    (!app.length || app.some((v) => v === undefined) || init.some((c) => c.sidecar && c.value === undefined))
  ) {
    return undefined;
  }
  let set = overhead !== undefined;
  let total = 0;
  for (const v of app) {
    if (v !== undefined) {
      set = true;
      total += v;
    }
  }
  let sidecars = 0;
  let initPeak = 0;
  for (const c of init) {
    const v = c.value ?? 0;
    set ||= c.value !== undefined;
    if (c.sidecar) {
      total += v;
      sidecars += v;
      initPeak = Math.max(initPeak, sidecars);
    } else {
      initPeak = Math.max(initPeak, v + sidecars);
    }
  }
  return set ? toNano(Math.max(total, initPeak) + (overhead ?? 0)) : undefined;
}

/** Sums of nano-precise quantities back to nano precision (0.2 + 0.1 cores is 0.3, not 0.30000000000000004). */
export function toNano(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1e9) / 1e9;
}

type ResourceKey = keyof Resources;

/** The pod's effective requests and limits from its containers in spec order. */
export function podResources(
  app: readonly ContainerInfo[],
  initInOrder: readonly ContainerInfo[],
  overhead: { cpu?: number; memory?: number } = {}
): Resources {
  const one = (key: ResourceKey, kind: 'request' | 'limit', extra: number | undefined) =>
    effectiveAmount(
      app.map((c) => c[key]),
      initInOrder.map((c) => ({ value: c[key], sidecar: c.sidecar })),
      extra,
      kind
    );
  return {
    cpuRequest: one('cpuRequest', 'request', overhead.cpu),
    memoryRequest: one('memoryRequest', 'request', overhead.memory),
    // the API server counts overhead into limits only where the pod has a limit
    cpuLimit: one('cpuLimit', 'limit', overhead.cpu),
    memoryLimit: one('memoryLimit', 'limit', overhead.memory),
  };
}

function controllerOf(refs: OwnerReference[] | null | undefined): OwnerRef | undefined {
  if (!Array.isArray(refs)) {
    return undefined;
  }
  const ref = refs.find((r) => r?.controller === true);
  return ref && typeof ref.kind === 'string' && typeof ref.name === 'string' && ref.name
    ? { kind: ref.kind, name: ref.name }
    : undefined;
}

export function decodePod(pod: PodObject, problems: string[]): PodInfo | undefined {
  const name = pod?.metadata?.name;
  const namespace = pod?.metadata?.namespace;
  if (typeof name !== 'string' || !name || typeof namespace !== 'string' || !namespace) {
    problems.push('a Pod without metadata.name or metadata.namespace');
    return undefined;
  }
  const where = `pod ${namespace}/${name}`;
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const appStatuses = statusesByName(status.containerStatuses);
  const initStatuses = statusesByName(status.initContainerStatuses);

  const app: ContainerInfo[] = [];
  for (const raw of Array.isArray(spec.containers) ? spec.containers : []) {
    const c = decodeContainer(raw, appStatuses, false, where, problems);
    if (c) {
      app.push(c);
    }
  }
  const initInOrder: ContainerInfo[] = [];
  for (const raw of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    const c = decodeContainer(raw, initStatuses, raw?.restartPolicy === 'Always', where, problems);
    if (c) {
      initInOrder.push(c);
    }
  }
  const overheadRaw = isRecord(spec.overhead) ? spec.overhead : {};
  const overhead = {
    cpu: readQuantity(overheadRaw.cpu, `${where} cpu overhead`, problems),
    memory: readQuantity(overheadRaw.memory, `${where} memory overhead`, problems),
  };
  const sidecars = initInOrder.filter((c) => c.sidecar);
  const initContainers = initInOrder.filter((c) => !c.sidecar);
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  const printed = printPod(pod);
  return {
    namespace,
    name,
    node: typeof spec.nodeName === 'string' && spec.nodeName ? spec.nodeName : undefined,
    phase: typeof status.phase === 'string' ? status.phase : undefined,
    status: printed.status,
    ready: printed.ready,
    restarts: printed.restarts,
    creationMs: parseKubeTime(pod.metadata?.creationTimestamp),
    templateHash: typeof hash === 'string' && hash ? hash : undefined,
    owner: controllerOf(pod.metadata?.ownerReferences),
    containers: [...sidecars, ...app],
    initContainers,
    resources: podResources(app, initInOrder, overhead),
  };
}

/** A PodList body (or the concatenated items of its pages) to pods. */
export function decodePodList(body: unknown): Decoded<PodInfo> {
  const problems: string[] = [];
  const items: PodInfo[] = [];
  for (const raw of listItems(body, 'PodList')) {
    const p = decodePod(raw as PodObject, problems);
    if (p) {
      items.push(p);
    }
  }
  return { items, problems };
}
