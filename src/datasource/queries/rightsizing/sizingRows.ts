/**
 * Right-sizing rows: each running container's usage quantiles over the history held, against the requests
 * and limits in effect (after an in-place resize: the pods query's decoding), with its suggestion; and the
 * same summed per namespace. Pure.
 */
import { OwnerIndex, workloadOf } from '../pods/owners';
import { PodInfo } from '../pods/podObjects';
import { Resources, toNano } from '../pods/resources';
import { containerKey, UsageWindow } from '../shared/containerUsage';
import { ContainerToSize, suggest, Suggestion, usageQuantiles } from './sizing';

export interface SizingRow extends ContainerToSize {
  /** `Kind/name` */
  workload: string;
  suggestion: Suggestion;
}

export function sizingRows(pods: readonly PodInfo[], index: OwnerIndex, window: UsageWindow): SizingRow[] {
  const rows: SizingRow[] = [];
  for (const pod of pods) {
    const w = workloadOf(pod, index);
    for (const c of pod.containers) {
      const usage = window.containers.get(containerKey(pod.namespace, pod.name, c.name));
      const cpu = usageQuantiles(usage?.cpu ?? []);
      const memory = usageQuantiles(usage?.memory ?? []);
      if (!cpu && !memory) {
        continue; // not running lately: nothing to size it by
      }
      const current: Resources = {
        cpuRequest: c.cpuRequest,
        cpuLimit: c.cpuLimit,
        memoryRequest: c.memoryRequest,
        memoryLimit: c.memoryLimit,
      };
      const base = {
        namespace: pod.namespace,
        pod: pod.name,
        container: c.name,
        sidecar: c.sidecar,
        cpu,
        memory,
        current,
      };
      rows.push({ ...base, workload: `${w.kind}/${w.name}`, suggestion: suggest(base) });
    }
  }
  return rows;
}

/** What a namespace's containers request now and would request as suggested. */
export interface NamespaceSizing {
  namespace: string;
  /** containers with a suggestion */
  containers: number;
  cpuRequested: number;
  cpuSuggested: number;
  memoryRequested: number;
  memorySuggested: number;
  /** containers whose suggested request is below the one in effect (CPU or memory) */
  overProvisioned: number;
  /** containers whose suggested request is above the one in effect, or that request nothing */
  underProvisioned: number;
}

/** Sums per namespace, in name order; a request left out counts as zero, as the scheduler counts it. */
export function namespaceSizing(rows: readonly SizingRow[]): NamespaceSizing[] {
  const byNs = new Map<string, NamespaceSizing>();
  for (const r of rows) {
    const s = r.suggestion;
    if (s.cpuRequest === undefined && s.memoryRequest === undefined) {
      continue;
    }
    let n = byNs.get(r.namespace);
    if (!n) {
      n = {
        namespace: r.namespace,
        containers: 0,
        cpuRequested: 0,
        cpuSuggested: 0,
        memoryRequested: 0,
        memorySuggested: 0,
        overProvisioned: 0,
        underProvisioned: 0,
      };
      byNs.set(r.namespace, n);
    }
    const cur = r.current;
    n.containers++;
    n.cpuRequested = toNano(n.cpuRequested + (cur.cpuRequest ?? 0));
    n.cpuSuggested = toNano(n.cpuSuggested + (s.cpuRequest ?? cur.cpuRequest ?? 0));
    n.memoryRequested += cur.memoryRequest ?? 0;
    n.memorySuggested += s.memoryRequest ?? cur.memoryRequest ?? 0;
    const below = (sug?: number, now?: number) => sug !== undefined && now !== undefined && sug < now;
    const above = (sug?: number, now?: number) => sug !== undefined && (now === undefined || sug > now);
    if (below(s.cpuRequest, cur.cpuRequest) || below(s.memoryRequest, cur.memoryRequest)) {
      n.overProvisioned++;
    }
    if (above(s.cpuRequest, cur.cpuRequest) || above(s.memoryRequest, cur.memoryRequest)) {
      n.underProvisioned++;
    }
  }
  return [...byNs.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
}
