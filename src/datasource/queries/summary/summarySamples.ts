/**
 * Kubelet Summary rows as sampler samples, for time series and live panels. CPU is the gauge the kubelet
 * already averages (usageNanoCores); network bytes, errors and page faults are the kubelet's cumulative
 * counters, kept bigint-exact, which the sampler turns into per-second rates. Each value carries the time
 * its own stats block was measured at, not the poll's. PSI and swap come only from kubelets that send them.
 */
import { ContainerStatsRow, FsStats, MemoryStats, NetworkStats, SummarySnapshot } from './summaryTypes';
import { Sample } from '../../live/types';
import { SummaryScope } from '../../types';
import { CORES_UNIT } from '../shared/format';
import { cores, fieldName, SummaryFilter, summaryRows } from './summaryFrame';
import { pressureSamples } from './summaryPressure';

type Emit = (
  metric: string,
  value: number | bigint | undefined,
  counter: boolean,
  unit: string,
  timeMs?: number
) => void;

function emitter(samples: Sample[], key: string, labels: Record<string, string>): Emit {
  return (metric, value, counter, unit, timeMs) => {
    if (value === undefined) {
      return; // left out by the kubelet: no sample, never a zero
    }
    const s: Sample = { key, labels, metric, value, counter, unit };
    if (timeMs !== undefined) {
      s.timeMs = timeMs;
    }
    samples.push(s);
  };
}

function usage(
  emit: Emit,
  cpu: { usageNanoCores?: number; timeMs?: number } | undefined,
  mem: MemoryStats | undefined
) {
  emit('cpu', cores(cpu?.usageNanoCores), false, CORES_UNIT, cpu?.timeMs);
  emit('memoryWorkingSet', mem?.workingSetBytes, false, 'bytes', mem?.timeMs);
  emit('memoryRss', mem?.rssBytes, false, 'bytes', mem?.timeMs);
  emit('memoryUsage', mem?.usageBytes, false, 'bytes', mem?.timeMs);
  emit('memoryAvailable', mem?.availableBytes, false, 'bytes', mem?.timeMs);
  emit('pageFaults', mem?.pageFaults, true, 'cps', mem?.timeMs);
  emit('majorPageFaults', mem?.majorPageFaults, true, 'cps', mem?.timeMs);
}

function network(emit: Emit, net: NetworkStats | undefined) {
  emit('rxBytes', net?.rxBytes, true, 'Bps', net?.timeMs);
  emit('txBytes', net?.txBytes, true, 'Bps', net?.timeMs);
  emit('rxErrors', net?.rxErrors, true, 'cps', net?.timeMs);
  emit('txErrors', net?.txErrors, true, 'cps', net?.timeMs);
}

function fs(emit: Emit, prefix: string, f: FsStats | undefined) {
  const name = (suffix: string) => fieldName(prefix, suffix);
  emit(name('Used'), f?.usedBytes, false, 'bytes', f?.timeMs);
  emit(name('Capacity'), f?.capacityBytes, false, 'bytes', f?.timeMs);
  emit(name('Available'), f?.availableBytes, false, 'bytes', f?.timeMs);
  emit(name('InodesUsed'), f?.inodesUsed, false, 'short', f?.timeMs);
}

function containerSamples(samples: Sample[], c: ContainerStatsRow) {
  const labels = { node: c.node, namespace: c.namespace, pod: c.pod, container: c.container };
  const emit = emitter(samples, `${c.namespace}/${c.pod}/${c.container}`, labels);
  usage(emit, c.cpu, c.memory);
  emit('rootfsUsed', c.rootfs?.usedBytes, false, 'bytes', c.rootfs?.timeMs);
  emit('logsUsed', c.logs?.usedBytes, false, 'bytes', c.logs?.timeMs);
  pressureSamples(emit, c);
}

/** The samples of one scope from every node that answered, filtered like the table. */
export function summarySamples(
  scope: SummaryScope,
  snapshots: readonly SummarySnapshot[],
  filter: SummaryFilter
): Sample[] {
  const samples: Sample[] = [];
  switch (scope) {
    case 'node':
      for (const n of summaryRows('node', snapshots, filter)) {
        const emit = emitter(samples, n.node, { node: n.node });
        usage(emit, n.cpu, n.memory);
        network(emit, n.network);
        fs(emit, 'fs', n.fs);
        fs(emit, 'imageFs', n.runtime?.imageFs);
        emit('processes', n.rlimit?.curproc, false, 'short', n.rlimit?.timeMs);
        pressureSamples(emit, n);
      }
      break;
    case 'pod':
      for (const p of summaryRows('pod', snapshots, filter)) {
        const emit = emitter(samples, `${p.namespace}/${p.pod}`, { node: p.node, namespace: p.namespace, pod: p.pod });
        usage(emit, p.cpu, p.memory);
        network(emit, p.network);
        emit('ephemeralUsed', p.ephemeralStorage?.usedBytes, false, 'bytes', p.ephemeralStorage?.timeMs);
        emit('processes', p.processStats?.processCount, false, 'short', p.timeMs);
        pressureSamples(emit, p);
      }
      break;
    case 'container':
      for (const c of summaryRows('container', snapshots, filter)) {
        containerSamples(samples, c);
      }
      break;
    case 'volume':
      for (const v of summaryRows('volume', snapshots, filter)) {
        const labels: Record<string, string> = { node: v.node, namespace: v.namespace, pod: v.pod, volume: v.volume };
        if (v.pvcRef) {
          labels.pvc = v.pvcRef.name;
        }
        const emit = emitter(samples, `${v.namespace}/${v.pod}/${v.volume}`, labels);
        fs(emit, '', v);
      }
      break;
  }
  return samples;
}
