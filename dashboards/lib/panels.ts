import type { DataSourceRef, DataTransformerConfig, Panel } from '@grafana/schema';

import type { PodLogsOptions } from '../../src/panel/options';
import { PODLOGS_PANEL } from './refs';

/** A panel before layout: the grid assigns gridPos and id. */
export type PanelSpec = Omit<Panel, 'gridPos' | 'id'>;

/** Any data source's query: ours are typed by src/datasource/types.ts, Prometheus and Loki by their builders. */
type Target = { refId: string };
type Override = { matcher: { id: string; options: unknown }; properties: Array<{ id: string; value: unknown }> };

interface Common {
  title: string;
  description?: string;
  datasource: DataSourceRef;
  targets: Target[];
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: Array<{ color: string; value: number | null }>;
  overrides?: Override[];
  transformations?: DataTransformerConfig[];
  links?: Array<{ title: string; url: string }>;
  /** Grafana's query interval, e.g. a live panel's poll rate */
  interval?: string;
  /** a panel-level relative time range, e.g. '24h', instead of the dashboard's */
  timeFrom?: string;
}

const GREEN_ONLY = [{ color: 'green', value: null }];

function base(type: string, c: Common, custom: Record<string, unknown>, options: Record<string, unknown>): PanelSpec {
  return {
    type,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    datasource: c.datasource,
    targets: c.targets as unknown as Panel['targets'],
    ...(c.interval ? { interval: c.interval } : {}),
    ...(c.timeFrom ? { timeFrom: c.timeFrom } : {}),
    fieldConfig: {
      defaults: {
        ...(c.unit ? { unit: c.unit } : {}),
        ...(c.min !== undefined ? { min: c.min } : {}),
        ...(c.max !== undefined ? { max: c.max } : {}),
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        color: { mode: type === 'timeseries' ? 'palette-classic' : 'thresholds' },
        thresholds: { mode: 'absolute', steps: c.thresholds ?? GREEN_ONLY },
        ...(c.links ? { links: c.links } : {}),
        custom,
      },
      overrides: c.overrides ?? [],
    },
    options,
    ...(c.transformations ? { transformations: c.transformations } : {}),
  } as PanelSpec;
}

const LEGEND = { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['lastNotNull', 'max'] };

export function timeseries(c: Common & { stack?: boolean; fill?: number; legend?: 'table' | 'list' }): PanelSpec {
  return base(
    'timeseries',
    c,
    {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: c.fill ?? (c.stack ? 60 : 10),
      showPoints: 'never',
      spanNulls: false,
      stacking: { mode: c.stack ? 'normal' : 'none', group: 'A' },
      axisPlacement: 'auto',
    },
    {
      legend: c.legend === 'list' ? { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] } : LEGEND,
      tooltip: { mode: 'multi', sort: 'desc' },
    }
  );
}

const REDUCE_LAST = { calcs: ['lastNotNull'], fields: '', values: false };

export function stat(c: Common & { perRow?: boolean; colorMode?: 'value' | 'background'; fields?: string }): PanelSpec {
  return base(
    'stat',
    c,
    {},
    {
      reduceOptions: c.perRow
        ? { calcs: [], fields: c.fields ?? '', values: true }
        : { ...REDUCE_LAST, fields: c.fields ?? '' },
      colorMode: c.colorMode ?? 'value',
      graphMode: 'none',
      justifyMode: 'auto',
      textMode: 'value_and_name',
      orientation: 'auto',
    }
  );
}

export function gauge(c: Common): PanelSpec {
  return base('gauge', c, {}, { reduceOptions: REDUCE_LAST, showThresholdMarkers: true, showThresholdLabels: false });
}

export function barGauge(c: Common & { perRow?: boolean }): PanelSpec {
  return base(
    'bargauge',
    c,
    {},
    {
      reduceOptions: c.perRow ? { calcs: [], fields: '', values: true } : REDUCE_LAST,
      displayMode: 'gradient',
      orientation: 'horizontal',
      showUnfilled: true,
      valueMode: 'color',
      namePlacement: 'auto',
      sizing: 'auto',
    }
  );
}

export function table(c: Common & { sortBy?: Array<{ displayName: string; desc: boolean }> }): PanelSpec {
  return base(
    'table',
    c,
    { align: 'auto', cellOptions: { type: 'auto' }, inspect: false, filterable: true },
    {
      showHeader: true,
      cellHeight: 'sm',
      footer: { show: false, reducer: ['sum'], fields: '' },
      sortBy: c.sortBy ?? [],
    }
  );
}

/** Our pod-logs reader; options are the panel's saved options (src/panel/options.ts). */
export function podLogs(c: Common & { options?: Partial<PodLogsOptions> }): PanelSpec {
  return { ...base(PODLOGS_PANEL, c, {}, { ...c.options }), fieldConfig: { defaults: {}, overrides: [] } };
}

/** Field overrides by field (display) name. */
export function overrideByName(name: string, properties: Record<string, unknown>): Override {
  return { matcher: { id: 'byName', options: name }, properties: props(properties) };
}

export function overrideByRegexp(pattern: string, properties: Record<string, unknown>): Override {
  return { matcher: { id: 'byRegexp', options: pattern }, properties: props(properties) };
}

function props(p: Record<string, unknown>) {
  return Object.entries(p).map(([id, value]) => ({ id, value }));
}

/** A table cell that links to another dashboard (a data link on the field). */
export function linkOverride(field: string, title: string, url: string): Override {
  return overrideByName(field, { links: [{ title, url }] });
}

/** A cell drawn as a gauge bar, for shares of a request or limit. */
export function gaugeCell(field: string): Override {
  return overrideByName(field, { 'custom.cellOptions': { type: 'gauge', mode: 'basic' }, max: 1, min: 0 });
}

/** Hide columns from a table. */
export function hideColumns(names: string[]): DataTransformerConfig {
  return { id: 'organize', options: { excludeByName: Object.fromEntries(names.map((n) => [n, true])) } };
}
