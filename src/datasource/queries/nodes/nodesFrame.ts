import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { NodeUsage } from './nodeMetrics';
import { NodeInfo } from '../../decode/nodeObjects';
import { CORES_UNIT, listNames } from '../shared/format';
import { type Pressure, pressureFields } from '../shared/pressure';

function ratio(used: number | undefined, total: number | undefined): number | null {
  return used === undefined || !total ? null : used / total;
}

/**
 * Node objects joined with their metrics.k8s.io usage into one table frame, one row per node, sorted by name.
 * A node without metrics keeps its row with the usage cells empty (absent, never zero). Swap used (from a metrics
 * API that reports usage.swap) and swap capacity (status.nodeInfo.swap.capacity) are fields only when some node
 * has them.
 */
export function nodesFrame(
  nodes: NodeInfo[],
  usage: NodeUsage[] | undefined,
  refId: string,
  nowMs: number,
  notices: QueryResultMetaNotice[] = [],
  swapCapacity: ReadonlyMap<string, number> = new Map(),
  pressure: ReadonlyMap<string, Pressure> = new Map()
): DataFrame {
  const byName = new Map<string, NodeUsage>();
  for (const u of usage ?? []) {
    byName.set(u.name, u);
  }
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const n = sorted.length;
  const name = new Array<string>(n);
  const cpu = new Array<number | null>(n);
  const cpuAlloc = new Array<number | null>(n);
  const cpuPct = new Array<number | null>(n);
  const mem = new Array<number | null>(n);
  const memAlloc = new Array<number | null>(n);
  const memPct = new Array<number | null>(n);
  const ready = new Array<string>(n);
  const roles = new Array<string>(n);
  const version = new Array<string | null>(n);
  const age = new Array<number | null>(n);
  const swap = new Array<number | null>(n);
  const swapCap = new Array<number | null>(n);
  const withoutMetrics: string[] = [];

  for (let i = 0; i < n; i++) {
    const node = sorted[i];
    const u = byName.get(node.name);
    if (usage && !u) {
      withoutMetrics.push(node.name);
    }
    name[i] = node.name;
    cpu[i] = u?.cpu ?? null;
    cpuAlloc[i] = node.cpuAllocatable ?? null;
    cpuPct[i] = ratio(u?.cpu, node.cpuAllocatable);
    mem[i] = u?.memory ?? null;
    memAlloc[i] = node.memoryAllocatable ?? null;
    memPct[i] = ratio(u?.memory, node.memoryAllocatable);
    ready[i] = node.status;
    roles[i] = node.roles.length ? node.roles.join(',') : '<none>';
    version[i] = node.kubeletVersion ?? null;
    age[i] = node.creationMs === undefined ? null : Math.max(0, Math.floor((nowMs - node.creationMs) / 1000));
    swap[i] = u?.swap ?? null;
    swapCap[i] = swapCapacity.get(node.name) ?? null;
  }
  const swapFields: DataFrame['fields'] = [];
  if (swap.some((v) => v !== null)) {
    swapFields.push({
      name: 'swap',
      type: FieldType.number,
      values: swap,
      config: { displayName: 'Swap used', unit: 'bytes' },
    });
  }
  if (swapCap.some((v) => v !== null)) {
    swapFields.push({
      name: 'swapCapacity',
      type: FieldType.number,
      values: swapCap,
      config: { displayName: 'Swap capacity', unit: 'bytes' },
    });
  }

  const allNotices = [...notices];
  if (withoutMetrics.length) {
    allNotices.push({
      severity: 'info',
      text:
        `${withoutMetrics.length} node(s) have no metrics yet: ${listNames(withoutMetrics)}. ` +
        'metrics-server reports a node after two scrapes; a node that stays without metrics may have an unreachable kubelet.',
    });
  }

  return {
    refId,
    name: 'nodes',
    length: n,
    meta: { preferredVisualisationType: 'table', notices: allNotices.length ? allNotices : undefined },
    fields: [
      { name: 'node', type: FieldType.string, values: name, config: { displayName: 'Node' } },
      {
        name: 'cpu',
        type: FieldType.number,
        values: cpu,
        config: { displayName: 'CPU', unit: CORES_UNIT, decimals: 3 },
      },
      {
        name: 'cpuAllocatable',
        type: FieldType.number,
        values: cpuAlloc,
        config: { displayName: 'CPU allocatable', unit: CORES_UNIT },
      },
      {
        name: 'cpuPercent',
        type: FieldType.number,
        values: cpuPct,
        config: { displayName: 'CPU %', unit: 'percentunit', min: 0, max: 1 },
      },
      {
        name: 'memory',
        type: FieldType.number,
        values: mem,
        config: { displayName: 'Memory (working set)', unit: 'bytes' },
      },
      {
        name: 'memoryAllocatable',
        type: FieldType.number,
        values: memAlloc,
        config: { displayName: 'Memory allocatable', unit: 'bytes' },
      },
      {
        name: 'memoryPercent',
        type: FieldType.number,
        values: memPct,
        config: { displayName: 'Memory %', unit: 'percentunit', min: 0, max: 1 },
      },
      ...swapFields,
      ...pressureFields(sorted.map((node) => pressure.get(node.name))),
      { name: 'ready', type: FieldType.string, values: ready, config: { displayName: 'Status' } },
      { name: 'roles', type: FieldType.string, values: roles, config: { displayName: 'Roles' } },
      { name: 'kubeletVersion', type: FieldType.string, values: version, config: { displayName: 'Version' } },
      { name: 'age', type: FieldType.number, values: age, config: { displayName: 'Age', unit: 'dtdurations' } },
    ],
  };
}
