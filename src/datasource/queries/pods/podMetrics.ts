import { ObjectMeta } from '../../decode/apiTypes';
import { listItems } from '../../decode/decodeError';
import { parseGoDuration, parseKubeTime } from '../../decode/kubeTime';
import { Decoded, readQuantity } from '../../decode/decoded';
import { toNano } from './podObjects';

/** A metrics.k8s.io/v1beta1 PodMetrics item, as far as it is read. */
export interface PodMetricsItem {
  metadata?: ObjectMeta;
  timestamp?: string;
  window?: string;
  containers?: Array<{ name?: unknown; usage?: Record<string, unknown> } | null>;
}

/** One container's usage: what `kubectl top pods --containers` shows. */
export interface ContainerUsage {
  name: string;
  /** cores */
  cpu?: number;
  /** working-set bytes */
  memory?: number;
  /** swap bytes (`usage.swap`, what `kubectl top --show-swap` reads); absent where the server reports none */
  swap?: number;
}

/** One pod's usage from metrics.k8s.io. */
export interface PodUsage {
  namespace: string;
  name: string;
  /** in the order metrics-server sent them, which is random: join by name */
  containers: ContainerUsage[];
  /** sum over the containers; absent when any container's value is absent or malformed */
  cpu?: number;
  memory?: number;
  /** sum over the containers that report swap, as kubectl adds them; absent when none does */
  swap?: number;
  timestampMs?: number;
  windowSeconds?: number;
}

/** `namespace/name`: the join key of pods and their metrics. */
export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Adds the containers' swap that is there: a server may report it only for containers that can swap. */
function sumPresent(containers: readonly ContainerUsage[]): number | undefined {
  let total: number | undefined;
  for (const c of containers) {
    if (c.swap !== undefined) {
      total = (total ?? 0) + c.swap;
    }
  }
  return total;
}

function sum(values: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const v of values) {
    if (v === undefined) {
      return undefined;
    }
    total += v;
  }
  return toNano(total);
}

export function decodePodMetrics(item: PodMetricsItem, problems: string[]): PodUsage | undefined {
  const name = item?.metadata?.name;
  const namespace = item?.metadata?.namespace;
  if (typeof name !== 'string' || !name || typeof namespace !== 'string' || !namespace) {
    problems.push('a PodMetrics item without metadata.name or metadata.namespace');
    return undefined;
  }
  const containers: ContainerUsage[] = [];
  for (const c of Array.isArray(item.containers) ? item.containers : []) {
    if (typeof c?.name !== 'string' || !c.name) {
      problems.push(`pod ${namespace}/${name}: a container without a name`);
      continue;
    }
    const usage = c.usage ?? {};
    const where = `pod ${namespace}/${name} container ${c.name}`;
    containers.push({
      name: c.name,
      cpu: readQuantity(usage.cpu, `${where} cpu`, problems),
      memory: readQuantity(usage.memory, `${where} memory`, problems),
      swap: usage.swap === undefined ? undefined : readQuantity(usage.swap, `${where} swap`, problems),
    });
  }
  return {
    namespace,
    name,
    containers,
    cpu: containers.length ? sum(containers.map((c) => c.cpu)) : undefined,
    memory: containers.length ? sum(containers.map((c) => c.memory)) : undefined,
    swap: sumPresent(containers),
    timestampMs: parseKubeTime(item.timestamp),
    windowSeconds: parseGoDuration(item.window),
  };
}

/** A PodMetricsList body to usage per pod. Throws DecodeError when the body is not a list at all. */
export function decodePodMetricsList(body: unknown): Decoded<PodUsage> {
  const problems: string[] = [];
  const items: PodUsage[] = [];
  for (const raw of listItems(body, 'PodMetricsList')) {
    const u = decodePodMetrics(raw as PodMetricsItem, problems);
    if (u) {
      items.push(u);
    }
  }
  return { items, problems };
}
