/** Node checks: KubeNodeNotReady and KubeNodeUnreachable, the pressure conditions, cordoned nodes. */
import { NodeObject } from '../../decode/apiTypes';
import { Finding } from './riskTypes';
import { clean, conditionOf, lasting, metaOf, sinceOf } from './riskWords';

const PRESSURE: ReadonlyArray<{ type: string; advice: string }> = [
  { type: 'MemoryPressure', advice: 'the kubelet evicts pods to free memory: move or shrink workloads' },
  { type: 'DiskPressure', advice: 'the kubelet evicts pods and removes images: free disk on the node' },
  { type: 'PIDPressure', advice: 'too many processes: find the pod that forks without end' },
  { type: 'NetworkUnavailable', advice: 'its network is not configured: check the CNI plugin' },
];

/** Ready is False or Unknown: the node's name and status, for the pods' rows. */
export function nodeReadyStatus(node: NodeObject): string | undefined {
  const ready = conditionOf(node.status?.conditions, 'Ready');
  return ready?.status === 'True' ? undefined : (ready?.status ?? 'Unknown');
}

export function nodeFindings(node: NodeObject, nowMs: number): Finding[] {
  const meta = metaOf(node);
  if (!meta) {
    return [];
  }
  const base = { kind: 'Node', namespace: '', object: meta.name, node: meta.name };
  const out: Finding[] = [];
  const ready = conditionOf(node.status?.conditions, 'Ready');
  if (ready?.status !== 'True') {
    const sinceMs = sinceOf(ready, node);
    const unknown = ready?.status !== 'False';
    out.push({
      ...base,
      severity: 'critical',
      check: unknown ? 'KubeNodeUnreachable' : 'KubeNodeNotReady',
      sinceMs,
      reason: unknown
        ? `Unreachable${lasting(sinceMs, nowMs)}: its kubelet stopped posting status${ready?.message ? ` (${clean(ready.message)})` : ''}; its pods are evicted. Check the machine and its kubelet.`
        : `NotReady${lasting(sinceMs, nowMs)}${ready?.message ? `: ${clean(ready.message)}` : ''}. Check its kubelet and container runtime.`,
    });
  }
  for (const { type, advice } of PRESSURE) {
    const c = conditionOf(node.status?.conditions, type);
    if (c?.status === 'True') {
      const sinceMs = sinceOf(c, node);
      out.push({
        ...base,
        severity: 'warning',
        check: type === 'NetworkUnavailable' ? 'KubeNodeNetworkUnavailable' : 'KubeNodePressure',
        sinceMs,
        reason: `${type}${lasting(sinceMs, nowMs)}: ${advice}.`,
      });
    }
  }
  if (node.spec?.unschedulable) {
    out.push({
      ...base,
      severity: 'info',
      check: 'NodeCordoned',
      reason: 'Cordoned: no new pods are scheduled on it; uncordon it when its maintenance is done.',
    });
  }
  return out;
}
