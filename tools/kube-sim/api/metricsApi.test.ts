/** @jest-environment node */
import { KubeSim, startKubeSim } from '../index';
import { manualClock } from '../cluster/clock';
import { simGet } from '../server/client';
import { containerCpuSecondsAt, isSidecar } from '../cluster/model';
import { podMetricsItem, scrapeWindow } from './metricsApi';

interface MetricsItem {
  metadata: { name: string; namespace?: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage?: { cpu: string; memory: string };
  containers?: Array<{ name: string; usage: { cpu: string; memory: string } }>;
}
interface MetricsList {
  kind: string;
  metadata: Record<string, unknown>;
  items: MetricsItem[];
}

const clock = manualClock(Date.UTC(2025, 0, 1, 12, 0, 7));
let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 4, podsPerNode: 8, seed: 5, clock });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.reset());

async function get<T = MetricsList>(path: string): Promise<{ status: number; body: T; text: string; type?: string }> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token });
  let body: T;
  try {
    body = JSON.parse(r.body) as T;
  } catch {
    body = undefined as T;
  }
  return { status: r.status, body, text: r.body, type: r.headers['content-type'] };
}

const nanos = (q: string) =>
  q === '0' ? 0 : Number(q.slice(0, -1)) * { n: 1, u: 1e3, m: 1e6 }[q.slice(-1) as 'n' | 'u' | 'm'];

describe('metrics.k8s.io', () => {
  it('is listed in discovery with nodes and pods, verbs get and list', async () => {
    const apis = await get<{ groups: Array<{ name: string }> }>('/apis');
    expect(apis.body.groups.map((g) => g.name)).toContain('metrics.k8s.io');
    const rl = await get<{ resources: Array<{ name: string; verbs: string[] }> }>('/apis/metrics.k8s.io/v1beta1');
    expect(rl.body.resources.map((r) => [r.name, r.verbs])).toEqual([
      ['nodes', ['get', 'list']],
      ['pods', ['get', 'list']],
    ]);
  });

  it('lists NodeMetrics sorted by name with quantities, a 15s-resolution timestamp and a Go window', async () => {
    const { body } = await get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(body.kind).toBe('NodeMetricsList');
    expect(body.items.map((i) => i.metadata.name)).toEqual(sim.cluster.nodes.map((n) => n.name).sort());
    for (const i of body.items) {
      expect(i.usage!.cpu).toMatch(/^(\d+[num]?|0)$/);
      expect(i.usage!.memory).toMatch(/^\d+(Ki|Mi|Gi)$/);
      expect(i.window).toMatch(/^15(\.\d+)?s$/);
      expect(i.metadata.creationTimestamp).toBe('2025-01-01T12:00:07Z');
      const ts = Date.parse(i.timestamp);
      expect(ts).toBeLessThanOrEqual(clock());
      expect(clock() - ts).toBeLessThan(15_000);
      expect(i.metadata.labels).toEqual(sim.cluster.nodes.find((n) => n.name === i.metadata.name)!.labels);
    }
  });

  it('reports a pod CPU equal to its containers averaged over the window', async () => {
    const pod = sim.cluster.pods.find(
      (p) => p.namespace === 'shop' && p.containers.length === 2 && p.containers.every((c) => c.state === 'running')
    )!;
    const { body } = await get<MetricsItem>(`/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/${pod.name}`);
    const w = scrapeWindow(pod.nodeName, clock());
    for (const c of pod.containers) {
      const got = nanos(body.containers!.find((x) => x.name === c.name)!.usage.cpu);
      const want = (containerCpuSecondsAt(c, w.timestampMs - w.windowMs, w.timestampMs) / (w.windowMs / 1000)) * 1e9;
      expect(Math.abs(got - want)).toBeLessThan(1000);
    }
  });

  it('changes usage as the clock moves on', async () => {
    const before = (await get('/apis/metrics.k8s.io/v1beta1/nodes')).body.items[1].usage;
    clock.advance(60_000);
    const after = (await get('/apis/metrics.k8s.io/v1beta1/nodes')).body.items[1].usage;
    expect(after).not.toEqual(before);
  });

  it('ignores limit and continue', async () => {
    const { body } = await get('/apis/metrics.k8s.io/v1beta1/nodes?limit=1&continue=garbage');
    expect(body.items).toHaveLength(sim.cluster.nodes.length);
    expect(body.metadata.continue).toBeUndefined();
  });

  it('accepts metadata.name and metadata.namespace field selectors and rejects others with 400', async () => {
    const one = await get(
      `/apis/metrics.k8s.io/v1beta1/nodes?fieldSelector=metadata.name%3D${sim.cluster.nodes[2].name}`
    );
    expect(one.body.items.map((i) => i.metadata.name)).toEqual([sim.cluster.nodes[2].name]);
    const ns = await get('/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=metadata.namespace%3Dshop');
    expect(ns.body.items.length).toBeGreaterThan(0);
    expect(ns.body.items.every((i) => i.metadata.namespace === 'shop')).toBe(true);
    const bad = await get<{ code: number; reason: string; message: string }>(
      '/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=spec.nodeName%3Dnode-1'
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      reason: 'BadRequest',
      message: '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
  });

  it('applies label selectors', async () => {
    const { body } = await get(
      `/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=${encodeURIComponent('node-role.kubernetes.io/control-plane')}`
    );
    expect(body.items).toHaveLength(1);
  });

  it('leaves out pods that are not running with all containers, and 404s them by namespace/name', async () => {
    const { body } = await get('/apis/metrics.k8s.io/v1beta1/pods');
    const listed = new Set(body.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`));
    const crash = sim.cluster.pods.find((p) => p.containers.some((c) => c.reason === 'CrashLoopBackOff'))!;
    const pending = sim.cluster.pods.find((p) => p.phase === 'Pending')!;
    expect(listed.has(`${crash.namespace}/${crash.name}`)).toBe(false);
    expect(listed.has(`${pending.namespace}/${pending.name}`)).toBe(false);
    const r = await get<{ message: string; details: unknown }>(
      `/apis/metrics.k8s.io/v1beta1/namespaces/${crash.namespace}/pods/${crash.name}`
    );
    expect(r.status).toBe(404);
    expect(r.body.message).toBe(`podmetrics.metrics.k8s.io "${crash.namespace}/${crash.name}" not found`);
    expect(r.body.details).toEqual({
      name: `${crash.namespace}/${crash.name}`,
      group: 'metrics.k8s.io',
      kind: 'podmetrics',
    });
  });

  it('drops a node without metrics from lists and 404s it', async () => {
    const name = sim.cluster.nodes[1].name;
    sim.faults.nodeWithoutMetrics(name);
    const { body } = await get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(body.items.map((i) => i.metadata.name)).not.toContain(name);
    expect(body.items).toHaveLength(sim.cluster.nodes.length - 1);
    const r = await get<{ message: string; reason: string }>(`/apis/metrics.k8s.io/v1beta1/nodes/${name}`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ reason: 'NotFound', message: `nodemetrics.metrics.k8s.io "${name}" not found` });
  });

  it('shuffles container order between requests, like metrics-server', async () => {
    const pod = sim.cluster.pods.find(
      (p) => p.containers.length === 2 && p.containers.every((c) => c.state === 'running')
    )!;
    const orders = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const r = await get<MetricsItem>(`/apis/metrics.k8s.io/v1beta1/namespaces/${pod.namespace}/pods/${pod.name}`);
      orders.add(r.body.containers!.map((c) => c.name).join(','));
    }
    expect(orders.size).toBe(2);
  });

  it('reports a native sidecar next to the app containers (shop/frontend istio-proxy)', async () => {
    // metrics-server builds PodMetrics from the kubelet's /metrics/resource, which has a sample for every
    // running container of the pod, native sidecars (init containers with restartPolicy Always) included
    const pod = sim.cluster.pods.find(
      (p) =>
        p.labels.app === 'frontend' && p.nodeName && p.initContainers.some((c) => isSidecar(c) && c.state === 'running')
    )!;
    expect(pod).toBeDefined();
    const r = await get<MetricsItem>(`/apis/metrics.k8s.io/v1beta1/namespaces/${pod.namespace}/pods/${pod.name}`);
    expect(r.status).toBe(200);
    const names = r.body.containers!.map((c) => c.name).sort();
    expect(names).toEqual([...pod.initContainers.filter(isSidecar), ...pod.containers].map((c) => c.name).sort());
    expect(names).toContain('istio-proxy');
    const proxy = r.body.containers!.find((c) => c.name === 'istio-proxy')!;
    const sidecar = pod.initContainers.find((c) => c.name === 'istio-proxy')!;
    const w = scrapeWindow(pod.nodeName, sim.now());
    const cpu = (containerCpuSecondsAt(sidecar, w.timestampMs - w.windowMs, w.timestampMs) / (w.windowMs / 1000)) * 1e9;
    expect(Math.abs(nanos(proxy.usage.cpu) - cpu)).toBeLessThan(1000);
    // in the list too
    const list = await get(`/apis/metrics.k8s.io/v1beta1/namespaces/${pod.namespace}/pods`);
    const item = list.body.items.find((i) => i.metadata.name === pod.name)!;
    expect(item.containers!.map((c) => c.name)).toContain('istio-proxy');
  });

  it('leaves a finished (non-sidecar) init container out', () => {
    const pod = sim.cluster.pods.find(
      (p) => p.phase === 'Running' && p.initContainers.some((c) => !isSidecar(c) && c.state === 'terminated')
    );
    expect(pod).toBeDefined();
    const item = podMetricsItem(pod!, sim.now(), 1) as { containers: Array<{ name: string }> };
    const done = pod!.initContainers.filter((c) => !isSidecar(c)).map((c) => c.name);
    expect(item.containers.map((c) => c.name).filter((n) => done.includes(n))).toEqual([]);
  });

  it('answers 404 text and leaves /apis without the group when metrics-server is absent', async () => {
    sim.faults.metricsServer('absent');
    const r = await get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(r.status).toBe(404);
    expect(r.text).toBe('404 page not found\n');
    expect(r.type).toMatch(/^text\/plain/);
    const apis = await get<{ groups: Array<{ name: string }> }>('/apis');
    expect(apis.body.groups.map((g) => g.name)).not.toContain('metrics.k8s.io');
  });

  it('answers 503 text when the APIService is unavailable', async () => {
    sim.faults.metricsServer('unavailable');
    const r = await get('/apis/metrics.k8s.io/v1beta1/pods');
    expect(r.status).toBe(503);
    expect(r.text).toBe('service unavailable\n');
    expect(sim.faults.metricsServer()).toBe('unavailable');
  });
});
