/**
 * Kubelet Summary rows as table frames, one per scope. Columns are declared once (name, display name,
 * unit, how to read the row); a value the kubelet left out is a null cell, never 0, and an optional column
 * (PSI, swap) that no row has is left out of the frame.
 */
import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { ContainerStatsRow, FsStats, NodeStatsRow, PodStatsRow, SummarySnapshot, VolumeStatsRow } from './summaryTypes';
import { SummaryScope } from '../../types';
import { CORES_UNIT } from '../shared/format';
import { PressureColumn, psiColumns, swapColumns } from './summaryPressure';

type Cell = string | number | bigint | undefined;

export interface Column<R> {
  name: string;
  displayName: string;
  type: FieldType;
  unit?: string;
  decimals?: number;
  /** left out of the frame when no row has a value (blocks only some kubelets send) */
  optional?: boolean;
  get: (row: R) => Cell;
}

/** Which pods (and their containers and volumes) a query keeps; empty lists keep all. */
export interface SummaryFilter {
  namespaces: string[];
  podNames: string[];
}

const text = <R>(name: string, displayName: string, get: (r: R) => string | undefined): Column<R> => ({
  name,
  displayName,
  type: FieldType.string,
  get,
});
const num = <R>(
  name: string,
  displayName: string,
  unit: string,
  get: (r: R) => Cell,
  decimals?: number
): Column<R> => ({
  name,
  displayName,
  type: FieldType.number,
  unit,
  decimals,
  get,
});
const time = <R>(name: string, displayName: string, get: (r: R) => number | undefined): Column<R> => ({
  name,
  displayName,
  type: FieldType.time,
  get,
});

/** nanocores to cores; absent stays absent */
export function cores(nanoCores: number | undefined): number | undefined {
  return nanoCores === undefined ? undefined : nanoCores / 1e9;
}

function ratio(used: number | undefined, capacity: number | undefined): number | undefined {
  return used === undefined || !capacity ? undefined : used / capacity;
}

interface WithUsage {
  cpu?: { usageNanoCores?: number; usageCoreNanoSeconds?: bigint };
  memory?: NodeStatsRow['memory'];
}

/** CPU and memory columns every scope shares. */
function usageColumns<R extends WithUsage>(): Array<Column<R>> {
  return [
    num<R>('cpu', 'CPU', CORES_UNIT, (r) => cores(r.cpu?.usageNanoCores), 3),
    num<R>('cpuSeconds', 'CPU time', 's', (r) =>
      r.cpu?.usageCoreNanoSeconds === undefined ? undefined : Number(r.cpu.usageCoreNanoSeconds) / 1e9
    ),
    num<R>('memoryWorkingSet', 'Memory (working set)', 'bytes', (r) => r.memory?.workingSetBytes),
    num<R>('memoryRss', 'Memory RSS', 'bytes', (r) => r.memory?.rssBytes),
    num<R>('memoryUsage', 'Memory usage', 'bytes', (r) => r.memory?.usageBytes),
    num<R>('memoryAvailable', 'Memory available', 'bytes', (r) => r.memory?.availableBytes),
    num<R>('pageFaults', 'Page faults', 'short', (r) => r.memory?.pageFaults),
    num<R>('majorPageFaults', 'Major page faults', 'short', (r) => r.memory?.majorPageFaults),
  ];
}

/** PSI and swap: optional, so a kubelet without them (the gate off, no swap, older) adds no empty columns. */
function pressureColumns<R extends ContainerStatsRow | PodStatsRow | NodeStatsRow>(): Array<Column<R>> {
  return [...swapColumns<R>(), ...psiColumns<R>()].map((c: PressureColumn<R>): Column<R> => ({
    ...c,
    type: FieldType.number,
    optional: true,
  }));
}

interface WithNetwork {
  network?: NodeStatsRow['network'];
}

function networkColumns<R extends WithNetwork>(): Array<Column<R>> {
  return [
    num<R>('rxBytes', 'Network received', 'bytes', (r) => r.network?.rxBytes),
    num<R>('txBytes', 'Network sent', 'bytes', (r) => r.network?.txBytes),
    num<R>('rxErrors', 'Receive errors', 'short', (r) => r.network?.rxErrors),
    num<R>('txErrors', 'Send errors', 'short', (r) => r.network?.txErrors),
  ];
}

/** `fsUsed` for prefix `fs`, `used` for no prefix. */
export function fieldName(prefix: string, suffix: string): string {
  return prefix ? `${prefix}${suffix}` : suffix.charAt(0).toLowerCase() + suffix.slice(1);
}

/** used / capacity / available / inodes of one filesystem, field names prefixed (`fsUsed`, `imageFsUsed`). */
function fsColumns<R>(
  prefix: string,
  label: string,
  fs: (r: R) => FsStats | undefined,
  inodes = true
): Array<Column<R>> {
  const f = (suffix: string) => fieldName(prefix, suffix);
  const cols: Array<Column<R>> = [
    num<R>(f('Used'), `${label} used`, 'bytes', (r) => fs(r)?.usedBytes),
    num<R>(f('Capacity'), `${label} capacity`, 'bytes', (r) => fs(r)?.capacityBytes),
    num<R>(f('Available'), `${label} available`, 'bytes', (r) => fs(r)?.availableBytes),
    num<R>(f('UsedPercent'), `${label} used %`, 'percentunit', (r) => ratio(fs(r)?.usedBytes, fs(r)?.capacityBytes)),
  ];
  if (inodes) {
    cols.push(
      num<R>(f('Inodes'), `${label} inodes`, 'short', (r) => fs(r)?.inodes),
      num<R>(f('InodesUsed'), `${label} inodes used`, 'short', (r) => fs(r)?.inodesUsed),
      num<R>(f('InodesFree'), `${label} inodes free`, 'short', (r) => fs(r)?.inodesFree)
    );
  }
  return cols;
}

export const NODE_COLUMNS: Array<Column<NodeStatsRow>> = [
  time('time', 'Time', (r) => r.timeMs),
  text('node', 'Node', (r) => r.node),
  ...usageColumns<NodeStatsRow>(),
  ...networkColumns<NodeStatsRow>(),
  ...fsColumns<NodeStatsRow>('fs', 'Root fs', (r) => r.fs),
  ...fsColumns<NodeStatsRow>('imageFs', 'Image fs', (r) => r.runtime?.imageFs),
  ...fsColumns<NodeStatsRow>('containerFs', 'Container fs', (r) => r.runtime?.containerFs),
  num('processes', 'Processes', 'short', (r) => r.rlimit?.curproc),
  num('maxPid', 'Max PID', 'short', (r) => r.rlimit?.maxpid),
  ...pressureColumns<NodeStatsRow>(),
  time('startTime', 'Started', (r) => r.startTimeMs),
];

export const POD_COLUMNS: Array<Column<PodStatsRow>> = [
  time('time', 'Time', (r) => r.timeMs),
  text('node', 'Node', (r) => r.node),
  text('namespace', 'Namespace', (r) => r.namespace),
  text('pod', 'Pod', (r) => r.pod),
  ...usageColumns<PodStatsRow>(),
  ...networkColumns<PodStatsRow>(),
  ...fsColumns<PodStatsRow>('ephemeral', 'Ephemeral storage', (r) => r.ephemeralStorage, false),
  num('ephemeralInodesUsed', 'Ephemeral storage inodes used', 'short', (r) => r.ephemeralStorage?.inodesUsed),
  num('processes', 'Processes', 'short', (r) => r.processStats?.processCount),
  ...pressureColumns<PodStatsRow>(),
  time('startTime', 'Started', (r) => r.startTimeMs),
];

export const CONTAINER_COLUMNS: Array<Column<ContainerStatsRow>> = [
  time('time', 'Time', (r) => r.timeMs),
  text('node', 'Node', (r) => r.node),
  text('namespace', 'Namespace', (r) => r.namespace),
  text('pod', 'Pod', (r) => r.pod),
  text('container', 'Container', (r) => r.container),
  ...usageColumns<ContainerStatsRow>(),
  num('rootfsUsed', 'Root fs used', 'bytes', (r) => r.rootfs?.usedBytes),
  num('rootfsInodesUsed', 'Root fs inodes used', 'short', (r) => r.rootfs?.inodesUsed),
  num('logsUsed', 'Logs used', 'bytes', (r) => r.logs?.usedBytes),
  num('logsInodesUsed', 'Log files', 'short', (r) => r.logs?.inodesUsed),
  ...pressureColumns<ContainerStatsRow>(),
  time('startTime', 'Started', (r) => r.startTimeMs),
];

export const VOLUME_COLUMNS: Array<Column<VolumeStatsRow>> = [
  time('time', 'Time', (r) => r.timeMs),
  text('node', 'Node', (r) => r.node),
  text('namespace', 'Namespace', (r) => r.namespace),
  text('pod', 'Pod', (r) => r.pod),
  text('volume', 'Volume', (r) => r.volume),
  text('pvc', 'PVC', (r) => r.pvcRef?.name),
  ...fsColumns<VolumeStatsRow>('', 'Volume', (r) => r),
];

/** A table frame from rows and column declarations; bigint counters become numbers for display. */
export function tableFrame<R>(
  rows: readonly R[],
  columns: ReadonlyArray<Column<R>>,
  name: string,
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const n = rows.length;
  const fields: DataFrame['fields'] = [];
  for (const c of columns) {
    const values = new Array<string | number | null>(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const v = c.get(rows[i]);
      values[i] = v === undefined ? null : typeof v === 'bigint' ? Number(v) : v;
      any ||= v !== undefined;
    }
    if (c.optional && !any) {
      continue;
    }
    fields.push(field(c, values));
  }
  return {
    refId,
    name,
    length: n,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields,
  };
}

function field<R>(c: Column<R>, values: Array<string | number | null>): DataFrame['fields'][number] {
  const config: { displayName: string; unit?: string; decimals?: number } = { displayName: c.displayName };
  if (c.unit) {
    config.unit = c.unit;
  }
  if (c.decimals !== undefined) {
    config.decimals = c.decimals;
  }
  return { name: c.name, type: c.type, values, config };
}

function keep<R extends { namespace: string; pod: string }>(rows: R[], f: SummaryFilter): R[] {
  if (!f.namespaces.length && !f.podNames.length) {
    return rows;
  }
  const ns = new Set(f.namespaces);
  const pods = new Set(f.podNames);
  return rows.filter((r) => (!ns.size || ns.has(r.namespace)) && (!pods.size || pods.has(r.pod)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows in a stable order: namespace, pod, then the row's own name, then node. */
function byPlace<R extends { node: string; namespace: string; pod: string }>(own: (r: R) => string) {
  return (a: R, b: R) =>
    compare(a.namespace, b.namespace) || compare(a.pod, b.pod) || compare(own(a), own(b)) || compare(a.node, b.node);
}

/** The row type of each scope. */
export interface ScopeRows {
  node: NodeStatsRow;
  pod: PodStatsRow;
  container: ContainerStatsRow;
  volume: VolumeStatsRow;
}

/** The rows of one scope from every node that answered, filtered and sorted. */
export function summaryRows<S extends SummaryScope>(
  scope: S,
  snapshots: readonly SummarySnapshot[],
  filter: SummaryFilter
): Array<ScopeRows[S]> {
  let rows: Array<ScopeRows[SummaryScope]>;
  switch (scope) {
    case 'node':
      rows = snapshots.map((s) => s.node).sort((a, b) => compare(a.node, b.node));
      break;
    case 'pod':
      rows = keep(
        snapshots.flatMap((s) => s.pods),
        filter
      ).sort(byPlace(() => ''));
      break;
    case 'container':
      rows = keep(
        snapshots.flatMap((s) => s.containers),
        filter
      ).sort(byPlace((r) => r.container));
      break;
    default:
      rows = keep(
        snapshots.flatMap((s) => s.volumes),
        filter
      ).sort(byPlace((r) => r.volume));
  }
  return rows as Array<ScopeRows[S]>;
}

const TITLES: Record<SummaryScope, string> = {
  node: 'summary nodes',
  pod: 'summary pods',
  container: 'summary containers',
  volume: 'summary volumes',
};

/** One scope of the Summary from every node that answered, as a table. */
export function summaryFrame(
  scope: SummaryScope,
  snapshots: readonly SummarySnapshot[],
  filter: SummaryFilter,
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  switch (scope) {
    case 'node':
      return tableFrame(summaryRows('node', snapshots, filter), NODE_COLUMNS, TITLES.node, refId, notices);
    case 'pod':
      return tableFrame(summaryRows('pod', snapshots, filter), POD_COLUMNS, TITLES.pod, refId, notices);
    case 'container':
      return tableFrame(
        summaryRows('container', snapshots, filter),
        CONTAINER_COLUMNS,
        TITLES.container,
        refId,
        notices
      );
    case 'volume':
      return tableFrame(summaryRows('volume', snapshots, filter), VOLUME_COLUMNS, TITLES.volume, refId, notices);
  }
}
