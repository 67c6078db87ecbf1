/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, SimPod } from '../../../../tools/kube-sim';
import { podHasMetrics, podMetricsItem } from '../../../../tools/kube-sim/api/metricsApi';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { parseQuantity } from '../../decode/quantity';
import { Snapshot } from '../../live/types';
import { PodsQuery } from '../../types';
import { podsModule } from './podsQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

const START = Date.UTC(2025, 2, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 5, clock: manualClock(START) });

function query(q: Partial<PodsQuery>): PodsQuery {
  return { refId: 'A', queryType: 'pods', ...q } as PodsQuery;
}

async function run(q: Partial<PodsQuery>, opts: TestContextOptions = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = testContext(sim(), opts);
  const pq = query(q);
  return lastValueFrom(podsModule.run(ctx, podsModule.resolve(pq, vars), pq));
}

async function snapshot(q: Partial<PodsQuery>): Promise<Snapshot> {
  const { ctx, vars } = testContext(sim());
  return lastValueFrom(podsModule.snapshot!(ctx, podsModule.resolve(query(q), vars)));
}

function frameOf(res: DataQueryResponse): DataFrame {
  expect(res.data).toHaveLength(1);
  return res.data[0] as DataFrame;
}

const column = (frame: DataFrame, name: string): unknown[] => {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f.values;
};

/** rows as objects keyed by field name */
function rows(frame: DataFrame): Array<Record<string, unknown>> {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}

const notices = (frame: DataFrame) => (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
const key = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
const pods = (filter: (p: SimPod) => boolean = () => true) => sim().cluster.pods.filter(filter);
const sortedKeys = (list: SimPod[]) => list.map(key).sort();

/** What metrics-server reports for a pod at the sim()'s time, summed over its containers. */
function expectedUsage(p: SimPod): { cpu: number; memory: number } | null {
  if (!podHasMetrics(p)) {
    return null;
  }
  const item = podMetricsItem(p, sim().now(), 0) as { containers: Array<{ usage: { cpu: string; memory: string } }> };
  return item.containers.reduce(
    (acc, c) => ({ cpu: acc.cpu + parseQuantity(c.usage.cpu), memory: acc.memory + parseQuantity(c.usage.memory) }),
    { cpu: 0, memory: 0 }
  );
}

type SimContainer = SimPod['containers'][number];
type Amounts = SimContainer['requests'];
/** fields a kube-sim of 1.33+ may carry: native sidecars, the resources in effect during a resize, pod-level */
type Newer = SimContainer & { restartPolicy?: string; actual?: { requests: Amounts; limits: Amounts } };
const isSidecar = (c: SimContainer) => (c as Newer).restartPolicy === 'Always';
const inEffect = (c: SimContainer) => (c as Newer).actual ?? { requests: c.requests, limits: c.limits };
const podLevel = (p: SimPod) => (p as SimPod & { resources?: { requests: Amounts } }).resources;

/** The pod's CPU request in effect: pod-level if set, else app containers and sidecars or the init peak. */
function podCpuRequest(p: SimPod): number | null {
  const level = podLevel(p)?.requests.cpu;
  if (level !== undefined) {
    return level;
  }
  let any = false;
  let sidecars = 0;
  let initPeak = 0;
  for (const c of p.initContainers) {
    const v = inEffect(c).requests.cpu;
    any ||= v !== undefined;
    if (isSidecar(c)) {
      sidecars += v ?? 0;
    } else {
      initPeak = Math.max(initPeak, sidecars + (v ?? 0));
    }
  }
  let app = 0;
  for (const c of p.containers) {
    const v = inEffect(c).requests.cpu;
    any ||= v !== undefined;
    app += v ?? 0;
  }
  return any ? Math.max(app + sidecars, initPeak) : null;
}

/**
 * kubectl's RESTARTS (printPod): while an init container has not finished, the init containers up to it;
 * once all finished, the sidecars' and app containers'. A pod without container statuses has 0.
 */
function kubectlRestarts(p: SimPod): number {
  const blocking = p.initContainers.findIndex(
    (c) => !isSidecar(c) && !(c.state === 'terminated' && (c.exitCode ?? 0) === 0)
  );
  const counted =
    blocking === -1
      ? [...p.initContainers.filter(isSidecar), ...p.containers]
      : p.initContainers.slice(0, blocking + 1);
  return counted.reduce((s, c) => s + c.restartCount, 0);
}

const podsRequests = () => sim().faults.requests.filter((r) => r.path.endsWith('/pods'));

describe('pods query against kube-sim()', () => {
  it('shows every pod once with its usage, node, workload and requests; pods without metrics stay null', async () => {
    const frame = frameOf(await run({}));
    const got = rows(frame);
    expect(got.map((r) => `${r.namespace}/${r.pod}`)).toEqual(sortedKeys(pods()));
    for (const p of pods()) {
      const row = got.find((r) => r.namespace === p.namespace && r.pod === p.name)!;
      const usage = expectedUsage(p);
      expect(row.node).toBe(p.nodeName || null);
      expect(row.status).toBeDefined();
      if (usage) {
        expect(row.cpu).toBeCloseTo(usage.cpu, 9);
        expect(row.memory).toBe(usage.memory);
      } else {
        expect(row.cpu).toBeNull();
        expect(row.memory).toBeNull();
      }
      const cpuRequest = podCpuRequest(p);
      expect(row.cpuRequest).toEqual(cpuRequest === null ? null : expect.closeTo(cpuRequest, 9));
      expect(row.restarts).toBe(kubectlRestarts(p));
    }
    // an unscheduled pod: Pending, and RESTARTS 0 as kubectl prints it
    const unscheduled = pods((p) => p.phase === 'Pending' && !p.nodeName);
    expect(unscheduled.length).toBeGreaterThan(0);
    for (const p of unscheduled) {
      expect(got.find((r) => r.pod === p.name)).toMatchObject({ status: 'Pending', restarts: 0 });
    }
    // the ReplicaSet's Deployment, not the ReplicaSet
    const frontend = got.filter((r) => String(r.pod).startsWith('frontend-'));
    expect(frontend.length).toBeGreaterThan(0);
    expect(frontend.every((r) => r.workloadKind === 'Deployment' && r.workload === 'frontend')).toBe(true);
    // one pod list, one metrics discovery and list (v1: the sim serves both, as 1.37), one ReplicaSet list
    expect(
      sim()
        .faults.requests.map((r) => r.path)
        .sort()
    ).toEqual(['/api/v1/pods', '/apis/apps/v1/replicasets', '/apis/metrics.k8s.io', '/apis/metrics.k8s.io/v1/pods']);
    const without = pods((p) => !podHasMetrics(p));
    expect(without.length).toBeGreaterThan(0);
    const text = notices(frame);
    for (const p of without) {
      expect(text).toContain(key(p));
    }
    expect(frame.meta?.notices).toHaveLength(1);
  });

  it('one namespace: reads only that namespace', async () => {
    const frame = frameOf(await run({ namespace: 'shop' }));
    expect(column(frame, 'pod').length).toBe(pods((p) => p.namespace === 'shop').length);
    expect(new Set(column(frame, 'namespace'))).toEqual(new Set(['shop']));
    const paths = sim()
      .faults.requests.map((r) => r.path)
      .sort();
    expect(paths).toEqual([
      '/api/v1/namespaces/shop/pods',
      '/apis/apps/v1/namespaces/shop/replicasets',
      '/apis/metrics.k8s.io',
      '/apis/metrics.k8s.io/v1/namespaces/shop/pods',
    ]);
  });

  it('several namespaces from a multi-value variable: one request per namespace', async () => {
    const res = await run({ namespace: '$ns' }, { vars: { ns: ['shop', 'monitoring'] } });
    expect(res.errors).toBeUndefined();
    const frame = frameOf(res);
    expect(column(frame, 'namespace').map(String).sort()).toEqual(
      pods((p) => p.namespace === 'shop' || p.namespace === 'monitoring')
        .map((p) => p.namespace)
        .sort()
    );
    expect(
      podsRequests()
        .map((r) => r.path)
        .sort()
    ).toEqual([
      '/api/v1/namespaces/monitoring/pods',
      '/api/v1/namespaces/shop/pods',
      '/apis/metrics.k8s.io/v1/namespaces/monitoring/pods',
      '/apis/metrics.k8s.io/v1/namespaces/shop/pods',
    ]);
  });

  it('several namespaces, one forbidden: the others answer, the forbidden one shows usage by name and a notice names the permission', async () => {
    sim().faults.deny('pods', { namespace: 'monitoring' });
    const res = await run({ namespace: 'shop,monitoring' });
    expect(res.errors).toBeUndefined();
    const frame = frameOf(res);
    const got = rows(frame);
    const shop = got.filter((r) => r.namespace === 'shop');
    expect(shop.length).toBe(pods((p) => p.namespace === 'shop').length);
    expect(shop.every((r) => r.node !== null)).toBe(true);
    const monitoring = got.filter((r) => r.namespace === 'monitoring');
    expect(monitoring.map((r) => r.pod).sort()).toEqual(
      pods((p) => p.namespace === 'monitoring' && podHasMetrics(p))
        .map((p) => p.name)
        .sort()
    );
    expect(monitoring.every((r) => r.cpu !== null && r.node === null && r.cpuRequest === null)).toBe(true);
    const text = notices(frame);
    expect(text).toContain('Pods of namespace monitoring could not be listed');
    expect(text).toContain('list pods');
    expect(text).toContain('usage by pod name');
  });

  it('filters by label selector on both pods and metrics', async () => {
    const frame = frameOf(await run({ labelSelector: 'app=frontend' }));
    expect(column(frame, 'pod').map(String).sort()).toEqual(
      pods((p) => p.labels.app === 'frontend')
        .map((p) => p.name)
        .sort()
    );
    for (const r of podsRequests()) {
      expect(r.query.labelSelector).toBe('app=frontend');
    }
  });

  it('filters by field selector on the Pods only (metrics.k8s.io would reject it)', async () => {
    const res = await run({ fieldSelector: 'status.phase!=Running' });
    expect(res.errors).toBeUndefined();
    const frame = frameOf(res);
    expect(column(frame, 'pod').map(String).sort()).toEqual(
      pods((p) => p.phase !== 'Running')
        .map((p) => p.name)
        .sort()
    );
    expect(sim().faults.requestsTo('/api/v1/pods')[0].query.fieldSelector).toBe('status.phase!=Running');
    expect(sim().faults.requestsTo('/apis/metrics.k8s.io')[0].query.fieldSelector).toBeUndefined();
  });

  it('filters by one node through spec.nodeName, and by several from a variable', async () => {
    const one = frameOf(await run({ nodeName: 'node-1' }));
    expect(new Set(column(one, 'node'))).toEqual(new Set(['node-1']));
    expect(column(one, 'pod').length).toBe(pods((p) => p.nodeName === 'node-1').length);
    expect(sim().faults.requestsTo('/api/v1/pods')[0].query.fieldSelector).toBe('spec.nodeName=node-1');
    expect(sim().faults.requestsTo('/apis/metrics.k8s.io')[0].query.fieldSelector).toBeUndefined();

    const two = frameOf(
      await run(
        { nodeName: '$nodes', fieldSelector: 'status.phase=Running' },
        { vars: { nodes: ['node-1', 'node-2'] } }
      )
    );
    expect(column(two, 'pod').length).toBe(
      pods((p) => (p.nodeName === 'node-1' || p.nodeName === 'node-2') && p.phase === 'Running').length
    );
    expect(new Set(column(two, 'node'))).toEqual(new Set(['node-1', 'node-2']));
  });

  it('group by container: one row per container, joined by name though metrics-server shuffles them', async () => {
    const frame = frameOf(await run({ groupBy: 'container', namespace: 'shop' }));
    const got = rows(frame);
    const shopPods = pods((p) => p.namespace === 'shop');
    // sidecars (restartable init containers) run beside the app containers and have rows of their own
    expect(got.length).toBe(
      shopPods.reduce((s, p) => s + p.containers.length + p.initContainers.filter(isSidecar).length, 0)
    );
    for (const p of shopPods.filter(podHasMetrics)) {
      const item = podMetricsItem(p, sim().now(), 0) as { containers: Array<{ name: string; usage: { cpu: string } }> };
      for (const c of item.containers) {
        const row = got.find((r) => r.pod === p.name && r.container === c.name)!;
        expect(row.cpu).toBeCloseTo(parseQuantity(c.usage.cpu), 9);
        const spec = [...p.containers, ...p.initContainers].find((x) => x.name === c.name)!;
        expect(row.containerType).toBe(isSidecar(spec) ? 'sidecar' : 'app');
        expect(row.cpuRequest).toBe(inEffect(spec).requests.cpu ?? null);
        expect(row.memoryLimit).toBe(inEffect(spec).limits.memory ?? null);
        expect(row.ready).toBe(spec.ready);
        expect(row.restarts).toBe(spec.restartCount);
      }
    }
  });

  it('group by workload, namespace and node: sums of the pod rows and counts of pods', async () => {
    const podRows = rows(frameOf(await run({})));
    const sum = (list: Array<Record<string, unknown>>, f: string) =>
      list.reduce((s, r) => s + ((r[f] as number | null) ?? 0), 0);

    const workloads = rows(frameOf(await run({ groupBy: 'workload' })));
    const frontendPods = podRows.filter((r) => r.namespace === 'shop' && r.workload === 'frontend');
    const frontend = workloads.find((r) => r.namespace === 'shop' && r.workload === 'frontend')!;
    expect(frontend.workloadKind).toBe('Deployment');
    expect(frontend.pods).toBe(frontendPods.length);
    expect(frontend.cpu).toBeCloseTo(sum(frontendPods, 'cpu'), 9);
    expect(frontend.memory).toBe(sum(frontendPods, 'memory'));

    const namespaces = rows(frameOf(await run({ groupBy: 'namespace' })));
    expect(namespaces.map((r) => r.namespace)).toEqual([...new Set(pods().map((p) => p.namespace))].sort());
    for (const ns of namespaces) {
      const members = podRows.filter((r) => r.namespace === ns.namespace);
      expect(ns.pods).toBe(members.length);
      expect(ns.memory).toBe(sum(members, 'memory'));
    }

    const nodes = rows(frameOf(await run({ groupBy: 'node' })));
    for (const n of nodes) {
      expect(n.pods).toBe(podRows.filter((r) => r.node === n.node).length);
      expect(n.cpuRequest).toBeCloseTo(
        sum(
          podRows.filter((r) => r.node === n.node),
          'cpuRequest'
        ),
        9
      );
    }
    expect(nodes.reduce((s, n) => s + (n.pods as number), 0)).toBe(pods().length);
  });

  it('sorts and keeps the top N like kubectl top pods --sort-by', async () => {
    const all = rows(frameOf(await run({})));
    const byCpu = [...all].filter((r) => r.cpu !== null).sort((a, b) => (b.cpu as number) - (a.cpu as number));
    const top = frameOf(await run({ sortBy: 'cpu', topN: 3 }));
    expect(column(top, 'pod')).toEqual(byCpu.slice(0, 3).map((r) => r.pod));

    const byMemory = [...all]
      .filter((r) => r.memory !== null)
      .sort((a, b) => (b.memory as number) - (a.memory as number));
    expect(column(frameOf(await run({ sortBy: 'memory', topN: 2 })), 'pod')).toEqual(
      byMemory.slice(0, 2).map((r) => r.pod)
    );

    const restarts = column(frameOf(await run({ sortBy: 'restarts' })), 'restarts').filter(
      (v) => v !== null
    ) as number[];
    expect(restarts).toEqual([...restarts].sort((a, b) => b - a));
    expect(restarts[0]).toBeGreaterThan(0);

    // top N without a sort ranks by CPU
    expect(column(frameOf(await run({ topN: 3 })), 'pod')).toEqual(byCpu.slice(0, 3).map((r) => r.pod));
  });

  it('metrics-server missing: the Pod objects still show, with the error saying how to install it', async () => {
    sim().faults.metricsServer('absent');
    const res = await run({ namespace: 'shop' });
    const frame = frameOf(res);
    expect(column(frame, 'pod').length).toBe(pods((p) => p.namespace === 'shop').length);
    expect(column(frame, 'cpu').every((v) => v === null)).toBe(true);
    expect(column(frame, 'cpuRequest').some((v) => v !== null)).toBe(true);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toContain('metrics-server');
    expect(res.errors![0].message).toContain('kubectl apply');
  });

  it('a pod without metrics yet keeps its row with usage null and is named in the notice', async () => {
    const target = pods((p) => p.namespace === 'shop' && podHasMetrics(p))[0];
    sim().faults.podWithoutMetrics(target.namespace, target.name);
    const frame = frameOf(await run({ namespace: 'shop' }));
    const row = rows(frame).find((r) => r.pod === target.name)!;
    expect(row.cpu).toBeNull();
    expect(row.memory).toBeNull();
    expect(row.cpuRequest).not.toBeNull();
    expect(notices(frame)).toMatch(new RegExp(`running pod\\(s\\) have no metrics yet: [^.]*${key(target)}`));
  });

  it('ReplicaSets forbidden: Deployments are named from the ReplicaSet names, with a notice', async () => {
    sim().faults.deny('replicasets');
    const res = await run({ namespace: 'shop' });
    expect(res.errors).toBeUndefined();
    const frame = frameOf(res);
    const frontend = rows(frame).filter((r) => String(r.pod).startsWith('frontend-'));
    expect(frontend.every((r) => r.workloadKind === 'Deployment' && r.workload === 'frontend')).toBe(true);
    const text = notices(frame);
    expect(text).toContain('ReplicaSets could not be read in shop');
    expect(text).toContain('replicasets');
  });

  it('Pods list forbidden: usage rows by pod name, and the error names the permission', async () => {
    sim().faults.deny('pods');
    const res = await run({});
    const frame = frameOf(res);
    expect(column(frame, 'pod').length).toBe(pods(podHasMetrics).length);
    expect(column(frame, 'cpu').every((v) => v !== null)).toBe(true);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toContain('list pods');
    expect(res.errors![0].message).toContain('Add the rule');
    expect(sim().faults.requestsTo('/apis/apps')).toHaveLength(0);
  });

  it('Pods list forbidden with a node filter: no unfiltered usage is shown', async () => {
    sim().faults.deny('pods');
    const res = await run({ nodeName: 'node-1' });
    expect(frameOf(res).length).toBe(0);
    expect(res.errors![0].message).toContain('need the Pod objects');
  });

  it('both reads failing: no frame, the errors only', async () => {
    sim().faults.deny('pods');
    sim().faults.metricsServer('unavailable');
    const res = await run({});
    expect(res.data).toEqual([]);
    expect(res.errors!.map((e) => e.message).join('\n')).toContain('list pods');
    expect(res.errors!.length).toBe(2);
  });

  it('rejects an invalid namespace from a variable before any request', () => {
    const { vars } = testContext(sim(), { vars: { ns: ['shop', '../kube-system'] } });
    expect(() => podsModule.resolve(query({ namespace: '$ns' }), vars)).toThrow(/not a valid namespace name/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it.each([{ groupBy: 'deployment' }, { sortBy: 'size' }, { topN: -2 }, { topN: 1.5 }])('rejects %p', (bad) => {
    const { vars } = testContext(sim());
    expect(() => podsModule.resolve(query(bad as Partial<PodsQuery>), vars)).toThrow();
  });

  it('snapshot: CPU and memory samples per row, labelled by the grouping', async () => {
    const byPod = await snapshot({ namespace: 'shop' });
    const withMetrics = pods((p) => p.namespace === 'shop' && podHasMetrics(p));
    expect(byPod.samples.filter((s) => s.metric === 'cpu')).toHaveLength(withMetrics.length);
    const one = withMetrics[0];
    const cpu = byPod.samples.find((s) => s.metric === 'cpu' && s.labels.pod === one.name)!;
    expect(cpu.value).toBeCloseTo(expectedUsage(one)!.cpu, 9);
    expect(cpu.labels).toEqual(expect.objectContaining({ namespace: 'shop', pod: one.name, node: one.nodeName }));
    expect(cpu.labels.workload).toMatch(/^(Deployment|StatefulSet|DaemonSet|Pod)\//);
    expect(cpu.unit).toBe('suffix: cores');
    expect(byPod.samples.find((s) => s.metric === 'memory' && s.labels.pod === one.name)!.unit).toBe('bytes');

    const byContainer = await snapshot({ namespace: 'shop', groupBy: 'container' });
    expect(byContainer.samples.every((s) => s.labels.container)).toBe(true);
    const byNode = await snapshot({ groupBy: 'node' });
    expect(byNode.samples.every((s) => Object.keys(s.labels).join() === 'node')).toBe(true);
    const byNs = await snapshot({ groupBy: 'namespace', topN: 2, sortBy: 'memory' });
    expect(byNs.samples.filter((s) => s.metric === 'memory')).toHaveLength(2);
    expect(byNs.samples.every((s) => Object.keys(s.labels).join() === 'namespace')).toBe(true);
  });

  it('sourceKey differs for every parameter', () => {
    const { ctx, vars } = testContext(sim());
    const keyOf = (q: Partial<PodsQuery>) => podsModule.sourceKey!(ctx, podsModule.resolve(query(q), vars));
    const variants: Array<Partial<PodsQuery>> = [
      {},
      { namespace: 'shop' },
      { nodeName: 'node-1' },
      { labelSelector: 'app=x' },
      { fieldSelector: 'status.phase=Running' },
      { groupBy: 'container' },
      { sortBy: 'cpu' },
      { topN: 5 },
    ];
    const keys = variants.map(keyOf);
    expect(new Set(keys).size).toBe(variants.length);
    expect(keys.every((k) => k.startsWith('test-uid/'))).toBe(true);
    expect(keyOf({ namespace: 'shop' })).toBe(keys[1]);
  });
});
