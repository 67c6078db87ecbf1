import { type Dashboard, type DashboardLink, defaultDashboard, type Panel, type VariableModel } from '@grafana/schema';

import type { PanelSpec } from './panels';
import { TAG } from './refs';

/** One band of panels side by side: their widths add up to at most 24 columns. */
export interface Band {
  h: number;
  panels: Array<[w: number, panel: PanelSpec]>;
}

/** A collapsible-free row header, then the bands below it. */
export interface Section {
  title?: string;
  bands: Band[];
}

/** Place sections top to bottom, left to right, and number the panels. */
export function layout(sections: Section[]): Panel[] {
  const panels: Panel[] = [];
  let y = 0;
  let id = 1;
  for (const section of sections) {
    if (section.title) {
      panels.push({
        type: 'row',
        title: section.title,
        collapsed: false,
        id: id++,
        gridPos: { h: 1, w: 24, x: 0, y },
      } as Panel);
      y += 1;
    }
    for (const band of section.bands) {
      let x = 0;
      for (const [w, spec] of band.panels) {
        if (x + w > 24) {
          throw new Error(`"${spec.title}" does not fit: the band is wider than 24 columns`);
        }
        panels.push({ ...spec, id: id++, gridPos: { h: band.h, w, x, y } });
        x += w;
      }
      y += band.h;
    }
  }
  return panels;
}

/** The dashboards' own links: every Kubeglance dashboard, as a menu, keeping time and variables. */
export const KUBEGLANCE_LINKS: DashboardLink[] = [
  {
    title: 'Kubeglance',
    type: 'dashboards',
    tags: [TAG],
    asDropdown: true,
    includeVars: true,
    keepTime: true,
    targetBlank: false,
    icon: 'external link',
    tooltip: '',
    url: '',
  },
];

/** A link to one dashboard by uid, carrying the named variables and the time range. */
export function dashboardLink(title: string, uid: string, vars: string[], tooltip: string): DashboardLink {
  const query = vars.map((v) => `var-${v}=\${${v}}`).join('&');
  return {
    title,
    type: 'link',
    url: `/d/${uid}${query ? `?${query}` : ''}`,
    tooltip,
    icon: 'dashboard',
    tags: [],
    asDropdown: false,
    includeVars: false,
    keepTime: true,
    targetBlank: false,
  };
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  variables: VariableModel[];
  sections: Section[];
  links?: DashboardLink[];
  /** live dashboards refresh from the data source's stream; others poll */
  refresh?: string;
  time?: { from: string; to: string };
}

/**
 * The classic dashboard model (what file provisioning and plugin `includes` read). `revision` tells
 * Grafana that a plugin dashboard changed: bump it when a shipped dashboard changes.
 */
export const REVISION = 1;

export function dashboard(spec: DashboardSpec): Dashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [TAG, ...spec.tags],
    editable: true,
    graphTooltip: 1,
    timezone: 'browser',
    time: spec.time ?? { from: 'now-15m', to: 'now' },
    refresh: spec.refresh ?? '',
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    schemaVersion: defaultDashboard.schemaVersion,
    revision: REVISION,
    version: 1,
    links: [...(spec.links ?? []), ...KUBEGLANCE_LINKS],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: { list: spec.variables },
    panels: layout(spec.sections),
  };
}
