/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { summaryObject } from '../../../../tools/kube-sim/kubelet';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { Snapshot } from '../../live/types';
import { SummaryQuery } from '../../types';
import { summaryModule } from './summaryQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

type Obj = Record<string, unknown>;

const START = Date.UTC(2025, 2, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 5, clock: manualClock(START) });

function setup(opts: TestContextOptions = {}) {
  return testContext(sim(), { kubeletAccess: true, ...opts });
}

async function run(q: Partial<SummaryQuery>, opts: TestContextOptions = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = setup(opts);
  const query = { refId: 'A', queryType: 'summary', ...q } as SummaryQuery;
  return lastValueFrom(summaryModule.run(ctx, summaryModule.resolve(query, vars), query));
}

async function snapshot(q: Partial<SummaryQuery>): Promise<Snapshot> {
  const { ctx, vars } = setup();
  const query = { refId: 'A', queryType: 'summary', ...q } as SummaryQuery;
  return lastValueFrom(summaryModule.snapshot!(ctx, summaryModule.resolve(query, vars)));
}

const field = (frame: DataFrame, name: string) => {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f;
};
const column = (frame: DataFrame, name: string) => field(frame, name).values;

/** kube-sim()'s own Summary for a node at the sim()'s time, as a plain object (bigint counters kept). */
function expected(nodeName: string): { node: Obj; pods: Obj[] } {
  const node = sim().cluster.nodes.find((n) => n.name === nodeName)!;
  return summaryObject(sim().cluster, node, sim().now()) as unknown as { node: Obj; pods: Obj[] };
}

const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
const asNumber = (v: unknown) => (v === undefined ? null : Number(v));
const nodeNames = () =>
  sim()
    .cluster.nodes.map((n) => n.name)
    .sort();

describe('summary query against kube-sim()', () => {
  it('answers nothing and asks nothing when kubelet access is off', async () => {
    const res = await run({ scope: 'node' }, { kubeletAccess: false });
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toContain('Kubelet access is off');
    expect(res.errors?.[0].message).toContain('nodes/proxy');
    expect(res.errors?.[0].message).toContain('docs/rbac.md');
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('node scope: one row per node with the values the kubelet reported, in Grafana units', async () => {
    const res = await run({ scope: 'node' });
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'node')).toEqual(nodeNames());
    // every node's list came first, then one Summary per node
    expect(
      sim()
        .faults.requestsTo('/api/v1/nodes/')
        .filter((r) => r.path.endsWith('/proxy/stats/summary'))
    ).toHaveLength(nodeNames().length);
    frame.fields.forEach((f) => expect(f.values).toHaveLength(nodeNames().length));

    nodeNames().forEach((name, i) => {
      const n = expected(name).node;
      expect(column(frame, 'cpu')[i]).toBeCloseTo(Number(get(n, 'cpu', 'usageNanoCores')) / 1e9, 9);
      expect(column(frame, 'memoryWorkingSet')[i]).toBe(asNumber(get(n, 'memory', 'workingSetBytes')));
      expect(column(frame, 'memoryRss')[i]).toBe(asNumber(get(n, 'memory', 'rssBytes')));
      expect(column(frame, 'pageFaults')[i]).toBe(asNumber(get(n, 'memory', 'pageFaults')));
      expect(column(frame, 'rxBytes')[i]).toBe(asNumber(get(n, 'network', 'rxBytes')));
      expect(column(frame, 'txErrors')[i]).toBe(asNumber(get(n, 'network', 'txErrors')));
      expect(column(frame, 'fsUsed')[i]).toBe(asNumber(get(n, 'fs', 'usedBytes')));
      expect(column(frame, 'fsInodesFree')[i]).toBe(asNumber(get(n, 'fs', 'inodesFree')));
      expect(column(frame, 'imageFsCapacity')[i]).toBe(asNumber(get(n, 'runtime', 'imageFs', 'capacityBytes')));
      expect(column(frame, 'containerFsAvailable')[i]).toBe(
        asNumber(get(n, 'runtime', 'containerFs', 'availableBytes'))
      );
      expect(column(frame, 'processes')[i]).toBe(asNumber(get(n, 'rlimit', 'curproc')));
      // the node's memory has no limit above it in kube-sim(): no availableBytes, so an empty cell, not 0
      expect(column(frame, 'memoryAvailable')[i]).toBe(asNumber(get(n, 'memory', 'availableBytes')));
      // only node-2 has swap in kube-sim(): the others have an empty cell
      expect(column(frame, 'swapUsage')[i]).toBe(asNumber(get(n, 'swap', 'swapUsageBytes')));
      expect(column(frame, 'memoryPsiSomeAvg60')[i]).toBe(get(n, 'memory', 'psi', 'some', 'avg60'));
    });

    expect(field(frame, 'cpu').config.unit).toBe('suffix: cores');
    expect(field(frame, 'memoryWorkingSet').config.unit).toBe('bytes');
    expect(field(frame, 'pageFaults').config.unit).toBe('short');
    expect(field(frame, 'fsUsedPercent').config.unit).toBe('percentunit');
    expect(field(frame, 'time').type).toBe(FieldType.time);
    expect(field(frame, 'rxBytes').config.displayName).toBe('Network received');
  });

  it('tells which node is under memory pressure and which pods swap', async () => {
    const nodes = (await run({ scope: 'node' })).data[0] as DataFrame;
    const pressure = column(nodes, 'memoryPsiSomeAvg10') as number[];
    expect(column(nodes, 'node')[pressure.indexOf(Math.max(...pressure))]).toBe('node-2');
    expect(field(nodes, 'memoryPsiSomeAvg10').config.unit).toBe('percent');
    expect(column(nodes, 'swapUsage').filter((v) => v !== null)).toHaveLength(1);

    const pods = (await run({ scope: 'pod' })).data[0] as DataFrame;
    const swapping = column(pods, 'pod').filter((_, i) => (column(pods, 'swapUsage')[i] ?? 0) > 0);
    expect(swapping.length).toBeGreaterThan(0);
    swapping.forEach((p) => expect(column(pods, 'node')[column(pods, 'pod').indexOf(p)]).toBe('node-2'));
  });

  it('pod scope keeps the pods of the namespaces asked, on the node asked', async () => {
    const res = await run({ scope: 'pod', nodeName: 'node-1', namespace: 'kube-system,shop' });
    const frame = res.data[0] as DataFrame;
    const pods = expected('node-1').pods.filter((p) =>
      ['kube-system', 'shop'].includes(get(p, 'podRef', 'namespace') as string)
    );
    expect(pods.length).toBeGreaterThan(0);
    expect(frame.length).toBe(pods.length);
    expect(new Set(column(frame, 'node'))).toEqual(new Set(['node-1']));
    for (const p of pods) {
      const i = column(frame, 'pod').indexOf(get(p, 'podRef', 'name'));
      expect(i).toBeGreaterThanOrEqual(0);
      expect(column(frame, 'namespace')[i]).toBe(get(p, 'podRef', 'namespace'));
      expect(column(frame, 'memoryWorkingSet')[i]).toBe(asNumber(get(p, 'memory', 'workingSetBytes')));
      expect(column(frame, 'txBytes')[i]).toBe(asNumber(get(p, 'network', 'txBytes')));
      expect(column(frame, 'ephemeralUsed')[i]).toBe(asNumber(get(p, 'ephemeral-storage', 'usedBytes')));
      expect(column(frame, 'processes')[i]).toBe(asNumber(get(p, 'process_stats', 'process_count')));
    }
    // only node-1 was asked: no node list, one Summary
    expect(sim().faults.requests.map((r) => r.path)).toEqual(['/api/v1/nodes/node-1/proxy/stats/summary']);
  });

  it('container scope: memory available only where the container has a memory limit', async () => {
    const res = await run({ scope: 'container', nodeName: 'node-2' });
    const frame = res.data[0] as DataFrame;
    const containers = expected('node-2').pods.flatMap((p) =>
      (get(p, 'containers') as Obj[]).map((c) => ({ pod: get(p, 'podRef', 'name'), c }))
    );
    expect(frame.length).toBe(containers.length);
    let withLimit = 0;
    let withoutLimit = 0;
    for (const { pod, c } of containers) {
      const i = column(frame, 'pod').findIndex((p, j) => p === pod && column(frame, 'container')[j] === c.name);
      expect(i).toBeGreaterThanOrEqual(0);
      const available = get(c, 'memory', 'availableBytes');
      expect(column(frame, 'memoryAvailable')[i]).toBe(asNumber(available));
      available === undefined ? withoutLimit++ : withLimit++;
      expect(column(frame, 'rootfsUsed')[i]).toBe(asNumber(get(c, 'rootfs', 'usedBytes')));
      expect(column(frame, 'logsUsed')[i]).toBe(asNumber(get(c, 'logs', 'usedBytes')));
    }
    // kube-sim() has both kinds of container, so both branches were checked
    expect(withLimit).toBeGreaterThan(0);
    expect(withoutLimit).toBeGreaterThan(0);
  });

  it('volume scope shows PVC names, sizes and inodes', async () => {
    const res = await run({ scope: 'volume', namespace: 'shop' });
    const frame = res.data[0] as DataFrame;
    const volumes = nodeNames().flatMap((n) =>
      expected(n)
        .pods.filter((p) => get(p, 'podRef', 'namespace') === 'shop')
        .flatMap((p) =>
          ((get(p, 'volume') as Obj[] | undefined) ?? []).map((v) => ({ pod: get(p, 'podRef', 'name'), v }))
        )
    );
    expect(frame.length).toBe(volumes.length);
    const pvcs = volumes.filter(({ v }) => v.pvcRef !== undefined);
    expect(pvcs.length).toBeGreaterThan(0);
    for (const { pod, v } of volumes) {
      const i = column(frame, 'pod').findIndex((p, j) => p === pod && column(frame, 'volume')[j] === v.name);
      expect(column(frame, 'pvc')[i]).toBe(get(v, 'pvcRef', 'name') ?? null);
      expect(column(frame, 'used')[i]).toBe(asNumber(v.usedBytes));
      expect(column(frame, 'capacity')[i]).toBe(asNumber(v.capacityBytes));
      expect(column(frame, 'inodesUsed')[i]).toBe(asNumber(v.inodesUsed));
    }
    expect(field(frame, 'used').config.unit).toBe('bytes');
  });

  it('asks the nodes of a multi-value variable, and no node list', async () => {
    const res = await run({ scope: 'node', nodeName: '$node' }, { vars: { node: ['node-3', 'node-1'] } });
    expect(column(res.data[0], 'node')).toEqual(['node-1', 'node-3']);
    expect(sim().faults.requests.some((r) => r.path === '/api/v1/nodes')).toBe(false);
  });

  it('leaves out an unreachable node with a notice naming it; the others answer', async () => {
    sim().faults.unreachableNode('node-2');
    const res = await run({ scope: 'node' });
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'node')).toEqual(nodeNames().filter((n) => n !== 'node-2'));
    const notice = frame.meta?.notices?.find((n) => n.text.includes('node-2'));
    expect(notice?.severity).toBe('warning');
    expect(notice?.text).toContain('could not reach the kubelet');
  });

  it('leaves out a node whose body is not a Summary, naming the node', async () => {
    sim().faults.malformed('/api/v1/nodes/node-1/proxy/stats/summary');
    const res = await run({ scope: 'pod' });
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'node')).not.toContain('node-1');
    expect(column(frame, 'node')).toContain('node-2');
    const notice = frame.meta?.notices?.find((n) => n.text.includes('node-1'));
    expect(notice?.text).toMatch(/Summary that cannot be read/);
  });

  it('fails with a clear error naming nodes/proxy when it is denied', async () => {
    sim().faults.deny('nodes/proxy');
    const res = await run({ scope: 'node' });
    expect(res.data).toEqual([]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toContain('nodes/proxy');
    expect(res.errors![0].message).toContain(`No node answered`);
    expect(res.errors![0].status).toBe(403);
  });

  it('fails clearly when the node list itself is denied', async () => {
    sim().faults.deny('nodes', { verb: 'list' });
    const res = await run({ scope: 'node' });
    expect(res.data).toEqual([]);
    expect(res.errors![0].message).toMatch(/list nodes/);
  });

  it('refuses an invalid name before any request', () => {
    const { vars } = setup();
    const query = { refId: 'A', queryType: 'summary', scope: 'pod', namespace: 'Shop/../x' } as SummaryQuery;
    expect(() => summaryModule.resolve(query, vars)).toThrow(/not a valid namespace name/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('snapshot: gauges and bigint counters with the stats own time', async () => {
    const snap = await snapshot({ scope: 'pod', nodeName: 'node-3', namespace: 'shop' });
    expect(snap.errors).toBeUndefined();
    const pod = expected('node-3').pods.find((p) => get(p, 'podRef', 'namespace') === 'shop')!;
    const key = `shop/${get(pod, 'podRef', 'name') as string}`;
    const of = (metric: string) => snap.samples.find((s) => s.key === key && s.metric === metric)!;

    const rx = of('rxBytes');
    expect(rx.counter).toBe(true);
    expect(typeof rx.value).toBe('bigint');
    expect(rx.value).toBe(get(pod, 'network', 'rxBytes'));
    expect(rx.unit).toBe('Bps');
    expect(rx.timeMs).toBe(Date.parse(get(pod, 'network', 'time') as string));

    const cpu = of('cpu');
    expect(cpu.counter).toBe(false);
    expect(cpu.value).toBeCloseTo(Number(get(pod, 'cpu', 'usageNanoCores')) / 1e9, 9);
    expect(cpu.unit).toBe('suffix: cores');
    expect(cpu.timeMs).toBe(Date.parse(get(pod, 'cpu', 'time') as string));
    expect(cpu.labels).toEqual({ node: 'node-3', namespace: 'shop', pod: get(pod, 'podRef', 'name') });

    // pods have no memory limit of their own in kube-sim(): no availability sample rather than a zero
    expect(snap.samples.some((s) => s.key === key && s.metric === 'memoryAvailable')).toBe(
      get(pod, 'memory', 'availableBytes') !== undefined
    );
  });

  it('snapshot: a node down is a notice; every node down is an error', async () => {
    sim().faults.unreachableNode('node-1');
    const partial = await snapshot({ scope: 'node' });
    expect(partial.errors).toBeUndefined();
    expect(partial.notices?.[0].text).toContain('node-1');
    expect(new Set(partial.samples.map((s) => s.labels.node))).toEqual(
      new Set(nodeNames().filter((n) => n !== 'node-1'))
    );

    sim().faults.deny('nodes/proxy');
    const none = await snapshot({ scope: 'node' });
    expect(none.samples).toEqual([]);
    expect(none.errors?.[0].message).toContain('nodes/proxy');
  });

  it('source keys differ by every parameter', () => {
    const { ctx, vars } = setup();
    const key = (q: Partial<SummaryQuery>) =>
      summaryModule.sourceKey!(ctx, summaryModule.resolve({ refId: 'A', queryType: 'summary', ...q }, vars));
    const keys = [
      key({}),
      key({ scope: 'pod' }),
      key({ scope: 'pod', namespace: 'shop' }),
      key({ scope: 'pod', podName: 'x' }),
      key({ nodeName: 'node-1' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('test-uid/'))).toBe(true);
  });
});
