/**
 * Kubelet Prometheus-text metrics as series: choosing a metric (a family, or one sample name of a histogram
 * or summary such as `x_bucket`), applying label matchers, and shaping the result as a table frame or as
 * sampler samples. Pure functions; the I/O is in kubelet.ts.
 */
import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { matchesAll, Matcher } from './matchers';
import { PromFamily, PromMetricType, PromParseError } from './promtext';
import { Sample } from '../../live/types';
import { CORES_UNIT, listNames } from '../shared/format';

/** One sample of one node, with the `node` label added. */
export interface KubeletSeries {
  node: string;
  /** the sample's own name (`x_bucket`, `x_sum`, `x_total`, ...) */
  name: string;
  familyType: PromMetricType;
  /** the sample's labels plus `node` (a scraped `node` label is kept as `exported_node`, as Prometheus does) */
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
  /** cumulative: shown as a per-second rate in time series */
  counter: boolean;
}

/** What a metric picker shows. */
export interface MetricInfo {
  name: string;
  type: PromMetricType;
  help: string;
}

/**
 * Whether a sample is cumulative: counters, untyped `*_total` (the naming convention), and a histogram's
 * buckets, sum and count or a summary's sum and count. Quantiles and gauges are not.
 */
export function isCounterSample(type: PromMetricType, sampleName: string, familyName: string): boolean {
  switch (type) {
    case 'counter':
      return true;
    case 'untyped':
      return sampleName.endsWith('_total');
    case 'histogram':
      return true;
    case 'summary':
      return sampleName !== familyName;
    default:
      return false;
  }
}

const SUFFIXES = ['_bucket', '_sum', '_count'];

/** Whether the family holds the metric: its own name, or one of its histogram/summary sample names. */
function familyHolds(f: PromFamily, metric: string): 'all' | 'part' | undefined {
  if (f.name === metric) {
    return 'all';
  }
  if (f.type !== 'histogram' && f.type !== 'summary') {
    return undefined;
  }
  for (const s of SUFFIXES) {
    if (metric === f.name + s && (s !== '_bucket' || f.type === 'histogram')) {
      return 'part';
    }
  }
  return undefined;
}

function withNode(labels: Record<string, string>, node: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels)) {
    out[k === 'node' ? 'exported_node' : k] = labels[k];
  }
  out.node = node;
  return out;
}

export interface Selection {
  series: KubeletSeries[];
  /** whether any family of the metric was found at all (before matchers) */
  found: boolean;
}

/** The samples of `metric` on one node that pass every matcher (matchers see the added `node` label). */
export function selectSeries(
  families: readonly PromFamily[],
  metric: string,
  matchers: readonly Matcher[],
  node: string
): Selection {
  const series: KubeletSeries[] = [];
  let found = false;
  for (const f of families) {
    const holds = familyHolds(f, metric);
    if (!holds) {
      continue;
    }
    found = true;
    for (const s of f.samples) {
      if (holds === 'part' && s.name !== metric) {
        continue;
      }
      const labels = withNode(s.labels, node);
      if (!matchesAll(matchers, labels, s.name)) {
        continue;
      }
      const one: KubeletSeries = {
        node,
        name: s.name,
        familyType: f.type,
        labels,
        value: s.value,
        counter: isCounterSample(f.type, s.name, f.name),
      };
      if (s.timestampMs !== undefined) {
        one.timestampMs = s.timestampMs;
      }
      series.push(one);
    }
  }
  return { series, found };
}

/** The Grafana unit of a value, read from Prometheus naming conventions (base units in the name). */
export function valueUnit(name: string): string | undefined {
  const base = name.replace(/_(total|sum|count|bucket)$/, '');
  if (name.endsWith('_count') || name.endsWith('_bucket')) {
    return 'short';
  }
  if (/_bytes$/.test(base)) {
    return 'bytes';
  }
  if (/_(time|timestamp)_seconds$/.test(base)) {
    return undefined; // epoch seconds, not a duration; Grafana's date units read milliseconds
  }
  if (/_seconds$/.test(base)) {
    return 's';
  }
  return undefined;
}

/** The unit of a counter's per-second rate. */
export function rateUnit(name: string): string {
  const base = name.replace(/_(total|sum|count|bucket)$/, '');
  if (name.endsWith('_count') || name.endsWith('_bucket')) {
    return 'cps';
  }
  if (/_bytes$/.test(base)) {
    return 'Bps';
  }
  if (/^container_pressure_\w+_seconds$/.test(base)) {
    // PSI stall seconds per second: the share of time stalled (not cores, though the name says cpu)
    return 'percentunit';
  }
  if (/_seconds$/.test(base)) {
    // CPU seconds per second are cores in use; other seconds per second have no better unit
    return /cpu/.test(base) ? CORES_UNIT : 'short';
  }
  return 'cps';
}

/** Series identity within a source: node, sample name and the sorted label set. */
export function seriesKey(s: KubeletSeries): string {
  const pairs = Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
    .join(',');
  return `${s.name}{${pairs}}`;
}

/** Samples for the sampler: counters marked so it shows per-second rates. */
export function kubeletSamples(series: readonly KubeletSeries[]): Sample[] {
  return series.map((s) => {
    const unit = s.counter ? rateUnit(s.name) : valueUnit(s.name);
    const sample: Sample = { key: seriesKey(s), labels: s.labels, metric: s.name, value: s.value, counter: s.counter };
    if (unit) {
      sample.unit = unit;
    }
    if (s.timestampMs !== undefined) {
      sample.timeMs = s.timestampMs;
    }
    return sample;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One row per series: time, node, sample name, one column per label (absent = null), value. Counters keep
 * their cumulative value here, with a notice pointing at time series for rates.
 */
export function kubeletFrame(
  series: readonly KubeletSeries[],
  metric: string,
  refId: string,
  nowMs: number,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  // nodes sorted; within a node, the exposition's own order (buckets stay in le order)
  const rows = series
    .map((s, i) => ({ s, i }))
    .sort((a, b) => compare(a.s.node, b.s.node) || a.i - b.i)
    .map((r) => r.s);
  const labelNames = new Set<string>();
  for (const s of rows) {
    for (const k of Object.keys(s.labels)) {
      if (k !== 'node') {
        labelNames.add(k);
      }
    }
  }
  const labels = [...labelNames].sort();
  const n = rows.length;
  const names = new Set(rows.map((s) => s.name));
  const units = new Set([...names].map((name) => valueUnit(name)));
  const unit = units.size === 1 ? [...units][0] : undefined;

  const allNotices = [...notices];
  if (rows.some((s) => s.counter)) {
    allNotices.push({
      severity: 'info',
      text:
        `${metric} is cumulative (a counter): the table shows its total since the process started. ` +
        'Use the time series format to see it as a per-second rate.',
    });
  }

  return {
    refId,
    name: metric,
    length: n,
    meta: { preferredVisualisationType: 'table', notices: allNotices.length ? allNotices : undefined },
    fields: [
      {
        name: 'time',
        type: FieldType.time,
        values: rows.map((s) => s.timestampMs ?? nowMs),
        config: { displayName: 'Time' },
      },
      { name: 'node', type: FieldType.string, values: rows.map((s) => s.node), config: { displayName: 'Node' } },
      { name: 'metric', type: FieldType.string, values: rows.map((s) => s.name), config: { displayName: 'Metric' } },
      ...labels.map((l) => ({
        name: l,
        type: FieldType.string,
        values: rows.map((s) => (Object.prototype.hasOwnProperty.call(s.labels, l) ? s.labels[l] : null)),
        config: {},
      })),
      {
        name: 'value',
        type: FieldType.number,
        values: rows.map((s) => s.value),
        config: unit ? { displayName: 'Value', unit } : { displayName: 'Value' },
      },
    ],
  };
}

/** Every family an endpoint serves, for the metric picker: sorted by name. */
export function metricInfos(families: readonly PromFamily[]): MetricInfo[] {
  return families
    .map((f) => ({ name: f.name, type: f.type, help: f.help ?? '' }))
    .sort((a, b) => compare(a.name, b.name));
}

/** When no metric is chosen: what the endpoint serves, with how many series each family has on the nodes read. */
export function metricCatalogFrame(
  byNode: ReadonlyArray<readonly PromFamily[]>,
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const catalog = new Map<string, { info: MetricInfo; series: number }>();
  for (const families of byNode) {
    for (const f of families) {
      const entry = catalog.get(f.name) ?? { info: { name: f.name, type: f.type, help: f.help ?? '' }, series: 0 };
      entry.series += f.samples.length;
      catalog.set(f.name, entry);
    }
  }
  const rows = [...catalog.values()].sort((a, b) => compare(a.info.name, b.info.name));
  return {
    refId,
    name: 'kubelet metrics',
    length: rows.length,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields: [
      {
        name: 'metric',
        type: FieldType.string,
        values: rows.map((r) => r.info.name),
        config: { displayName: 'Metric' },
      },
      { name: 'type', type: FieldType.string, values: rows.map((r) => r.info.type), config: { displayName: 'Type' } },
      { name: 'help', type: FieldType.string, values: rows.map((r) => r.info.help), config: { displayName: 'Help' } },
      {
        name: 'samples',
        type: FieldType.number,
        values: rows.map((r) => r.series),
        config: { displayName: 'Samples', unit: 'short' },
      },
    ],
  };
}

/**
 * One notice for the nodes whose body the parser refused partway. It stops at the first bad line, as Prometheus
 * does, so the samples before that line are shown and the rest is missing; the notice names each node's line.
 */
export function partialParseNotice(
  endpoint: string,
  byNode: ReadonlyArray<{ node: string; error?: PromParseError }>
): QueryResultMetaNotice[] {
  const where: string[] = [];
  for (const { node, error } of byNode) {
    if (error !== undefined) {
      where.push(`${node} at line ${error.line} (${error.message})`);
    }
  }
  if (!where.length) {
    return [];
  }
  const lines = where.length === 1 ? 'that line' : 'those lines';
  return [
    {
      severity: 'warning',
      text:
        `${endpoint} of ${listNames(where)} is not valid Prometheus text: ` +
        `only the samples before ${lines} are shown.`,
    },
  ];
}
