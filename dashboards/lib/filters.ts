import type { DataTransformerConfig } from '@grafana/schema';

/**
 * Keep the time field and the series of some metrics. Live series are named `<key> <metric>` (e.g.
 * `node-1 cpu`, src/datasource/live/timeseriesFrames.ts), so one query can feed several panels.
 */
export function onlyMetrics(...metrics: string[]): DataTransformerConfig {
  return { id: 'filterFieldsByName', options: { include: { pattern: `^Time$|^.* (${metrics.join('|')})$` } } };
}

/** Keep some fields of a table, by field name. */
export function onlyFields(...names: string[]): DataTransformerConfig {
  return { id: 'filterFieldsByName', options: { include: { names } } };
}
