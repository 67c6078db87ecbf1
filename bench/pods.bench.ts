/**
 * Decoding, joining and framing the `pods` query for 30,000 pods (a large cluster), against JSON.parse of
 * the same bytes (PodList + PodMetricsList + ReplicaSetList).
 */
import { startKubeSim } from '../tools/kube-sim';
import { decodePodMetricsList } from '../src/datasource/queries/pods/podMetrics';
import { decodePodList } from '../src/datasource/queries/pods/podObjects';
import { decodeParentOwners, OwnerIndex } from '../src/datasource/queries/pods/owners';
import { podsFrame } from '../src/datasource/queries/pods/podsFrame';
import { arrangeRows, rowsFor } from '../src/datasource/queries/pods/podsGroup';
import { joinPods } from '../src/datasource/queries/pods/podsJoin';
import { PodsGroupBy } from '../src/datasource/types';
import { compare } from './lib';

const NODES = 1000;
const PODS_PER_NODE = 30;

async function fetchText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    throw new Error(`${url}: ${res.status}`);
  }
  return res.text();
}

export async function benchPods(): Promise<void> {
  const sim = await startKubeSim({ nodes: NODES, podsPerNode: PODS_PER_NODE, seed: 7 });
  let podsText: string;
  let metricsText: string;
  let rsText: string;
  try {
    podsText = await fetchText(`${sim.url}/api/v1/pods`, sim.token);
    metricsText = await fetchText(`${sim.url}/apis/metrics.k8s.io/v1beta1/pods`, sim.token);
    rsText = await fetchText(`${sim.url}/apis/apps/v1/replicasets`, sim.token);
  } finally {
    await sim.stop();
  }
  const now = Date.now();
  const podCount = (JSON.parse(podsText) as { items: unknown[] }).items.length;
  const mb = (podsText.length + metricsText.length + rsText.length) / 1e6;

  const query = (groupBy: PodsGroupBy) => () => {
    const pods = decodePodList(JSON.parse(podsText));
    const usage = decodePodMetricsList(JSON.parse(metricsText));
    const rs = JSON.parse(rsText) as { items: unknown[] };
    const index: OwnerIndex = { replicaSets: { owners: decodeParentOwners(rs.items), unread: new Set() } };
    const joined = joinPods(pods.items, usage.items, index, groupBy === 'container');
    const rows = arrangeRows(rowsFor(groupBy, joined.containerRows, joined.podRows), 'cpu');
    return podsFrame(rows, groupBy, 'A', now);
  };

  compare(
    `pods query, ${podCount.toLocaleString('en-US')} pods (${mb.toFixed(1)} MB of PodList + PodMetricsList + ReplicaSetList JSON)`,
    {
      name: 'JSON.parse of the three bodies',
      run: () => [JSON.parse(podsText), JSON.parse(metricsText), JSON.parse(rsText)],
    },
    [
      { name: 'JSON.parse + decode + owners + join + frame, by pod, sorted by CPU', run: query('pod') },
      { name: 'the same, by container', run: query('container') },
      { name: 'the same, by workload', run: query('workload') },
    ],
    (r) => `${Math.round(podCount / (r.medianMs / 1000)).toLocaleString('en-US')} pods/s`
  );
}
