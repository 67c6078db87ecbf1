import { DataFrame, Field, FieldConfig, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { PodsGroupBy } from '../../types';
import { CORES_UNIT } from '../shared/format';
import { Resources } from './podObjects';
import { PodsRow, share } from './podsGroup';
import { PRESSURE_COLUMNS } from '../shared/pressure';

type Value = string | number | boolean | null;

/** Columns that only appear when some row has a value: most clusters never resize and report no swap. */
type Optional = 'swap' | 'desired' | 'resize' | 'pressure';

interface Column {
  name: string;
  type: FieldType;
  config: FieldConfig;
  value: (row: PodsRow, nowMs: number) => Value;
  when?: Optional;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const str = (name: string, displayName: string, value: (row: PodsRow) => string | undefined): Column => ({
  name,
  type: FieldType.string,
  config: { displayName },
  value: (row) => orNull(value(row)),
});

const num = (
  name: string,
  displayName: string,
  unit: string,
  value: (row: PodsRow) => number | undefined,
  extra: FieldConfig = {}
): Column => ({
  name,
  type: FieldType.number,
  config: { displayName, unit, ...extra },
  value: (row) => orNull(value(row)),
});

const NAMESPACE = str('namespace', 'Namespace', (r) => r.namespace);
const POD = str('pod', 'Pod', (r) => r.pod);
const CONTAINER = str('container', 'Container', (r) => r.container);
const CONTAINER_TYPE = str('containerType', 'Type', (r) => r.containerType);
// Pending pods have no node: the cell stays empty
const NODE = str('node', 'Node', (r) => r.node);
const WORKLOAD_KIND = str('workloadKind', 'Kind', (r) => r.workload?.kind);
const WORKLOAD = str('workload', 'Workload', (r) => r.workload?.name);
const POD_STATUS = str('status', 'Status', (r) => r.status);
const CONTAINER_STATE = str('status', 'State', (r) => r.status);
const POD_READY = str('ready', 'Ready', (r) => (typeof r.ready === 'string' ? r.ready : undefined));
const CONTAINER_READY: Column = {
  name: 'ready',
  type: FieldType.boolean,
  config: { displayName: 'Ready' },
  value: (r) => (typeof r.ready === 'boolean' ? r.ready : null),
};
const RESIZE: Column = {
  ...str('resize', 'Resize', (r) => r.resize),
  config: {
    displayName: 'Resize',
    description: 'An in-place resize the kubelet has not finished: pending (Deferred, Infeasible) or in progress',
  },
  when: 'resize',
};
const RESTARTS = num('restarts', 'Restarts', 'none', (r) => r.restarts, { decimals: 0 });
const PODS = num('pods', 'Pods', 'none', (r) => r.pods, { decimals: 0 });
const AGE: Column = {
  name: 'age',
  type: FieldType.number,
  config: { displayName: 'Age', unit: 'dtdurations' },
  value: (r, nowMs) => (r.creationMs === undefined ? null : Math.max(0, Math.floor((nowMs - r.creationMs) / 1000))),
};

const DESIRED_NOTE = 'The spec, where an in-place resize has not taken effect yet (empty otherwise)';
// only the values that differ: a resize of the CPU request leaves the memory cells empty
const desired = (name: string, displayName: string, unit: string, key: keyof Resources): Column => ({
  ...num(name, displayName, unit, (r) => (r.desired && r.desired[key] !== r[key] ? r.desired[key] : undefined), {
    description: DESIRED_NOTE,
  }),
  when: 'desired',
});

const USAGE: Column[] = [
  num('cpu', 'CPU', CORES_UNIT, (r) => r.cpu, { decimals: 3 }),
  num('cpuRequest', 'CPU request', CORES_UNIT, (r) => r.cpuRequest),
  num('cpuLimit', 'CPU limit', CORES_UNIT, (r) => r.cpuLimit),
  num('cpuOfRequest', 'CPU / request', 'percentunit', (r) => share(r.cpu, r.cpuRequest), { min: 0 }),
  num('cpuOfLimit', 'CPU / limit', 'percentunit', (r) => share(r.cpu, r.cpuLimit), { min: 0 }),
  num('memory', 'Memory (working set)', 'bytes', (r) => r.memory),
  num('memoryRequest', 'Memory request', 'bytes', (r) => r.memoryRequest),
  num('memoryLimit', 'Memory limit', 'bytes', (r) => r.memoryLimit),
  num('memoryOfRequest', 'Memory / request', 'percentunit', (r) => share(r.memory, r.memoryRequest), { min: 0 }),
  num('memoryOfLimit', 'Memory / limit', 'percentunit', (r) => share(r.memory, r.memoryLimit), { min: 0 }),
  { ...num('swap', 'Swap', 'bytes', (r) => r.swap), when: 'swap' },
];

/** Pod rows: PSI from the kubelet, when the query asks for it and the kubelet reports it. */
const PRESSURE: Column[] = PRESSURE_COLUMNS.map(({ name, displayName, key }) => ({
  ...num(name, displayName, 'percent', (r) => r.pressure?.[key], { min: 0, max: 100 }),
  when: 'pressure',
}));

/** Container and pod rows: what the spec asks for while a resize has not taken effect. */
const DESIRED: Column[] = [
  desired('cpuRequestDesired', 'CPU request (spec)', CORES_UNIT, 'cpuRequest'),
  desired('cpuLimitDesired', 'CPU limit (spec)', CORES_UNIT, 'cpuLimit'),
  desired('memoryRequestDesired', 'Memory request (spec)', 'bytes', 'memoryRequest'),
  desired('memoryLimitDesired', 'Memory limit (spec)', 'bytes', 'memoryLimit'),
];

/** The columns of each grouping: identity first, then state, then usage against requests and limits. */
export const PODS_COLUMNS: Record<PodsGroupBy, Column[]> = {
  container: [
    NAMESPACE,
    POD,
    CONTAINER,
    CONTAINER_TYPE,
    NODE,
    WORKLOAD_KIND,
    WORKLOAD,
    CONTAINER_STATE,
    CONTAINER_READY,
    RESTARTS,
    RESIZE,
    ...USAGE,
    ...DESIRED,
    AGE,
  ],
  pod: [
    NAMESPACE,
    POD,
    NODE,
    WORKLOAD_KIND,
    WORKLOAD,
    POD_STATUS,
    POD_READY,
    RESTARTS,
    RESIZE,
    ...USAGE,
    ...PRESSURE,
    ...DESIRED,
    AGE,
  ],
  workload: [NAMESPACE, WORKLOAD_KIND, WORKLOAD, PODS, RESTARTS, ...USAGE],
  namespace: [NAMESPACE, PODS, RESTARTS, ...USAGE],
  node: [NODE, PODS, RESTARTS, ...USAGE],
};

/** Which optional columns some row has a value for: one pass, stopping once all are found. */
function optionalPresent(rows: readonly PodsRow[]): Set<Optional> {
  const found = new Set<Optional>();
  for (let i = 0; i < rows.length && found.size < 4; i++) {
    const r = rows[i];
    if (r.pressure) {
      found.add('pressure');
    }
    if (r.swap !== undefined) {
      found.add('swap');
    }
    if (r.desired) {
      found.add('desired');
    }
    if (r.resize) {
      found.add('resize');
    }
  }
  return found;
}

/** Rows (already grouped, sorted and cut) as one table frame; absent values are null cells, never 0. */
export function podsFrame(
  rows: readonly PodsRow[],
  groupBy: PodsGroupBy,
  refId: string,
  nowMs: number,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const n = rows.length;
  const present = optionalPresent(rows);
  const columns = PODS_COLUMNS[groupBy].filter((col) => !col.when || present.has(col.when));
  const fields: Field[] = columns.map((col) => {
    const values = new Array<Value>(n);
    for (let i = 0; i < n; i++) {
      values[i] = col.value(rows[i], nowMs);
    }
    return { name: col.name, type: col.type, values, config: { ...col.config } };
  });
  return {
    refId,
    name: 'pods',
    length: n,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields,
  };
}
