import type { DataQuery } from '@grafana/schema';

import type { NameKind } from './kube/names';
import { OBJECT_RESOURCE_INFO, type ObjectResource } from './types';

/** What a template variable of this data source lists. */
export type VariableKind = 'namespaces' | 'nodes' | 'pods' | 'containers' | 'workloads' | 'labelKeys' | 'labelValues';

/** The workload kinds a `workloads` variable lists; empty means all four. */
export type VariableWorkloadKind = 'deployments' | 'statefulsets' | 'daemonsets' | 'jobs';

/** Resources whose labels a `labelKeys` / `labelValues` variable reads. */
export type LabelResource = Exclude<ObjectResource, 'events'>;

/**
 * A variable query. Name fields (namespace, node, pod) may hold template variables, like the panel queries:
 * after interpolation a comma-separated list means several, empty means all, and every name is validated
 * before it reaches a URL.
 */
export interface KubeVariableQuery extends DataQuery {
  kind: VariableKind;
  /** pods, containers, workloads and labels of namespaced resources */
  namespace?: string;
  /** pods, containers, workloads, label keys/values */
  labelSelector?: string;
  /** pods and containers: only those scheduled on these nodes */
  node?: string;
  /** containers: of these pods (all matching pods when empty) */
  pod?: string;
  workloadKind?: VariableWorkloadKind;
  /** labelKeys / labelValues: whose labels */
  resource?: LabelResource;
  /** labelValues: the key whose values are listed */
  labelKey?: string;
}

export const VARIABLE_KINDS: ReadonlyArray<{ value: VariableKind; label: string; description: string }> = [
  { value: 'namespaces', label: 'Namespaces', description: 'Every namespace' },
  { value: 'nodes', label: 'Nodes', description: 'Every node, optionally by label selector' },
  { value: 'pods', label: 'Pods', description: 'Pods by namespace, label selector and node' },
  {
    value: 'containers',
    label: 'Containers',
    description: 'Container names of the chosen pods; init containers marked',
  },
  {
    value: 'workloads',
    label: 'Workloads',
    description: 'Deployments, StatefulSets, DaemonSets and Jobs (value = name, text = Kind/name)',
  },
  { value: 'labelKeys', label: 'Label keys', description: 'The label keys used on a kind of object' },
  { value: 'labelValues', label: 'Label values', description: 'The values of one label key on a kind of object' },
];

export const VARIABLE_WORKLOAD_KINDS: ReadonlyArray<{ value: VariableWorkloadKind; label: string }> = [
  { value: 'deployments', label: 'Deployments' },
  { value: 'statefulsets', label: 'StatefulSets' },
  { value: 'daemonsets', label: 'DaemonSets' },
  { value: 'jobs', label: 'Jobs' },
];

/** Label resources and whether their objects live in a namespace. */
export const LABEL_RESOURCES: ReadonlyArray<{ value: LabelResource; label: string; namespaced: boolean }> = (
  Object.keys(OBJECT_RESOURCE_INFO) as ObjectResource[]
)
  .filter((value): value is LabelResource => value !== 'events')
  .map((value) => ({ value, ...OBJECT_RESOURCE_INFO[value] }));

export const DEFAULT_VARIABLE_QUERY: KubeVariableQuery = { refId: 'KubeVariableQuery', kind: 'namespaces' };

const KIND_VALUES = new Set<string>(VARIABLE_KINDS.map((k) => k.value));

/**
 * A saved variable query as a KubeVariableQuery. Grafana may hand over a plain string (a variable made with
 * another editor) or an object without a kind (a new variable): both become a namespaces query.
 */
export function toVariableQuery(saved: unknown): KubeVariableQuery {
  if (typeof saved !== 'object' || saved === null) {
    return { ...DEFAULT_VARIABLE_QUERY };
  }
  const query = saved as Partial<KubeVariableQuery>;
  const kind = typeof query.kind === 'string' && KIND_VALUES.has(query.kind) ? query.kind : 'namespaces';
  return { ...query, refId: query.refId || DEFAULT_VARIABLE_QUERY.refId, kind };
}

/** Template variables, applied the same way for every query type. */
export interface VariableResolver {
  /** a name field: expanded (csv for multi-value), split on commas, every name validated; [] means all */
  names(text: string | undefined, kind: NameKind): string[];
  /** a free-text field (selector, matchers): expanded, trimmed; undefined when empty */
  text(text: string | undefined): string | undefined;
}
