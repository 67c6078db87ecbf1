/**
 * Typed readers of a kubelet Summary body's values (from parseJsonFast): each checks what it reads and fails with
 * the field's path (`pods[3].cpu.usageCoreNanoSeconds should be a non-negative integer, got string "x"`).
 *
 * A reader gets the value its caller loaded by name (`o.usageNanoCores`, so V8 sees a few shapes per load) and the
 * value's place in three parts: the row's path (`pods[3]`), the block's path below the row (`cpu.psi.full`, or ""
 * for a row's own fields) and the field's JSON name. The parts are joined only when reading fails: a Summary has
 * tens of thousands of values and, normally, no error.
 */
import { DecodeError } from '../../decode/decodeError';
import { Json64Object, Json64Value } from '../../decode/json64';
import { ExactJson } from '../../decode/json64Fast';
import { parseKubeTime } from '../../decode/kubeTime';
import {
  CpuStats,
  FsStats,
  InterfaceStats,
  IoStats,
  MemoryStats,
  NetworkStats,
  ProcessStats,
  PsiData,
  PsiStats,
  RlimitStats,
  RuntimeStats,
  SwapStats,
} from './summaryTypes';

export const WHAT = 'kubelet stats summary';

type Value = Json64Value | undefined;

/**
 * How a value read from the parsed body becomes exact (json64Fast.ts): set by `readingExactly` for the length of
 * one decode, which runs to the end synchronously, so every reader below sees the body being decoded. It only
 * changes integers past 2^53, so only counters (and error messages) need it.
 */
let exact: ExactJson['exact'] = (v) => v;

/** Runs `decode` with the readers below reading the body's values through `how`. */
export function readingExactly<T>(how: ExactJson['exact'], decode: () => T): T {
  exact = how;
  try {
    return decode();
  } finally {
    exact = (v) => v;
  }
}

/** Fails naming `row.block.field`, leaving out the empty parts (top-level fields have no row). */
export function fail(row: string, block: string, field: string, problem: string): never {
  let path = row;
  for (const part of [block, field]) {
    if (part) {
      path = path ? `${path}.${part}` : part;
    }
  }
  throw new DecodeError(WHAT, `${path} ${problem}`);
}

export function kindOf(v: Value): string {
  if (v === null) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'an array';
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

/** The kind of a value that failed, as it was written (a long integer is a bigint, not its rounded double). */
const kindWritten = (v: Value) => kindOf(exact(v));

/** An optional nested object: absent or null is undefined. */
export function objectAt(v: Value, row: string, block: string, field: string): Json64Object | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    fail(row, block, field, `should be an object, got ${kindWritten(v)}`);
  }
  return v;
}

/** A list that the kubelet may write as null or leave out: both mean empty. */
export function arrayAt(v: Value, row: string, block: string, field: string): Json64Value[] {
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(row, block, field, `should be an array, got ${kindWritten(v)}`);
  }
  return v;
}

/** An element of a list that must be an object; `row` is the element's own path (`pods[3]`). */
export function elementObject(v: Json64Value, row: string): Json64Object {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    fail(row, '', '', `should be an object, got ${kindWritten(v)}`);
  }
  return v;
}

export function requiredString(v: Value, row: string, block: string, field: string): string {
  if (typeof v !== 'string') {
    fail(row, block, field, v === undefined ? 'is missing' : `should be a string, got ${kindWritten(v)}`);
  }
  return v;
}

export function optionalString(v: Value, row: string, block: string, field: string): string | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    fail(row, block, field, `should be a string, got ${kindWritten(v)}`);
  }
  return v;
}

/**
 * Date.parse is slow, and a Summary repeats a few sample times hundreds of times (every stats block has one, and
 * a row's blocks mostly share it): the last time read is checked first, then the others already read, a bounded
 * number of them.
 */
const TIMES = new Map<string, number | undefined>();
const TIMES_KEPT = 1024;
let lastText: string | undefined;
let lastMs = 0;

function kubeTime(text: string): number | undefined {
  if (text === lastText) {
    return lastMs;
  }
  let ms = TIMES.get(text);
  if (ms === undefined && !TIMES.has(text)) {
    if (TIMES.size >= TIMES_KEPT) {
      TIMES.clear();
    }
    ms = parseKubeTime(text);
    TIMES.set(text, ms);
  }
  if (ms !== undefined) {
    lastText = text;
    lastMs = ms;
  }
  return ms;
}

/** metav1.Time: RFC 3339 text, or null for the zero time. */
export function timeAt(v: Value, row: string, block: string, field: string): number | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  const ms = typeof v === 'string' ? kubeTime(v) : undefined;
  if (ms === undefined) {
    fail(row, block, field, `should be an RFC 3339 time, got ${kindWritten(v)}`);
  }
  return ms;
}

const ZERO = BigInt(0);

/** A uint64 counter, exact. */
export function counterAt(v: Value, row: string, block: string, field: string): bigint | undefined {
  if (typeof v === 'number') {
    // below 2^53 JSON.parse's double is the literal: only longer ones go through `exact`
    if (v >= 0 && Number.isSafeInteger(v)) {
      // error counters are mostly 0: one shared 0n instead of a new one each
      return v === 0 ? ZERO : BigInt(v);
    }
  } else if (v === undefined || v === null) {
    return undefined;
  }
  const x = exact(v);
  if (typeof x === 'bigint' && x >= ZERO) {
    return x;
  }
  if (typeof x === 'number' && Number.isInteger(x) && x >= 0) {
    return BigInt(x);
  }
  return fail(row, block, field, `should be a non-negative integer, got ${kindOf(x)}`);
}

/**
 * A uint64 gauge, as a number (exact below 2^53, which byte and inode gauges stay under in practice). A longer
 * literal's double is the one its exact bigint converts to, so numbers need no `exact`.
 */
export function gaugeAt(v: Value, row: string, block: string, field: string): number | undefined {
  if (typeof v === 'number' && v >= 0 && Number.isInteger(v)) {
    return v;
  }
  if (v === undefined || v === null) {
    return undefined;
  }
  const x = exact(v);
  if (typeof x === 'bigint' && x >= ZERO) {
    return Number(x);
  }
  return fail(row, block, field, `should be a non-negative integer, got ${kindOf(x)}`);
}

export function floatAt(v: Value, row: string, block: string, field: string): number | undefined {
  if (typeof v === 'number') {
    return v;
  }
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  return fail(row, block, field, `should be a number, got ${kindOf(v)}`);
}

/*
 * Readers of the kubelet's stats blocks (cpu, memory, io, network, fs, ...), one per block type, each reading its
 * fields by name in a fixed order: a Summary holds thousands of blocks, and a generic loop over field names made
 * every load and store megamorphic. They live next to the value readers above because they call them tens of
 * thousands of times per Summary, and a call into another module costs more (tsx and jest reach an import through
 * a getter). Each takes the block's value, the row's path and the block's path below the row.
 */

/** The paths of a block's `psi` and its parts, made once per block name rather than per block read. */
export interface PsiPaths {
  block: string;
  psi: string;
  full: string;
  some: string;
}

export const psiPaths = (block: string): PsiPaths => ({
  block,
  psi: `${block}.psi`,
  full: `${block}.psi.full`,
  some: `${block}.psi.some`,
});

function psiData(v: Value, row: string, block: string): PsiData | undefined {
  const o = objectAt(v, row, block, '');
  if (!o) {
    return undefined;
  }
  const s: PsiData = {};
  const total = counterAt(o.total, row, block, 'total');
  if (total !== undefined) {
    s.total = total;
  }
  const avg10 = floatAt(o.avg10, row, block, 'avg10');
  if (avg10 !== undefined) {
    s.avg10 = avg10;
  }
  const avg60 = floatAt(o.avg60, row, block, 'avg60');
  if (avg60 !== undefined) {
    s.avg60 = avg60;
  }
  const avg300 = floatAt(o.avg300, row, block, 'avg300');
  if (avg300 !== undefined) {
    s.avg300 = avg300;
  }
  return s;
}

function psiStats(v: Value, row: string, paths: PsiPaths): PsiStats | undefined {
  const o = objectAt(v, row, paths.psi, '');
  if (!o) {
    return undefined;
  }
  const s: PsiStats = {};
  const full = psiData(o.full, row, paths.full);
  if (full !== undefined) {
    s.full = full;
  }
  const some = psiData(o.some, row, paths.some);
  if (some !== undefined) {
    s.some = some;
  }
  return s;
}

export function cpuStats(v: Value, row: string, paths: PsiPaths): CpuStats | undefined {
  const block = paths.block;
  const o = objectAt(v, row, block, '');
  if (!o) {
    return undefined;
  }
  const s: CpuStats = {};
  const timeMs = timeAt(o.time, row, block, 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const usageNanoCores = gaugeAt(o.usageNanoCores, row, block, 'usageNanoCores');
  if (usageNanoCores !== undefined) {
    s.usageNanoCores = usageNanoCores;
  }
  const usageCoreNanoSeconds = counterAt(o.usageCoreNanoSeconds, row, block, 'usageCoreNanoSeconds');
  if (usageCoreNanoSeconds !== undefined) {
    s.usageCoreNanoSeconds = usageCoreNanoSeconds;
  }
  const psi = psiStats(o.psi, row, paths);
  if (psi !== undefined) {
    s.psi = psi;
  }
  return s;
}

export function memoryStats(v: Value, row: string, paths: PsiPaths): MemoryStats | undefined {
  const block = paths.block;
  const o = objectAt(v, row, block, '');
  if (!o) {
    return undefined;
  }
  const s: MemoryStats = {};
  const timeMs = timeAt(o.time, row, block, 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const availableBytes = gaugeAt(o.availableBytes, row, block, 'availableBytes');
  if (availableBytes !== undefined) {
    s.availableBytes = availableBytes;
  }
  const usageBytes = gaugeAt(o.usageBytes, row, block, 'usageBytes');
  if (usageBytes !== undefined) {
    s.usageBytes = usageBytes;
  }
  const workingSetBytes = gaugeAt(o.workingSetBytes, row, block, 'workingSetBytes');
  if (workingSetBytes !== undefined) {
    s.workingSetBytes = workingSetBytes;
  }
  const rssBytes = gaugeAt(o.rssBytes, row, block, 'rssBytes');
  if (rssBytes !== undefined) {
    s.rssBytes = rssBytes;
  }
  const pageFaults = counterAt(o.pageFaults, row, block, 'pageFaults');
  if (pageFaults !== undefined) {
    s.pageFaults = pageFaults;
  }
  const majorPageFaults = counterAt(o.majorPageFaults, row, block, 'majorPageFaults');
  if (majorPageFaults !== undefined) {
    s.majorPageFaults = majorPageFaults;
  }
  const psi = psiStats(o.psi, row, paths);
  if (psi !== undefined) {
    s.psi = psi;
  }
  return s;
}

export function ioStats(v: Value, row: string, paths: PsiPaths): IoStats | undefined {
  const block = paths.block;
  const o = objectAt(v, row, block, '');
  if (!o) {
    return undefined;
  }
  const s: IoStats = {};
  const timeMs = timeAt(o.time, row, block, 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const psi = psiStats(o.psi, row, paths);
  if (psi !== undefined) {
    s.psi = psi;
  }
  return s;
}

/** The four interface counters, which the kubelet also flattens into the network block for the default one. */
function interfaceCounters<S extends Omit<InterfaceStats, 'name'>>(
  o: Json64Object,
  row: string,
  block: string,
  s: S
): S {
  const rxBytes = counterAt(o.rxBytes, row, block, 'rxBytes');
  if (rxBytes !== undefined) {
    s.rxBytes = rxBytes;
  }
  const rxErrors = counterAt(o.rxErrors, row, block, 'rxErrors');
  if (rxErrors !== undefined) {
    s.rxErrors = rxErrors;
  }
  const txBytes = counterAt(o.txBytes, row, block, 'txBytes');
  if (txBytes !== undefined) {
    s.txBytes = txBytes;
  }
  const txErrors = counterAt(o.txErrors, row, block, 'txErrors');
  if (txErrors !== undefined) {
    s.txErrors = txErrors;
  }
  return s;
}

export function networkStats(v: Value, row: string): NetworkStats | undefined {
  const o = objectAt(v, row, 'network', '');
  if (!o) {
    return undefined;
  }
  const list = arrayAt(o.interfaces, row, 'network', 'interfaces');
  const interfaces: InterfaceStats[] = [];
  for (let i = 0; i < list.length; i++) {
    // a node or pod has one or two interfaces: their paths cost little
    const block = `network.interfaces[${i}]`;
    const io = elementObject(list[i], `${row}.${block}`);
    const one: InterfaceStats = { name: requiredString(io.name, row, block, 'name') };
    interfaces.push(interfaceCounters(io, row, block, one));
  }
  const s: NetworkStats = { interfaces };
  const timeMs = timeAt(o.time, row, 'network', 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const name = optionalString(o.name, row, 'network', 'name');
  if (name !== undefined) {
    s.name = name;
  }
  return interfaceCounters(o, row, 'network', s);
}

/** Reads an fs block's fields into `s` (a volume row has them at its top level, `block` ""). */
export function fsFields<S extends FsStats>(o: Json64Object, row: string, block: string, s: S): S {
  const timeMs = timeAt(o.time, row, block, 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const availableBytes = gaugeAt(o.availableBytes, row, block, 'availableBytes');
  if (availableBytes !== undefined) {
    s.availableBytes = availableBytes;
  }
  const capacityBytes = gaugeAt(o.capacityBytes, row, block, 'capacityBytes');
  if (capacityBytes !== undefined) {
    s.capacityBytes = capacityBytes;
  }
  const usedBytes = gaugeAt(o.usedBytes, row, block, 'usedBytes');
  if (usedBytes !== undefined) {
    s.usedBytes = usedBytes;
  }
  const inodesFree = gaugeAt(o.inodesFree, row, block, 'inodesFree');
  if (inodesFree !== undefined) {
    s.inodesFree = inodesFree;
  }
  const inodes = gaugeAt(o.inodes, row, block, 'inodes');
  if (inodes !== undefined) {
    s.inodes = inodes;
  }
  const inodesUsed = gaugeAt(o.inodesUsed, row, block, 'inodesUsed');
  if (inodesUsed !== undefined) {
    s.inodesUsed = inodesUsed;
  }
  return s;
}

export function fsStats(v: Value, row: string, block: string): FsStats | undefined {
  const o = objectAt(v, row, block, '');
  return o ? fsFields(o, row, block, {}) : undefined;
}

export function swapStats(v: Value, row: string): SwapStats | undefined {
  const o = objectAt(v, row, 'swap', '');
  if (!o) {
    return undefined;
  }
  const s: SwapStats = {};
  const timeMs = timeAt(o.time, row, 'swap', 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const swapAvailableBytes = gaugeAt(o.swapAvailableBytes, row, 'swap', 'swapAvailableBytes');
  if (swapAvailableBytes !== undefined) {
    s.swapAvailableBytes = swapAvailableBytes;
  }
  const swapUsageBytes = gaugeAt(o.swapUsageBytes, row, 'swap', 'swapUsageBytes');
  if (swapUsageBytes !== undefined) {
    s.swapUsageBytes = swapUsageBytes;
  }
  return s;
}

export function rlimitStats(v: Value, row: string): RlimitStats | undefined {
  const o = objectAt(v, row, 'rlimit', '');
  if (!o) {
    return undefined;
  }
  const s: RlimitStats = {};
  const timeMs = timeAt(o.time, row, 'rlimit', 'time');
  if (timeMs !== undefined) {
    s.timeMs = timeMs;
  }
  const maxpid = gaugeAt(o.maxpid, row, 'rlimit', 'maxpid');
  if (maxpid !== undefined) {
    s.maxpid = maxpid;
  }
  const curproc = gaugeAt(o.curproc, row, 'rlimit', 'curproc');
  if (curproc !== undefined) {
    s.curproc = curproc;
  }
  return s;
}

export function runtimeStats(v: Value, row: string): RuntimeStats | undefined {
  const o = objectAt(v, row, 'runtime', '');
  if (!o) {
    return undefined;
  }
  const s: RuntimeStats = {};
  const imageFs = fsStats(o.imageFs, row, 'runtime.imageFs');
  if (imageFs !== undefined) {
    s.imageFs = imageFs;
  }
  const containerFs = fsStats(o.containerFs, row, 'runtime.containerFs');
  if (containerFs !== undefined) {
    s.containerFs = containerFs;
  }
  return s;
}

export function processStats(v: Value, row: string): ProcessStats | undefined {
  const o = objectAt(v, row, 'process_stats', '');
  if (!o) {
    return undefined;
  }
  const s: ProcessStats = {};
  const processCount = gaugeAt(o.process_count, row, 'process_stats', 'process_count');
  if (processCount !== undefined) {
    s.processCount = processCount;
  }
  return s;
}
