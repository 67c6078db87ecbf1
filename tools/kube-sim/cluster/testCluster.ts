/**
 * Small hand-built clusters for the kubelet and pod-log tests, independent of the cluster generator:
 * each object is spelled out so a test can see exactly what it is checking against.
 */
import type { SimCluster, SimContainer, SimNode, SimPod, UsageProfile } from './model';

export const Mi = 1024 * 1024;
export const Gi = 1024 * Mi;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 2026-11-23T11:00:00Z, the clock origin of every test cluster. */
export const T0 = Date.UTC(2026, 10, 23, 11, 0, 0);

export function usage(over: Partial<UsageProfile> = {}): UsageProfile {
  return {
    cpuBase: 0.2,
    cpuWave: 0.05,
    memBase: 200 * Mi,
    memWave: 20 * Mi,
    periodSec: 300,
    phase: 0.5,
    bursty: false,
    ...over,
  };
}

export function container(over: Partial<SimContainer> & { name: string }): SimContainer {
  return {
    image: `ghcr.io/example/${over.name}:1.0.0`,
    init: false,
    requests: {},
    limits: {},
    restartCount: 0,
    state: 'running',
    ready: true,
    startedAtMs: T0 - 2 * HOUR,
    hasPrevious: false,
    usage: usage(),
    logStyle: 'plain',
    logRate: 1,
    ...over,
  };
}

export function pod(over: Partial<SimPod> & { name: string }): SimPod {
  return {
    namespace: 'shop',
    uid: `uid-${over.name}`,
    labels: { app: over.name },
    nodeName: 'node-a',
    phase: 'Running',
    creationMs: T0 - 3 * HOUR,
    startMs: T0 - 3 * HOUR,
    ip: '10.244.1.10',
    initContainers: [],
    containers: [],
    volumes: [],
    ...over,
  };
}

export function node(over: Partial<SimNode> & { name: string }): SimNode {
  return {
    uid: `node-uid-${over.name}`,
    labels: { 'kubernetes.io/hostname': over.name },
    creationMs: T0 - 30 * DAY,
    bootMs: T0 - 3 * DAY,
    capacity: { cpu: 8, memory: 32 * Gi, pods: 110, ephemeralStorage: 100 * Gi },
    allocatable: { cpu: 7.9, memory: 32 * Gi - 100 * Mi, pods: 110, ephemeralStorage: 90 * Gi },
    kubeletVersion: 'v1.31.2',
    osImage: 'Ubuntu 22.04.5 LTS',
    containerRuntimeVersion: 'containerd://1.7.22',
    internalIP: '10.0.0.10',
    ready: true,
    systemUsage: usage({ cpuBase: 0.15, cpuWave: 0.02, memBase: 700 * Mi, memWave: 40 * Mi, periodSec: 240 }),
    ...over,
  };
}

/**
 * node-a: an ordinary 8-core node with a mix of pods (multi-container with init, limits and volumes;
 * single-container; crash-looping; restarted after an OOM kill; still creating; image pull failing;
 * finished job). node-busy: a 64-core node up for two years with one long-running busy pod, so its
 * CPU counter is far beyond 2^53 nanoseconds. One pod is not scheduled at all.
 */
export function testCluster(): SimCluster {
  const nodeA = node({ name: 'node-a' });
  const busy = node({
    name: 'node-busy',
    bootMs: T0 - 730 * DAY,
    capacity: { cpu: 64, memory: 256 * Gi, pods: 110, ephemeralStorage: 500 * Gi },
    allocatable: { cpu: 63.9, memory: 256 * Gi - 100 * Mi, pods: 110, ephemeralStorage: 450 * Gi },
    systemUsage: usage({ cpuBase: 2, cpuWave: 0.5, memBase: 2 * Gi, memWave: 100 * Mi }),
  });

  const web = pod({
    name: 'web-0',
    initContainers: [
      container({
        name: 'init-db',
        init: true,
        state: 'terminated',
        reason: 'Completed',
        exitCode: 0,
        ready: true,
        startedAtMs: T0 - 3 * HOUR + 1000,
        finishedAtMs: T0 - 3 * HOUR + 5000,
        logStyle: 'plain',
      }),
    ],
    containers: [
      container({
        name: 'app',
        image: 'ghcr.io/example/shop:2.4.1',
        requests: { cpu: 0.25, memory: 256 * Mi },
        limits: { cpu: 0.5, memory: 512 * Mi },
        usage: usage({ cpuBase: 0.3, cpuWave: 0.1, memBase: 300 * Mi, memWave: 30 * Mi, bursty: true }),
        logStyle: 'json',
        logRate: 4,
      }),
      container({
        name: 'sidecar',
        image: 'docker.io/envoyproxy/envoy:v1.31.2',
        requests: { cpu: 0.1, memory: 64 * Mi },
        logStyle: 'plain',
        logRate: 0.5,
      }),
    ],
    volumes: [
      { name: 'data', pvcName: 'data-web-0', capacityBytes: 10 * Gi },
      { name: 'kube-api-access-x7k2p', capacityBytes: 32 * Gi },
    ],
  });

  const single = pod({
    name: 'single',
    namespace: 'default',
    containers: [container({ name: 'main', logStyle: 'plain', logRate: 2 })],
  });

  const crashy = pod({
    name: 'checkout-7d4b9',
    containers: [
      container({
        name: 'checkout',
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        ready: false,
        restartCount: 12,
        hasPrevious: true,
        lastReason: 'Error',
        lastExitCode: 1,
        startedAtMs: T0 - 120_000,
        finishedAtMs: T0 - 114_000,
        logStyle: 'java',
        logRate: 3,
      }),
    ],
  });

  const restarted = pod({
    name: 'api-5f6c8',
    containers: [
      container({
        name: 'api',
        restartCount: 2,
        hasPrevious: true,
        lastReason: 'OOMKilled',
        lastExitCode: 137,
        startedAtMs: T0 - 30 * 60_000,
        requests: { cpu: 0.2, memory: 256 * Mi },
        limits: { cpu: 0.2, memory: 256 * Mi },
        logStyle: 'logfmt',
        logRate: 2,
      }),
    ],
  });

  const colourful = pod({ name: 'ui-1', containers: [container({ name: 'ui', logStyle: 'ansi', logRate: 1 })] });
  const quiet = pod({
    name: 'reloader-1',
    containers: [container({ name: 'reloader', logStyle: 'quiet', logRate: 0 })],
  });

  const creating = pod({
    name: 'new-1',
    phase: 'Pending',
    startMs: T0 - 5000,
    containers: [
      container({ name: 'app', state: 'waiting', reason: 'ContainerCreating', ready: false, startedAtMs: 0 }),
    ],
  });
  const pullFail = pod({
    name: 'badimage-1',
    phase: 'Pending',
    containers: [
      container({ name: 'app', state: 'waiting', reason: 'ImagePullBackOff', ready: false, startedAtMs: 0 }),
    ],
  });
  const job = pod({
    name: 'report-28913',
    phase: 'Succeeded',
    containers: [
      container({
        name: 'report',
        state: 'terminated',
        reason: 'Completed',
        exitCode: 0,
        ready: false,
        startedAtMs: T0 - HOUR,
        finishedAtMs: T0 - HOUR + 90_000,
      }),
    ],
  });
  const unscheduled = pod({
    name: 'pending-1',
    nodeName: '',
    phase: 'Pending',
    containers: [container({ name: 'app', state: 'waiting', ready: false, startedAtMs: 0 })],
  });

  const trainer = pod({
    name: 'trainer-0',
    namespace: 'ml',
    nodeName: 'node-busy',
    startMs: T0 - 365 * DAY,
    creationMs: T0 - 365 * DAY,
    containers: [
      container({
        name: 'trainer',
        startedAtMs: T0 - 365 * DAY + 10_000,
        requests: { cpu: 48, memory: 128 * Gi },
        usage: usage({ cpuBase: 40, cpuWave: 8, memBase: 100 * Gi, memWave: 10 * Gi }),
      }),
    ],
  });

  return {
    seed: 42,
    startMs: T0,
    namespaces: [],
    nodes: [nodeA, busy],
    workloads: [],
    pods: [web, single, crashy, restarted, colourful, quiet, creating, pullFail, job, unscheduled, trainer],
    pvcs: [],
    events: [],
    services: [],
    configMaps: [],
    leases: [],
  };
}

/** Looks a pod or node up by name, failing loudly so a typo in a test is obvious. */
export function podNamed(c: SimCluster, name: string): SimPod {
  const p = c.pods.find((x) => x.name === name);
  if (!p) {
    throw new Error(`no pod ${name}`);
  }
  return p;
}

export function nodeNamed(c: SimCluster, name: string): SimNode {
  const n = c.nodes.find((x) => x.name === name);
  if (!n) {
    throw new Error(`no node ${name}`);
  }
  return n;
}
