import { PODLOGS_PANEL } from '../lib/refs';

/** Panel plugins built into Grafana 12 (public/app/plugins/panel), plus rows. */
export const BUILTIN_PANEL_TYPES = [
  'row',
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'table',
  'text',
  'logs',
  'piechart',
  'barchart',
  'heatmap',
  'state-timeline',
  'status-history',
  'news',
  'dashlist',
  'nodeGraph',
  'histogram',
  'xychart',
  'trend',
  'candlestick',
  'canvas',
  'flamegraph',
  'traces',
  'geomap',
  'annolist',
  'alertlist',
  'datagrid',
  'welcome',
];

export const KNOWN_PANEL_TYPES = new Set([...BUILTIN_PANEL_TYPES, PODLOGS_PANEL]);
