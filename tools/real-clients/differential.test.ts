/** @jest-environment jsdom */
/**
 * Differential: what the data source's objects query shows for pods and nodes (STATUS, READY, RESTARTS,
 * AGE) against what the real kubectl prints for `get pods -A` / `get nodes` from the same TLS kube-sim
 * (the server's Table, pkg/printers/internalversion/printers.go). The cluster is a generated one plus the
 * printer cases of tools/kube-sim/printerCases.ts, a lost node (its pods evicted), a NotReady node, and
 * cordoned nodes; the sim clock is frozen so AGE cannot drift between the two reads. Our AGE and
 * "N (5m ago)" are formatted from the frame's seconds with the data source's humanDuration.
 */
import { DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { buildCluster, KubeSim, manualClock, SimCluster, startKubeSim } from '../kube-sim';
import { nodeGoesNotReady, podExists } from '../kube-sim/cluster/nodeLifecycle';
import { nodeJson, podJson } from '../kube-sim/api/objects';
import { printPod } from '../kube-sim/api/podPrint';
import { printerCasePods } from '../kube-sim/cluster/printerCases';
import { testContext } from '../testing/queryContext';
import { humanDuration } from '../../src/datasource/decode/k8sAge';
import { printNodeStatus } from '../../src/datasource/decode/nodePrinter';
import { objectsModule } from '../../src/datasource/queries/objects/objectsQuery';
import { ObjectResource, ObjectsQuery } from '../../src/datasource/types';
import { Run, clientDir, kubectl, parseTable, requireKubectl } from './clients';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;
const SEED = 3;
const NODES = 12;
const PODS_PER_NODE = 6;

/** the cluster the sim serves, built here (synchronously) so the test's name can carry its counts */
function differentialCluster(): SimCluster {
  const c = buildCluster(SEED, NODES, PODS_PER_NODE, T0);
  const workers = c.nodes.filter((n) => !n.labels['node-role.kubernetes.io/control-plane']);
  const [casesNode, cordoned, cordonedLost, notReady, lost] = workers.slice(-5);
  c.pods = [...c.pods, ...printerCasePods(casesNode.name, T0)];
  cordoned.unschedulable = true;
  cordonedLost.unschedulable = true;
  // lost 10 minutes ago: Unknown, tainted, its pods evicted (Terminating / Unknown) except DaemonSet and static pods
  nodeGoesNotReady(c, lost.name, T0 - 10 * MIN, 'Unknown');
  nodeGoesNotReady(c, cordonedLost.name, T0 - 10 * MIN, 'Unknown');
  // NotReady 2 minutes ago: its pods are marked not ready, not yet evicted
  nodeGoesNotReady(c, notReady.name, T0 - 2 * MIN, 'False');
  return c;
}

const cluster = differentialCluster();
const nodeByName = new Map(cluster.nodes.map((n) => [n.name, n]));
const listedPods = cluster.pods.filter((p) => podExists(p, nodeByName.get(p.nodeName), T0));
/** the printer cases present: distinct STATUS values of pods and of nodes */
const podStatuses = new Set(
  listedPods.map((p) => printPod(podJson(cluster, p, nodeByName.get(p.nodeName), T0), T0).status)
);
const nodeStatuses = new Set(cluster.nodes.map((n) => printNodeStatus(nodeJson(cluster, n, T0))));
const CASES = podStatuses.size + nodeStatuses.size;

let sim: KubeSim;
let scratch: ReturnType<typeof clientDir> | undefined;
let kubectlPods: Run;
let kubectlNodes: Run;
let ourPods: DataFrame;
let ourNodes: DataFrame;

async function frame(resource: ObjectResource): Promise<DataFrame> {
  const { ctx, vars } = testContext(sim, { jsonData: { tlsSkipVerify: true }, nowMs: T0 });
  const query: ObjectsQuery = { refId: 'A', queryType: 'objects', resource };
  const res = await lastValueFrom(objectsModule.run(ctx, objectsModule.resolve(query, vars), query));
  if (res.errors?.length || res.data.length !== 1) {
    throw new Error(`objects query for ${resource}: ${JSON.stringify(res.errors ?? res.data.length)}`);
  }
  return res.data[0];
}

beforeAll(async () => {
  requireKubectl();
  sim = await startKubeSim({ tls: true, nodes: NODES, podsPerNode: PODS_PER_NODE, seed: SEED, clock: manualClock(T0) });
  Object.assign(sim.cluster, cluster);
  scratch = clientDir(sim);
  [kubectlPods, kubectlNodes, ourPods, ourNodes] = await Promise.all([
    kubectl(scratch.dir, scratch.config, ['get', 'pods', '-A']),
    kubectl(scratch.dir, scratch.config, ['get', 'nodes']),
    frame('pods'),
    frame('nodes'),
  ]);
}, 60_000);

afterAll(async () => {
  scratch?.cleanup();
  await sim?.stop();
});

/** the frame's rows keyed by namespace/name, with the columns as kubectl prints them */
function ourRows(
  f: DataFrame,
  format: (row: Record<string, unknown>) => Record<string, string>
): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  for (let i = 0; i < f.length; i++) {
    const row = Object.fromEntries(f.fields.map((field) => [field.name, field.values[i]]));
    rows.set(`${row.namespace ?? ''}/${row.name}`, format(row));
  }
  return rows;
}

const age = (seconds: unknown): string => (typeof seconds === 'number' ? humanDuration(seconds * 1000) : '<unknown>');

function restarts(count: unknown, lastRestart: unknown): string {
  return typeof lastRestart === 'number' ? `${count} (${humanDuration(lastRestart * 1000)} ago)` : `${count}`;
}

function theirRows(run: Run, columns: string[]): Map<string, Record<string, string>> {
  if (run.code !== 0) {
    throw new Error(`kubectl failed (${run.code}): ${run.err}`);
  }
  return new Map(
    parseTable(run.out).map((r) => [
      `${r.NAMESPACE ?? ''}/${r.NAME}`,
      Object.fromEntries(columns.map((c) => [c, r[c]])),
    ])
  );
}

function mismatches(ours: Map<string, Record<string, string>>, theirs: Map<string, Record<string, string>>): string[] {
  const out: string[] = [];
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(key);
    const b = theirs.get(key);
    if (!a || !b) {
      out.push(`${key}: only in ${a ? 'the data source' : 'kubectl'}`);
      continue;
    }
    for (const col of Object.keys(b)) {
      if (a[col] !== b[col]) {
        out.push(`${key} ${col}: ours ${JSON.stringify(a[col])}, kubectl ${JSON.stringify(b[col])}`);
      }
    }
  }
  return out;
}

describe('the objects query against the real kubectl', () => {
  it(`STATUS, READY, RESTARTS and AGE of ${cluster.nodes.length} nodes and ${listedPods.length} pods (${CASES} printer cases) equal kubectl: 0 mismatches`, () => {
    const pods = mismatches(
      ourRows(ourPods, (r) => ({
        STATUS: (r.status as string | null) ?? '',
        READY: String(r.ready),
        RESTARTS: restarts(r.restarts, r.lastRestart),
        AGE: age(r.age),
      })),
      theirRows(kubectlPods, ['STATUS', 'READY', 'RESTARTS', 'AGE'])
    );
    const nodes = mismatches(
      ourRows(ourNodes, (r) => ({ STATUS: String(r.status), AGE: age(r.age) })),
      theirRows(kubectlNodes, ['STATUS', 'AGE'])
    );
    expect(ourPods.length).toBe(listedPods.length);
    expect(ourNodes.length).toBe(cluster.nodes.length);
    expect([...pods, ...nodes]).toEqual([]);
  });

  // issue #14: the cases kube-sim could not express before native sidecars, signals, gates and Initialized=False
  it('covers native sidecars, signals, scheduling gates and pods still initialising', () => {
    const rows = parseTable(kubectlPods.out);
    const row = (name: string) => rows.find((r) => r.NAME === `printer-${name}`);
    expect(row('sidecar-restarted')).toMatchObject({ READY: '2/2', STATUS: 'Running' });
    expect(row('sidecar-restarted')?.RESTARTS).toMatch(/^2 \(\d+m ago\)$/);
    expect(row('sidecar-initializing')).toMatchObject({ READY: '1/2', STATUS: 'Init:1/2' });
    expect(row('signal')?.STATUS).toBe('Signal:9');
    expect(row('init-signal')?.STATUS).toBe('Init:Signal:15');
    expect(row('scheduling-gated')?.STATUS).toBe('SchedulingGated');
    expect(row('pod-initializing')?.STATUS).toBe('PodInitializing');
    expect(row('init-running')?.STATUS).toBe('Init:1/2');
    const frontend = rows.filter((r) => r.NAME.startsWith('frontend-') && r.STATUS === 'Running');
    expect(frontend.length).toBeGreaterThan(0);
    expect(new Set(frontend.map((r) => r.READY))).toEqual(new Set(['2/2']));
  });
});
