/** @jest-environment jsdom */
import { DataQueryResponse, DataFrame, FieldType } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';

import type { HarnessOptions } from '../../tools/proxy-harness';
import { startKubeSim } from '../../tools/kube-sim';
import { KubeDataSource } from './datasource';
import { KubeQuery } from './types';
import { kubeSimForTests } from './testing/kubeSim';
import { harnessDataSource, queryRequest } from './testing/harnessDataSource';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => {
    throw new Error('tests must go through the proxy harness');
  },
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

const sim = kubeSimForTests({ nodes: 4, podsPerNode: 3, seed: 11 });

/** Variables as Grafana's template service would replace them (csv for multi-value). */
function templateSrv(vars: Record<string, string | string[]>) {
  return {
    replace: (text: string, _scoped?: unknown, format?: unknown) =>
      text.replace(/\$(\w+)/g, (m, name: string) => {
        const v = vars[name];
        if (v === undefined) {
          return m;
        }
        return Array.isArray(v) ? (format === 'csv' ? v.join(',') : `{${v.join(',')}}`) : v;
      }),
  };
}

function makeDs(opts: Partial<HarnessOptions> = {}, vars: Record<string, string | string[]> = {}) {
  return harnessDataSource(sim(), { harness: opts, templateSrv: templateSrv(vars) });
}

async function runNodes(ds: KubeDataSource, q: Partial<KubeQuery> = {}): Promise<DataQueryResponse> {
  const responses = await lastValueFrom(
    ds.query(queryRequest([{ refId: 'A', queryType: 'nodes', ...q } as KubeQuery])).pipe(toArray())
  );
  expect(responses).toHaveLength(1);
  return responses[0];
}

const column = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!.values;

describe('nodes query through the proxy harness', () => {
  it('joins every node with its metrics, like kubectl top nodes + get nodes', async () => {
    const { ds } = makeDs();
    const res = await runNodes(ds);
    expect(res.errors).toBeUndefined();
    const frame: DataFrame = res.data[0];
    const expected = sim()
      .cluster.nodes.map((n) => n.name)
      .sort();
    expect(column(frame, 'node')).toEqual(expected);
    for (let i = 0; i < expected.length; i++) {
      const node = sim().cluster.nodes.find((n) => n.name === expected[i])!;
      expect(column(frame, 'cpuAllocatable')[i]).toBeCloseTo(node.allocatable.cpu, 6);
      expect(column(frame, 'memoryAllocatable')[i]).toBe(node.allocatable.memory);
      expect(column(frame, 'cpu')[i]).toBeGreaterThan(0);
      expect(column(frame, 'memory')[i]).toBeGreaterThan(0);
      expect(column(frame, 'cpuPercent')[i]).toBeCloseTo(column(frame, 'cpu')[i] / node.allocatable.cpu, 9);
      expect(column(frame, 'ready')[i]).toBe(node.ready ? 'Ready' : 'NotReady');
      expect(column(frame, 'kubeletVersion')[i]).toBe(node.kubeletVersion);
    }
    expect(column(frame, 'roles')).toContain('control-plane');
    expect(frame.fields.find((f) => f.name === 'memory')!.config.unit).toBe('bytes');
    expect(frame.fields.find((f) => f.name === 'age')!.type).toBe(FieldType.number);
  });

  it('sends the token from secureJsonData through the route, never from the browser', async () => {
    const { ds, harness } = makeDs();
    await runNodes(ds);
    expect(JSON.stringify(harness.instanceSettings())).not.toContain(sim().token);
    expect(harness.requests.length).toBeGreaterThan(0);
    for (const r of harness.requests) {
      expect(r.method).toBe('GET');
      expect(r.headers.authorization).toBe(`Bearer ${sim().token}`);
    }
  });

  it('filters by one node name on the server and by several from a multi-value variable', async () => {
    const names = sim()
      .cluster.nodes.map((n) => n.name)
      .sort();
    const one = await runNodes(makeDs().ds, { nodeName: names[1] });
    expect(column(one.data[0], 'node')).toEqual([names[1]]);

    const multi = await runNodes(makeDs({}, { node: [names[0], names[2]] }).ds, { nodeName: '$node' });
    expect(column(multi.data[0], 'node')).toEqual([names[0], names[2]]);
  });

  it('filters by a label selector', async () => {
    const res = await runNodes(makeDs().ds, { labelSelector: 'node-role.kubernetes.io/control-plane' });
    const cp = sim()
      .cluster.nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in n.labels)
      .map((n) => n.name);
    expect(column(res.data[0], 'node')).toEqual(cp.sort());
  });

  it('rejects an invalid node name from a variable before any request is made', async () => {
    const { ds, harness } = makeDs({}, { node: '../../secrets' });
    const res = await runNodes(ds, { nodeName: '$node' });
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/not a valid node name/);
    expect(harness.requests).toHaveLength(0);
  });

  it('names a node that does not exist', async () => {
    const res = await runNodes(makeDs().ds, { nodeName: 'no-such-node' });
    expect(res.errors?.[0].message).toMatch(/no-such-node/);
  });

  it('follows continue tokens across pages', async () => {
    const big = await startKubeSim({ nodes: 23, podsPerNode: 1, seed: 3 });
    try {
      const { ds } = harnessDataSource(big, { templateSrv: templateSrv({}) });
      const res = await runNodes(ds);
      expect(column(res.data[0], 'node')).toHaveLength(23);
    } finally {
      await big.stop();
    }
  });

  it('says the credentials were rejected on a wrong token', async () => {
    const res = await runNodes(makeDs({ secureJsonData: { token: 'wrong' } }).ds);
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/credentials|token/i);
  });

  it('keeps the usage when the Node objects are forbidden, and names the missing permission', async () => {
    sim().faults.deny('nodes');
    const res = await runNodes(makeDs().ds);
    expect(res.errors?.[0].message).toMatch(/list/);
    expect(res.errors?.[0].message).toMatch(/nodes/);
    expect(column(res.data[0], 'node')).toHaveLength(sim().cluster.nodes.length);
    expect(column(res.data[0], 'cpu').every((v: number | null) => v !== null && v > 0)).toBe(true);
  });

  it('keeps the nodes when metrics-server is missing, and says how to fix it', async () => {
    sim().faults.metricsServer('absent');
    const res = await runNodes(makeDs().ds);
    expect(res.errors?.[0].message).toMatch(/metrics-server/);
    const frame = res.data[0];
    expect(column(frame, 'node')).toHaveLength(sim().cluster.nodes.length);
    expect(column(frame, 'cpu').every((v: unknown) => v === null)).toBe(true);
  });

  it('says metrics-server is unavailable on the aggregator 503', async () => {
    sim().faults.metricsServer('unavailable');
    const res = await runNodes(makeDs().ds);
    expect(res.errors?.[0].message).toMatch(/metrics-server/);
    expect(res.errors?.[0].message).toMatch(/not available|unavailable/i);
  });

  it('keeps a node without metrics yet and notes it', async () => {
    const name = sim().cluster.nodes[0].name;
    sim().faults.nodeWithoutMetrics(name);
    const res = await runNodes(makeDs().ds);
    const frame = res.data[0];
    const i = column(frame, 'node').indexOf(name);
    expect(column(frame, 'cpu')[i]).toBeNull();
    expect(frame.meta?.notices?.map((n: { text: string }) => n.text).join(' ')).toContain(name);
  });

  it('reports a malformed body instead of a blank panel', async () => {
    sim().faults.malformed('/api/v1/nodes');
    const res = await runNodes(makeDs().ds);
    expect(res.errors?.[0].message).toMatch(/malformed|not valid JSON|unexpected/i);
  });

  it('reports an API server that does not answer', async () => {
    const { ds } = makeDs({ url: 'http://127.0.0.1:1' });
    const res = await runNodes(ds);
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/reach|connect/i);
  });
});

describe('time series and live queries through the sampler', () => {
  it('answers a time-series nodes query with one series per node and value', async () => {
    const { ds } = makeDs();
    try {
      const res = await runNodes(ds, { format: 'timeseries' });
      expect(res.errors ?? []).toEqual([]);
      const frames: DataFrame[] = res.data;
      const cpuSeries = frames.filter((f) => f.fields[1]?.name === 'cpu');
      expect(cpuSeries).toHaveLength(sim().cluster.nodes.length);
      for (const f of cpuSeries) {
        expect(f.fields[0].type).toBe(FieldType.time);
        expect(f.fields[1].values[0]).toBeGreaterThan(0);
        expect(Object.keys(f.fields[1].labels ?? {})).toContain('node');
      }
    } finally {
      ds.sampler.dispose();
    }
  });

  it('streams a live nodes query until unsubscribed, and then stops polling', async () => {
    const { ds, harness } = makeDs({ jsonData: { pollIntervalSeconds: 5 } });
    try {
      const first = await new Promise<DataQueryResponse>((resolve, reject) => {
        const sub = ds.query(queryRequest([{ refId: 'A', queryType: 'nodes', live: true } as KubeQuery])).subscribe({
          next: (r) => {
            sub.unsubscribe();
            resolve(r);
          },
          error: reject,
        });
      });
      expect(first.state).toBe('Streaming');
      expect(first.key).toBe('A');
      expect(first.data.length).toBeGreaterThan(0);
      expect(harness.requests.some((r) => r.url.includes('/apis/metrics.k8s.io/v1/nodes'))).toBe(true);
    } finally {
      ds.sampler.dispose();
      expect(ds.sampler.activeSources()).toEqual([]);
    }
  });
});

describe('logs through the data source', () => {
  it('returns a logs frame for one pod over the panel time range, with Explore-ready meta', async () => {
    const pod = sim().cluster.pods.find((p) => p.phase === 'Running' && p.containers.length === 1)!;
    const { ds } = makeDs();
    const responses = await lastValueFrom(
      ds
        .query(
          queryRequest([{ refId: 'L', queryType: 'logs', namespace: pod.namespace, podName: pod.name } as KubeQuery])
        )
        .pipe(toArray())
    );
    const last = responses[responses.length - 1];
    expect(last.errors ?? []).toEqual([]);
    const frame: DataFrame = last.data[0];
    expect(frame.meta?.type).toBe('log-lines');
    expect(frame.meta?.preferredVisualisationType).toBe('logs');
    expect(frame.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['timestamp', 'body', 'severity', 'id', 'labels'])
    );
    expect(frame.length).toBeGreaterThan(0);
    const labels = frame.fields.find((f) => f.name === 'labels')!.values[0];
    expect(labels).toMatchObject({ namespace: pod.namespace, pod: pod.name, container: pod.containers[0].name });
  });

  it('rejects a hostile pod name before any request', async () => {
    const { ds, harness } = makeDs({}, { pod: 'web/../../nodes' });
    const responses = await lastValueFrom(
      ds
        .query(queryRequest([{ refId: 'L', queryType: 'logs', namespace: 'default', podName: '$pod' } as KubeQuery]))
        .pipe(toArray())
    );
    expect(responses[0].errors?.[0].message).toMatch(/not a valid pod name/);
    expect(harness.requests).toHaveLength(0);
  });
});

describe('kubelet queries through the data source', () => {
  it('reads the Summary API of every node when kubelet access is on', async () => {
    const { ds } = makeDs({ jsonData: { kubeletAccess: true } });
    const res = await lastValueFrom(
      ds.query(queryRequest([{ refId: 'S', queryType: 'summary', scope: 'node' } as KubeQuery])).pipe(toArray())
    );
    expect(res[0].errors ?? []).toEqual([]);
    const frame: DataFrame = res[0].data[0];
    expect(frame.length).toBe(sim().cluster.nodes.length);
  });

  it('says kubelet access is off instead of asking the kubelet', async () => {
    const { ds, harness } = makeDs();
    const res = await lastValueFrom(
      ds.query(queryRequest([{ refId: 'S', queryType: 'summary' } as KubeQuery])).pipe(toArray())
    );
    expect(res[0].errors?.[0].message).toMatch(/Kubelet access is off/);
    expect(harness.requests.some((r) => r.url.includes('/proxy/'))).toBe(false);
  });

  it('offers the metric names a kubelet endpoint serves', async () => {
    const { ds } = makeDs({ jsonData: { kubeletAccess: true } });
    const names = await ds.getKubeletMetricNames(undefined, 'metrics/resource');
    expect(names).toEqual(
      expect.arrayContaining(['container_cpu_usage_seconds_total', 'node_memory_working_set_bytes'])
    );
  });
});

describe('pods through the data source', () => {
  it('answers kubectl top pods for one namespace, sorted by CPU, top 3', async () => {
    const ns = sim().cluster.pods.find((p) => p.phase === 'Running')!.namespace;
    const { ds } = makeDs();
    const res = await lastValueFrom(
      ds
        .query(queryRequest([{ refId: 'P', queryType: 'pods', namespace: ns, sortBy: 'cpu', topN: 3 } as KubeQuery]))
        .pipe(toArray())
    );
    expect(res[0].errors ?? []).toEqual([]);
    const frame: DataFrame = res[0].data[0];
    expect(frame.length).toBeGreaterThan(0);
    expect(frame.length).toBeLessThanOrEqual(3);
    const cpu = frame.fields.find((f) => f.name === 'cpu')!.values as Array<number | null>;
    const sorted = [...cpu].sort((a, b) => (b ?? -1) - (a ?? -1));
    expect(cpu).toEqual(sorted);
  });
});

describe('objects and events through the data source', () => {
  it('lists deployments like kubectl get deployments', async () => {
    const { ds } = makeDs();
    const res = await lastValueFrom(
      ds
        .query(queryRequest([{ refId: 'O', queryType: 'objects', resource: 'deployments' } as KubeQuery]))
        .pipe(toArray())
    );
    expect(res[0].errors ?? []).toEqual([]);
    const frame: DataFrame = res[0].data[0];
    expect(frame.length).toBe(sim().cluster.workloads.filter((w) => w.kind === 'Deployment').length);
  });

  it('counts pods by status over time when asked for time series', async () => {
    const { ds } = makeDs();
    try {
      const res = await lastValueFrom(
        ds
          .query(
            queryRequest([{ refId: 'O', queryType: 'objects', resource: 'pods', format: 'timeseries' } as KubeQuery])
          )
          .pipe(toArray())
      );
      const frames: DataFrame[] = res[0].data;
      const total = frames.reduce((sum, f) => sum + (f.fields[1].values[0] as number), 0);
      expect(total).toBe(sim().cluster.pods.length);
      const running = frames.find((f) => f.fields[1].labels?.status === 'Running');
      expect(running?.fields[1].values[0]).toBe(
        sim().cluster.pods.filter((p) => p.phase === 'Running' && p.containers.every((c) => c.state === 'running'))
          .length
      );
    } finally {
      ds.sampler.dispose();
    }
  });

  it('counts warning events by reason over time when asked for time series', async () => {
    const { ds } = makeDs();
    try {
      const res = await lastValueFrom(
        ds
          .query(
            queryRequest([{ refId: 'E', queryType: 'events', eventType: 'Warning', format: 'timeseries' } as KubeQuery])
          )
          .pipe(toArray())
      );
      const frames: DataFrame[] = res[0].data;
      const byReason = new Map<string, number>();
      for (const e of sim().cluster.events.filter((x) => x.type === 'Warning')) {
        byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
      }
      expect(frames.length).toBe(byReason.size);
      for (const f of frames) {
        const labels = f.fields[1].labels!;
        expect(labels.type).toBe('Warning');
        expect(f.fields[1].values[0]).toBe(byReason.get(labels.reason));
      }
    } finally {
      ds.sampler.dispose();
    }
  });

  it('offers warning events as annotations with plain text', async () => {
    const { ds } = makeDs();
    const annotations = ds.annotations!;
    const target = annotations.prepareAnnotation!({ name: 'Warnings', enable: true, iconColor: 'red' } as never);
    const query = annotations.prepareQuery!(target) as KubeQuery;
    const res = await lastValueFrom(ds.query(queryRequest([{ ...query, refId: 'Anno' }])).pipe(toArray()));
    const events = await lastValueFrom(annotations.processEvents!(target, res[0].data) as never);
    const warnings = sim().cluster.events.filter((e) => e.type === 'Warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect((events as unknown[]).length).toBeGreaterThan(0);
    for (const e of events as Array<{ text: string; tags: string[] }>) {
      expect(e.tags).toContain('Warning');
      expect(e.text).not.toMatch(/<[a-z]/i);
    }
  });
});
