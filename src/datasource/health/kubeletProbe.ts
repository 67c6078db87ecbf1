import { firstValueFrom, map } from 'rxjs';

import type { KubeClient } from '../kube/client';
import { describeKubeError, KubeError } from '../kube/errors';
import { nodeProxyPath, nodesPath } from '../kube/paths';
import { asKubeError } from '../kube/queryError';

/** At most this many nodes are asked: enough to find a broken pool, few enough for a quick Save & test. */
export const KUBELET_SAMPLE_SIZE = 50;
/** Grafana's frontend runs 5 data-proxy requests at a time; leave one for the rest of the page. */
export const KUBELET_PROBE_CONCURRENCY = 4;

export interface KubeletProbeResult {
  totalNodes: number;
  asked: string[];
  failed: Array<{ node: string; error: KubeError }>;
}

/** Evenly spread picks, so a sample of a large cluster covers every node pool that sorts together. */
export function sampleNodes(names: readonly string[], size: number): string[] {
  const sorted = [...names].sort();
  if (sorted.length <= size) {
    return sorted;
  }
  const step = sorted.length / size;
  return Array.from({ length: size }, (_, i) => sorted[Math.floor(i * step)]);
}

/** Asks the kubelet of each sampled node for its (CPU and memory only) Summary through the node proxy. */
export async function probeKubelets(client: KubeClient): Promise<KubeletProbeResult> {
  const list = await firstValueFrom(client.list<{ metadata?: { name?: string } }>(nodesPath()));
  const names = list.items.map((n) => n.metadata?.name).filter((n): n is string => Boolean(n));
  const asked = sampleNodes(names, KUBELET_SAMPLE_SIZE);
  const results = await firstValueFrom(
    client.fanOut(
      asked,
      (node) =>
        client
          .getJson<unknown>(nodeProxyPath(node, 'stats/summary'), { only_cpu_and_memory: true })
          .pipe(map(() => true)),
      KUBELET_PROBE_CONCURRENCY
    )
  );
  const failed = results
    .filter((r) => r.error !== undefined)
    .map((r) => ({ node: r.key, error: asKubeError(r.error, nodeProxyPath(r.key, 'stats/summary')) }));
  return { totalNodes: names.length, asked, failed };
}

/** "Kubelet reachable on 48 of 50 nodes (a sample of 50 of 300)", then the nodes that failed and why. */
export function describeKubeletProbe(r: KubeletProbeResult): { ok: boolean; text: string } {
  if (r.totalNodes === 0) {
    return { ok: false, text: 'Kubelet access: the cluster has no nodes to ask.' };
  }
  const reached = r.asked.length - r.failed.length;
  const sample = r.asked.length < r.totalNodes ? ` (a sample of ${r.asked.length} of ${r.totalNodes})` : '';
  const head = `Kubelet reachable on ${reached} of ${r.asked.length} nodes${sample}.`;
  if (!r.failed.length) {
    return { ok: true, text: head };
  }
  // one forbidden answer explains all: the identity lacks nodes/proxy
  const forbidden = r.failed.find((f) => f.error.kind === 'forbidden');
  if (forbidden && reached === 0) {
    return { ok: false, text: `Kubelet access: ${describeKubeError(forbidden.error)}` };
  }
  const shown = r.failed.slice(0, 5).map((f) => `${f.node}: ${f.error.message}`);
  const more = r.failed.length > shown.length ? `; and ${r.failed.length - shown.length} more` : '';
  return { ok: false, text: `${head} Not reachable: ${shown.join('; ')}${more}.` };
}
