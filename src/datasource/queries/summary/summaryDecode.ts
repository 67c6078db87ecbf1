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
  IoStats,
  MemoryStats,
  NodeStatsRow,
  PodStatsRow,
  SummarySnapshot,
  SystemContainerStats,
  VolumeStatsRow,
} from './summaryTypes';
import {
  arrayAt,
  cpuStats,
  elementObject,
  fail,
  fsFields,
  fsStats,
  ioStats,
  kindOf,
  memoryStats,
  networkStats,
  objectAt,
  optionalString,
  processStats,
  psiPaths,
  readingExactly,
  requiredString,
  rlimitStats,
  runtimeStats,
  swapStats,
  timeAt,
  WHAT,
} from './summaryFields';

const CPU = psiPaths('cpu');
const MEMORY = psiPaths('memory');
const IO = psiPaths('io');

/** The newer of two sample times; a block without a time leaves the row's as it was. */
const newer = (a: number | undefined, b: number | undefined) =>
  b === undefined || (a !== undefined && a >= b) ? a : b;

/** The cpu, memory and io blocks every row kind has, in the kubelet's order; the newest sample time among them. */
function cpuMemoryIo(
  o: Json64Object,
  row: string,
  s: { cpu?: CpuStats; memory?: MemoryStats; io?: IoStats }
): number | undefined {
  let newest: number | undefined;
  const cpu = cpuStats(o.cpu, row, CPU);
  if (cpu !== undefined) {
    s.cpu = cpu;
    newest = newer(newest, cpu.timeMs);
  }
  const memory = memoryStats(o.memory, row, MEMORY);
  if (memory !== undefined) {
    s.memory = memory;
    newest = newer(newest, memory.timeMs);
  }
  const io = ioStats(o.io, row, IO);
  if (io !== undefined) {
    s.io = io;
    newest = newer(newest, io.timeMs);
  }
  return newest;
}

/**
 * A container's start time and blocks into `s` (a pod's container or a node's system container), in the order the
 * rows have always had them; returns the newest block time.
 */
function containerUsage(o: Json64Object, row: string, s: ContainerUsage): number | undefined {
  const startTimeMs = timeAt(o.startTime, row, '', 'startTime');
  if (startTimeMs !== undefined) {
    s.startTimeMs = startTimeMs;
  }
  let newest = cpuMemoryIo(o, row, s);
  const rootfs = fsStats(o.rootfs, row, 'rootfs');
  if (rootfs !== undefined) {
    s.rootfs = rootfs;
    newest = newer(newest, rootfs.timeMs);
  }
  const logs = fsStats(o.logs, row, 'logs');
  if (logs !== undefined) {
    s.logs = logs;
    newest = newer(newest, logs.timeMs);
  }
  const swap = swapStats(o.swap, row);
  if (swap !== undefined) {
    s.swap = swap;
    newest = newer(newest, swap.timeMs);
  }
  return newest;
}

/**
 * The blocks node and pod rows share, in the kubelet's order (cpu, memory, io, network), read into the row by fixed
 * names; the newest sample time among them.
 */
function rowUsage(o: Json64Object, row: string, s: NodeStatsRow | PodStatsRow): number | undefined {
  let newest = cpuMemoryIo(o, row, s);
  const network = networkStats(o.network, row);
  if (network !== undefined) {
    s.network = network;
    newest = newer(newest, network.timeMs);
  }
  return newest;
}

function decodeNode(o: Json64Object): NodeStatsRow {
  const row = 'node';
  const list = arrayAt(o.systemContainers, row, '', 'systemContainers');
  const systemContainers: SystemContainerStats[] = [];
  for (let i = 0; i < list.length; i++) {
    const cp = `${row}.systemContainers[${i}]`;
    const co = elementObject(list[i], cp);
    const c: SystemContainerStats = { name: requiredString(co.name, cp, '', 'name') };
    // a system container's row has no time of its own
    containerUsage(co, cp, c);
    systemContainers.push(c);
  }
  const s: NodeStatsRow = { node: requiredString(o.nodeName, row, '', 'nodeName'), systemContainers };
  const startTimeMs = timeAt(o.startTime, row, '', 'startTime');
  if (startTimeMs !== undefined) {
    s.startTimeMs = startTimeMs;
  }
  let newest = rowUsage(o, row, s);
  const fs = fsStats(o.fs, row, 'fs');
  if (fs !== undefined) {
    s.fs = fs;
    newest = newer(newest, fs.timeMs);
  }
  const runtime = runtimeStats(o.runtime, row);
  if (runtime !== undefined) {
    s.runtime = runtime;
    newest = newer(newest, newer(runtime.imageFs?.timeMs, runtime.containerFs?.timeMs));
  }
  const rlimit = rlimitStats(o.rlimit, row);
  if (rlimit !== undefined) {
    s.rlimit = rlimit;
    newest = newer(newest, rlimit.timeMs);
  }
  const swap = swapStats(o.swap, row);
  if (swap !== undefined) {
    s.swap = swap;
    newest = newer(newest, swap.timeMs);
  }
  if (newest !== undefined) {
    s.timeMs = newest;
  }
  return s;
}

function podRow(o: Json64Object, row: string, s: PodStatsRow): PodStatsRow {
  const startTimeMs = timeAt(o.startTime, row, '', 'startTime');
  if (startTimeMs !== undefined) {
    s.startTimeMs = startTimeMs;
  }
  let newest = rowUsage(o, row, s);
  const ephemeralStorage = fsStats(o['ephemeral-storage'], row, 'ephemeral-storage');
  if (ephemeralStorage !== undefined) {
    s.ephemeralStorage = ephemeralStorage;
    newest = newer(newest, ephemeralStorage.timeMs);
  }
  const process = processStats(o.process_stats, row);
  if (process !== undefined) {
    s.processStats = process;
  }
  const swap = swapStats(o.swap, row);
  if (swap !== undefined) {
    s.swap = swap;
    newest = newer(newest, swap.timeMs);
  }
  if (newest !== undefined) {
    s.timeMs = newest;
  }
  return s;
}

function decodePod(v: Json64Value, index: number, node: string, out: SummarySnapshot): void {
  const row = `pods[${index}]`;
  const o = elementObject(v, row);
  const ref = objectAt(o.podRef, row, '', 'podRef');
  if (!ref) {
    fail(row, 'podRef', '', 'is missing');
  }
  const namespace = requiredString(ref.namespace, row, 'podRef', 'namespace');
  const pod = requiredString(ref.name, row, 'podRef', 'name');
  const podUid = optionalString(ref.uid, row, 'podRef', 'uid');

  const p: PodStatsRow = { node, namespace, pod };
  if (podUid !== undefined) {
    p.podUid = podUid;
  }
  out.pods.push(podRow(o, row, p));

  const containers = arrayAt(o.containers, row, '', 'containers');
  for (let i = 0; i < containers.length; i++) {
    const cp = `${row}.containers[${i}]`;
    const co = elementObject(containers[i], cp);
    const c: ContainerStatsRow = { node, namespace, pod, container: requiredString(co.name, cp, '', 'name') };
    if (podUid !== undefined) {
      c.podUid = podUid;
    }
    const newest = containerUsage(co, cp, c);
    if (newest !== undefined) {
      c.timeMs = newest;
    }
    out.containers.push(c);
  }

  const volumes = arrayAt(o.volume, row, '', 'volume');
  for (let i = 0; i < volumes.length; i++) {
    const vp = `${row}.volume[${i}]`;
    const vo = elementObject(volumes[i], vp);
    const vol: VolumeStatsRow = { node, namespace, pod, volume: requiredString(vo.name, vp, '', 'name') };
    if (podUid !== undefined) {
      vol.podUid = podUid;
    }
    fsFields(vo, vp, '', vol);
    const pvc = objectAt(vo.pvcRef, vp, '', 'pvcRef');
    if (pvc) {
      vol.pvcRef = {
        name: requiredString(pvc.name, vp, 'pvcRef', 'name'),
        namespace: requiredString(pvc.namespace, vp, 'pvcRef', 'namespace'),
      };
    }
    out.volumes.push(vol);
  }
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
  const nodeObject = objectAt(body.node, '', '', 'node');
  if (!nodeObject) {
    throw new DecodeError(WHAT, 'node is missing');
  }
  const node = decodeNode(nodeObject);
  const out: SummarySnapshot = { node, pods: [], containers: [], volumes: [] };
  const pods = arrayAt(body.pods, '', '', 'pods');
  for (let i = 0; i < pods.length; i++) {
    decodePod(pods[i], i, node.node, out);
  }
  return out;
}
