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

/** Keep the rows whose field (by display name) is above a value; rows without a value go too. */
export function filterByValue(displayName: string, above: number): DataTransformerConfig {
  return {
    id: 'filterByValue',
    options: {
      type: 'include',
      match: 'any',
      filters: [{ fieldName: displayName, config: { id: 'greater', options: { value: above } } }],
    },
  };
}

/** Sort the rows by a field (by display name), largest first: with `limit`, a top N. */
export function sortByField(displayName: string): DataTransformerConfig {
  return { id: 'sortBy', options: { fields: {}, sort: [{ field: displayName, desc: true }] } };
}

/** Keep the first rows. */
export function limit(rows: number): DataTransformerConfig {
  return { id: 'limit', options: { limitField: rows } };
}
