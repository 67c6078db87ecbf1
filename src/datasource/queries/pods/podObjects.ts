import {
  Container,
  ContainerState,
  ContainerStatus,
  OwnerReference,
  PodObject,
  ResourceRequirements,
} from '../../decode/apiTypes';
import { listItems } from '../../decode/decodeError';
import { parseKubeTime } from '../../decode/kubeTime';
import { Decoded, readQuantity } from '../../decode/decoded';
import { quantityToNumber } from '../../decode/quantity';
import { printPod } from '../../decode/podPrinter';
import { ResourceKey, Resources, toNano } from './resources';
import { readPodLevel, withPodLevel } from './podLevel';
import { readResize } from './podResize';

export { toNano };
export type { Resources };

/** The controlling owner reference of an object. */
export interface OwnerRef {
  kind: string;
  name: string;
}

/** Requests and limits in effect (see decodeContainer), and the spec's when a resize has not caught up. */
export interface ContainerInfo extends Resources {
  name: string;
  /** a restartable init container (restartPolicy: Always): it runs beside the app containers */
  sidecar: boolean;
  ready?: boolean;
  restarts?: number;
  /** Running, or the waiting/terminated reason (CrashLoopBackOff, Completed, ...) */
  state?: string;
  /** the spec's requests and limits, only when they differ from those in effect (a resize pends or runs) */
  desired?: Resources;
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
  /** the pod's effective requests and limits in effect (see podResources and podLevel) */
  resources: Resources;
  /** the same from the spec, only when they differ from those in effect */
  desiredResources?: Resources;
  /** an in-place resize that pends or runs (see podResize) */
  resize?: string;
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

const NONE: Record<string, unknown> = {};

function listOf(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : NONE;
}

/** A quantity, its location named only when it is malformed: no string is built per container otherwise. */
function amount(v: unknown, at: string, what: string, problems: string[]): number | undefined {
  try {
    return quantityToNumber(v);
  } catch (e) {
    problems.push(`${at} ${what}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** One quantity of the spec: the one in effect when both say the same (no second parse). */
function specAmount(
  spec: Record<string, unknown>,
  effect: Record<string, unknown>,
  key: 'cpu' | 'memory',
  inEffect: number | undefined,
  at: string,
  what: string,
  problems: string[]
): number | undefined {
  return spec[key] === effect[key] ? inEffect : amount(spec[key], at, what, problems);
}

/**
 * A container's requests and limits in effect, as component-helpers picks them for the running container
 * (`containerActuatedRequests`/`Limits`): the kubelet's `status.resources` (what the runtime applied), else
 * for requests `allocatedResources` (what it admitted), else the spec, except that an Infeasible resize's
 * spec will never apply and is not used. The spec is kept beside them only when it differs: that is a
 * resize pending or in progress, and the user sees both.
 */
function decodeContainer(
  raw: Container,
  statuses: Map<string, ContainerStatus>,
  sidecar: boolean,
  infeasible: boolean,
  where: string,
  problems: string[]
): ContainerInfo | undefined {
  if (typeof raw?.name !== 'string' || !raw.name) {
    problems.push(`${where}: a container without a name`);
    return undefined;
  }
  const spec: ResourceRequirements = raw.resources ?? NONE;
  const specRequests = listOf(spec.requests);
  const specLimits = listOf(spec.limits);
  const at = `${where} container ${raw.name}`;
  const s = statuses.get(raw.name);
  const applied = s?.resources;
  const fallback = infeasible ? NONE : undefined;
  const requests = isRecord(applied?.requests)
    ? applied.requests
    : isRecord(s?.allocatedResources)
      ? s.allocatedResources
      : (fallback ?? specRequests);
  const limits = isRecord(applied?.limits) ? applied.limits : (fallback ?? specLimits);
  // the status's values are named so in a problem; the spec's when the spec is what is in effect
  const fromStatus = requests !== specRequests;
  const limitsFromStatus = limits !== specLimits;
  const cpuRequest = amount(requests.cpu, at, fromStatus ? 'cpu request in effect' : 'cpu request', problems);
  const memoryRequest = amount(
    requests.memory,
    at,
    fromStatus ? 'memory request in effect' : 'memory request',
    problems
  );
  const cpuLimit = amount(limits.cpu, at, limitsFromStatus ? 'cpu limit in effect' : 'cpu limit', problems);
  const memoryLimit = amount(limits.memory, at, limitsFromStatus ? 'memory limit in effect' : 'memory limit', problems);
  const desiredCpuRequest = specAmount(specRequests, requests, 'cpu', cpuRequest, at, 'cpu request', problems);
  const desiredMemoryRequest = specAmount(
    specRequests,
    requests,
    'memory',
    memoryRequest,
    at,
    'memory request',
    problems
  );
  const desiredCpuLimit = specAmount(specLimits, limits, 'cpu', cpuLimit, at, 'cpu limit', problems);
  const desiredMemoryLimit = specAmount(specLimits, limits, 'memory', memoryLimit, at, 'memory limit', problems);
  const differs =
    desiredCpuRequest !== cpuRequest ||
    desiredMemoryRequest !== memoryRequest ||
    desiredCpuLimit !== cpuLimit ||
    desiredMemoryLimit !== memoryLimit;
  return {
    name: raw.name,
    sidecar,
    cpuRequest,
    memoryRequest,
    cpuLimit,
    memoryLimit,
    ready: typeof s?.ready === 'boolean' ? s.ready : undefined,
    restarts: typeof s?.restartCount === 'number' ? s.restartCount : undefined,
    state: stateText(s?.state),
    desired: differs
      ? {
          cpuRequest: desiredCpuRequest,
          memoryRequest: desiredMemoryRequest,
          cpuLimit: desiredCpuLimit,
          memoryLimit: desiredMemoryLimit,
        }
      : undefined,
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

const inEffect = (c: ContainerInfo, key: ResourceKey) => c[key];
const fromSpec = (c: ContainerInfo, key: ResourceKey) => (c.desired ? c.desired[key] : c[key]);

/** The pod's effective requests and limits from its containers in spec order (in effect, or from the spec). */
export function podResources(
  app: readonly ContainerInfo[],
  initInOrder: readonly ContainerInfo[],
  overhead: { cpu?: number; memory?: number } = {},
  pick: (c: ContainerInfo, key: ResourceKey) => number | undefined = inEffect
): Resources {
  const one = (key: ResourceKey, kind: 'request' | 'limit', extra: number | undefined) =>
    effectiveAmount(
      app.map((c) => pick(c, key)),
      initInOrder.map((c) => ({ value: pick(c, key), sidecar: c.sidecar })),
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

function sameResources(a: Resources, b: Resources): boolean {
  return (
    a.cpuRequest === b.cpuRequest &&
    a.memoryRequest === b.memoryRequest &&
    a.cpuLimit === b.cpuLimit &&
    a.memoryLimit === b.memoryLimit
  );
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
  const resize = readResize(status);
  const infeasible = resize?.infeasible === true;

  let anyDesired = false;
  const app: ContainerInfo[] = [];
  for (const raw of Array.isArray(spec.containers) ? spec.containers : []) {
    const c = decodeContainer(raw, appStatuses, false, infeasible, where, problems);
    if (c) {
      app.push(c);
      anyDesired ||= c.desired !== undefined;
    }
  }
  const initInOrder: ContainerInfo[] = [];
  for (const raw of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    const c = decodeContainer(raw, initStatuses, raw?.restartPolicy === 'Always', infeasible, where, problems);
    if (c) {
      initInOrder.push(c);
      anyDesired ||= c.desired !== undefined;
    }
  }
  const overheadRaw = isRecord(spec.overhead) ? spec.overhead : {};
  const overhead = {
    cpu: readQuantity(overheadRaw.cpu, `${where} cpu overhead`, problems),
    memory: readQuantity(overheadRaw.memory, `${where} memory overhead`, problems),
  };
  // What is in effect is what the usage is held against. The scheduler and the kubelet's admission reserve
  // more while a resize is under way: the larger of spec, admitted and applied (component-helpers
  // PodRequests with UseStatusResources; without the spec when Infeasible). The spec is shown beside.
  const level = readPodLevel(pod, where, problems);
  let resources = podResources(app, initInOrder, overhead);
  let desiredResources: Resources | undefined;
  if (level || anyDesired) {
    desiredResources = podResources(app, initInOrder, overhead, fromSpec);
    if (level) {
      resources = withPodLevel(resources, level, overhead, true);
      desiredResources = withPodLevel(desiredResources, level, overhead, false);
    }
    if (sameResources(resources, desiredResources)) {
      desiredResources = undefined;
    }
  }
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
    resources,
    desiredResources,
    resize: resize?.text,
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
