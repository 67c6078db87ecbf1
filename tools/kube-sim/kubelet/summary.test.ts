/** @jest-environment node */
import { summaryJson } from './index';
import { metricsResourceText } from './resource';
import { parsePromText } from './promtextCheck';
import { containerUsageAt } from '../cluster/model';
import { T0, nodeNamed, podNamed, testCluster } from '../cluster/testCluster';

// Key lists checked against a real kubelet /stats/summary (minikube, recorded by OpenTelemetry's
// kubeletstats receiver tests), in the kubelet's field order.
// With the KubeletPSI gate on (the default), cpu and memory end with psi and an io block follows memory
// (stats/v1alpha1 types.go, 1.36); node-a has no swap, so no swap blocks.
const NODE_KEYS = [
  'nodeName',
  'systemContainers',
  'startTime',
  'cpu',
  'memory',
  'io',
  'network',
  'fs',
  'runtime',
  'rlimit',
];
const SYS_CONTAINER_KEYS = ['name', 'startTime', 'cpu', 'memory'];
const SYS_CPU_KEYS = ['time', 'usageNanoCores', 'usageCoreNanoSeconds'];
const CPU_KEYS = [...SYS_CPU_KEYS, 'psi'];
const MEMORY_KEYS = [
  'time',
  'availableBytes',
  'usageBytes',
  'workingSetBytes',
  'rssBytes',
  'pageFaults',
  'majorPageFaults',
  'psi',
];
const MEMORY_KEYS_NO_LIMIT = MEMORY_KEYS.filter((k) => k !== 'availableBytes');
const NETWORK_KEYS = ['time', 'name', 'rxBytes', 'rxErrors', 'txBytes', 'txErrors', 'interfaces'];
const INTERFACE_KEYS = ['name', 'rxBytes', 'rxErrors', 'txBytes', 'txErrors'];
const FS_KEYS = ['time', 'availableBytes', 'capacityBytes', 'usedBytes', 'inodesFree', 'inodes', 'inodesUsed'];
const RLIMIT_KEYS = ['time', 'maxpid', 'curproc'];
const POD_KEYS = ['podRef', 'startTime', 'containers', 'cpu', 'memory', 'io', 'network', 'volume', 'ephemeral-storage'];
const POD_REF_KEYS = ['name', 'namespace', 'uid'];
const CONTAINER_KEYS = ['name', 'startTime', 'cpu', 'memory', 'io', 'rootfs', 'logs'];
const VOLUME_KEYS = [...FS_KEYS, 'name'];

type Json = Record<string, any>;

const cluster = testCluster();
const nodeA = nodeNamed(cluster, 'node-a');
const busy = nodeNamed(cluster, 'node-busy');

function summary(nowMs = T0, only = false): Json {
  return JSON.parse(summaryJson(cluster, nodeA, nowMs, { onlyCpuAndMemory: only }));
}

function podStats(s: Json, name: string): Json {
  const p = s.pods.find((x: Json) => x.podRef.name === name);
  if (!p) {
    throw new Error(`pod ${name} not in summary`);
  }
  return p;
}

/** The exact digits of every occurrence of a numeric field in the JSON text. */
function digitsOf(text: string, field: string): bigint[] {
  return [...text.matchAll(new RegExp(`"${field}": (\\d+)`, 'g'))].map((m) => BigInt(m[1]));
}

describe('summary shape', () => {
  const s = summary();

  it('has the kubelet node fields in order', () => {
    expect(Object.keys(s)).toEqual(['node', 'pods']);
    expect(Object.keys(s.node)).toEqual(NODE_KEYS);
    expect(s.node.nodeName).toBe('node-a');
    expect(s.node.systemContainers.map((c: Json) => c.name)).toEqual(['kubelet', 'runtime', 'pods']);
    for (const c of s.node.systemContainers) {
      expect(Object.keys(c)).toEqual(SYS_CONTAINER_KEYS);
      expect(Object.keys(c.cpu)).toEqual(SYS_CPU_KEYS);
    }
    expect(Object.keys(s.node.cpu)).toEqual(CPU_KEYS);
    expect(Object.keys(s.node.memory)).toEqual(MEMORY_KEYS);
    expect(Object.keys(s.node.network)).toEqual(NETWORK_KEYS);
    for (const i of s.node.network.interfaces) {
      expect(Object.keys(i)).toEqual(INTERFACE_KEYS);
    }
    expect(Object.keys(s.node.fs)).toEqual(FS_KEYS);
    expect(Object.keys(s.node.runtime)).toEqual(['imageFs', 'containerFs']);
    expect(Object.keys(s.node.runtime.imageFs)).toEqual(FS_KEYS);
    expect(Object.keys(s.node.runtime.containerFs)).toEqual(FS_KEYS);
    expect(Object.keys(s.node.rlimit)).toEqual(RLIMIT_KEYS);
  });

  it('flattens the default interface into the network block', () => {
    const n = s.node.network;
    expect(n.interfaces[0]).toEqual({
      name: n.name,
      rxBytes: n.rxBytes,
      rxErrors: n.rxErrors,
      txBytes: n.txBytes,
      txErrors: n.txErrors,
    });
  });

  it('lists only running pods bound to the node', () => {
    const names = s.pods.map((p: Json) => p.podRef.name).sort();
    expect(names).toEqual(['api-5f6c8', 'checkout-7d4b9', 'reloader-1', 'single', 'ui-1', 'web-0']);
  });

  it('has the kubelet pod and container fields, with volume only when the pod has volumes', () => {
    const web = podStats(s, 'web-0');
    expect(Object.keys(web)).toEqual([...POD_KEYS, 'process_stats']);
    expect(Object.keys(web.podRef)).toEqual(POD_REF_KEYS);
    expect(web.podRef).toEqual({ name: 'web-0', namespace: 'shop', uid: 'uid-web-0' });
    expect(Object.keys(web['ephemeral-storage'])).toEqual(FS_KEYS);
    expect(web.process_stats.process_count).toBeGreaterThan(0);
    for (const c of web.containers) {
      expect(Object.keys(c)).toEqual(CONTAINER_KEYS);
      expect(Object.keys(c.rootfs)).toEqual(FS_KEYS);
      expect(Object.keys(c.logs)).toEqual(FS_KEYS);
    }
    const single = podStats(s, 'single');
    expect(Object.keys(single)).toEqual([...POD_KEYS.filter((k) => k !== 'volume'), 'process_stats']);
  });

  it('reports volumes with a pvcRef only for claims', () => {
    const [data, token] = podStats(s, 'web-0').volume;
    expect(Object.keys(data)).toEqual([...VOLUME_KEYS, 'pvcRef']);
    expect(data.name).toBe('data');
    expect(data.pvcRef).toEqual({ name: 'data-web-0', namespace: 'shop' });
    expect(data.capacityBytes).toBe(10 * 1024 ** 3);
    expect(data.availableBytes + data.usedBytes).toBe(data.capacityBytes);
    expect(Object.keys(token)).toEqual(VOLUME_KEYS);
  });

  it('leaves availableBytes out for a container without a memory limit, as the kubelet does', () => {
    const web = podStats(s, 'web-0');
    const app = web.containers.find((c: Json) => c.name === 'app');
    const sidecar = web.containers.find((c: Json) => c.name === 'sidecar');
    expect(Object.keys(app.memory)).toEqual(MEMORY_KEYS);
    expect(app.memory.availableBytes).toBe(512 * 1024 * 1024 - app.memory.workingSetBytes);
    expect(Object.keys(sidecar.memory)).toEqual(MEMORY_KEYS_NO_LIMIT);
  });

  it('reports only running containers (no finished init container, none for a crash-looping one)', () => {
    expect(podStats(s, 'web-0').containers.map((c: Json) => c.name)).toEqual(['app', 'sidecar']);
    expect(podStats(s, 'checkout-7d4b9').containers).toEqual([]);
  });

  it('writes every time as RFC3339 seconds in UTC, at or before now', () => {
    const text = summaryJson(cluster, nodeA, T0);
    const times = [...text.matchAll(/"(time|startTime)": "([^"]+)"/g)].map((m) => m[2]);
    expect(times.length).toBeGreaterThan(50);
    for (const t of times) {
      expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(t)).toBeLessThanOrEqual(T0);
    }
    expect(s.node.rlimit.time).toBe('2026-11-23T11:00:00Z');
    expect(s.node.startTime).toBe(new Date(nodeA.bootMs).toISOString().replace('.000Z', 'Z'));
  });

  it('keeps node numbers physically sensible', () => {
    const m = s.node.memory;
    expect(m.availableBytes).toBe(nodeA.capacity.memory - m.workingSetBytes);
    expect(m.usageBytes).toBeGreaterThanOrEqual(m.workingSetBytes);
    expect(s.node.fs.usedBytes + s.node.fs.availableBytes).toBeLessThanOrEqual(s.node.fs.capacityBytes);
    expect(s.node.fs.inodesFree + s.node.fs.inodesUsed).toBe(s.node.fs.inodes);
    expect(s.node.runtime.imageFs.usedBytes).toBeLessThan(s.node.fs.usedBytes);
    const podsWs = s.pods.reduce((sum: number, p: Json) => sum + p.memory.workingSetBytes, 0);
    expect(m.workingSetBytes).toBeGreaterThan(podsWs);
  });
});

describe('only_cpu_and_memory', () => {
  const s = summary(T0, true);

  it('keeps just cpu and memory on the node, system containers, pods and containers', () => {
    expect(Object.keys(s.node)).toEqual(['nodeName', 'systemContainers', 'startTime', 'cpu', 'memory']);
    for (const c of s.node.systemContainers) {
      expect(Object.keys(c)).toEqual(SYS_CONTAINER_KEYS);
    }
    for (const p of s.pods) {
      expect(Object.keys(p)).toEqual(['podRef', 'startTime', 'containers', 'cpu', 'memory']);
      for (const c of p.containers) {
        expect(Object.keys(c)).toEqual(['name', 'startTime', 'cpu', 'memory']);
      }
    }
  });

  it('reports the same numbers as the full summary', () => {
    const full = summary(T0);
    expect(s.node.cpu).toEqual(full.node.cpu);
    expect(podStats(s, 'web-0').containers[0].memory).toEqual(podStats(full, 'web-0').containers[0].memory);
  });
});

describe('counters', () => {
  it('exceed 2^53 on a long-running busy node and are written as exact integer digits', () => {
    const text = summaryJson(cluster, busy, T0);
    expect(text).not.toMatch(/\d[eE][+-]?\d/);
    const nodeCpu = JSON.parse(text).node.cpu;
    const [nodeNanos] = digitsOf(text.slice(text.indexOf('"cpu": {\n      "time"')), 'usageCoreNanoSeconds');
    expect(nodeNanos).toBeGreaterThan(BigInt(2) ** BigInt(53));
    // the same counter through /metrics/resource, at the same sample time
    const resource = parsePromText(metricsResourceText(cluster, busy, T0)).find(
      (f) => f.name === 'node_cpu_usage_seconds_total'
    )!;
    expect(resource.samples[0].value).toBe(Number(nodeNanos) / 1e9);
    expect(nodeCpu.time).toBe(
      new Date(Math.floor(resource.samples[0].tsMs! / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    );
  });

  it('only grow between two scrapes, on the node, pods and containers', () => {
    const later = T0 + 95_000;
    const a = summaryJson(cluster, nodeA, T0);
    const b = summaryJson(cluster, nodeA, later);
    for (const field of ['usageCoreNanoSeconds', 'rxBytes', 'txBytes', 'pageFaults']) {
      const before = digitsOf(a, field);
      const after = digitsOf(b, field);
      expect(after).toHaveLength(before.length);
      before.forEach((v, i) => expect(after[i]).toBeGreaterThanOrEqual(v));
      expect(after.some((v, i) => v > before[i])).toBe(true);
    }
  });

  it('agrees with the usage model: the CPU rate between two samples matches the model, usageNanoCores matches the instant', () => {
    const single = podNamed(cluster, 'single');
    const main = single.containers[0];
    const at = (now: number) => {
      const fam = parsePromText(metricsResourceText(cluster, nodeA, now)).find(
        (f) => f.name === 'container_cpu_usage_seconds_total'
      )!;
      return fam.samples.find((x) => x.labels.pod === 'single')!;
    };
    const s1 = at(T0);
    const s2 = at(T0 + 600_000);
    const rate = (s2.value - s1.value) / ((s2.tsMs! - s1.tsMs!) / 1000);
    // the model's mean usage over the same interval, sampled finely
    let mean = 0;
    const steps = 600;
    for (let i = 0; i < steps; i++) {
      mean += containerUsageAt(main, s1.tsMs! + ((i + 0.5) * (s2.tsMs! - s1.tsMs!)) / steps).cpu / steps;
    }
    expect(rate).toBeCloseTo(mean, 3);

    const stats = podStats(summary(T0), 'single').containers[0].cpu;
    const instant = containerUsageAt(main, s1.tsMs!).cpu;
    expect(stats.usageNanoCores).toBe(Math.round(instant * 1e9));
  });

  it('are deterministic', () => {
    expect(summaryJson(cluster, nodeA, T0 + 12_345)).toBe(
      summaryJson(testCluster(), nodeNamed(testCluster(), 'node-a'), T0 + 12_345)
    );
  });
});
