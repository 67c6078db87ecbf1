/**
 * Recent per-container usage for answers built on history (outliers, right-sizing), as plain arrays: copied out
 * of a sampler history as it arrives (its series keep filling), or out of one poll. Pure.
 */
import type { QueryResultMetaNotice } from '@grafana/data';

import { SeriesHistory } from '../../live/history';
import { Snapshot } from '../../live/types';

/** One container's recent values, oldest first; absent samples are left out (never 0). */
export interface ContainerUsage {
  namespace: string;
  pod: string;
  container: string;
  /** cores */
  cpu: number[];
  /** working-set bytes */
  memory: number[];
}

export interface UsageWindow {
  /** by `namespace/pod/container` */
  containers: Map<string, ContainerUsage>;
  /** the most values any container has */
  samples: number;
  /** the longest time any one series spans, first sample to last (ms) */
  spanMs: number;
  polls: number;
  intervalMs?: number;
  retentionMs?: number;
  /** what the polls reported (namespaces that failed, usage missing) */
  notices: QueryResultMetaNotice[];
  /** the latest poll failed as a whole, or every scope failed */
  failure?: string;
}

export function containerKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

function entry(into: Map<string, ContainerUsage>, labels: Record<string, string>): ContainerUsage | undefined {
  const { namespace, pod, container } = labels;
  if (!namespace || !pod || !container) {
    return undefined;
  }
  const key = containerKey(namespace, pod, container);
  let c = into.get(key);
  if (!c) {
    c = { namespace, pod, container, cpu: [], memory: [] };
    into.set(key, c);
  }
  return c;
}

function failureText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The values of a history, copied. Pure. */
export function usageFromHistory(h: SeriesHistory): UsageWindow {
  const containers = new Map<string, ContainerUsage>();
  let samples = 0;
  let spanMs = 0;
  for (const s of h.series) {
    if (s.metric !== 'cpu' && s.metric !== 'memory') {
      continue;
    }
    const c = entry(containers, s.labels);
    const n = s.points.size;
    if (!c || !n) {
      continue;
    }
    const into = s.metric === 'cpu' ? c.cpu : c.memory;
    for (let i = 0; i < n; i++) {
      into.push(s.points.valueAt(i));
    }
    samples = Math.max(samples, n);
    // per series: pods are sampled by metrics-server at different times
    spanMs = Math.max(spanMs, s.points.timeAt(n - 1) - s.points.timeAt(0));
  }
  const errors = h.errors.map((e) => e.message).filter(Boolean);
  const failure =
    h.pollError !== undefined && !samples
      ? `Usage could not be read: ${failureText(h.pollError)}`
      : !samples && errors.length
        ? errors.join('; ')
        : undefined;
  return {
    containers,
    samples,
    spanMs,
    polls: h.polls,
    intervalMs: h.intervalMs,
    retentionMs: h.retentionMs,
    notices: [
      ...h.notices,
      ...(samples && errors.length ? [{ severity: 'warning' as const, text: errors.join('; ') }] : []),
    ],
    failure,
  };
}

/** One poll's values, for a context without a sampler. Pure. */
export function usageFromSnapshot(s: Snapshot): UsageWindow {
  const containers = new Map<string, ContainerUsage>();
  for (const sample of s.samples) {
    const c = sample.metric === 'cpu' || sample.metric === 'memory' ? entry(containers, sample.labels) : undefined;
    const v = Number(sample.value);
    if (c && Number.isFinite(v)) {
      (sample.metric === 'cpu' ? c.cpu : c.memory).push(v);
    }
  }
  const samples = containers.size ? 1 : 0;
  const errors = (s.errors ?? []).map((e) => e.message).filter(Boolean);
  return {
    containers,
    samples,
    spanMs: 0,
    polls: 1,
    notices: [...(s.notices ?? [])],
    failure: !samples && errors.length ? errors.join('; ') : undefined,
  };
}

/** "12 min 30 s", "45 s", "2 h 5 min": the length of a window in words. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) {
    return `${s} s`;
  }
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) {
    return min ? `${h} h ${min} min` : `${h} h`;
  }
  return sec ? `${min} min ${sec} s` : `${min} min`;
}

/** "52 samples over 12 min 45 s (polled every 15 s)": what an answer rests on. */
export function windowText(w: UsageWindow): string {
  const n = `${w.samples} sample${w.samples === 1 ? '' : 's'}`;
  const span = w.spanMs > 0 ? ` over ${durationText(w.spanMs)}` : '';
  const every = w.intervalMs ? ` (polled every ${durationText(w.intervalMs)})` : '';
  return `${n}${span}${every}`;
}
