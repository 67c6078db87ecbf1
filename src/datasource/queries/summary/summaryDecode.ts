/**
 * Decodes a kubelet Summary API body (stats/v1alpha1) into flat rows: the node, one row per pod, per
 * container and per volume, each carrying the names that place it. Takes the raw text, not parsed JSON,
 * because JSON.parse would round the uint64 counters (see json64.ts and json64Fast.ts).
 */
import { DecodeError } from '../../decode/decodeError';
import { Json64Object, Json64SyntaxError, Json64Value } from '../../decode/json64';
import { ExactJson, parseJsonFast } from '../../decode/json64Fast';
import {
  ContainerStatsRow,
  ContainerUsage,
  CpuStats,
  FsStats,
  InterfaceStats,
  IoStats,
  MemoryStats,
  NetworkStats,
  NodeStatsRow,
  PodStatsRow,
  ProcessStats,
  PsiData,
  PsiStats,
  PvcRef,
  RlimitStats,
  RuntimeStats,
  SummarySnapshot,
  SwapStats,
  SystemContainerStats,
  VolumeStatsRow,
} from './summaryTypes';
import {
  arrayAt,
  block,
  counterAt,
  elementObject,
  fields,
  type Fields,
  floatAt,
  gaugeAt,
  kindOf,
  newest,
  objectAt,
  optionalString,
  put,
  readFields,
  readingExactly,
  requiredString,
  TIME,
  timeAt,
  WHAT,
  fail,
} from './summaryFields';

const PSI_FIELDS = fields<PsiData>({ total: counterAt, avg10: floatAt, avg60: floatAt, avg300: floatAt });
const CPU_FIELDS = fields<CpuStats>({ timeMs: TIME, usageNanoCores: gaugeAt, usageCoreNanoSeconds: counterAt });
const MEMORY_FIELDS = fields<MemoryStats>({
  timeMs: TIME,
  availableBytes: gaugeAt,
  usageBytes: gaugeAt,
  workingSetBytes: gaugeAt,
  rssBytes: gaugeAt,
  pageFaults: counterAt,
  majorPageFaults: counterAt,
});
const IO_FIELDS = fields<IoStats>({ timeMs: TIME });
const SWAP_FIELDS = fields<SwapStats>({ timeMs: TIME, swapAvailableBytes: gaugeAt, swapUsageBytes: gaugeAt });
const RLIMIT_FIELDS = fields<RlimitStats>({ timeMs: TIME, maxpid: gaugeAt, curproc: gaugeAt });
const PROCESS_FIELDS = fields<ProcessStats>({ processCount: [gaugeAt, 'process_count'] });

const psiData = (o: Json64Object, p: string): PsiData => readFields<PsiData>(o, p, {}, PSI_FIELDS);

const psiStats = (parent: Json64Object, path: string): PsiStats | undefined =>
  block(parent, 'psi', path, (o, p) => {
    const s: PsiStats = {};
    put(s, 'full', block(o, 'full', p, psiData));
    put(s, 'some', block(o, 'some', p, psiData));
    return s;
  });

const cpuStats = (parent: Json64Object, path: string): CpuStats | undefined =>
  block(parent, 'cpu', path, (o, p) => {
    const s = readFields<CpuStats>(o, p, {}, CPU_FIELDS);
    put(s, 'psi', psiStats(o, p));
    return s;
  });

const memoryStats = (parent: Json64Object, path: string): MemoryStats | undefined =>
  block(parent, 'memory', path, (o, p) => {
    const s = readFields<MemoryStats>(o, p, {}, MEMORY_FIELDS);
    put(s, 'psi', psiStats(o, p));
    return s;
  });

const ioStats = (parent: Json64Object, path: string): IoStats | undefined =>
  block(parent, 'io', path, (o, p) => {
    const s = readFields<IoStats>(o, p, {}, IO_FIELDS);
    put(s, 'psi', psiStats(o, p));
    return s;
  });

const INTERFACE_COUNTERS = fields<InterfaceStats>({
  rxBytes: counterAt,
  rxErrors: counterAt,
  txBytes: counterAt,
  txErrors: counterAt,
});

const networkStats = (parent: Json64Object, path: string): NetworkStats | undefined =>
  block(parent, 'network', path, (o, p) => {
    const interfaces = arrayAt(o, 'interfaces', p).map((v, i) => {
      const ip = `${p}.interfaces[${i}]`;
      const io = elementObject(v, ip);
      return readFields<InterfaceStats>(io, ip, { name: requiredString(io, 'name', ip) }, INTERFACE_COUNTERS);
    });
    const s: NetworkStats = { interfaces };
    put(s, 'timeMs', timeAt(o, 'time', p));
    put(s, 'name', optionalString(o, 'name', p));
    return readFields<NetworkStats>(o, p, s, INTERFACE_COUNTERS as unknown as Fields<NetworkStats>);
  });

const FS_FIELDS = fields<FsStats>({
  timeMs: TIME,
  availableBytes: gaugeAt,
  capacityBytes: gaugeAt,
  usedBytes: gaugeAt,
  inodesFree: gaugeAt,
  inodes: gaugeAt,
  inodesUsed: gaugeAt,
});

function fsFields(o: Json64Object, path: string, into: FsStats): void {
  readFields(o, path, into, FS_FIELDS);
}

const fsStats = (parent: Json64Object, key: string, path: string): FsStats | undefined =>
  block(parent, key, path, (o, p) => readFields<FsStats>(o, p, {}, FS_FIELDS));

const swapStats = (parent: Json64Object, path: string): SwapStats | undefined =>
  block(parent, 'swap', path, (o, p) => readFields<SwapStats>(o, p, {}, SWAP_FIELDS));

const rlimitStats = (parent: Json64Object, path: string): RlimitStats | undefined =>
  block(parent, 'rlimit', path, (o, p) => readFields<RlimitStats>(o, p, {}, RLIMIT_FIELDS));

const runtimeStats = (parent: Json64Object, path: string): RuntimeStats | undefined =>
  block(parent, 'runtime', path, (o, p) => {
    const s: RuntimeStats = {};
    put(s, 'imageFs', fsStats(o, 'imageFs', p));
    put(s, 'containerFs', fsStats(o, 'containerFs', p));
    return s;
  });

const processStats = (parent: Json64Object, path: string): ProcessStats | undefined =>
  block(parent, 'process_stats', path, (o, p) => readFields<ProcessStats>(o, p, {}, PROCESS_FIELDS));

/**
 * One stats block of a row: the row's field, how the kubelet's block is read, and the time the block was sampled
 * (for the row's `timeMs`, the newest of them); a block without `time` has none.
 */
type StatsBlock<R> = {
  [K in keyof R]-?: {
    ours: K;
    read: (parent: Json64Object, path: string) => R[K] | undefined;
    time?: (block: NonNullable<R[K]>) => number | undefined;
  };
}[keyof R];

const sampled = (b: { timeMs?: number }) => b.timeMs;
const fsAt = (key: string) => (parent: Json64Object, path: string) => fsStats(parent, key, path);

const CONTAINER_BLOCKS: ReadonlyArray<StatsBlock<ContainerUsage>> = [
  { ours: 'cpu', read: cpuStats, time: sampled },
  { ours: 'memory', read: memoryStats, time: sampled },
  { ours: 'io', read: ioStats, time: sampled },
  { ours: 'rootfs', read: fsAt('rootfs'), time: sampled },
  { ours: 'logs', read: fsAt('logs'), time: sampled },
  { ours: 'swap', read: swapStats, time: sampled },
];

const NODE_BLOCKS: ReadonlyArray<StatsBlock<NodeStatsRow>> = [
  { ours: 'cpu', read: cpuStats, time: sampled },
  { ours: 'memory', read: memoryStats, time: sampled },
  { ours: 'io', read: ioStats, time: sampled },
  { ours: 'network', read: networkStats, time: sampled },
  { ours: 'fs', read: fsAt('fs'), time: sampled },
  { ours: 'runtime', read: runtimeStats, time: (r) => newest(r.imageFs?.timeMs, r.containerFs?.timeMs) },
  { ours: 'rlimit', read: rlimitStats, time: sampled },
  { ours: 'swap', read: swapStats, time: sampled },
];

const POD_BLOCKS: ReadonlyArray<StatsBlock<PodStatsRow>> = [
  { ours: 'cpu', read: cpuStats, time: sampled },
  { ours: 'memory', read: memoryStats, time: sampled },
  { ours: 'io', read: ioStats, time: sampled },
  { ours: 'network', read: networkStats, time: sampled },
  { ours: 'ephemeralStorage', read: fsAt('ephemeral-storage'), time: sampled },
  { ours: 'processStats', read: processStats },
  { ours: 'swap', read: swapStats, time: sampled },
];

/**
 * The one reader of a node's, a pod's or a container's stats: its start time and blocks into `row`, and when
 * `timed`, the newest block time as `timeMs` (a node's system containers have none).
 */
function readStats<R extends { startTimeMs?: number; timeMs?: number }>(
  o: Json64Object,
  path: string,
  row: R,
  blocks: ReadonlyArray<StatsBlock<R>>,
  timed = true
): R {
  put(row, 'startTimeMs', timeAt(o, 'startTime', path));
  let newestMs: number | undefined;
  for (const b of blocks) {
    const value = b.read(o, path);
    if (value !== undefined) {
      (row as Record<string, unknown>)[b.ours as string] = value;
      const t = b.time?.(value as never);
      if (t !== undefined && (newestMs === undefined || t > newestMs)) {
        newestMs = t;
      }
    }
  }
  if (timed) {
    put(row, 'timeMs', newestMs);
  }
  return row;
}

function decodeNode(o: Json64Object): NodeStatsRow {
  const path = 'node';
  const systemContainers = arrayAt(o, 'systemContainers', path).map((v, i) => {
    const cp = `${path}.systemContainers[${i}]`;
    const co = elementObject(v, cp);
    return readStats<SystemContainerStats>(co, cp, { name: requiredString(co, 'name', cp) }, CONTAINER_BLOCKS, false);
  });
  return readStats<NodeStatsRow>(o, path, { node: requiredString(o, 'nodeName', path), systemContainers }, NODE_BLOCKS);
}

function decodePod(v: Json64Value, index: number, node: string, out: SummarySnapshot): void {
  const path = `pods[${index}]`;
  const o = elementObject(v, path);
  const ref = objectAt(o, 'podRef', path);
  if (!ref) {
    fail(`${path}.podRef`, 'is missing');
  }
  const refPath = `${path}.podRef`;
  const namespace = requiredString(ref, 'namespace', refPath);
  const pod = requiredString(ref, 'name', refPath);
  const podUid = optionalString(ref, 'uid', refPath);

  const row: PodStatsRow = { node, namespace, pod };
  put(row, 'podUid', podUid);
  out.pods.push(readStats(o, path, row, POD_BLOCKS));

  arrayAt(o, 'containers', path).forEach((cv, ci) => {
    const cp = `${path}.containers[${ci}]`;
    const co = elementObject(cv, cp);
    const c: ContainerStatsRow = { node, namespace, pod, container: requiredString(co, 'name', cp) };
    put(c, 'podUid', podUid);
    out.containers.push(readStats<ContainerStatsRow>(co, cp, c, CONTAINER_BLOCKS));
  });

  arrayAt(o, 'volume', path).forEach((vv, vi) => {
    const vp = `${path}.volume[${vi}]`;
    const vo = elementObject(vv, vp);
    const vol: VolumeStatsRow = { node, namespace, pod, volume: requiredString(vo, 'name', vp) };
    put(vol, 'podUid', podUid);
    fsFields(vo, vp, vol);
    const pvc = objectAt(vo, 'pvcRef', vp);
    if (pvc) {
      const pp = `${vp}.pvcRef`;
      const ref: PvcRef = { name: requiredString(pvc, 'name', pp), namespace: requiredString(pvc, 'namespace', pp) };
      vol.pvcRef = ref;
    }
    out.volumes.push(vol);
  });
}

/**
 * The Summary body as rows. Throws DecodeError when the text is not JSON or not the Summary shape, naming the
 * field (e.g. `pods[3].cpu.usageCoreNanoSeconds should be a non-negative integer, got string "x"`).
 */
export function decodeSummary(text: string): SummarySnapshot {
  let json: ExactJson;
  try {
    json = parseJsonFast(text);
  } catch (err) {
    if (err instanceof Json64SyntaxError) {
      throw new DecodeError(WHAT, `invalid JSON: ${err.message}`);
    }
    throw err;
  }
  return readingExactly(json.exact, () => decodeBody(json.exact(json.value) as Json64Value));
}

function decodeBody(body: Json64Value): SummarySnapshot {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DecodeError(WHAT, `expected a JSON object, got ${kindOf(body)}`);
  }
  const nodeObject = objectAt(body, 'node', '');
  if (!nodeObject) {
    throw new DecodeError(WHAT, 'node is missing');
  }
  const node = decodeNode(nodeObject);
  const out: SummarySnapshot = { node, pods: [], containers: [], volumes: [] };
  arrayAt(body, 'pods', '').forEach((v, i) => decodePod(v, i, node.node, out));
  return out;
}
