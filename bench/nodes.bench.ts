/**
 * Decoding and framing the `nodes` query for 5,000 nodes (the scale limit of a Kubernetes cluster),
 * against JSON.parse of the same bytes.
 */
import { startKubeSim } from '../tools/kube-sim';
import { decodeNodeMetricsList } from '../src/datasource/queries/nodes/nodeMetrics';
import { decodeNodeList } from '../src/datasource/decode/nodeObjects';
import { nodesFrame } from '../src/datasource/queries/nodes/nodesFrame';
import { compare } from './lib';

export const NODE_COUNT = 5000;

async function fetchText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    throw new Error(`${url}: ${res.status}`);
  }
  return res.text();
}

export async function benchNodes(): Promise<void> {
  const sim = await startKubeSim({ nodes: NODE_COUNT, podsPerNode: 1, seed: 7 });
  let nodesText: string;
  let metricsText: string;
  try {
    nodesText = await fetchText(`${sim.url}/api/v1/nodes`, sim.token);
    metricsText = await fetchText(`${sim.url}/apis/metrics.k8s.io/v1beta1/nodes`, sim.token);
  } finally {
    await sim.stop();
  }
  const now = Date.now();
  const mb = (nodesText.length + metricsText.length) / 1e6;

  compare(
    `nodes query, ${NODE_COUNT} nodes (${mb.toFixed(2)} MB of NodeList + NodeMetricsList JSON)`,
    {
      name: 'JSON.parse of both bodies',
      run: () => [JSON.parse(nodesText), JSON.parse(metricsText)],
    },
    [
      {
        name: 'JSON.parse + decode + frame',
        run: () => {
          const nodes = decodeNodeList(JSON.parse(nodesText));
          const usage = decodeNodeMetricsList(JSON.parse(metricsText));
          return nodesFrame(nodes.items, usage.items, 'A', now);
        },
      },
    ],
    (r) => `${Math.round(NODE_COUNT / (r.medianMs / 1000)).toLocaleString('en-US')} nodes/s`
  );
}
