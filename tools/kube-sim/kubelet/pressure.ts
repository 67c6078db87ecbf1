/**
 * Pressure stall information (KEP-4205, KubeletPSI; GA in 1.36) and swap (KEP-2400, LimitedSwap) for the
 * kubelet endpoints: pure functions of (node, pod, container, time), so /stats/summary, /metrics/resource
 * and /metrics/cadvisor agree.
 *
 * PSI: each cgroup stalls a share s(t) = base·(1 + amp·sin(2πt/period + phase)) of the time. `total` is the
 * integral of s since the cgroup started, in microseconds (the kernel's unit, passed through by the kubelet);
 * avg10/avg60/avg300 are s's mean over the last 10, 60 and 300 s in percent, two decimals as the kernel prints
 * them (the kernel uses running averages; a window mean is close enough and keeps `total` consistent).
 * CPU `full` is all zeros at node level, as /proc/pressure/cpu reports it; cgroups have a real one.
 *
 * Swap: some nodes have swap (node-2, node-6, ...: every fourth worker) and are the ones under memory pressure.
 * Under LimitedSwap only Burstable pods' containers with a memory request may swap, each up to
 * request / node memory × node swap; Guaranteed and BestEffort containers get a swap limit of 0.
 */
import { resourcesInEffect, type SimContainer, type SimNode, type SimPod } from '../cluster/model';
import { hashRange, hashUnit } from '../cluster/hash';
import { podQos } from './pressureQos';
import { containerMemAt, podCpuLimit, podMemoryLimit, runningContainers, wavyTotal } from './stats';

const GiB = 1024 * 1024 * 1024;
const PAGE = 4096;

export interface PressureOptions {
  /** the KubeletPSI gate: on by default (GA in 1.36); off, no psi blocks, no io blocks, no pressure counters */
  psi?: boolean;
  /** which nodes have swap; by default every fourth worker (node-2, node-6, ...) */
  swapNode?: (node: SimNode) => boolean;
}

export interface PsiValues {
  /** cumulative stall time, µs */
  total: bigint;
  avg10: number;
  avg60: number;
  avg300: number;
}

export interface PsiPair {
  full: PsiValues;
  some: PsiValues;
}

export interface Pressure {
  cpu: PsiPair;
  memory: PsiPair;
  io: PsiPair;
}

export interface SwapStat {
  tMs: number;
  usage: number;
  /** limit - usage; absent when the cgroup's swap is unlimited (pods), as the kubelet leaves it out */
  available?: number;
}

export const psiOn = (opts: PressureOptions = {}) => opts.psi !== false;

/** Default swap nodes: node-<i> with i % 4 == 2, so a 4-node cluster has one (node-2) and most nodes have none. */
export function defaultSwapNode(node: SimNode): boolean {
  const m = /^node-(\d+)$/.exec(node.name);
  return !!m && Number(m[1]) % 4 === 2;
}

export function nodeHasSwap(node: SimNode, opts: PressureOptions = {}): boolean {
  return (opts.swapNode ?? defaultSwapNode)(node);
}

/** The node's swap device: a quarter of its memory in whole GiB, at least 2 GiB (also status.nodeInfo.swap.capacity). */
export function nodeSwapCapacity(node: SimNode): number {
  return Math.max(2, Math.round(node.capacity.memory / 4 / GiB)) * GiB;
}

// ---------------------------------------------------------------------------------------------
// PSI

interface Stall {
  key: string;
  /** mean share of time stalled, 0..1 */
  base: number;
  /** full's share of some */
  fullFrac: number;
}

const ZERO: PsiValues = { total: BigInt(0), avg10: 0, avg60: 0, avg300: 0 };
const AMP = 0.6;

function psiValues(base: number, key: string, startMs: number, tMs: number): PsiValues {
  if (base <= 0) {
    return ZERO;
  }
  const period = hashRange(key, 71, 90, 900);
  const phase = hashUnit(key, 72) * Math.PI * 2;
  const over = (s: number) =>
    Math.round(((100 * wavyTotal(base, AMP, period, phase, Math.max(startMs, tMs - s * 1000), tMs)) / s) * 100) / 100;
  return {
    total: BigInt(Math.round(wavyTotal(base, AMP, period, phase, startMs, tMs) * 1e6)),
    avg10: over(10),
    avg60: over(60),
    avg300: over(300),
  };
}

function pair(s: Stall, startMs: number, tMs: number, fullIsZero = false): PsiPair {
  return {
    full: fullIsZero ? ZERO : psiValues(s.base * s.fullFrac, `${s.key}/full`, startMs, tMs),
    some: psiValues(s.base, `${s.key}/some`, startMs, tMs),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The container's memory request as configured (in effect: it lags the spec during an in-place resize). */
function memoryRequest(c: SimContainer): number | undefined {
  return resourcesInEffect(c).requests.memory;
}

/** Whether a container may swap: Burstable, with a memory request, on a swap node. */
function swaps(node: SimNode, pod: SimPod, c: SimContainer, opts: PressureOptions): boolean {
  return nodeHasSwap(node, opts) && podQos(pod) === 'Burstable' && !!memoryRequest(c);
}

function containerStalls(node: SimNode, pod: SimPod, c: SimContainer, opts: PressureOptions) {
  const k = `${pod.uid}/${c.name}`;
  const u = c.usage;
  // the limits that bound the cgroup: the container's in effect, else the pod cgroup's (pod-level resources)
  const limits = resourcesInEffect(c).limits;
  const cpuLimit = limits.cpu || podCpuLimit(pod) || node.capacity.cpu;
  const memLimit = limits.memory ?? podMemoryLimit(pod);
  const cpuUse = (u.cpuBase + u.cpuWave) / cpuLimit;
  const memUse = memLimit ? (u.memBase + u.memWave) / memLimit : 0;
  const swapping = swaps(node, pod, c, opts);
  return {
    cpu: clamp(0.002 + 0.01 * hashUnit(k, 73) + Math.max(0, cpuUse - 0.5) * 0.4, 0, 0.6),
    memory: clamp(
      0.0005 * hashUnit(k, 74) + Math.max(0, memUse - 0.7) * 0.3 + (swapping ? 0.04 + 0.12 * hashUnit(k, 75) : 0),
      0,
      0.6
    ),
    io: clamp(0.002 + 0.02 * hashUnit(k, 76) + (swapping ? 0.05 : 0), 0, 0.6),
  };
}

function pressureOf(
  key: string,
  b: { cpu: number; memory: number; io: number },
  startMs: number,
  tMs: number,
  node = false
): Pressure {
  return {
    cpu: pair({ key: `${key}/cpu`, base: b.cpu, fullFrac: 0.35 }, startMs, tMs, node),
    memory: pair({ key: `${key}/memory`, base: b.memory, fullFrac: 0.5 }, startMs, tMs),
    io: pair({ key: `${key}/io`, base: b.io, fullFrac: 0.6 }, startMs, tMs),
  };
}

export function containerPressureAt(
  node: SimNode,
  pod: SimPod,
  c: SimContainer,
  tMs: number,
  opts: PressureOptions = {}
): Pressure {
  return pressureOf(`${pod.uid}/${c.name}`, containerStalls(node, pod, c, opts), c.startedAtMs, tMs);
}

/** A pod stalls at least as often as its most stalled container (some), a little more for the sandbox. */
export function podPressureAt(node: SimNode, pod: SimPod, tMs: number, opts: PressureOptions = {}): Pressure {
  const cs = runningContainers(pod).map((c) => containerStalls(node, pod, c, opts));
  const most = (f: (s: { cpu: number; memory: number; io: number }) => number) =>
    clamp(cs.reduce((m, s) => Math.max(m, f(s)), 0) * 1.1, 0, 0.6);
  return pressureOf(
    pod.uid,
    { cpu: most((s) => s.cpu), memory: most((s) => s.memory), io: most((s) => s.io) },
    pod.startMs,
    tMs
  );
}

/** Node-wide pressure: CPU from how much of the node its pods and system ask for; memory and IO high on swap nodes. */
export function nodePressureAt(node: SimNode, pods: SimPod[], tMs: number, opts: PressureOptions = {}): Pressure {
  const k = node.uid;
  const cpuAsked =
    (node.systemUsage?.cpuBase ?? 0) +
    pods.reduce((s, p) => s + runningContainers(p).reduce((a, c) => a + c.usage.cpuBase, 0), 0);
  const swap = nodeHasSwap(node, opts);
  const b = {
    cpu: clamp(0.003 + 0.005 * hashUnit(k, 77) + Math.max(0, cpuAsked / node.capacity.cpu - 0.6) * 0.5, 0, 0.6),
    memory: swap ? 0.1 + 0.1 * hashUnit(k, 78) : 0.001 * hashUnit(k, 78),
    io: 0.003 + 0.01 * hashUnit(k, 79) + (swap ? 0.04 : 0),
  };
  return pressureOf(`node/${k}`, b, node.bootMs, tMs, true);
}

// ---------------------------------------------------------------------------------------------
// swap

/** The container's LimitedSwap limit: its share of the node's swap by memory request; 0 when it may not swap. */
export function containerSwapLimit(node: SimNode, pod: SimPod, c: SimContainer, opts: PressureOptions = {}): number {
  if (!swaps(node, pod, c, opts)) {
    return 0;
  }
  const share = (memoryRequest(c) ?? 0) / node.capacity.memory;
  return PAGE * Math.floor((share * nodeSwapCapacity(node)) / PAGE);
}

/**
 * Swap in use: a swapping container pushes out more of its memory the further its working set is above its
 * request, from 5% to 95% of its limit; undefined on a node without swap (the kubelet then has no swap block).
 */
export function containerSwapAt(
  node: SimNode,
  pod: SimPod,
  c: SimContainer,
  tMs: number,
  opts: PressureOptions = {}
): SwapStat | undefined {
  if (!nodeHasSwap(node, opts)) {
    return undefined;
  }
  const limit = containerSwapLimit(node, pod, c, opts);
  if (limit === 0) {
    return { tMs, usage: 0, available: 0 };
  }
  const ws = containerMemAt(pod, c, tMs).workingSet;
  const over = ws / (memoryRequest(c) ?? ws);
  const usage = PAGE * Math.floor((limit * clamp((over - 0.6) * 1.5, 0.05, 0.95)) / PAGE);
  return { tMs, usage, available: limit - usage };
}

/** The pod cgroup's swap: its containers' sum; the kubelet sets no pod-level swap limit, so no available. */
export function podSwapAt(node: SimNode, pod: SimPod, tMs: number, opts: PressureOptions = {}): SwapStat | undefined {
  if (!nodeHasSwap(node, opts)) {
    return undefined;
  }
  const usage = runningContainers(pod).reduce((s, c) => s + (containerSwapAt(node, pod, c, tMs, opts)?.usage ?? 0), 0);
  return { tMs, usage };
}

/** The node's swap: its pods' plus a little of the system's, out of the swap device. */
export function nodeSwapAt(
  node: SimNode,
  pods: SimPod[],
  tMs: number,
  opts: PressureOptions = {}
): SwapStat | undefined {
  if (!nodeHasSwap(node, opts)) {
    return undefined;
  }
  const capacity = nodeSwapCapacity(node);
  const system = PAGE * Math.floor((hashRange(node.uid, 80, 20, 120) * 1024 * 1024) / PAGE);
  const usage = Math.min(capacity, system + pods.reduce((s, p) => s + (podSwapAt(node, p, tMs, opts)?.usage ?? 0), 0));
  return { tMs, usage, available: capacity - usage };
}
