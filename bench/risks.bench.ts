/**
 * The risks query's pure part for 30,000 pods (a large cluster): every check over the objects it reads,
 * then the frame, against JSON.parse of the same bytes (pods, nodes, workloads, Jobs, PVCs, HPAs and events).
 */
import { startKubeSim } from '../tools/kube-sim';
import { findRisks } from '../src/datasource/queries/risks/findRisks';
import { risksFrame } from '../src/datasource/queries/risks/risksFrame';
import { RiskObjects } from '../src/datasource/queries/risks/riskTypes';
import { compare } from './lib';

const NODES = 1000;
const PODS_PER_NODE = 30;

/** What the query lists, by the key the checks read it under. */
const LISTS: ReadonlyArray<[keyof RiskObjects, string]> = [
  ['pods', '/api/v1/pods'],
  ['nodes', '/api/v1/nodes'],
  ['deployments', '/apis/apps/v1/deployments'],
  ['statefulSets', '/apis/apps/v1/statefulsets'],
  ['daemonSets', '/apis/apps/v1/daemonsets'],
  ['jobs', '/apis/batch/v1/jobs'],
  ['pvcs', '/api/v1/persistentvolumeclaims'],
  ['hpas', '/apis/autoscaling/v2/horizontalpodautoscalers'],
  ['events', '/api/v1/events'],
];

async function fetchText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    throw new Error(`${url}: ${res.status}`);
  }
  return res.text();
}

export async function benchRisks(): Promise<void> {
  const sim = await startKubeSim({ nodes: NODES, podsPerNode: PODS_PER_NODE, seed: 7 });
  const bodies: string[] = [];
  const now = sim.now();
  try {
    for (const [, path] of LISTS) {
      bodies.push(await fetchText(`${sim.url}${path}`, sim.token));
    }
  } finally {
    await sim.stop();
  }
  const parseAll = () => bodies.map((b) => JSON.parse(b) as { items: unknown[] });
  const podCount = parseAll()[0].items.length;
  const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;

  const asObjects = (lists: Array<{ items: unknown[] }>): RiskObjects => {
    const objects = {} as Record<keyof RiskObjects, unknown[]>;
    LISTS.forEach(([key], i) => (objects[key] = lists[i].items));
    return objects as unknown as RiskObjects;
  };
  const checks = (objects: RiskObjects) => risksFrame(findRisks(objects, now), 'A', 'uid', []);
  const risks = () => checks(asObjects(parseAll()));
  // the checks alone, on objects parsed once: what the query adds to reading the lists
  const parsed = asObjects(parseAll());
  const found = (() => {
    const f = risks();
    return f.length;
  })();

  compare(
    `risks query, ${podCount.toLocaleString('en-US')} pods, ${found.toLocaleString('en-US')} findings (${mb.toFixed(1)} MB of list JSON)`,
    { name: 'JSON.parse of the nine lists', run: parseAll },
    [
      { name: 'JSON.parse + every check + sort + frame', run: risks },
      { name: 'every check + sort + frame alone (objects parsed once)', run: () => checks(parsed) },
    ],
    (r) => `${Math.round(podCount / (r.medianMs / 1000)).toLocaleString('en-US')} pods/s`
  );
}
