/**
 * GET /stats/summary: the kubelet's stats/v1alpha1 Summary, field for field and in Go struct order.
 * Optional (omitempty) members appear only when the kubelet would have them: availableBytes only
 * under a memory limit, volume only for pods with volumes, psi and io only with the KubeletPSI gate
 * (on by default), swap only on nodes with swap (kubelet/pressure.ts).
 */
import type { SimCluster, SimContainer, SimNode, SimPod } from '../cluster/model';
import { toJson, type JsonValue } from './json';
import {
  FS_PERIOD_MS,
  HOUSEKEEPING_MS,
  containerCpuAt,
  containerLogsUsed,
  containerMemAt,
  containerRootfsUsed,
  nodeCpuAt,
  nodeDiskAt,
  nodeMemAt,
  nodeNetAt,
  nodePods,
  nodeProcesses,
  podCpuAt,
  podEphemeralUsed,
  podMemAt,
  podNetAt,
  podProcesses,
  podsCgroupAt,
  podsCgroupStartMs,
  rfc3339,
  runningContainers,
  sampleTime,
  systemContainerAt,
  volumeAt,
  type CpuStat,
  type FsStat,
  type IfaceStat,
  type MemStat,
} from './stats';
import {
  containerPressureAt,
  containerSwapAt,
  nodePressureAt,
  nodeSwapAt,
  podPressureAt,
  podSwapAt,
  psiOn,
  type PressureOptions,
  type PsiPair,
  type PsiValues,
  type SwapStat,
} from './pressure';

export interface SummaryOptions extends PressureOptions {
  /** ?only_cpu_and_memory=true: node and pods keep only cpu and memory */
  onlyCpuAndMemory?: boolean;
}

/** Linux pid_max on current distributions (systemd raises it to the 22-bit maximum). */
const PID_MAX = 4_194_304;

export function summaryJson(cluster: SimCluster, node: SimNode, nowMs: number, opts: SummaryOptions = {}): string {
  return toJson(summaryObject(cluster, node, nowMs, opts));
}

/** The Summary as a JSON value (bigint counters included), for callers that need to look inside. */
export function summaryObject(cluster: SimCluster, node: SimNode, nowMs: number, opts: SummaryOptions = {}): JsonValue {
  const pods = nodePods(cluster, node);
  const only = !!opts.onlyCpuAndMemory;
  const tNode = sampleTime(`node/${node.name}`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const disk = nodeDiskAt(node, pods, tNode);
  const net = nodeNetAt(node, pods, tNode);

  const kubelet = systemContainerAt(
    node,
    'kubelet',
    sampleTime(`sys/${node.name}/kubelet`, nowMs, HOUSEKEEPING_MS, node.bootMs)
  );
  const runtime = systemContainerAt(
    node,
    'runtime',
    sampleTime(`sys/${node.name}/runtime`, nowMs, HOUSEKEEPING_MS, node.bootMs)
  );
  const podsCg = podsCgroupAt(node, pods, sampleTime(`sys/${node.name}/pods`, nowMs, HOUSEKEEPING_MS, node.bootMs));

  const psi = psiOn(opts) ? nodePressureAt(node, pods, tNode, opts) : undefined;
  const nodeStats: JsonValue = {
    nodeName: node.name,
    systemContainers: [
      {
        name: 'kubelet',
        startTime: rfc3339(kubelet.startMs),
        cpu: cpuJson(kubelet.cpu),
        memory: memJson(kubelet.memory),
      },
      {
        name: 'runtime',
        startTime: rfc3339(runtime.startMs),
        cpu: cpuJson(runtime.cpu),
        memory: memJson(runtime.memory),
      },
      {
        name: 'pods',
        startTime: rfc3339(podsCgroupStartMs(node)),
        cpu: cpuJson(podsCg.cpu),
        memory: memJson(podsCg.memory),
      },
    ],
    startTime: rfc3339(node.bootMs),
    cpu: cpuJson(nodeCpuAt(node, pods, tNode), psi?.cpu),
    memory: memJson(nodeMemAt(node, pods, tNode), psi?.memory),
    io: only ? undefined : ioJson(tNode, psi?.io),
    network: only ? undefined : netJson(tNode, net.interfaces),
    fs: only ? undefined : fsJson(disk.nodeFs),
    runtime: only ? undefined : { imageFs: fsJson(disk.imageFs), containerFs: fsJson(disk.imageFs) },
    rlimit: only ? undefined : { time: rfc3339(nowMs), maxpid: PID_MAX, curproc: nodeProcesses(node, pods) },
    swap: swapJson(nodeSwapAt(node, pods, tNode, opts)),
  };

  return {
    node: nodeStats,
    pods: pods.map((p) => podJson(node, p, nowMs, disk.nodeFs, only, opts)),
  };
}

function podJson(
  node: SimNode,
  pod: SimPod,
  nowMs: number,
  nodeFs: FsStat,
  only: boolean,
  opts: PressureOptions
): JsonValue {
  const tPod = sampleTime(`pod/${pod.uid}`, nowMs, HOUSEKEEPING_MS, pod.startMs);
  const tFs = sampleTime(`podfs/${pod.uid}`, nowMs, FS_PERIOD_MS, pod.startMs);
  const containers = runningContainers(pod).map((c) => containerJson(node, pod, c, nowMs, nodeFs, only, opts));
  const podRef = { name: pod.name, namespace: pod.namespace, uid: pod.uid };
  const psi = psiOn(opts) ? podPressureAt(node, pod, tPod, opts) : undefined;
  const cpu = cpuJson(podCpuAt(pod, tPod), psi?.cpu);
  const memory = memJson(podMemAt(pod, tPod), psi?.memory);
  const swap = swapJson(podSwapAt(node, pod, tPod, opts));
  if (only) {
    return { podRef, startTime: rfc3339(pod.startMs), containers, cpu, memory, swap };
  }
  const eph = podEphemeralUsed(pod, tFs);
  const volumes = pod.volumes.map((v) => ({
    ...fsJson(volumeAt(pod, v, tFs)),
    name: v.name,
    pvcRef: v.pvcName ? { name: v.pvcName, namespace: pod.namespace } : undefined,
  }));
  return {
    podRef,
    startTime: rfc3339(pod.startMs),
    containers,
    cpu,
    memory,
    io: ioJson(tPod, psi?.io),
    network: netJson(tPod, [podNetAt(pod, tPod)]),
    volume: volumes.length > 0 ? volumes : undefined,
    'ephemeral-storage': fsJson({ ...nodeFs, tMs: tFs, used: eph.used, inodesUsed: eph.inodesUsed }),
    process_stats: { process_count: podProcesses(pod) },
    swap,
  };
}

function containerJson(
  node: SimNode,
  pod: SimPod,
  c: SimContainer,
  nowMs: number,
  nodeFs: FsStat,
  only: boolean,
  opts: PressureOptions
): JsonValue {
  const t = sampleTime(`ctr/${pod.uid}/${c.name}`, nowMs, HOUSEKEEPING_MS, c.startedAtMs);
  const psi = psiOn(opts) ? containerPressureAt(node, pod, c, t, opts) : undefined;
  const swap = swapJson(containerSwapAt(node, pod, c, t, opts));
  const cpu = cpuJson(containerCpuAt(c, t), psi?.cpu);
  const memory = memJson(containerMemAt(pod, c, t), psi?.memory);
  if (only) {
    return { name: c.name, startTime: rfc3339(c.startedAtMs), cpu, memory, swap };
  }
  const rootUsed = containerRootfsUsed(pod, c);
  const logs = containerLogsUsed(c, t);
  return {
    name: c.name,
    startTime: rfc3339(c.startedAtMs),
    cpu,
    memory,
    io: ioJson(t, psi?.io),
    rootfs: fsJson({ ...nodeFs, tMs: t, used: rootUsed, inodesUsed: 3 + Math.ceil(rootUsed / 65_536) }),
    logs: fsJson({ ...nodeFs, tMs: t, used: logs.used, inodesUsed: logs.files }),
    swap,
  };
}

function psiJson(p: PsiPair | undefined): JsonValue {
  if (!p) {
    return undefined;
  }
  const data = (d: PsiValues) => ({ total: d.total, avg10: d.avg10, avg60: d.avg60, avg300: d.avg300 });
  return { full: data(p.full), some: data(p.some) };
}

function cpuJson(c: CpuStat, psi?: PsiPair): JsonValue {
  return {
    time: rfc3339(c.tMs),
    usageNanoCores: c.nanoCores,
    usageCoreNanoSeconds: c.coreNanos,
    psi: psiJson(psi),
  };
}

function memJson(m: MemStat, psi?: PsiPair): JsonValue {
  return {
    time: rfc3339(m.tMs),
    availableBytes: m.available,
    usageBytes: m.usage,
    workingSetBytes: m.workingSet,
    rssBytes: m.rss,
    pageFaults: m.pageFaults,
    majorPageFaults: m.majorPageFaults,
    psi: psiJson(psi),
  };
}

/** IOStats carries only PSI, so the kubelet has none without the gate. */
function ioJson(tMs: number, psi: PsiPair | undefined): JsonValue {
  return psi ? { time: rfc3339(tMs), psi: psiJson(psi) } : undefined;
}

function swapJson(s: SwapStat | undefined): JsonValue {
  return s ? { time: rfc3339(s.tMs), swapAvailableBytes: s.available, swapUsageBytes: s.usage } : undefined;
}

/** NetworkStats embeds the default interface's fields at top level, then lists all interfaces. */
function netJson(tMs: number, ifaces: IfaceStat[]): JsonValue {
  const iface = (i: IfaceStat) => ({
    name: i.name,
    rxBytes: i.rxBytes,
    rxErrors: i.rxErrors,
    txBytes: i.txBytes,
    txErrors: i.txErrors,
  });
  return { time: rfc3339(tMs), ...iface(ifaces[0]), interfaces: ifaces.map(iface) };
}

function fsJson(f: FsStat): { [key: string]: JsonValue } {
  return {
    time: rfc3339(f.tMs),
    availableBytes: f.available,
    capacityBytes: f.capacity,
    usedBytes: f.used,
    inodesFree: f.inodesFree,
    inodes: f.inodes,
    inodesUsed: f.inodesUsed,
  };
}
