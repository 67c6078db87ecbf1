/**
 * Decoding and framing one node's kubelet Summary (110 pods, the kubelet's default pod limit) against
 * JSON.parse of the same text. decodeSummary reads uint64 counters exactly, which JSON.parse cannot.
 */
import { startKubeSim } from '../tools/kube-sim';
import { decodeSummary } from '../src/datasource/queries/summary/summaryDecode';
import { summaryFrame } from '../src/datasource/queries/summary/summaryFrame';
import { compare } from './lib';

export const PODS_PER_NODE = 110;

export async function benchSummary(): Promise<void> {
  // kube-sim puts a finished Job pod on node-1, which the kubelet does not report: one more so that 110 run
  const sim = await startKubeSim({ nodes: 2, podsPerNode: PODS_PER_NODE + 1, seed: 7 });
  let text: string;
  try {
    const res = await fetch(`${sim.url}/api/v1/nodes/node-1/proxy/stats/summary`, {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    if (!res.ok) {
      throw new Error(`stats/summary: ${res.status}`);
    }
    text = await res.text();
  } finally {
    await sim.stop();
  }
  const all = { namespaces: [], podNames: [] };
  const pods = decodeSummary(text).pods.length;

  compare(
    `summary query, one node with ${pods} pods (${(text.length / 1e6).toFixed(2)} MB of Summary JSON)`,
    { name: 'JSON.parse', run: () => JSON.parse(text) },
    [
      { name: 'decodeSummary (bigint-exact)', run: () => decodeSummary(text) },
      {
        name: 'decodeSummary + node, pod, container and volume frames',
        run: () => {
          const snapshots = [decodeSummary(text)];
          return [
            summaryFrame('node', snapshots, all, 'A'),
            summaryFrame('pod', snapshots, all, 'A'),
            summaryFrame('container', snapshots, all, 'A'),
            summaryFrame('volume', snapshots, all, 'A'),
          ];
        },
      },
    ],
    (r) => `${Math.round(1000 / r.medianMs).toLocaleString('en-US')} nodes/s`
  );
}
