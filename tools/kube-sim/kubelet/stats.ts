/**
 * The numbers behind every kubelet endpoint: per container, pod and node stats as pure functions of
 * (cluster, node, pod, time). /stats/summary, /metrics/resource and /metrics/cadvisor all read from
 * here, so the three endpoints agree with each other and with model.ts's usage functions.
 *
 * Like the real kubelet, each cgroup is sampled on its own housekeeping tick, so a stat's time is a
 * little before "now" and differs between containers; values are exact for that time.
 */
import {
  containerCpuSecondsAt,
  containerUsageAt,
  growthAt,
  nodeSystemCpuSecondsAt,
  nodeSystemUsageAt,
  resourcesInEffect,
  type SimCluster,
  type SimContainer,
  type SimNode,
  type SimPod,
  type SimVolume,
} from '../cluster/model';
import { fnv1a, hashRange, hashUnit } from '../cluster/hash';

/** cAdvisor housekeeping interval for cgroup stats. */
export const HOUSEKEEPING_MS = 10_000;
/** The kubelet's volume/ephemeral-storage analyser runs far less often. */
export const FS_PERIOD_MS = 60_000;

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TWO_PI = Math.PI * 2;

export interface CpuStat {
  tMs: number;
  nanoCores: number;
  /** uint64 in the kubelet; can pass 2^53 on long-running nodes */
  coreNanos: bigint;
}

export interface MemStat {
  tMs: number;
  /** limit - working set; absent when there is no limit */
  available?: number;
  usage: number;
  workingSet: number;
  rss: number;
  /** page cache (usage - rss), for cAdvisor */
  cache: number;
  pageFaults: number;
  majorPageFaults: number;
}

export interface FsStat {
  tMs: number;
  available: number;
  capacity: number;
  used: number;
  inodesFree: number;
  inodes: number;
  inodesUsed: number;
}

export interface IfaceStat {
  name: string;
  rxBytes: bigint;
  rxErrors: number;
  txBytes: bigint;
  txErrors: number;
  rxPackets: number;
  txPackets: number;
  rxDropped: number;
  txDropped: number;
}

export interface NetStat {
  tMs: number;
  /** the first one is the default interface */
  interfaces: IfaceStat[];
}

export interface DiskIo {
  readBytes: number;
  writeBytes: number;
}

export interface CfsStat {
  periods: number;
  throttledPeriods: number;
}

/** The latest housekeeping tick of a cgroup at or before nowMs (each key has its own phase), not before notBeforeMs. */
export function sampleTime(key: string, nowMs: number, periodMs = HOUSEKEEPING_MS, notBeforeMs = -Infinity): number {
  const phase = fnv1a(key) % periodMs;
  const tick = Math.floor((nowMs - phase) / periodMs) * periodMs + phase;
  return Math.max(tick, Math.min(notBeforeMs, nowMs));
}

/** metav1.Time JSON: RFC3339 in UTC, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Core-seconds (or any seconds) to integer nanoseconds, exact digits even beyond 2^53. */
export function toNanos(seconds: number): bigint {
  return Number.isFinite(seconds) ? BigInt(Math.round(Math.max(0, seconds) * 1e9)) : BigInt(0);
}

/** Integral over [t0Ms, t1Ms] of base·(1 + amp·sin(2πt/period + phase)) per second; increasing when amp < 1. */
export function wavyTotal(
  base: number,
  amp: number,
  periodSec: number,
  phase: number,
  t0Ms: number,
  t1Ms: number
): number {
  if (t1Ms <= t0Ms) {
    return 0;
  }
  const w = TWO_PI / periodSec;
  const a = t0Ms / 1000;
  const b = t1Ms / 1000;
  return Math.max(0, base * (b - a) - ((base * amp) / w) * (Math.cos(w * b + phase) - Math.cos(w * a + phase)));
}

function sumBig(values: bigint[]): bigint {
  return values.reduce((a, b) => a + b, BigInt(0));
}

// ---------------------------------------------------------------------------------------------
// selection

/** Pods the node's kubelet reports: bound to it and running. */
export function nodePods(cluster: SimCluster, node: SimNode): SimPod[] {
  return cluster.pods.filter((p) => p.nodeName === node.name && p.phase === 'Running');
}

/** Containers with a live cgroup: running regular and (sidecar) init containers, init first. */
export function runningContainers(pod: SimPod): SimContainer[] {
  return [...pod.initContainers, ...pod.containers].filter((c) => c.state === 'running' && c.startedAtMs > 0);
}

function containerKey(pod: SimPod, c: SimContainer): string {
  return `${pod.uid}/${c.name}`;
}

// ---------------------------------------------------------------------------------------------
// containers

/** Stable per-container traits that model.ts does not carry, derived from the pod UID and name. */
function traits(pod: SimPod, c: SimContainer) {
  const k = containerKey(pod, c);
  return {
    rssFrac: hashRange(k, 1, 0.72, 0.95),
    inactiveFrac: hashRange(k, 2, 0.03, 0.3),
    faultRate: hashRange(k, 3, 15, 400),
    majorFaultRate: hashUnit(k, 4) < 0.3 ? hashRange(k, 5, 0.0005, 0.01) : 0,
    rootfsBytes: 4096 * Math.floor(hashRange(k, 6, 3, 12000)),
    processes: 1 + Math.floor(hashUnit(k, 7) * 12),
    readRate: hashUnit(k, 8) < 0.4 ? hashRange(k, 9, 50, 40_000) : 0,
    writeRate: hashRange(k, 10, 100, 60_000),
  };
}

/** Average bytes a container's log line takes on disk (CRI prefix included). */
function logLineBytes(c: SimContainer): number {
  switch (c.logStyle) {
    case 'json':
      return 230;
    case 'java':
      return 260;
    case 'logfmt':
      return 170;
    default:
      return 130;
  }
}

export function containerCpuAt(c: SimContainer, tMs: number): CpuStat {
  return {
    tMs,
    nanoCores: Math.round(containerUsageAt(c, tMs).cpu * 1e9),
    coreNanos: toNanos(containerCpuSecondsAt(c, c.startedAtMs, tMs)),
  };
}

export function containerMemAt(pod: SimPod, c: SimContainer, tMs: number): MemStat {
  const t = traits(pod, c);
  const ws = containerUsageAt(c, tMs).memory;
  const usage = ws + Math.round(ws * t.inactiveFrac);
  const rss = Math.round(ws * t.rssFrac);
  const upS = Math.max(0, (tMs - c.startedAtMs) / 1000);
  const mem: MemStat = {
    tMs,
    usage,
    workingSet: ws,
    rss,
    cache: usage - rss,
    pageFaults: Math.floor(upS * t.faultRate),
    majorPageFaults: Math.floor(upS * t.majorFaultRate),
  };
  // the cgroup limit is what the kubelet configured, which lags the spec while a resize is pending
  const limit = resourcesInEffect(c).limits.memory;
  if (limit !== undefined) {
    mem.available = Math.max(0, Math.round(limit) - ws);
  }
  return mem;
}

export function containerDiskIoAt(pod: SimPod, c: SimContainer, tMs: number): DiskIo {
  const t = traits(pod, c);
  const upS = Math.max(0, (tMs - c.startedAtMs) / 1000);
  return {
    readBytes: 4096 * Math.floor((upS * t.readRate) / 4096),
    writeBytes: 4096 * Math.floor((upS * t.writeRate) / 4096),
  };
}

export function containerProcesses(pod: SimPod, c: SimContainer): number {
  return traits(pod, c).processes;
}

/** Writable layer size of the container. */
export function containerRootfsUsed(pod: SimPod, c: SimContainer): number {
  return traits(pod, c).rootfsBytes;
}

/** Log files on disk: grows with the log rate and is rotated like the kubelet does (10 MiB x 5 files). */
export function containerLogsUsed(c: SimContainer, tMs: number): { used: number; files: number } {
  const written = Math.max(0, ((tMs - c.startedAtMs) / 1000) * Math.max(0, c.logRate) * logLineBytes(c));
  const maxSize = 10 * MiB;
  if (written <= maxSize) {
    return { used: 4096 * Math.ceil(Math.max(1, written) / 4096), files: 1 };
  }
  const rotated = Math.min(4, Math.floor(written / maxSize));
  return { used: 4096 * Math.ceil((rotated * maxSize + (written % maxSize)) / 4096), files: rotated + 1 };
}

/** CFS quota periods: only containers (or pods) with a CPU limit are throttled. */
export function cfsAt(avgCpu: number, peakCpu: number, limitCpu: number, fromMs: number, tMs: number): CfsStat {
  const upS = Math.max(0, (tMs - fromMs) / 1000);
  const active = Math.min(1, Math.max(0.05, (avgCpu / limitCpu) * 2));
  const throttledFrac = Math.min(0.9, Math.max(0, (peakCpu / limitCpu - 0.6) * 0.8));
  const periods = Math.floor(upS * 10 * active);
  return { periods, throttledPeriods: Math.floor(periods * throttledFrac) };
}

export function containerCfsAt(c: SimContainer, tMs: number): CfsStat | undefined {
  const limit = resourcesInEffect(c).limits.cpu;
  if (!limit) {
    return undefined;
  }
  const u = c.usage;
  const avg = u.cpuBase + (u.bursty ? u.cpuWave * 0.6 : 0);
  return cfsAt(avg, u.cpuBase + u.cpuWave * (u.bursty ? 4 : 1), limit, c.startedAtMs, tMs);
}

// ---------------------------------------------------------------------------------------------
// pods

/** Pod cgroup CPU: it outlives container restarts, so restarted containers count from pod start. */
export function podCpuAt(pod: SimPod, tMs: number): CpuStat {
  const cs = runningContainers(pod);
  return {
    tMs,
    nanoCores: cs.reduce((s, c) => s + Math.round(containerUsageAt(c, tMs).cpu * 1e9), 0),
    coreNanos: sumBig(
      cs.map((c) => toNanos(containerCpuSecondsAt(c, c.hasPrevious ? pod.startMs : c.startedAtMs, tMs)))
    ),
  };
}

/** The pause container's small footprint, part of the pod cgroup. */
export function pauseMemory(pod: SimPod): number {
  return 4096 * Math.floor(hashRange(pod.uid, 20, 90, 260));
}

export function podMemAt(pod: SimPod, tMs: number): MemStat {
  const mems = runningContainers(pod).map((c) => containerMemAt(pod, c, tMs));
  const pause = pauseMemory(pod);
  const sum = (f: (m: MemStat) => number) => mems.reduce((s, m) => s + f(m), 0);
  const usage = sum((m) => m.usage) + pause;
  const rss = sum((m) => m.rss) + pause;
  // the kubelet leaves availableBytes out at pod level (see the recorded summary)
  return {
    tMs,
    usage,
    workingSet: sum((m) => m.workingSet) + pause,
    rss,
    cache: usage - rss,
    pageFaults: sum((m) => m.pageFaults),
    majorPageFaults: sum((m) => m.majorPageFaults),
  };
}

/**
 * The pod cgroup's memory limit: the pod-level limit when the pod has one (KEP-2837), else the sum of the
 * limits in effect when every running container has one, else undefined.
 */
export function podMemoryLimit(pod: SimPod): number | undefined {
  if (pod.resources?.limits.memory !== undefined) {
    return pod.resources.limits.memory;
  }
  const limits = runningContainers(pod).map((c) => resourcesInEffect(c).limits.memory);
  if (limits.length === 0 || limits.some((l) => l === undefined)) {
    return undefined;
  }
  return limits.reduce((s: number, l) => s + (l ?? 0), 0);
}

export function podCpuLimit(pod: SimPod): number | undefined {
  if (pod.resources?.limits.cpu) {
    return pod.resources.limits.cpu;
  }
  const limits = runningContainers(pod).map((c) => resourcesInEffect(c).limits.cpu);
  if (limits.length === 0 || limits.some((l) => !l)) {
    return undefined;
  }
  return limits.reduce((s: number, l) => s + (l ?? 0), 0);
}

export function podCfsAt(pod: SimPod, tMs: number): CfsStat | undefined {
  const limit = podCpuLimit(pod);
  if (!limit) {
    return undefined;
  }
  const cs = runningContainers(pod);
  const avg = cs.reduce((s, c) => s + c.usage.cpuBase + (c.usage.bursty ? c.usage.cpuWave * 0.6 : 0), 0);
  const peak = cs.reduce((s, c) => s + c.usage.cpuBase + c.usage.cpuWave * (c.usage.bursty ? 4 : 1), 0);
  return cfsAt(avg, peak, limit, pod.startMs, tMs);
}

/** OOM kills observed by the pod cgroup since it was created. */
export function podOomEvents(pod: SimPod): number {
  return [...pod.initContainers, ...pod.containers].reduce(
    (s, c) => s + (c.lastReason === 'OOMKilled' ? Math.max(1, c.restartCount) : 0),
    0
  );
}

/** Pod network traffic on its eth0 since the sandbox started; busier pods (more CPU) move more bytes. */
export function podNetAt(pod: SimPod, tMs: number): IfaceStat {
  const k = pod.uid;
  const cpu = [...pod.initContainers, ...pod.containers].reduce((s, c) => s + c.usage.cpuBase, 0);
  const rxRate = hashRange(k, 30, 500, 60_000) * (1 + cpu * 6);
  const txRate = hashRange(k, 31, 300, 40_000) * (1 + cpu * 6);
  const period = hashRange(k, 32, 300, 3600);
  const phase = hashRange(k, 33, 0, TWO_PI);
  const rx = wavyTotal(rxRate, 0.5, period, phase, pod.startMs, tMs);
  const tx = wavyTotal(txRate, 0.5, period, phase + 1, pod.startMs, tMs);
  const packetSize = hashRange(k, 34, 180, 1400);
  const upS = Math.max(0, (tMs - pod.startMs) / 1000);
  const dropRate = hashUnit(k, 35) < 0.15 ? hashRange(k, 36, 0.0005, 0.01) : 0;
  return {
    name: 'eth0',
    rxBytes: BigInt(Math.floor(rx)),
    rxErrors: 0,
    txBytes: BigInt(Math.floor(tx)),
    txErrors: 0,
    rxPackets: Math.floor(rx / packetSize),
    txPackets: Math.floor(tx / packetSize),
    rxDropped: Math.floor(upS * dropRate),
    txDropped: 0,
  };
}

export function podDiskIoAt(pod: SimPod, tMs: number): DiskIo {
  const ios = runningContainers(pod).map((c) => containerDiskIoAt(pod, c, tMs));
  return { readBytes: ios.reduce((s, x) => s + x.readBytes, 0), writeBytes: ios.reduce((s, x) => s + x.writeBytes, 0) };
}

export function podProcesses(pod: SimPod): number {
  return runningContainers(pod).reduce((s, c) => s + containerProcesses(pod, c), 0);
}

/** Usage of one pod volume: PVCs fill up to a stable fraction that drifts slowly; config volumes are tiny. */
export function volumeAt(pod: SimPod, v: SimVolume, tMs: number): FsStat {
  const k = `${pod.uid}/vol/${v.name}`;
  const capacity = Math.max(4096, Math.round(v.capacityBytes));
  let used: number;
  let inodes: number;
  let inodesUsed: number;
  if (v.fill) {
    // a volume filling at a known rate (triage scenarios): used follows the clock exactly
    used = Math.min(capacity, growthAt(v.fill, tMs));
    inodes = Math.max(1024, Math.floor(capacity / 16_384));
    inodesUsed = 11 + Math.floor(used / 262_144);
  } else if (v.pvcName) {
    const frac = hashRange(k, 40, 0.04, 0.7) * (1 + 0.03 * Math.sin(tMs / 1000 / hashRange(k, 41, 3600, 86_400)));
    used = 4096 * Math.floor((capacity * Math.min(0.98, frac)) / 4096);
    inodes = Math.max(1024, Math.floor(capacity / 16_384));
    inodesUsed = 11 + Math.floor(used / 262_144);
  } else {
    used = Math.min(capacity, 4096 * (3 + Math.floor(hashUnit(k, 42) * 20)));
    inodes = Math.max(16, Math.floor(capacity / 4096));
    inodesUsed = 3 + Math.floor(hashUnit(k, 43) * 9);
  }
  inodesUsed = Math.min(inodes, inodesUsed);
  return { tMs, available: capacity - used, capacity, used, inodes, inodesUsed, inodesFree: inodes - inodesUsed };
}

/** Local (non-PVC) disk a pod uses: container writable layers, logs and local volumes (emptyDir and friends). */
export function podEphemeralUsed(pod: SimPod, tMs: number): { used: number; inodesUsed: number } {
  let used = 0;
  let inodesUsed = 0;
  for (const c of runningContainers(pod)) {
    const root = containerRootfsUsed(pod, c);
    const logs = containerLogsUsed(c, tMs);
    used += root + logs.used;
    inodesUsed += 3 + Math.ceil(root / 65_536) + logs.files;
  }
  for (const v of pod.volumes) {
    if (!v.pvcName) {
      const s = volumeAt(pod, v, tMs);
      used += s.used;
      inodesUsed += s.inodesUsed;
    }
  }
  return { used, inodesUsed };
}

// ---------------------------------------------------------------------------------------------
// node

/** Stable node traits: its boot disk, OS footprint and own network chatter. */
export function nodeTraits(node: SimNode) {
  const k = node.uid;
  const disks = ['nvme0n1', 'sda', 'vda'];
  const disk = disks[Math.floor(hashUnit(k, 50) * disks.length)];
  return {
    disk: `/dev/${disk}`,
    partition: `/dev/${disk}${disk.startsWith('nvme') ? 'p1' : '1'}`,
    osBytes: 4096 * Math.floor(hashRange(k, 51, 2.5, 7) * (GiB / 4096)),
    pageCacheFrac: hashRange(k, 52, 0.05, 0.2),
    rxRate: hashRange(k, 53, 20_000, 400_000),
    txRate: hashRange(k, 54, 10_000, 200_000),
    netPeriod: hashRange(k, 55, 600, 7200),
    faultRate: hashRange(k, 56, 200, 3000),
    baseProcs: 140 + Math.floor(hashUnit(k, 57) * 90),
    machineId: k,
  };
}

/** Size a container image takes in the image store (same image, same size on every node). */
export function imageBytes(image: string): number {
  return 4096 * Math.floor(hashRange(image, 60, 12, 900) * (MiB / 4096));
}

export function nodeCpuAt(node: SimNode, pods: SimPod[], tMs: number): CpuStat {
  const ps = pods.map((p) => podCpuAt(p, tMs));
  return {
    tMs,
    nanoCores: Math.round(nodeSystemUsageAt(node, tMs).cpu * 1e9) + ps.reduce((s, p) => s + p.nanoCores, 0),
    coreNanos: toNanos(nodeSystemCpuSecondsAt(node, node.bootMs, tMs)) + sumBig(ps.map((p) => p.coreNanos)),
  };
}

export function nodeMemAt(node: SimNode, pods: SimPod[], tMs: number): MemStat {
  const capacity = node.capacity.memory;
  const sys = nodeSystemUsageAt(node, tMs).memory;
  const ps = pods.map((p) => podMemAt(p, tMs));
  const ws = Math.min(capacity, sys + ps.reduce((s, p) => s + p.workingSet, 0));
  const tr = nodeTraits(node);
  const usage = Math.min(
    capacity,
    ws + ps.reduce((s, p) => s + (p.usage - p.workingSet), 0) + Math.round(capacity * tr.pageCacheFrac)
  );
  const rss = Math.min(ws, Math.round(sys * 0.8) + ps.reduce((s, p) => s + p.rss, 0));
  const upS = Math.max(0, (tMs - node.bootMs) / 1000);
  return {
    tMs,
    available: Math.max(0, capacity - ws),
    usage,
    workingSet: ws,
    rss,
    cache: usage - rss,
    pageFaults: Math.floor(upS * tr.faultRate),
    majorPageFaults: Math.floor(upS * tr.faultRate * 0.0004),
  };
}

/** Host interfaces: eth0 carries the node's own traffic plus its pods'; cni0 is the pod bridge. */
export function nodeNetAt(node: SimNode, pods: SimPod[], tMs: number): NetStat {
  const tr = nodeTraits(node);
  const podNets = pods.map((p) => podNetAt(p, tMs));
  const podRx = sumBig(podNets.map((n) => n.rxBytes));
  const podTx = sumBig(podNets.map((n) => n.txBytes));
  const podRxP = podNets.reduce((s, n) => s + n.rxPackets, 0);
  const podTxP = podNets.reduce((s, n) => s + n.txPackets, 0);
  const ownRx = wavyTotal(tr.rxRate, 0.4, tr.netPeriod, 0, node.bootMs, tMs);
  const ownTx = wavyTotal(tr.txRate, 0.4, tr.netPeriod, 2, node.bootMs, tMs);
  const eth0: IfaceStat = {
    name: 'eth0',
    rxBytes: BigInt(Math.floor(ownRx)) + podRx,
    rxErrors: 0,
    txBytes: BigInt(Math.floor(ownTx)) + podTx,
    txErrors: 0,
    rxPackets: Math.floor(ownRx / 600) + podRxP,
    txPackets: Math.floor(ownTx / 600) + podTxP,
    rxDropped: Math.floor(Math.max(0, tMs - node.bootMs) / 3_600_000),
    txDropped: 0,
  };
  const cni0: IfaceStat = {
    name: 'cni0',
    rxBytes: podTx,
    rxErrors: 0,
    txBytes: podRx,
    txErrors: 0,
    rxPackets: podTxP,
    txPackets: podRxP,
    rxDropped: 0,
    txDropped: 0,
  };
  return { tMs, interfaces: [eth0, cni0] };
}

export interface NodeDisk {
  nodeFs: FsStat;
  imageFs: FsStat;
}

/** The node's root filesystem, which (not split) also holds the images and the containers' writable layers. */
export function nodeDiskAt(node: SimNode, pods: SimPod[], tMs: number): NodeDisk {
  const tr = nodeTraits(node);
  const capacity = node.capacity.ephemeralStorage > 0 ? node.capacity.ephemeralStorage : 100 * GiB;
  const images = new Set<string>();
  let podUsed = 0;
  let podInodes = 0;
  for (const p of pods) {
    for (const c of [...p.initContainers, ...p.containers]) {
      images.add(c.image);
    }
    const e = podEphemeralUsed(p, tMs);
    podUsed += e.used;
    podInodes += e.inodesUsed;
  }
  const imagesUsed = [...images].reduce((s, i) => s + imageBytes(i), 0);
  const used = Math.min(capacity, tr.osBytes + imagesUsed + podUsed);
  // ext4 keeps 5% for root, so available + used < capacity as on a real node
  const available = Math.max(0, Math.floor(capacity * 0.95) - used);
  const inodes = Math.max(65_536, Math.floor(capacity / 16_384));
  const inodesUsed = Math.min(inodes, 52_000 + images.size * 900 + podInodes);
  const fs = (u: number): FsStat => ({
    tMs,
    available,
    capacity,
    used: u,
    inodesFree: inodes - inodesUsed,
    inodes,
    inodesUsed,
  });
  return { nodeFs: fs(used), imageFs: fs(imagesUsed) };
}

export function nodeDiskIoAt(node: SimNode, pods: SimPod[], tMs: number): DiskIo {
  const upS = Math.max(0, (tMs - node.bootMs) / 1000);
  const ps = pods.map((p) => podDiskIoAt(p, tMs));
  const own = hashRange(node.uid, 58, 2000, 80_000);
  return {
    readBytes: 4096 * Math.floor((upS * own * 0.6) / 4096) + ps.reduce((s, x) => s + x.readBytes, 0),
    writeBytes: 4096 * Math.floor((upS * own) / 4096) + ps.reduce((s, x) => s + x.writeBytes, 0),
  };
}

export function nodeProcesses(node: SimNode, pods: SimPod[]): number {
  return nodeTraits(node).baseProcs + pods.reduce((s, p) => s + podProcesses(p), 0);
}

/** The kubelet's system containers take fixed shares of the node's system (non-pod) usage. */
export const SYSTEM_SHARES = {
  kubelet: { cpu: 0.4, memory: 0.11, startAfterBootMs: 31_000 },
  runtime: { cpu: 0.22, memory: 0.07, startAfterBootMs: 18_000 },
} as const;

export function systemContainerAt(
  node: SimNode,
  which: keyof typeof SYSTEM_SHARES,
  tMs: number
): { startMs: number; cpu: CpuStat; memory: MemStat } {
  const share = SYSTEM_SHARES[which];
  const startMs = node.bootMs + share.startAfterBootMs;
  const sys = nodeSystemUsageAt(node, tMs);
  const ws = Math.round(sys.memory * share.memory);
  const usage = Math.round(ws * 1.12);
  const rss = Math.round(ws * 0.93);
  const upS = Math.max(0, (tMs - startMs) / 1000);
  return {
    startMs,
    cpu: {
      tMs,
      nanoCores: Math.round(sys.cpu * share.cpu * 1e9),
      coreNanos: toNanos(nodeSystemCpuSecondsAt(node, startMs, tMs) * share.cpu),
    },
    memory: {
      tMs,
      usage,
      workingSet: ws,
      rss,
      cache: usage - rss,
      pageFaults: Math.floor(upS * 40),
      majorPageFaults: Math.floor(upS * 0.001),
    },
  };
}

/** The kubepods cgroup's memory limit: allocatable plus the hard eviction threshold. */
export function podsCgroupMemoryLimit(node: SimNode): number {
  return Math.min(node.capacity.memory, node.allocatable.memory + 100 * MiB);
}

export function podsCgroupStartMs(node: SimNode): number {
  return node.bootMs + SYSTEM_SHARES.kubelet.startAfterBootMs + 1000;
}

/** The kubepods cgroup: the sum of the running pods, with its own limit. */
export function podsCgroupAt(node: SimNode, pods: SimPod[], tMs: number): { cpu: CpuStat; memory: MemStat } {
  const cpus = pods.map((p) => podCpuAt(p, tMs));
  const mems = pods.map((p) => podMemAt(p, tMs));
  const sum = (f: (m: MemStat) => number) => mems.reduce((s, m) => s + f(m), 0);
  const ws = sum((m) => m.workingSet);
  const usage = sum((m) => m.usage);
  const rss = sum((m) => m.rss);
  return {
    cpu: { tMs, nanoCores: cpus.reduce((s, c) => s + c.nanoCores, 0), coreNanos: sumBig(cpus.map((c) => c.coreNanos)) },
    memory: {
      tMs,
      available: Math.max(0, podsCgroupMemoryLimit(node) - ws),
      usage,
      workingSet: ws,
      rss,
      cache: usage - rss,
      pageFaults: sum((m) => m.pageFaults),
      majorPageFaults: sum((m) => m.majorPageFaults),
    },
  };
}
