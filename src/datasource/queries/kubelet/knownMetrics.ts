/**
 * The kubelet metrics worth naming in the metric picker: what each measures and in which unit it shows, so
 * the swap (KEP-2400) and pressure (KubeletPSI) series read as what they are. The picker still lists
 * whatever the endpoint serves; a metric not named here shows without a description.
 */
import type { ComboboxOption } from '@grafana/ui';

import type { KubeletEndpoint } from '../../types';
import { rateUnit, valueUnit } from './kubeletFrame';

export interface KnownMetric {
  name: string;
  endpoint: KubeletEndpoint;
  what: string;
}

const PSI_FULL = 'no task could run';
const PSI_SOME = 'some task waited';
const pressure = (res: string, label: string): KnownMetric[] => [
  {
    name: `container_pressure_${res}_stalled_seconds_total`,
    endpoint: 'metrics/cadvisor',
    what: `Time ${PSI_FULL} for lack of ${label} (PSI full)`,
  },
  {
    name: `container_pressure_${res}_waiting_seconds_total`,
    endpoint: 'metrics/cadvisor',
    what: `Time ${PSI_SOME} for ${label} (PSI some)`,
  },
];

export const KNOWN_METRICS: readonly KnownMetric[] = [
  { name: 'node_cpu_usage_seconds_total', endpoint: 'metrics/resource', what: 'CPU time of the node' },
  { name: 'node_memory_working_set_bytes', endpoint: 'metrics/resource', what: 'Working set of the node' },
  { name: 'node_swap_usage_bytes', endpoint: 'metrics/resource', what: 'Swap in use on the node' },
  { name: 'pod_cpu_usage_seconds_total', endpoint: 'metrics/resource', what: 'CPU time of the pod' },
  { name: 'pod_memory_working_set_bytes', endpoint: 'metrics/resource', what: 'Working set of the pod' },
  { name: 'pod_swap_usage_bytes', endpoint: 'metrics/resource', what: 'Swap in use by the pod' },
  { name: 'container_cpu_usage_seconds_total', endpoint: 'metrics/resource', what: 'CPU time of the container' },
  {
    name: 'container_memory_working_set_bytes',
    endpoint: 'metrics/resource',
    what: 'Working set of the container',
  },
  { name: 'container_swap_usage_bytes', endpoint: 'metrics/resource', what: 'Swap in use by the container' },
  {
    name: 'container_swap_limit_bytes',
    endpoint: 'metrics/resource',
    what: 'Swap the container may use (LimitedSwap share; 0 when it may not swap)',
  },
  ...pressure('cpu', 'CPU'),
  ...pressure('memory', 'memory'),
  ...pressure('io', 'IO'),
];

const BY_NAME = new Map(KNOWN_METRICS.map((m) => [m.name, m]));

/** Grafana's words for the units the data source gives these metrics. */
const UNIT_WORDS: Record<string, string> = {
  bytes: 'bytes',
  Bps: 'bytes/s',
  s: 'seconds',
  percentunit: 'share of time stalled',
  'suffix: cores': 'cores',
};

/** Whether a counter's rate is the share of time stalled: PSI stall seconds per second. */
export function isPressureMetric(name: string): boolean {
  return /^container_pressure_(cpu|memory|io)_(stalled|waiting)_seconds_total$/.test(name);
}

/** `Swap in use by the container · bytes`; `… · rate: share of time stalled` for counters. */
export function metricDescription(name: string): string | undefined {
  const known = BY_NAME.get(name);
  if (!known) {
    return undefined;
  }
  const counter = name.endsWith('_total');
  const unit = counter ? rateUnit(name) : valueUnit(name);
  const words = unit ? (UNIT_WORDS[unit] ?? unit) : undefined;
  return words ? `${known.what} · ${counter ? 'rate: ' : ''}${words}` : known.what;
}

/** The picker's options for names the endpoint listed, described where known. */
export function describedOptions(names: ReadonlyArray<ComboboxOption<string>>): Array<ComboboxOption<string>> {
  return names.map((o) => {
    const description = metricDescription(o.value);
    return description ? { ...o, description } : o;
  });
}

/** When the endpoint cannot be listed: the metrics this endpoint is known to serve. */
export function knownMetricOptions(endpoint: KubeletEndpoint): Array<ComboboxOption<string>> {
  return describedOptions(
    KNOWN_METRICS.filter((m) => m.endpoint === endpoint).map((m) => ({ value: m.name, label: m.name }))
  );
}
