/**
 * Pressure stall information (PSI, KubeletPSI: beta on by default from 1.34, GA in 1.36) of nodes and pods, for the
 * nodes and pods queries: the share of the last 10 s in which some task waited for CPU or memory. Read from each
 * node's Summary API with only_cpu_and_memory (the kubelet keeps the psi blocks there), through the node proxy,
 * so it needs kubelet access; a node that cannot be read is a failure of its own, the others still answer.
 */
import { map, Observable } from 'rxjs';

import type { KubeClient } from '../../kube/client';
import type { KubeError } from '../../kube/errors';
import { nodeProxyPath } from '../../kube/paths';
import { asKubeError } from '../../kube/queryError';
import { type Pressure, summaryPressure } from './pressure';

export interface PressureRead {
  /** by node name */
  nodes: Map<string, Pressure>;
  /** by `namespace/pod` */
  pods: Map<string, Pressure>;
  failures: Array<{ node: string; error: KubeError }>;
}

export function readPressure(
  client: KubeClient,
  nodes: readonly string[],
  concurrency: number
): Observable<PressureRead> {
  const unique = [...new Set(nodes.filter((n) => n))];
  const path = (node: string) => nodeProxyPath(node, 'stats/summary');
  return client
    .fanOut(unique, (node) => client.getJson<unknown>(path(node), { only_cpu_and_memory: true }), concurrency)
    .pipe(
      map((results) => {
        const read: PressureRead = { nodes: new Map(), pods: new Map(), failures: [] };
        for (const r of results) {
          if (r.error) {
            read.failures.push({ node: r.key, error: asKubeError(r.error, path(r.key)) });
          } else {
            const found = summaryPressure(r.value);
            if (found.node) {
              read.nodes.set(r.key, found.node);
            }
            found.pods.forEach((p, pod) => read.pods.set(pod, p));
          }
        }
        return read;
      })
    );
}

/** The notice for nodes whose pressure could not be read: how many, and why for the first. */
export function pressureFailureText(failures: PressureRead['failures'], describe: (e: KubeError) => string): string {
  const [first] = failures;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more node(s))` : '';
  return `Pressure is missing for node ${first.node}${more}: ${describe(first.error)}`;
}
