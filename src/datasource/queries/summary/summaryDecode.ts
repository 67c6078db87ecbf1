/**
 * Decodes a kubelet Summary API body (stats/v1alpha1) into flat rows: the node, one row per pod, per
 * container and per volume, each carrying the names that place it. Takes the raw text, not parsed JSON,
 * because JSON.parse would round the uint64 counters (see json64.ts and json64Fast.ts).
 */
import { DecodeError } from '../../decode/decodeError';
import { Json64Object, Json64SyntaxError, Json64Value } from '../../decode/json64';
import { ExactJson, parseJsonFast } from '../../decode/json64Fast';
import { parseKubeTime } from '../../decode/kubeTime';
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

/**
 * How a value read from the parsed body becomes exact (json64Fast.ts): set for the length of one decodeSummary
 * call, which runs to the end synchronously, so every reader below sees the body being decoded.
 */
let exact: ExactJson['exact'] = (v) => v;

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
  const v = exact(parent[key]);
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
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(at(path, key), `should be an array, got ${kindOf(v)}`);
  }
  return v;
}

function elementObject(element: Json64Value, path: string): Json64Object {
  const v = exact(element);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    fail(path, `should be an object, got ${kindOf(v)}`);
  }
  return v;
}

function requiredString(parent: Json64Object, key: string, path: string): string {
  const v = exact(parent[key]);
  if (typeof v !== 'string') {
    fail(at(path, key), v === undefined ? 'is missing' : `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

function optionalString(parent: Json64Object, key: string, path: string): string | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    fail(at(path, key), `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

/**
 * Date.parse is slow, and a Summary repeats a few sample times hundreds of times (every stats block has one):
 * times already read are remembered, a bounded number of them.
 */
const TIMES = new Map<string, number | undefined>();
const TIMES_KEPT = 1024;

function kubeTime(text: string): number | undefined {
  let ms = TIMES.get(text);
  if (ms === undefined && !TIMES.has(text)) {
    if (TIMES.size >= TIMES_KEPT) {
      TIMES.clear();
    }
    ms = parseKubeTime(text);
    TIMES.set(text, ms);
  }
  return ms;
}

/** metav1.Time: RFC 3339 text, or null for the zero time. */
function timeAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  const ms = typeof v === 'string' ? kubeTime(v) : undefined;
  if (ms === undefined) {
    fail(at(path, key), `should be an RFC 3339 time, got ${kindOf(v)}`);
  }
  return ms;
}

/** A uint64 counter, exact. */
function counterAt(parent: Json64Object, key: string, path: string): bigint | undefined {
  const v = exact(parent[key]);
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
  const v = exact(parent[key]);
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
  const v = exact(parent[key]);
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

type FieldReader = (parent: Json64Object, key: string, path: string) => unknown;

/** A stats block's fields: our name -> how to read it and (when it differs) the kubelet's JSON name. */
type FieldSpec<S> = { [K in keyof S]?: FieldReader | [FieldReader, string] };

/** A FieldSpec as a list, made once per block type: a row reads its blocks thousands of times per Summary. */
type Fields<S> = ReadonlyArray<{ ours: keyof S & string; theirs: string; read: FieldReader }>;

function fields<S>(spec: FieldSpec<S>): Fields<S> {
  return (Object.keys(spec) as Array<keyof S & string>).map((ours) => {
    const entry = spec[ours]!;
    const [read, theirs] = Array.isArray(entry) ? entry : [entry, ours];
    return { ours, theirs, read };
  });
}

const TIME: [FieldReader, string] = [timeAt, 'time'];

/** Reads the listed fields from `o` into `into`; absent fields stay absent. */
function readFields<S extends object>(o: Json64Object, path: string, into: S, list: Fields<S>): S {
  for (let i = 0; i < list.length; i++) {
    const { ours, theirs, read } = list[i];
    put(into, ours, read(o, theirs, path) as S[typeof ours] | undefined);
  }
  return into;
}

/** The optional object `parent[key]` read by `build`, or undefined when the kubelet left it out. */
function block<S>(
  parent: Json64Object,
  key: string,
  path: string,
  build: (o: Json64Object, path: string) => S
): S | undefined {
  const o = objectAt(parent, key, path);
  return o ? build(o, `${path}.${key}`) : undefined;
}

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
  exact = json.exact;
  try {
    return decodeBody(exact(json.value) as Json64Value);
  } finally {
    exact = (v) => v;
  }
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
