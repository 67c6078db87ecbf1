/**
 * A hand check of saved Kubeglance queries against src/datasource/types.ts and variableTypes.ts: a known
 * query type, only the fields that type has, each of the right type, enum values that exist. The
 * `Record<Union, true>` tables fail to compile when a union in types.ts gains or loses a member.
 */
import type {
  KubeletEndpoint,
  ObjectResource,
  PodsGroupBy,
  PodsSortBy,
  QueryType,
  ResultFormat,
  SummaryScope,
} from '../../src/datasource/types';
import type { LabelResource, VariableKind, VariableWorkloadKind } from '../../src/datasource/variableTypes';

type FieldCheck = (value: unknown) => string | undefined;

const keys = <T extends string>(table: Record<T, true>) => Object.keys(table) as T[];

const oneOf =
  (values: readonly string[]): FieldCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
const listOf =
  (values: readonly string[]): FieldCheck =>
  (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' && values.includes(x))
      ? undefined
      : `must be a list of ${values.join(', ')}`;
const text: FieldCheck = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const bool: FieldCheck = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const positiveInt: FieldCheck = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'must be a positive integer';
const object: FieldCheck = (v) => (typeof v === 'object' && v !== null ? undefined : 'must be an object');

const QUERY_TYPE_VALUES = keys<QueryType>({
  nodes: true,
  pods: true,
  summary: true,
  kubelet: true,
  objects: true,
  events: true,
  logs: true,
  risks: true,
  timeline: true,
  outliers: true,
  rightsizing: true,
  timeToFull: true,
});
const FORMATS = keys<ResultFormat>({ table: true, timeseries: true });
const GROUP_BYS = keys<PodsGroupBy>({ container: true, pod: true, workload: true, namespace: true, node: true });
const SORT_BYS = keys<PodsSortBy>({
  cpu: true,
  memory: true,
  name: true,
  restarts: true,
  cpuOfRequest: true,
  memoryOfLimit: true,
});
const SCOPES = keys<SummaryScope>({ node: true, pod: true, container: true, volume: true });
const ENDPOINTS = keys<KubeletEndpoint>({
  'metrics/resource': true,
  'metrics/cadvisor': true,
  metrics: true,
  'metrics/probes': true,
});
const RESOURCES = keys<ObjectResource>({
  nodes: true,
  namespaces: true,
  pods: true,
  deployments: true,
  statefulsets: true,
  daemonsets: true,
  jobs: true,
  persistentvolumeclaims: true,
  events: true,
});

// DataQuery's own fields, on every query
const BASE: Record<string, FieldCheck> = {
  refId: text,
  queryType: oneOf(QUERY_TYPE_VALUES),
  format: oneOf(FORMATS),
  live: bool,
  hide: bool,
  key: text,
  datasource: object,
};

const FIELDS: Record<QueryType, Record<string, FieldCheck>> = {
  nodes: { labelSelector: text, nodeName: text, pressure: bool },
  pods: {
    namespace: text,
    labelSelector: text,
    fieldSelector: text,
    nodeName: text,
    groupBy: oneOf(GROUP_BYS),
    sortBy: oneOf(SORT_BYS),
    topN: positiveInt,
    pressure: bool,
  },
  summary: { nodeName: text, scope: oneOf(SCOPES), namespace: text, podName: text },
  kubelet: { nodeName: text, endpoint: oneOf(ENDPOINTS), metric: text, matchers: text },
  objects: { resource: oneOf(RESOURCES), namespace: text, labelSelector: text, fieldSelector: text },
  events: {
    namespace: text,
    eventType: oneOf(['Normal', 'Warning']),
    involvedKind: text,
    involvedName: text,
  },
  logs: {
    namespace: text,
    podName: text,
    labelSelector: text,
    container: text,
    includeInit: bool,
    previous: bool,
    tailLines: positiveInt,
    limitBytes: positiveInt,
    events: bool,
  },
  risks: { namespace: text, minSeverity: oneOf(['critical', 'warning', 'info']) },
  timeline: {
    subject: oneOf(['namespace', 'workload', 'pod', 'node']),
    namespace: text,
    name: text,
    workloadKind: text,
  },
  outliers: {
    namespace: text,
    labelSelector: text,
    signals: listOf(['cpu', 'memory', 'restarts', 'errors']),
    showAll: bool,
  },
  rightsizing: { namespace: text, labelSelector: text, groupBy: oneOf(['container', 'namespace']) },
  timeToFull: {
    nodeName: text,
    namespace: text,
    kinds: listOf(['nodeFs', 'imageFs', 'pvc', 'ephemeral', 'memory']),
    windowSeconds: positiveInt,
  },
};

function checkFields(query: Record<string, unknown>, allowed: Record<string, FieldCheck>, what: string): string[] {
  const errors: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    const check = allowed[name];
    if (!check) {
      errors.push(`${what} has no field "${name}"`);
      continue;
    }
    const problem = value === undefined ? undefined : check(value);
    if (problem) {
      errors.push(`${what}: "${name}" ${problem} (got ${JSON.stringify(value)})`);
    }
  }
  return errors;
}

/** Problems of one saved panel query; empty when the data source would accept it as written. */
export function kubeQueryErrors(query: Record<string, unknown>): string[] {
  const type = query.queryType;
  if (typeof type !== 'string' || !QUERY_TYPE_VALUES.includes(type as QueryType)) {
    return [`queryType must be one of ${QUERY_TYPE_VALUES.join(', ')} (got ${JSON.stringify(type)})`];
  }
  if (typeof query.refId !== 'string' || !query.refId) {
    return ['refId is missing'];
  }
  return checkFields(query, { ...BASE, ...FIELDS[type as QueryType] }, `a ${type} query`);
}

const VARIABLE_KIND_VALUES = keys<VariableKind>({
  namespaces: true,
  nodes: true,
  pods: true,
  containers: true,
  workloads: true,
  labelKeys: true,
  labelValues: true,
});
const WORKLOAD_KINDS = keys<VariableWorkloadKind>({
  deployments: true,
  statefulsets: true,
  daemonsets: true,
  jobs: true,
});
const LABEL_RESOURCES = keys<LabelResource>({
  nodes: true,
  namespaces: true,
  pods: true,
  deployments: true,
  statefulsets: true,
  daemonsets: true,
  jobs: true,
  persistentvolumeclaims: true,
});

const VARIABLE_FIELDS: Record<string, FieldCheck> = {
  refId: text,
  kind: oneOf(VARIABLE_KIND_VALUES),
  namespace: text,
  labelSelector: text,
  node: text,
  pod: text,
  workloadKind: oneOf(WORKLOAD_KINDS),
  resource: oneOf(LABEL_RESOURCES),
  labelKey: text,
};

/** Problems of a saved variable query (KubeVariableQuery). */
export function kubeVariableQueryErrors(query: unknown): string[] {
  if (typeof query !== 'object' || query === null) {
    return ['the variable query must be an object with a kind'];
  }
  const q = query as Record<string, unknown>;
  if (q.kind === undefined) {
    return ['the variable query has no kind'];
  }
  return checkFields(q, VARIABLE_FIELDS, 'a variable query');
}
