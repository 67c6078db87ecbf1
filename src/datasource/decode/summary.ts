/**
 * Decodes a kubelet Summary API body (stats/v1alpha1) into flat rows: the node, one row per pod, per
 * container and per volume, each carrying the names that place it. Takes the raw text, not parsed JSON,
 * because JSON.parse would round the uint64 counters (see json64.ts).
 */
import { DecodeError } from './decodeError';
import { Json64Object, Json64SyntaxError, Json64Value, parseJson64 } from './json64';
import { parseKubeTime } from './kubeTime';
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

const WHAT = 'kubelet stats summary';

function fail(path: string, problem: string): never {
  throw new DecodeError(WHAT, `${path} ${problem}`);
}

/** A field's path for messages: `pods[2].cpu` + `time`; top-level fields have no prefix. */
function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function kindOf(v: Json64Value | undefined): string {
  if (v === null) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'an array';
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

/** An optional nested object: absent or null is undefined. */
function objectAt(parent: Json64Object, key: string, path: string): Json64Object | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    fail(at(path, key), `should be an object, got ${kindOf(v)}`);
  }
  return v as Json64Object;
}

/** A list that the kubelet may write as null or leave out: both mean empty. */
function arrayAt(parent: Json64Object, key: string, path: string): Json64Value[] {
  const v = parent[key];
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(at(path, key), `should be an array, got ${kindOf(v)}`);
  }
  return v;
}

function elementObject(v: Json64Value, path: string): Json64Object {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    fail(path, `should be an object, got ${kindOf(v)}`);
  }
  return v;
}

function requiredString(parent: Json64Object, key: string, path: string): string {
  const v = parent[key];
  if (typeof v !== 'string') {
    fail(at(path, key), v === undefined ? 'is missing' : `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

function optionalString(parent: Json64Object, key: string, path: string): string | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    fail(at(path, key), `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

/** metav1.Time: RFC 3339 text, or null for the zero time. */
function timeAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  const ms = typeof v === 'string' ? parseKubeTime(v) : undefined;
  if (ms === undefined) {
    fail(at(path, key), `should be an RFC 3339 time, got ${kindOf(v)}`);
  }
  return ms;
}

/** A uint64 counter, exact. */
function counterAt(parent: Json64Object, key: string, path: string): bigint | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'bigint' && v >= BigInt(0)) {
    return v;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    return BigInt(v);
  }
  return fail(at(path, key), `should be a non-negative integer, got ${kindOf(v)}`);
}

/** A uint64 gauge, as a number (exact below 2^53, which byte and inode gauges stay under in practice). */
function gaugeAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    return v;
  }
  if (typeof v === 'bigint' && v >= BigInt(0)) {
    return Number(v);
  }
  return fail(at(path, key), `should be a non-negative integer, got ${kindOf(v)}`);
}

function floatAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = parent[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  return fail(at(path, key), `should be a number, got ${kindOf(v)}`);
}

/** Sets `key` only when there is a value, so absent fields stay absent rather than present-but-undefined. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) {
    target[key] = value;
  }
}

function newest(...times: Array<number | undefined>): number | undefined {
  let max: number | undefined;
  for (const t of times) {
    if (t !== undefined && (max === undefined || t > max)) {
      max = t;
    }
  }
  return max;
}

function psiData(o: Json64Object | undefined, path: string): PsiData | undefined {
  if (!o) {
    return undefined;
  }
  const d: PsiData = {};
  put(d, 'total', counterAt(o, 'total', path));
  put(d, 'avg10', floatAt(o, 'avg10', path));
  put(d, 'avg60', floatAt(o, 'avg60', path));
  put(d, 'avg300', floatAt(o, 'avg300', path));
  return d;
}

function psiStats(parent: Json64Object, path: string): PsiStats | undefined {
  const o = objectAt(parent, 'psi', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.psi`;
  const s: PsiStats = {};
  put(s, 'full', psiData(objectAt(o, 'full', p), `${p}.full`));
  put(s, 'some', psiData(objectAt(o, 'some', p), `${p}.some`));
  return s;
}

function cpuStats(parent: Json64Object, path: string): CpuStats | undefined {
  const o = objectAt(parent, 'cpu', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.cpu`;
  const s: CpuStats = {};
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'usageNanoCores', gaugeAt(o, 'usageNanoCores', p));
  put(s, 'usageCoreNanoSeconds', counterAt(o, 'usageCoreNanoSeconds', p));
  put(s, 'psi', psiStats(o, p));
  return s;
}

function memoryStats(parent: Json64Object, path: string): MemoryStats | undefined {
  const o = objectAt(parent, 'memory', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.memory`;
  const s: MemoryStats = {};
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'availableBytes', gaugeAt(o, 'availableBytes', p));
  put(s, 'usageBytes', gaugeAt(o, 'usageBytes', p));
  put(s, 'workingSetBytes', gaugeAt(o, 'workingSetBytes', p));
  put(s, 'rssBytes', gaugeAt(o, 'rssBytes', p));
  put(s, 'pageFaults', counterAt(o, 'pageFaults', p));
  put(s, 'majorPageFaults', counterAt(o, 'majorPageFaults', p));
  put(s, 'psi', psiStats(o, p));
  return s;
}

function ioStats(parent: Json64Object, path: string): IoStats | undefined {
  const o = objectAt(parent, 'io', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.io`;
  const s: IoStats = {};
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'psi', psiStats(o, p));
  return s;
}

function interfaceCounters(o: Json64Object, path: string, into: InterfaceStats | NetworkStats): void {
  put(into, 'rxBytes', counterAt(o, 'rxBytes', path));
  put(into, 'rxErrors', counterAt(o, 'rxErrors', path));
  put(into, 'txBytes', counterAt(o, 'txBytes', path));
  put(into, 'txErrors', counterAt(o, 'txErrors', path));
}

function networkStats(parent: Json64Object, path: string): NetworkStats | undefined {
  const o = objectAt(parent, 'network', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.network`;
  const interfaces = arrayAt(o, 'interfaces', p).map((v, i) => {
    const ip = `${p}.interfaces[${i}]`;
    const io = elementObject(v, ip);
    const stats: InterfaceStats = { name: requiredString(io, 'name', ip) };
    interfaceCounters(io, ip, stats);
    return stats;
  });
  const s: NetworkStats = { interfaces };
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'name', optionalString(o, 'name', p));
  interfaceCounters(o, p, s);
  return s;
}

function fsFields(o: Json64Object, path: string, into: FsStats): void {
  put(into, 'timeMs', timeAt(o, 'time', path));
  put(into, 'availableBytes', gaugeAt(o, 'availableBytes', path));
  put(into, 'capacityBytes', gaugeAt(o, 'capacityBytes', path));
  put(into, 'usedBytes', gaugeAt(o, 'usedBytes', path));
  put(into, 'inodesFree', gaugeAt(o, 'inodesFree', path));
  put(into, 'inodes', gaugeAt(o, 'inodes', path));
  put(into, 'inodesUsed', gaugeAt(o, 'inodesUsed', path));
}

function fsStats(parent: Json64Object, key: string, path: string): FsStats | undefined {
  const o = objectAt(parent, key, path);
  if (!o) {
    return undefined;
  }
  const s: FsStats = {};
  fsFields(o, `${path}.${key}`, s);
  return s;
}

function swapStats(parent: Json64Object, path: string): SwapStats | undefined {
  const o = objectAt(parent, 'swap', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.swap`;
  const s: SwapStats = {};
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'swapAvailableBytes', gaugeAt(o, 'swapAvailableBytes', p));
  put(s, 'swapUsageBytes', gaugeAt(o, 'swapUsageBytes', p));
  return s;
}

function rlimitStats(parent: Json64Object, path: string): RlimitStats | undefined {
  const o = objectAt(parent, 'rlimit', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.rlimit`;
  const s: RlimitStats = {};
  put(s, 'timeMs', timeAt(o, 'time', p));
  put(s, 'maxpid', gaugeAt(o, 'maxpid', p));
  put(s, 'curproc', gaugeAt(o, 'curproc', p));
  return s;
}

function runtimeStats(parent: Json64Object, path: string): RuntimeStats | undefined {
  const o = objectAt(parent, 'runtime', path);
  if (!o) {
    return undefined;
  }
  const p = `${path}.runtime`;
  const s: RuntimeStats = {};
  put(s, 'imageFs', fsStats(o, 'imageFs', p));
  put(s, 'containerFs', fsStats(o, 'containerFs', p));
  return s;
}

function processStats(parent: Json64Object, path: string): ProcessStats | undefined {
  const o = objectAt(parent, 'process_stats', path);
  if (!o) {
    return undefined;
  }
  const s: ProcessStats = {};
  put(s, 'processCount', gaugeAt(o, 'process_count', `${path}.process_stats`));
  return s;
}

/** The stats every container carries, into `into` (a row or a system container). */
function containerUsage(o: Json64Object, path: string, into: ContainerUsage): void {
  put(into, 'startTimeMs', timeAt(o, 'startTime', path));
  put(into, 'cpu', cpuStats(o, path));
  put(into, 'memory', memoryStats(o, path));
  put(into, 'io', ioStats(o, path));
  put(into, 'rootfs', fsStats(o, 'rootfs', path));
  put(into, 'logs', fsStats(o, 'logs', path));
  put(into, 'swap', swapStats(o, path));
}

function decodeNode(o: Json64Object): NodeStatsRow {
  const path = 'node';
  const systemContainers = arrayAt(o, 'systemContainers', path).map((v, i) => {
    const cp = `${path}.systemContainers[${i}]`;
    const co = elementObject(v, cp);
    const c: SystemContainerStats = { name: requiredString(co, 'name', cp) };
    containerUsage(co, cp, c);
    return c;
  });
  const row: NodeStatsRow = { node: requiredString(o, 'nodeName', path), systemContainers };
  put(row, 'startTimeMs', timeAt(o, 'startTime', path));
  put(row, 'cpu', cpuStats(o, path));
  put(row, 'memory', memoryStats(o, path));
  put(row, 'io', ioStats(o, path));
  put(row, 'network', networkStats(o, path));
  put(row, 'fs', fsStats(o, 'fs', path));
  put(row, 'runtime', runtimeStats(o, path));
  put(row, 'rlimit', rlimitStats(o, path));
  put(row, 'swap', swapStats(o, path));
  put(
    row,
    'timeMs',
    newest(
      row.cpu?.timeMs,
      row.memory?.timeMs,
      row.io?.timeMs,
      row.network?.timeMs,
      row.fs?.timeMs,
      row.runtime?.imageFs?.timeMs,
      row.runtime?.containerFs?.timeMs,
      row.rlimit?.timeMs,
      row.swap?.timeMs
    )
  );
  return row;
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
  put(row, 'startTimeMs', timeAt(o, 'startTime', path));
  put(row, 'cpu', cpuStats(o, path));
  put(row, 'memory', memoryStats(o, path));
  put(row, 'io', ioStats(o, path));
  put(row, 'network', networkStats(o, path));
  put(row, 'ephemeralStorage', fsStats(o, 'ephemeral-storage', path));
  put(row, 'processStats', processStats(o, path));
  put(row, 'swap', swapStats(o, path));
  put(
    row,
    'timeMs',
    newest(
      row.cpu?.timeMs,
      row.memory?.timeMs,
      row.io?.timeMs,
      row.network?.timeMs,
      row.ephemeralStorage?.timeMs,
      row.swap?.timeMs
    )
  );
  out.pods.push(row);

  arrayAt(o, 'containers', path).forEach((cv, ci) => {
    const cp = `${path}.containers[${ci}]`;
    const co = elementObject(cv, cp);
    const c: ContainerStatsRow = { node, namespace, pod, container: requiredString(co, 'name', cp) };
    put(c, 'podUid', podUid);
    containerUsage(co, cp, c);
    put(
      c,
      'timeMs',
      newest(c.cpu?.timeMs, c.memory?.timeMs, c.io?.timeMs, c.rootfs?.timeMs, c.logs?.timeMs, c.swap?.timeMs)
    );
    out.containers.push(c);
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
  let body: Json64Value;
  try {
    body = parseJson64(text);
  } catch (err) {
    if (err instanceof Json64SyntaxError) {
      throw new DecodeError(WHAT, `invalid JSON: ${err.message}`);
    }
    throw err;
  }
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
