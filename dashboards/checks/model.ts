/** Reading dashboards as Grafana stores them: every JSON file, its panels (rows included), targets and variables. */
import fs from 'fs';

import { CATALOG, type CatalogEntry, jsonPath } from '../catalog';

export interface JsonPanel {
  id?: number;
  type: string;
  title?: string;
  datasource?: { type?: string; uid?: string } | null;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: Array<Record<string, unknown>>;
  panels?: JsonPanel[];
  transformations?: Array<{ id: string; options: unknown }>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  options?: Record<string, unknown>;
  timeFrom?: string;
}

export interface JsonVariable {
  type: string;
  name: string;
  query?: unknown;
  datasource?: { type?: string; uid?: string } | null;
  allValue?: string;
  includeAll?: boolean;
}

export interface JsonDashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: JsonPanel[];
  templating: { list: JsonVariable[] };
  links?: Array<{ type: string; url?: string; tags?: string[] }>;
}

export interface LoadedDashboard {
  entry: CatalogEntry;
  text: string;
  json: JsonDashboard;
}

/** The committed files (what Grafana loads), not the generator's output. */
export function loadDashboards(): LoadedDashboard[] {
  return CATALOG.map((entry) => {
    const text = fs.readFileSync(jsonPath(entry), 'utf8');
    return { entry, text, json: JSON.parse(text) as JsonDashboard };
  });
}

/** Panels in layout order, the panels of collapsed rows included. */
export function allPanels(d: JsonDashboard): JsonPanel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

export interface PanelTarget {
  panel: JsonPanel;
  target: Record<string, unknown>;
  /** the target's own data source, else the panel's */
  datasource: { type?: string; uid?: string } | null | undefined;
}

export function allTargets(d: JsonDashboard): PanelTarget[] {
  return allPanels(d).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel,
      target,
      datasource: (target.datasource as PanelTarget['datasource']) ?? panel.datasource,
    }))
  );
}

export const targetsOfType = (d: JsonDashboard, type: string) =>
  allTargets(d).filter((t) => t.datasource?.type === type);
