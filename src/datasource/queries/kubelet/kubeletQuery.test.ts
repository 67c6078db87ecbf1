/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { containerUsageAt, manualClock } from '../../../../tools/kube-sim';
import { metricsCadvisorText } from '../../../../tools/kube-sim/kubelet';
import { runningContainers as kubeletContainers } from '../../../../tools/kube-sim/kubelet/stats';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { KubeError } from '../../kube/errors';
import { Snapshot } from '../../live/types';
import { KubeletQuery } from '../../types';
import { kubeletLabelValues, kubeletMetricNames, kubeletMetricNamesFor, kubeletModule } from './kubeletQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

const START = Date.UTC(2025, 2, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 5, clock: manualClock(START) });

function setup(opts: TestContextOptions = {}) {
  return testContext(sim(), { kubeletAccess: true, ...opts });
}

function query(q: Partial<KubeletQuery>): KubeletQuery {
  return { refId: 'A', queryType: 'kubelet', ...q } as KubeletQuery;
}

async function run(q: Partial<KubeletQuery>, opts: TestContextOptions = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = setup(opts);
  return lastValueFrom(kubeletModule.run(ctx, kubeletModule.resolve(query(q), vars), query(q)));
}

async function snapshot(q: Partial<KubeletQuery>): Promise<Snapshot> {
  const { ctx, vars } = setup();
  return lastValueFrom(kubeletModule.snapshot!(ctx, kubeletModule.resolve(query(q), vars)));
}

const column = (frame: DataFrame, name: string) => {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f.values;
};

/** Running containers (native sidecars too) of running pods on a node, from kube-sim()'s model: what the kubelet reports. */
function runningContainers(node: string, namespaces?: string[]) {
  return sim()
    .cluster.pods.filter(
      (p) => p.nodeName === node && p.phase === 'Running' && (!namespaces || namespaces.includes(p.namespace))
    )
    .flatMap((p) => kubeletContainers(p).map((c) => ({ pod: p, c })));
}

const nodeNames = () =>
  sim()
    .cluster.nodes.map((n) => n.name)
    .sort();

describe('kubelet query against kube-sim()', () => {
  it('reads the swap series of the swap node (node-2) in bytes, and none elsewhere', async () => {
    const res = await run({ metric: 'container_swap_usage_bytes', format: 'table' });
    const frame = res.data[0] as DataFrame;
    expect(frame.length).toBeGreaterThan(0);
    expect(new Set(column(frame, 'node'))).toEqual(new Set(['node-2']));
    expect(frame.fields.find((f) => f.name === 'value')?.config.unit).toBe('bytes');
  });

  it('shows the pressure counters as the share of time stalled', async () => {
    const snap = await snapshot({
      endpoint: 'metrics/cadvisor',
      metric: 'container_pressure_memory_waiting_seconds_total',
      nodeName: 'node-2',
    });
    expect(snap.samples.length).toBeGreaterThan(0);
    expect(snap.samples.every((s) => s.counter && s.unit === 'percentunit')).toBe(true);
  });

  it('answers nothing and asks nothing when kubelet access is off', async () => {
    const res = await run({ metric: 'container_cpu_usage_seconds_total' }, { kubeletAccess: false });
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/Kubelet access is off .*nodes\/proxy.*docs\/rbac\.md/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('metrics/resource by default: one series per container with a node label and the model value', async () => {
    const res = await run({
      nodeName: 'node-1',
      metric: 'container_memory_working_set_bytes',
      matchers: 'namespace="shop"',
    });
    expect(res.errors).toBeUndefined();
    expect(sim().faults.requests.map((r) => r.path)).toEqual(['/api/v1/nodes/node-1/proxy/metrics/resource']);
    const frame = res.data[0] as DataFrame;
    const want = runningContainers('node-1', ['shop']);
    expect(want.length).toBeGreaterThan(1);
    expect(frame.length).toBe(want.length);
    expect(new Set(column(frame, 'node'))).toEqual(new Set(['node-1']));
    expect(new Set(column(frame, 'namespace'))).toEqual(new Set(['shop']));
    for (const { pod, c } of want) {
      const i = column(frame, 'pod').findIndex((p, j) => p === pod.name && column(frame, 'container')[j] === c.name);
      expect(i).toBeGreaterThanOrEqual(0);
      // the value is the working set at the sample's own timestamp
      expect(column(frame, 'value')[i]).toBe(containerUsageAt(c, column(frame, 'time')[i]).memory);
    }
    const value = frame.fields.find((f) => f.name === 'value')!;
    expect(value.config.unit).toBe('bytes');
    expect(frame.fields.find((f) => f.name === 'time')!.type).toBe(FieldType.time);
    // a gauge: no counter note
    expect(frame.meta?.notices).toBeUndefined();
  });

  it('cadvisor counters: raw totals with a note in tables, counter samples for time series', async () => {
    const q = {
      endpoint: 'metrics/cadvisor' as const,
      nodeName: 'node-2',
      metric: 'container_cpu_usage_seconds_total',
      matchers: 'container!="", namespace=~"shop|monitoring"',
    };
    const res = await run(q);
    const frame = res.data[0] as DataFrame;
    const want = runningContainers('node-2', ['shop', 'monitoring']);
    expect(frame.length).toBe(want.length);
    expect(column(frame, 'container')).not.toContain('');
    expect(new Set(column(frame, 'cpu'))).toEqual(new Set(['total']));
    expect(frame.meta?.notices?.[0].text).toMatch(/cumulative \(a counter\).*per-second rate/);

    const snap = await snapshot(q);
    expect(snap.samples).toHaveLength(want.length);
    for (const s of snap.samples) {
      expect(s.counter).toBe(true);
      expect(s.unit).toBe('suffix: cores');
      expect(s.labels.node).toBe('node-2');
      expect(s.metric).toBe('container_cpu_usage_seconds_total');
      // cAdvisor stamps each sample with its cgroup's housekeeping time: kept, not replaced by the poll time
      expect(s.timeMs).toBeLessThanOrEqual(sim().now());
      expect(s.timeMs).toBeGreaterThan(sim().now() - 20_000);
    }
    expect(new Set(snap.samples.map((s) => s.key)).size).toBe(snap.samples.length);
  });

  it('anchors regex matchers like PromQL', async () => {
    const partial = await run({
      nodeName: 'node-1',
      metric: 'container_cpu_usage_seconds_total',
      matchers: 'pod=~"cart"',
    });
    expect((partial.data[0] as DataFrame).length).toBe(0);
    expect((partial.data[0] as DataFrame).meta?.notices?.[0].text).toContain(
      'No series of container_cpu_usage_seconds_total matches'
    );

    const full = await run({
      nodeName: 'node-1',
      metric: 'container_cpu_usage_seconds_total',
      matchers: 'pod=~"cart-.*"',
    });
    const frame = full.data[0] as DataFrame;
    const carts = runningContainers('node-1').filter(({ pod }) => pod.name.startsWith('cart-'));
    expect(carts.length).toBeGreaterThan(0);
    expect(frame.length).toBe(carts.length);
  });

  it('applies != and !~ over every node, with the node label matchable too', async () => {
    const res = await run({
      metric: 'container_cpu_usage_seconds_total',
      matchers: 'namespace!~"kube-.*|monitoring", node!="node-3", container!="postgres"',
    });
    const frame = res.data[0] as DataFrame;
    const want = nodeNames()
      .filter((n) => n !== 'node-3')
      .flatMap((n) => runningContainers(n))
      .filter(({ pod, c }) => !/^kube-/.test(pod.namespace) && pod.namespace !== 'monitoring' && c.name !== 'postgres');
    expect(frame.length).toBe(want.length);
    expect(column(frame, 'node')).not.toContain('node-3');
  });

  it('refuses an invalid regex before any request, naming where it is', () => {
    const { vars } = setup();
    const bad = query({ metric: 'x', matchers: 'pod=~"web-(["' });
    expect(() => kubeletModule.resolve(bad, vars)).toThrow(KubeError);
    expect(() => kubeletModule.resolve(bad, vars)).toThrow(/invalid regular expression "web-\(\[" .*at position 6/);
    expect(() => kubeletModule.resolve(query({ endpoint: 'logs' as never }), vars)).toThrow(/Unknown kubelet endpoint/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('leaves out an unreachable node with a notice; the others answer', async () => {
    sim().faults.unreachableNode('node-1');
    const res = await run({ metric: 'container_memory_working_set_bytes' });
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'node')).not.toContain('node-1');
    expect(new Set(column(frame, 'node'))).toContain('node-2');
    expect(frame.meta?.notices?.some((n) => n.severity === 'warning' && n.text.includes('node-1'))).toBe(true);
  });

  it('fails with a clear error naming nodes/proxy when it is denied', async () => {
    sim().faults.deny('nodes/proxy');
    const res = await run({ metric: 'container_memory_working_set_bytes' });
    expect(res.data).toEqual([]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].message).toContain('nodes/proxy');
    expect(res.errors![0].message).toContain(`${nodeNames().length} nodes`);
  });

  it('keeps the samples before a bad line, and names the line in a notice', async () => {
    sim().faults.malformed('/api/v1/nodes/node-2/proxy/metrics/cadvisor');
    const node = sim().cluster.nodes.find((n) => n.name === 'node-2')!;
    // kube-sim() appends one broken line to the body it would have sent
    const badLine = metricsCadvisorText(sim().cluster, node, sim().now()).split('\n').length;
    const res = await run({ nodeName: 'node-2', endpoint: 'metrics/cadvisor', metric: 'machine_cpu_cores' });
    const frame = res.data[0] as DataFrame;
    expect(frame.length).toBe(1);
    expect(column(frame, 'value')[0]).toBe(node.capacity.cpu);
    const notice = frame.meta?.notices?.find((n) => n.text.includes('not valid Prometheus text'));
    expect(notice?.severity).toBe('warning');
    expect(notice?.text).toContain(`metrics/cadvisor of node-2 at line ${badLine} (`);
  });

  it('lists what a partly valid body serves, with the notice', async () => {
    sim().faults.malformed('/api/v1/nodes/node-2/proxy/metrics/cadvisor');
    const res = await run({ nodeName: 'node-2', endpoint: 'metrics/cadvisor' });
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'metric')).toContain('machine_cpu_cores');
    expect(frame.meta?.notices?.some((n) => n.text.includes('node-2 at line'))).toBe(true);
  });

  it('fails a node whose body is not Prometheus text at all', async () => {
    sim().faults.errorRate({
      pathPrefix: '/api/v1/nodes/node-3/proxy/metrics/resource',
      status: 200,
      body: '<html><body>login</body></html>\n',
      contentType: 'text/html',
    });
    const res = await run({ metric: 'container_memory_working_set_bytes' });
    const frame = res.data[0] as DataFrame;
    expect(column(frame, 'node')).not.toContain('node-3');
    const notice = frame.meta?.notices?.find((n) => n.text.includes('node-3'));
    expect(notice?.text).toContain('not answer metrics/resource in Prometheus text format (line 1');
  });

  it('says which metric is missing, and what the endpoint has', async () => {
    const res = await run({ nodeName: 'node-1', metric: 'container_cpu_usage_seconds' });
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(
      /No metric named container_cpu_usage_seconds on metrics\/resource of node-1/
    );
  });

  it('a kubelet without the endpoint gets a message about the endpoint', async () => {
    const res = await run({ nodeName: 'node-1', endpoint: 'metrics/probes', metric: 'prober_probe_total' });
    expect(res.errors?.[0].message).toContain('The kubelet on node node-1 does not serve /metrics/probes (404)');
  });

  it('without a metric, lists what the endpoint serves', async () => {
    const res = await run({ nodeName: 'node-1', endpoint: 'metrics/cadvisor' });
    const frame = res.data[0] as DataFrame;
    const names = column(frame, 'metric') as string[];
    expect(names).toContain('container_network_receive_bytes_total');
    expect(names).toEqual([...names].sort());
    const i = names.indexOf('container_network_receive_bytes_total');
    expect(column(frame, 'type')[i]).toBe('counter');
    expect(column(frame, 'samples')[i]).toBeGreaterThan(0);
  });

  it('metric names and label values for the editor', async () => {
    const { ctx } = setup();
    const names = await lastValueFrom(kubeletMetricNames(ctx.client, 'node-1', 'metrics/resource'));
    const cpu = names.find((m) => m.name === 'container_cpu_usage_seconds_total');
    expect(cpu?.type).toBe('counter');
    expect(cpu?.help).toMatch(/core-seconds/);
    expect(names.map((m) => m.name)).toEqual([...names.map((m) => m.name)].sort());

    const namespaces = await lastValueFrom(
      kubeletLabelValues(ctx.client, 'node-1', 'metrics/resource', 'container_cpu_usage_seconds_total', 'namespace')
    );
    expect(namespaces).toEqual([...new Set(runningContainers('node-1').map(({ pod }) => pod.namespace))].sort());
  });

  it('the picker reads the first node when none is named, and nothing when access is off', async () => {
    const { ctx } = setup();
    const names = await lastValueFrom(kubeletMetricNamesFor(ctx, [], 'metrics/cadvisor'));
    expect(names.map((m) => m.name)).toContain('container_cpu_usage_seconds_total');
    expect(sim().faults.requests.map((r) => r.path)).toEqual([
      '/api/v1/nodes',
      `/api/v1/nodes/${nodeNames()[0]}/proxy/metrics/cadvisor`,
    ]);

    sim().faults.reset();
    const off = setup({ kubeletAccess: false }).ctx;
    await expect(lastValueFrom(kubeletMetricNamesFor(off, ['node-1']))).rejects.toThrow(/Kubelet access is off/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('snapshot without a metric is an error, not a silent empty series', async () => {
    const snap = await snapshot({});
    expect(snap.samples).toEqual([]);
    expect(snap.errors?.[0].message).toContain('Choose a metric');
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('source keys differ by endpoint, metric, matchers and nodes', () => {
    const { ctx, vars } = setup();
    const key = (q: Partial<KubeletQuery>) => kubeletModule.sourceKey!(ctx, kubeletModule.resolve(query(q), vars));
    const keys = [
      key({ metric: 'a' }),
      key({ metric: 'b' }),
      key({ metric: 'a', endpoint: 'metrics/cadvisor' }),
      key({ metric: 'a', matchers: 'x="1"' }),
      key({ metric: 'a', nodeName: 'node-1' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
