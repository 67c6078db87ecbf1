import type { ComboboxOption } from '@grafana/ui';

import {
  type EventsQuery,
  type KubeletEndpoint,
  OBJECT_RESOURCE_INFO,
  type ObjectResource,
  type PodsGroupBy,
  type PodsSortBy,
  type ResultFormat,
  type SummaryScope,
} from '../types';

/** The fixed choices of the query editors, with the words a user sees. */

export const FORMAT_OPTIONS: Array<{ value: ResultFormat; label: string; description: string }> = [
  { value: 'table', label: 'Table', description: 'The current values, one row per object' },
  { value: 'timeseries', label: 'Time series', description: 'The values sampled while the dashboard is open' },
];

export const GROUP_BY_OPTIONS: Array<ComboboxOption<PodsGroupBy>> = [
  { value: 'pod', label: 'Pod' },
  { value: 'container', label: 'Container' },
  { value: 'workload', label: 'Workload', description: 'The owning Deployment, StatefulSet, DaemonSet or Job' },
  { value: 'namespace', label: 'Namespace' },
  { value: 'node', label: 'Node' },
];

export const SORT_BY_OPTIONS: Array<ComboboxOption<PodsSortBy>> = [
  { value: 'cpu', label: 'CPU' },
  { value: 'memory', label: 'Memory' },
  { value: 'cpuOfRequest', label: 'CPU % of request' },
  { value: 'memoryOfLimit', label: 'Memory % of limit' },
  { value: 'restarts', label: 'Restarts' },
  { value: 'name', label: 'Name' },
];

export const SCOPE_OPTIONS: Array<{ value: SummaryScope; label: string }> = [
  { value: 'node', label: 'Node' },
  { value: 'pod', label: 'Pod' },
  { value: 'container', label: 'Container' },
  { value: 'volume', label: 'Volume' },
];

export const DEFAULT_KUBELET_ENDPOINT: KubeletEndpoint = 'metrics/resource';

export const ENDPOINT_OPTIONS: Array<ComboboxOption<KubeletEndpoint>> = [
  {
    value: 'metrics/resource',
    label: 'Resource',
    description: '/metrics/resource: CPU and memory per node, pod, container',
  },
  {
    value: 'metrics/cadvisor',
    label: 'cAdvisor',
    description: '/metrics/cadvisor: container CPU, memory, network, disk',
  },
  { value: 'metrics', label: 'Kubelet', description: "/metrics: the kubelet's own metrics" },
  { value: 'metrics/probes', label: 'Probes', description: '/metrics/probes: liveness, readiness and startup results' },
];

/** Cluster-scoped resources have no namespace field. */
export const RESOURCE_OPTIONS: Array<ComboboxOption<ObjectResource> & { namespaced: boolean }> = (
  Object.keys(OBJECT_RESOURCE_INFO) as ObjectResource[]
).map((value) => ({ value, ...OBJECT_RESOURCE_INFO[value] }));

export const DEFAULT_RESOURCE: ObjectResource = 'pods';

export function isNamespaced(resource: ObjectResource | undefined): boolean {
  return RESOURCE_OPTIONS.find((r) => r.value === (resource ?? DEFAULT_RESOURCE))?.namespaced ?? true;
}

/** '' stands for "both" in the radio group; the query leaves eventType out then. */
export type EventTypeChoice = NonNullable<EventsQuery['eventType']> | '';

export const EVENT_TYPE_OPTIONS: Array<{ value: EventTypeChoice; label: string }> = [
  { value: '', label: 'All' },
  { value: 'Normal', label: 'Normal' },
  { value: 'Warning', label: 'Warning' },
];

/** The kinds events are usually about; any other kind can be typed. */
export const INVOLVED_KIND_OPTIONS: Array<ComboboxOption<string>> = [
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'PersistentVolumeClaim',
  'Service',
  'HorizontalPodAutoscaler',
].map((kind) => ({ value: kind, label: kind }));
