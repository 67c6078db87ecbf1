/**
 * Pressure stall information (KubeletPSI, GA in 1.36) and swap (KEP-2400) of Summary rows, as table columns
 * and as samples. Every column here is optional: a kubelet without the gate, without swap or older than them
 * leaves the blocks out, and then the frame has no such field at all rather than a column of nulls.
 */
import type { CpuStats, IoStats, MemoryStats, PsiData, PsiStats, SwapStats } from './summaryTypes';

export type PsiResource = 'cpu' | 'memory' | 'io';
export type PsiKind = 'some' | 'full';

interface WithPressure {
  cpu?: CpuStats;
  memory?: MemoryStats;
  io?: IoStats;
  swap?: SwapStats;
}

/** What a pressure or swap column reads: our row types all have these blocks, all optional. */
export interface PressureColumn<R> {
  name: string;
  displayName: string;
  unit: string;
  decimals?: number;
  get: (row: R) => number | undefined;
}

// Readers with fixed property names, composed per column: a frame reads each of these thousands of times, and
// computed keys (r[res]?.psi?.[kind]) are slower to look up than fixed ones.
const RESOURCES: ReadonlyArray<{ key: PsiResource; label: string; psi: (r: WithPressure) => PsiStats | undefined }> = [
  { key: 'cpu', label: 'CPU', psi: (r) => r.cpu?.psi },
  { key: 'memory', label: 'Memory', psi: (r) => r.memory?.psi },
  { key: 'io', label: 'IO', psi: (r) => r.io?.psi },
];
const KINDS: ReadonlyArray<{ kind: PsiKind; of: (p: PsiStats) => PsiData | undefined }> = [
  { kind: 'some', of: (p) => p.some },
  { kind: 'full', of: (p) => p.full },
];
const WINDOWS: ReadonlyArray<{ w: 10 | 60 | 300; label: string; of: (d: PsiData) => number | undefined }> = [
  { w: 10, label: '10s', of: (d) => d.avg10 },
  { w: 60, label: '1m', of: (d) => d.avg60 },
  { w: 300, label: '5m', of: (d) => d.avg300 },
];

/** `memoryPsiSomeAvg10`, `ioPsiFullTotal`: the field name of one PSI value. */
export function psiFieldName(res: PsiResource, kind: PsiKind, what: 'Avg10' | 'Avg60' | 'Avg300' | 'Total'): string {
  return `${res}Psi${kind === 'some' ? 'Some' : 'Full'}${what}`;
}

/** The kernel's running averages, in percent of time stalled: `some` (a task waited) and `full` (all did). */
export function psiColumns<R extends WithPressure>(): Array<PressureColumn<R>> {
  const cols: Array<PressureColumn<R>> = [];
  for (const res of RESOURCES) {
    for (const { kind, of } of KINDS) {
      for (const win of WINDOWS) {
        cols.push({
          name: psiFieldName(res.key, kind, `Avg${win.w}`),
          displayName: `${res.label} pressure ${kind} (${win.label})`,
          unit: 'percent',
          decimals: 2,
          get: (r) => {
            const p = res.psi(r);
            const d = p && of(p);
            return d && win.of(d);
          },
        });
      }
    }
  }
  return cols;
}

/** Swap in use, and what the kubelet says is left (limit - usage; only where there is a limit). */
export function swapColumns<R extends WithPressure>(): Array<PressureColumn<R>> {
  return [
    { name: 'swapUsage', displayName: 'Swap used', unit: 'bytes', get: (r) => r.swap?.swapUsageBytes },
    { name: 'swapAvailable', displayName: 'Swap available', unit: 'bytes', get: (r) => r.swap?.swapAvailableBytes },
  ];
}

type Emit = (metric: string, value: number | undefined, counter: boolean, unit: string, timeMs?: number) => void;

/** Stall time in seconds: its per-second rate is the share of time stalled. */
const seconds = (d: PsiData | undefined) => (d?.total === undefined ? undefined : Number(d.total) / 1e6);

/**
 * PSI as samples: the averages as gauges in percent, the totals (µs) as counters in seconds, whose rate the
 * sampler shows as the share of time stalled between two polls; swap as gauges. Nothing for absent blocks.
 */
export function pressureSamples(emit: Emit, r: WithPressure): void {
  for (const { key } of RESOURCES) {
    const block = r[key];
    const psi = block?.psi;
    if (!psi) {
      continue;
    }
    for (const { kind } of KINDS) {
      const d = psi[kind];
      emit(psiFieldName(key, kind, 'Avg10'), d?.avg10, false, 'percent', block.timeMs);
      emit(psiFieldName(key, kind, 'Avg60'), d?.avg60, false, 'percent', block.timeMs);
      emit(psiFieldName(key, kind, 'Avg300'), d?.avg300, false, 'percent', block.timeMs);
      emit(psiFieldName(key, kind, 'Total'), seconds(d), true, 'percentunit', block.timeMs);
    }
  }
  emit('swapUsage', r.swap?.swapUsageBytes, false, 'bytes', r.swap?.timeMs);
  emit('swapAvailable', r.swap?.swapAvailableBytes, false, 'bytes', r.swap?.timeMs);
}
