/**
 * GET /stats/summary: the kubelet's stats/v1alpha1 Summary, field for field and in Go struct order.
 * Optional (omitempty) members appear only when the kubelet would have them: availableBytes only
 * under a memory limit, volume only for pods with volumes.
 */
import type { SimCluster, SimContainer, SimNode, SimPod } from './model';
import { toJson, type JsonValue } from './kubelet-json';
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
} from './kubelet-stats';

export interface SummaryOptions {
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
    cpu: cpuJson(nodeCpuAt(node, pods, tNode)),
    memory: memJson(nodeMemAt(node, pods, tNode)),
    network: only ? undefined : netJson(tNode, net.interfaces),
    fs: only ? undefined : fsJson(disk.nodeFs),
    runtime: only ? undefined : { imageFs: fsJson(disk.imageFs), containerFs: fsJson(disk.imageFs) },
    rlimit: only ? undefined : { time: rfc3339(nowMs), maxpid: PID_MAX, curproc: nodeProcesses(node, pods) },
  };

  return {
    node: nodeStats,
    pods: pods.map((p) => podJson(p, nowMs, disk.nodeFs, only)),
  };
}

function podJson(pod: SimPod, nowMs: number, nodeFs: FsStat, only: boolean): JsonValue {
  const tPod = sampleTime(`pod/${pod.uid}`, nowMs, HOUSEKEEPING_MS, pod.startMs);
  const tFs = sampleTime(`podfs/${pod.uid}`, nowMs, FS_PERIOD_MS, pod.startMs);
  const containers = runningContainers(pod).map((c) => containerJson(pod, c, nowMs, nodeFs, only));
  const podRef = { name: pod.name, namespace: pod.namespace, uid: pod.uid };
  const cpu = cpuJson(podCpuAt(pod, tPod));
  const memory = memJson(podMemAt(pod, tPod));
  if (only) {
    return { podRef, startTime: rfc3339(pod.startMs), containers, cpu, memory };
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
    network: netJson(tPod, [podNetAt(pod, tPod)]),
    volume: volumes.length > 0 ? volumes : undefined,
    'ephemeral-storage': fsJson({ ...nodeFs, tMs: tFs, used: eph.used, inodesUsed: eph.inodesUsed }),
    process_stats: { process_count: podProcesses(pod) },
  };
}

function containerJson(pod: SimPod, c: SimContainer, nowMs: number, nodeFs: FsStat, only: boolean): JsonValue {
  const t = sampleTime(`ctr/${pod.uid}/${c.name}`, nowMs, HOUSEKEEPING_MS, c.startedAtMs);
  const base = {
    name: c.name,
    startTime: rfc3339(c.startedAtMs),
    cpu: cpuJson(containerCpuAt(c, t)),
    memory: memJson(containerMemAt(pod, c, t)),
  };
  if (only) {
    return base;
  }
  const rootUsed = containerRootfsUsed(pod, c);
  const logs = containerLogsUsed(c, t);
  return {
    ...base,
    rootfs: fsJson({ ...nodeFs, tMs: t, used: rootUsed, inodesUsed: 3 + Math.ceil(rootUsed / 65_536) }),
    logs: fsJson({ ...nodeFs, tMs: t, used: logs.used, inodesUsed: logs.files }),
  };
}

function cpuJson(c: CpuStat): JsonValue {
  return { time: rfc3339(c.tMs), usageNanoCores: c.nanoCores, usageCoreNanoSeconds: c.coreNanos };
}

function memJson(m: MemStat): JsonValue {
  return {
    time: rfc3339(m.tMs),
    availableBytes: m.available,
    usageBytes: m.usage,
    workingSetBytes: m.workingSet,
    rssBytes: m.rss,
    pageFaults: m.pageFaults,
    majorPageFaults: m.majorPageFaults,
  };
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
