/** @jest-environment node */
import { metricsCadvisorText, metricsResourceText, summaryJson } from './index';
import { parsePromText, type ParsedFamily } from './promtextCheck';
import {
  containerPressureAt,
  defaultSwapNode,
  nodePressureAt,
  nodeSwapCapacity,
  type PressureOptions,
} from './pressure';
import { nodePods } from './stats';
import { nodeMetricsItem, podMetricsItem } from '../api/metricsApi';
import { Gi, T0, node, nodeNamed, podNamed, testCluster } from '../cluster/testCluster';
import { buildCluster } from '../cluster/cluster';
import { nodeJson } from '../api/objects';

type Json = Record<string, any>;

const cluster = testCluster();
const nodeA = nodeNamed(cluster, 'node-a');
const busy = nodeNamed(cluster, 'node-busy');
/** node-a with swap: the test cluster's own nodes have none. */
const SWAP: PressureOptions = { swapNode: (n) => n.name === 'node-a' };

const summary = (opts: PressureOptions = {}, nowMs = T0): Json => JSON.parse(summaryJson(cluster, nodeA, nowMs, opts));
const pod = (s: Json, name: string): Json => s.pods.find((p: Json) => p.podRef.name === name);
const container = (p: Json, name: string): Json => p.containers.find((c: Json) => c.name === name);
const families = (text: string) => parsePromText(text);
const fam = (fs: ParsedFamily[], name: string) => fs.find((f) => f.name === name);

const PSI_DATA_KEYS = ['total', 'avg10', 'avg60', 'avg300'];

function expectPsi(psi: Json) {
  expect(Object.keys(psi)).toEqual(['full', 'some']);
  for (const kind of ['full', 'some']) {
    expect(Object.keys(psi[kind])).toEqual(PSI_DATA_KEYS);
    for (const avg of ['avg10', 'avg60', 'avg300']) {
      expect(psi[kind][avg]).toBeGreaterThanOrEqual(0);
      expect(psi[kind][avg]).toBeLessThanOrEqual(100);
    }
  }
  expect(psi.full.total).toBeLessThanOrEqual(psi.some.total);
}

describe('PSI in the Summary (KubeletPSI on by default)', () => {
  const s = summary();

  it('has cpu, memory and io PSI at node, pod and container level', () => {
    for (const stats of [s.node, pod(s, 'web-0'), container(pod(s, 'web-0'), 'app')]) {
      expectPsi(stats.cpu.psi);
      expectPsi(stats.memory.psi);
      expect(Object.keys(stats.io)).toEqual(['time', 'psi']);
      expectPsi(stats.io.psi);
      expect(stats.io.psi.some.total).toBeGreaterThan(0);
    }
  });

  it("reports the node's CPU full as zeros, as /proc/pressure/cpu does, but a container's CPU full is real", () => {
    expect(s.node.cpu.psi.full).toEqual({ total: 0, avg10: 0, avg60: 0, avg300: 0 });
    expect(container(pod(s, 'web-0'), 'app').cpu.psi.full.total).toBeGreaterThan(0);
  });

  it('keeps the averages consistent with the counter: avg60 is the last minute of total, in percent', () => {
    const c = podNamed(cluster, 'web-0').containers[0];
    const t = T0;
    const now = containerPressureAt(nodeA, podNamed(cluster, 'web-0'), c, t).memory.some;
    const before = containerPressureAt(nodeA, podNamed(cluster, 'web-0'), c, t - 60_000).memory.some;
    const percent = (Number(now.total - before.total) / 60e6) * 100;
    expect(Math.abs(percent - now.avg60)).toBeLessThan(0.011);
  });

  it('keeps counters growing between polls', () => {
    const later = summary({}, T0 + 30_000);
    expect(later.node.memory.psi.some.total).toBeGreaterThan(s.node.memory.psi.some.total);
    expect(pod(later, 'web-0').io.psi.some.total).toBeGreaterThan(pod(s, 'web-0').io.psi.some.total);
  });

  it('serves no psi and no io block with the gate off', () => {
    const off = summary({ psi: false });
    expect(off.node.cpu.psi).toBeUndefined();
    expect(off.node.memory.psi).toBeUndefined();
    expect(off.node.io).toBeUndefined();
    expect(pod(off, 'web-0').io).toBeUndefined();
    expect(container(pod(off, 'web-0'), 'app').cpu.psi).toBeUndefined();
    expect(families(metricsCadvisorText(cluster, nodeA, T0, { psi: false })).map((f) => f.name)).not.toContain(
      'container_pressure_cpu_waiting_seconds_total'
    );
  });

  it('keeps psi in cpu and memory for only_cpu_and_memory, without io', () => {
    const only = JSON.parse(summaryJson(cluster, nodeA, T0, { onlyCpuAndMemory: true }));
    expect(only.node.cpu.psi).toBeDefined();
    expect(only.node.io).toBeUndefined();
  });
});

describe('swap', () => {
  it('is on every fourth worker by default: node-2, node-6, never the control plane', () => {
    const named = (name: string) => defaultSwapNode(node({ name }));
    expect(['control-plane-1', 'node-1', 'node-2', 'node-3', 'node-5', 'node-6'].map(named)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('has no swap blocks on a node without swap', () => {
    const s = summary();
    expect(s.node.swap).toBeUndefined();
    expect(pod(s, 'web-0').swap).toBeUndefined();
    expect(container(pod(s, 'web-0'), 'app').swap).toBeUndefined();
  });

  it('gives a swap node its device, and Burstable containers with a request their share (LimitedSwap)', () => {
    const s = summary(SWAP);
    expect(Object.keys(s.node.swap)).toEqual(['time', 'swapAvailableBytes', 'swapUsageBytes']);
    expect(s.node.swap.swapAvailableBytes + s.node.swap.swapUsageBytes).toBe(nodeSwapCapacity(nodeA));
    expect(nodeSwapCapacity(nodeA)).toBe(8 * Gi);

    // web-0 is Burstable: app asks 256Mi of the node's 32Gi, so may swap 1/128 of 8Gi; the sidecar 64Mi, 1/512
    const app = container(pod(s, 'web-0'), 'app');
    const sidecar = container(pod(s, 'web-0'), 'sidecar');
    expect(app.swap.swapUsageBytes).toBeGreaterThan(0);
    expect(app.swap.swapUsageBytes + app.swap.swapAvailableBytes).toBe(64 * 1024 * 1024);
    expect(sidecar.swap.swapUsageBytes + sidecar.swap.swapAvailableBytes).toBe(16 * 1024 * 1024);
    // api-5f6c8 is Guaranteed, single is BestEffort: neither may swap
    for (const [p, c] of [
      ['api-5f6c8', 'api'],
      ['single', 'main'],
    ]) {
      expect(container(pod(s, p), c).swap).toMatchObject({ swapAvailableBytes: 0, swapUsageBytes: 0 });
    }
    // the pod cgroup has no swap limit of its own: usage only
    const web = pod(s, 'web-0');
    expect(Object.keys(web.swap)).toEqual(['time', 'swapUsageBytes']);
    expect(web.swap.swapUsageBytes).toBe(app.swap.swapUsageBytes + sidecar.swap.swapUsageBytes);
    expect(Object.keys(web).at(-1)).toBe('swap');
    expect(s.node.swap.swapUsageBytes).toBeGreaterThan(web.swap.swapUsageBytes);
  });

  it('puts the swap node under memory pressure, more than the same node without swap', () => {
    const pods = nodePods(cluster, nodeA);
    const withSwap = nodePressureAt(nodeA, pods, T0, SWAP).memory.some;
    const without = nodePressureAt(nodeA, pods, T0).memory.some;
    expect(withSwap.avg60).toBeGreaterThan(5);
    expect(without.avg60).toBeLessThan(1);
    expect(nodePressureAt(busy, nodePods(cluster, busy), T0).memory.some.avg60).toBeLessThan(1);
  });
});

describe('/metrics/resource swap series', () => {
  const fs = families(metricsResourceText(cluster, nodeA, T0, SWAP));
  const s = summary(SWAP);

  it('has the four ALPHA swap families, with the kubelet HELP text and labels', () => {
    expect(fam(fs, 'node_swap_usage_bytes')?.help).toBe(
      '[ALPHA] Current swap usage of the node in bytes. Reported only on non-windows systems'
    );
    expect(fam(fs, 'container_swap_limit_bytes')?.help).toBe(
      '[ALPHA] Current amount of the container swap limit in bytes. Reported only on non-windows systems'
    );
    expect(fam(fs, 'container_swap_usage_bytes')?.help).toBe(
      '[ALPHA] Current amount of the container swap usage in bytes. Reported only on non-windows systems'
    );
    expect(fam(fs, 'pod_swap_usage_bytes')?.help).toBe(
      '[ALPHA] Current amount of the pod swap usage in bytes. Reported only on non-windows systems'
    );
    for (const name of ['node_swap_usage_bytes', 'container_swap_limit_bytes', 'pod_swap_usage_bytes']) {
      expect(fam(fs, name)?.type).toBe('gauge');
    }
    const app = fam(fs, 'container_swap_usage_bytes')!.samples.find((x) => x.labels.container === 'app')!;
    expect(Object.keys(app.labels)).toEqual(['container', 'namespace', 'pod']);
  });

  it('agrees with the Summary', () => {
    const app = container(pod(s, 'web-0'), 'app');
    const one = (name: string, labels: Record<string, string>) =>
      fam(fs, name)!.samples.find((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v))!.value;
    expect(one('node_swap_usage_bytes', {})).toBe(s.node.swap.swapUsageBytes);
    expect(one('pod_swap_usage_bytes', { pod: 'web-0' })).toBe(pod(s, 'web-0').swap.swapUsageBytes);
    expect(one('container_swap_usage_bytes', { pod: 'web-0', container: 'app' })).toBe(app.swap.swapUsageBytes);
    expect(one('container_swap_limit_bytes', { pod: 'web-0', container: 'app' })).toBe(
      app.swap.swapUsageBytes + app.swap.swapAvailableBytes
    );
  });

  it('has no swap series on a node without swap', () => {
    const names = families(metricsResourceText(cluster, nodeA, T0)).map((f) => f.name);
    expect(names.filter((n) => n.includes('swap'))).toEqual([]);
  });
});

describe('/metrics/cadvisor pressure counters', () => {
  const fs = families(metricsCadvisorText(cluster, nodeA, T0));
  const s = summary();

  it('has stalled (full) and waiting (some) seconds for the root, pod and container cgroups', () => {
    const waiting = fam(fs, 'container_pressure_memory_waiting_seconds_total')!;
    expect(waiting.type).toBe('counter');
    expect(waiting.help).toBe('Total time duration tasks in the container have waited due to memory congestion.');
    const app = waiting.samples.find((x) => x.labels.pod === 'web-0' && x.labels.container === 'app')!;
    expect(app.value).toBeCloseTo(container(pod(s, 'web-0'), 'app').memory.psi.some.total / 1e6, 6);
    const root = waiting.samples.find((x) => x.labels.id === '/')!;
    expect(root.value).toBeCloseTo(s.node.memory.psi.some.total / 1e6, 6);
    const stalled = fam(fs, 'container_pressure_io_stalled_seconds_total')!;
    const podRow = stalled.samples.find((x) => x.labels.pod === 'web-0' && x.labels.container === '')!;
    expect(podRow.value).toBeCloseTo(pod(s, 'web-0').io.psi.full.total / 1e6, 6);
    expect(
      fam(fs, 'container_pressure_cpu_stalled_seconds_total')!.samples.find((x) => x.labels.id === '/')!.value
    ).toBe(0);
  });
});

describe('usage.swap in metrics.k8s.io (an option, off as in metrics-server)', () => {
  const pods = nodePods(cluster, nodeA);
  const web = podNamed(cluster, 'web-0');

  it('is left out by default, and on a node without swap', () => {
    expect(Object.keys(nodeMetricsItem(nodeA, pods, T0).usage as Json)).toEqual(['cpu', 'memory']);
    expect(Object.keys(nodeMetricsItem(nodeA, pods, T0, { swap: true }).usage as Json)).toEqual(['cpu', 'memory']);
  });

  it('is the node and container swap in use, as a quantity, when asked for on a swap node', () => {
    const opts = { ...SWAP, swap: true };
    const nodeSwap = (nodeMetricsItem(nodeA, pods, T0, opts).usage as Json).swap;
    expect(nodeSwap).toMatch(/^\d+(Ki|Mi)?$/);
    const item = podMetricsItem(web, T0, 1, opts, nodeA) as Json;
    const app = item.containers.find((c: Json) => c.name === 'app');
    expect(Object.keys(app.usage)).toEqual(['cpu', 'memory', 'swap']);
  });
});

describe('status.nodeInfo.swap (NodeSwapStatus)', () => {
  // the kubelet reports its swap device in nodeInfo.swap.capacity, an int64 of bytes (core/v1 NodeSwapStatus,
  // from 1.30); a node without swap, and a kubelet older than 1.30, leave the field out
  const info = (c: ReturnType<typeof buildCluster>, name: string) =>
    (nodeJson(c, nodeNamed(c, name), c.startMs) as Json).status.nodeInfo;

  it('gives a swap node its capacity in bytes, after the other fields', () => {
    const c = buildCluster(1, 4, 4, T0);
    const n2 = nodeNamed(c, 'node-2');
    expect(defaultSwapNode(n2)).toBe(true);
    const i = info(c, 'node-2');
    expect(i.swap).toEqual({ capacity: nodeSwapCapacity(n2) });
    expect(Number.isInteger(i.swap.capacity)).toBe(true);
    expect(Object.keys(i).at(-1)).toBe('swap');
    expect(info(c, 'node-1').swap).toBeUndefined();
  });

  it('is absent where the kubelet predates the field (1.29 kubelet under 1.30)', () => {
    const c = buildCluster(1, 4, 4, T0, '1.30');
    expect(nodeNamed(c, 'node-2').kubeletVersion).toMatch(/^v1\.29\./);
    expect(info(c, 'node-2').swap).toBeUndefined();
  });
});
