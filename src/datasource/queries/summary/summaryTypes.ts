/**
 * The kubelet Summary API (stats/v1alpha1, GET /api/v1/nodes/{node}/proxy/stats/summary) as decodeSummary
 * returns it. Field names follow the kubelet's JSON, except that times are epoch ms (`time` -> `timeMs`,
 * `startTime` -> `startTimeMs`) and the hyphen/snake-case fields are camelCase (`ephemeral-storage` ->
 * `ephemeralStorage`, `process_stats.process_count` -> `processStats.processCount`).
 *
 * Cumulative counters are bigint and exact (they pass 2^53 on long-running nodes); gauges are numbers.
 * A field the kubelet left out is absent here too, never 0.
 */

/** Pressure stall information for one kind (`some` or `full`). */
export interface PsiData {
  /** Cumulative stall time in microseconds. */
  total?: bigint;
  avg10?: number;
  avg60?: number;
  avg300?: number;
}

export interface PsiStats {
  full?: PsiData;
  some?: PsiData;
}

export interface CpuStats {
  timeMs?: number;
  /** CPU use averaged over the kubelet's sample window, in billionths of a core. */
  usageNanoCores?: number;
  /** Cumulative CPU time since the object started. */
  usageCoreNanoSeconds?: bigint;
  psi?: PsiStats;
}

export interface MemoryStats {
  timeMs?: number;
  /** Left out by the kubelet when there is no memory limit. */
  availableBytes?: number;
  usageBytes?: number;
  workingSetBytes?: number;
  rssBytes?: number;
  pageFaults?: bigint;
  majorPageFaults?: bigint;
  psi?: PsiStats;
}

export interface IoStats {
  timeMs?: number;
  psi?: PsiStats;
}

export interface InterfaceStats {
  name: string;
  rxBytes?: bigint;
  rxErrors?: bigint;
  txBytes?: bigint;
  txErrors?: bigint;
}

/** The default interface's counters at top level (as the kubelet flattens them), plus every interface. */
export interface NetworkStats {
  timeMs?: number;
  /** The default interface; the kubelet may send "" when it found none. */
  name?: string;
  rxBytes?: bigint;
  rxErrors?: bigint;
  txBytes?: bigint;
  txErrors?: bigint;
  /** Empty when the kubelet sent none. */
  interfaces: InterfaceStats[];
}

export interface FsStats {
  timeMs?: number;
  availableBytes?: number;
  capacityBytes?: number;
  usedBytes?: number;
  inodesFree?: number;
  inodes?: number;
  inodesUsed?: number;
}

export interface RuntimeStats {
  imageFs?: FsStats;
  containerFs?: FsStats;
}

export interface RlimitStats {
  timeMs?: number;
  maxpid?: number;
  curproc?: number;
}

export interface SwapStats {
  timeMs?: number;
  swapAvailableBytes?: number;
  swapUsageBytes?: number;
}

export interface ProcessStats {
  processCount?: number;
}

export interface PvcRef {
  name: string;
  namespace: string;
}

/** What the kubelet reports for a container, whether a pod's or one of the node's system containers. */
export interface ContainerUsage {
  startTimeMs?: number;
  cpu?: CpuStats;
  memory?: MemoryStats;
  io?: IoStats;
  rootfs?: FsStats;
  logs?: FsStats;
  swap?: SwapStats;
}

/** A node system container: `kubelet`, `runtime`, `misc`, `pods`, ... */
export interface SystemContainerStats extends ContainerUsage {
  name: string;
}

export interface NodeStatsRow {
  node: string;
  startTimeMs?: number;
  /** The newest `time` among this row's stats, for a frame's time column. */
  timeMs?: number;
  cpu?: CpuStats;
  memory?: MemoryStats;
  io?: IoStats;
  network?: NetworkStats;
  fs?: FsStats;
  runtime?: RuntimeStats;
  rlimit?: RlimitStats;
  swap?: SwapStats;
  systemContainers: SystemContainerStats[];
}

export interface PodStatsRow {
  node: string;
  namespace: string;
  pod: string;
  podUid?: string;
  startTimeMs?: number;
  /** The newest `time` among this row's stats, for a frame's time column. */
  timeMs?: number;
  cpu?: CpuStats;
  memory?: MemoryStats;
  io?: IoStats;
  network?: NetworkStats;
  ephemeralStorage?: FsStats;
  processStats?: ProcessStats;
  swap?: SwapStats;
}

export interface ContainerStatsRow extends ContainerUsage {
  node: string;
  namespace: string;
  pod: string;
  podUid?: string;
  container: string;
  /** The newest `time` among this row's stats, for a frame's time column. */
  timeMs?: number;
}

/** One pod volume: its FsStats (with `timeMs`) flattened in, as the kubelet does. */
export interface VolumeStatsRow extends FsStats {
  node: string;
  namespace: string;
  pod: string;
  podUid?: string;
  volume: string;
  pvcRef?: PvcRef;
}

export interface SummarySnapshot {
  node: NodeStatsRow;
  pods: PodStatsRow[];
  containers: ContainerStatsRow[];
  volumes: VolumeStatsRow[];
}
