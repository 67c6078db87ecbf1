import { NodeMetricsItem } from '../../decode/apiTypes';
import { listItems } from '../../decode/decodeError';
import { parseGoDuration, parseKubeTime } from '../../decode/kubeTime';
import { Decoded, readQuantity } from '../../decode/decoded';

/** One node's usage from metrics.k8s.io (what `kubectl top nodes` shows). */
export interface NodeUsage {
  name: string;
  /** cores */
  cpu?: number;
  /** working-set bytes */
  memory?: number;
  /** swap in use, bytes: only from a metrics API that reports it (`kubectl top node --show-swap`); metrics-server does not */
  swap?: number;
  timestampMs?: number;
  windowSeconds?: number;
}

export function decodeNodeMetrics(item: NodeMetricsItem, problems: string[]): NodeUsage | undefined {
  const name = item?.metadata?.name;
  if (typeof name !== 'string' || !name) {
    problems.push('a NodeMetrics item without metadata.name');
    return undefined;
  }
  const usage = item.usage ?? {};
  const u: NodeUsage = {
    name,
    cpu: readQuantity(usage.cpu, `node ${name} cpu`, problems),
    memory: readQuantity(usage.memory, `node ${name} memory`, problems),
    timestampMs: parseKubeTime(item.timestamp),
    windowSeconds: parseGoDuration(item.window),
  };
  if (usage.swap !== undefined) {
    u.swap = readQuantity(usage.swap, `node ${name} swap`, problems);
  }
  return u;
}

/** A NodeMetricsList body to usage per node. Throws DecodeError when the body is not a list at all. */
export function decodeNodeMetricsList(body: unknown): Decoded<NodeUsage> {
  const problems: string[] = [];
  const items: NodeUsage[] = [];
  for (const raw of listItems(body, 'NodeMetricsList')) {
    const u = decodeNodeMetrics(raw as NodeMetricsItem, problems);
    if (u) {
      items.push(u);
    }
  }
  return { items, problems };
}
