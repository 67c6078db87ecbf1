import { readdirSync } from 'fs';
import { join, resolve } from 'path';

import { PODLOGS_PANEL } from '../lib/refs';

/**
 * Panel plugins built into both Grafana 12.4 and Grafana 13 (public/app/plugins/panel), plus rows. datagrid,
 * deprecated in 12.4, is gone from 13.0 and so is not here.
 */
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
  'welcome',
];

export const KNOWN_PANEL_TYPES = new Set([...BUILTIN_PANEL_TYPES, PODLOGS_PANEL]);

/**
 * Panel types Grafana no longer ships: the AngularJS panels (Angular support was removed in Grafana 12; a
 * dashboard that still names one shows an error where the panel was, unless Grafana's automatic migration to
 * the React panel applies) and datagrid (deprecated in 12.4, removed in 13.0). See docs/compatibility.md.
 */
export const REMOVED_PANEL_TYPES = [
  'graph',
  'singlestat',
  'table-old',
  'grafana-singlestat-panel',
  'grafana-piechart-panel',
  'grafana-worldmap-panel',
  'datagrid',
];

const ROOT = resolve(__dirname, '..', '..');

/** The core panels a @grafana/schema install describes (its raw/composable folder), as panel type ids. */
export function schemaPanelTypes(schemaPackage: string): Set<string> {
  const dir = join(ROOT, 'node_modules', schemaPackage, 'dist', 'types', 'raw', 'composable');
  return new Set(readdirSync(dir));
}

/** A panel type as @grafana/schema names its folder: state-timeline -> statetimeline, dashlist -> dashboardlist. */
export function schemaFolderOf(panelType: string): string {
  const aliases: Record<string, string> = { dashlist: 'dashboardlist', annolist: 'annotationslist' };
  return aliases[panelType] ?? panelType.replace(/-/g, '').toLowerCase();
}
