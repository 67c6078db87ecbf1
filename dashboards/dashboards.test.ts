/** @jest-environment node */
import { defaultDashboard } from '@grafana/schema';
// the schema of the oldest Grafana the plugins support, installed beside the current one (package.json)
import { defaultDashboard as defaultDashboard12 } from 'grafana-schema-12';

import { allPanels, allTargets, type JsonDashboard, loadDashboards, targetsOfType } from './checks/model';
import { kubeQueryErrors, kubeVariableQueryErrors } from './checks/kubeQuery';
import { KNOWN_PANEL_TYPES, REMOVED_PANEL_TYPES, schemaFolderOf, schemaPanelTypes } from './checks/panelTypes';
import { logqlErrors, promqlErrors } from './checks/parseErrors';
import { withPlaceholders } from './checks/placeholders';
import { dashboardUrls, provisionedDataSources, undefinedVariables } from './checks/references';
import { DS_VAR, KUBE_DS_TYPE, PODLOGS_PANEL as KUBE_PANEL_TYPE, UIDS } from './lib/refs';

const dashboards = loadDashboards();
const byFile = dashboards.map((d) => [d.entry.file, d.json] as const);
const provisioned = provisionedDataSources();

// Grafana's own annotation source
const GRAFANA_DS = { type: 'grafana', uid: '-- Grafana --' };
// what the parsers see instead of variables: any label value, and a duration for the interval macros
const PARSE_PLACEHOLDERS = { interval: '1m', fallback: 'x' };

function dsVariableType(d: JsonDashboard): string | undefined {
  const v = d.templating.list.find((x) => x.type === 'datasource' && x.name === DS_VAR);
  return typeof v?.query === 'string' ? v.query : undefined;
}

/** Every data-source reference of a dashboard: panels, targets, variables, annotations. */
function dataSourceRefs(d: JsonDashboard): Array<{ where: string; ref: { type?: string; uid?: string } }> {
  const refs: Array<{ where: string; ref: { type?: string; uid?: string } }> = [];
  for (const p of allPanels(d)) {
    if (p.datasource) {
      refs.push({ where: `panel "${p.title}"`, ref: p.datasource });
    }
  }
  for (const t of allTargets(d)) {
    if (t.target.datasource) {
      refs.push({
        where: `a target of "${t.panel.title}"`,
        ref: t.target.datasource as { type?: string; uid?: string },
      });
    }
  }
  for (const v of d.templating.list) {
    if (v.datasource) {
      refs.push({ where: `variable ${v.name}`, ref: v.datasource });
    }
  }
  const annotations = (
    d as unknown as { annotations?: { list?: Array<{ datasource?: { type?: string; uid?: string } }> } }
  ).annotations?.list;
  for (const a of annotations ?? []) {
    if (a.datasource) {
      refs.push({ where: 'an annotation', ref: a.datasource });
    }
  }
  return refs;
}

describe('the dashboards', () => {
  it('are all there, with the stable uids the links use, and unique titles', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual(Object.values(UIDS).sort());
    const titles = dashboards.map((d) => d.json.title);
    expect(titles.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each(dashboards.map((d) => [d.entry.file, d.text]))('%s is valid JSON', (_file, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each(byFile)("%s uses the schema version of Grafana 13's dashboard model, which 12.4 knows too", (_file, d) => {
    expect(d.schemaVersion).toBe(defaultDashboard.schemaVersion);
    // Grafana migrates a dashboard up from its schemaVersion; 12.4 must not meet one newer than its own
    expect(d.schemaVersion).toBeLessThanOrEqual(defaultDashboard12.schemaVersion!);
  });

  it.each(byFile)('%s uses only panel types that exist', (_file, d) => {
    const unknown = allPanels(d).filter((p) => !KNOWN_PANEL_TYPES.has(p.type));
    expect(unknown.map((p) => `${p.title}: ${p.type}`)).toEqual([]);
  });

  it.each(byFile)('%s uses no panel type that Grafana 12 or 13 removed', (_file, d) => {
    const removed = allPanels(d).filter((p) => REMOVED_PANEL_TYPES.includes(p.type));
    expect(removed.map((p) => `${p.title}: ${p.type}`)).toEqual([]);
  });

  it.each(byFile)("%s uses only core panels with a schema in both Grafana 12.4's and 13's packages", (_file, d) => {
    const in13 = schemaPanelTypes('@grafana/schema');
    const in12 = schemaPanelTypes('grafana-schema-12');
    // read from the installed packages; the folder names are checked on panels every version has
    expect([...['timeseries', 'stat', 'table'].map(schemaFolderOf)].every((t) => in13.has(t) && in12.has(t))).toBe(
      true
    );
    const core = allPanels(d).filter((p) => p.type !== 'row' && p.type !== KUBE_PANEL_TYPE);
    const missing = core.filter((p) => !in13.has(schemaFolderOf(p.type)) || !in12.has(schemaFolderOf(p.type)));
    expect(missing.map((p) => `${p.title}: ${p.type}`)).toEqual([]);
  });

  it.each(byFile)('%s lays panels out on the 24-column grid without overlaps', (_file, d) => {
    const cells = new Set<string>();
    const problems: string[] = [];
    for (const p of d.panels) {
      const g = p.gridPos;
      if (!g) {
        problems.push(`${p.title} has no gridPos`);
        continue;
      }
      if (g.x < 0 || g.w < 1 || g.h < 1 || g.x + g.w > 24) {
        problems.push(`${p.title} is outside the grid`);
      }
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          if (cells.has(`${x},${y}`)) {
            problems.push(`${p.title} overlaps another panel at ${x},${y}`);
          }
          cells.add(`${x},${y}`);
        }
      }
    }
    expect(problems).toEqual([]);
    const ids = allPanels(d).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(byFile)('%s picks its data source through a variable, so it serves any cluster', (_file, d) => {
    expect(dsVariableType(d)).toBeDefined();
    const panelsWithQueries = allPanels(d).filter((p) => p.type !== 'row');
    for (const p of panelsWithQueries) {
      expect(p.datasource?.uid).toMatch(/^\$\{?ds\}?$/);
    }
  });

  it.each(byFile)('%s refers only to provisioned data sources or its data-source variable', (_file, d) => {
    const dsType = dsVariableType(d);
    const bad = dataSourceRefs(d).filter(({ ref }) => {
      if (ref.uid === GRAFANA_DS.uid) {
        return ref.type !== GRAFANA_DS.type;
      }
      if (ref.uid === '${ds}' || ref.uid === '$ds') {
        return ref.type !== dsType;
      }
      return provisioned.get(ref.uid ?? '') !== ref.type;
    });
    expect(bad.map((b) => `${b.where}: ${JSON.stringify(b.ref)}`)).toEqual([]);
  });

  it.each(byFile)('%s starts its data-source variable on a provisioned data source of its type', (_file, d) => {
    const v = d.templating.list.find((x) => x.name === DS_VAR) as { current?: { value?: string }; query?: string };
    expect(provisioned.get(v.current?.value ?? '')).toBe(v.query);
  });

  it.each(byFile)('%s uses only variables it defines', (_file, d) => {
    const texts = [
      JSON.stringify(allTargets(d).map((t) => t.target)),
      JSON.stringify(d.templating.list.map((v) => v.query)),
      // dashboard links and data links
      JSON.stringify([d.links, allPanels(d).map((p) => [p.fieldConfig, p.options])]),
    ];
    expect(texts.flatMap((t) => undefinedVariables(d, t))).toEqual([]);
  });

  it.each(byFile)('%s links only to dashboards that exist, with variables they define', (_file, d) => {
    const targets = new Map(dashboards.map((x) => [x.json.uid, x.json]));
    const problems: string[] = [];
    for (const url of dashboardUrls(d)) {
      const target = targets.get(url.uid);
      if (!target) {
        problems.push(`no dashboard ${url.uid}`);
        continue;
      }
      const names = new Set(target.templating.list.map((v) => v.name));
      problems.push(...url.vars.filter((v) => !names.has(v)).map((v) => `${url.uid} has no variable ${v}`));
    }
    expect(problems).toEqual([]);
  });

  it('link cluster -> node -> pod -> logs', () => {
    const linked = (uid: string) =>
      new Set(dashboardUrls(dashboards.find((d) => d.json.uid === uid)!.json).map((u) => u.uid));
    expect([...linked(UIDS.cluster)]).toEqual(expect.arrayContaining([UIDS.node, UIDS.pod, UIDS.logs]));
    expect([...linked(UIDS.node)]).toEqual(expect.arrayContaining([UIDS.pod, UIDS.cluster]));
    expect([...linked(UIDS.pod)]).toEqual(expect.arrayContaining([UIDS.logs, UIDS.node]));
    expect([...linked(UIDS.prometheusCluster)]).toEqual(expect.arrayContaining([UIDS.pod, UIDS.lokiLogs]));
    expect([...linked(UIDS.triage)]).toEqual(expect.arrayContaining([UIDS.pod, UIDS.node, UIDS.logs]));
  });
});

describe('Kubeglance queries', () => {
  const targets = dashboards.flatMap((d) =>
    targetsOfType(d.json, KUBE_DS_TYPE).map((t) => [`${d.entry.file} / ${t.panel.title}`, t.target] as const)
  );
  const variables = dashboards.flatMap((d) =>
    d.json.templating.list
      .filter((v) => v.type === 'query' && v.datasource?.type === KUBE_DS_TYPE)
      .map((v) => [`${d.entry.file} / $${v.name}`, v.query] as const)
  );

  it('exist', () => {
    expect(targets.length).toBeGreaterThan(20);
    expect(variables.length).toBeGreaterThan(4);
  });

  it.each(targets)('%s is a valid query model', (_where, target) => {
    expect(kubeQueryErrors(target)).toEqual([]);
  });

  it.each(variables)('%s is a valid variable query', (_where, query) => {
    expect(kubeVariableQueryErrors(query)).toEqual([]);
  });
});

describe('PromQL', () => {
  const exprs = dashboards.flatMap((d) => [
    ...targetsOfType(d.json, 'prometheus').map(
      (t) => [`${d.entry.file} / ${t.panel.title} ${t.target.refId}`, String(t.target.expr)] as const
    ),
    ...d.json.templating.list
      .filter((v) => v.datasource?.type === 'prometheus')
      .map((v) => {
        // label_values(<series selector>, <label>): the selector must be valid PromQL
        const m = /^label_values\((.+),\s*(\w+)\)$/.exec(String((v.query as { query?: string }).query));
        return [`${d.entry.file} / $${v.name}`, m ? m[1] : '(not a label_values query)'] as const;
      }),
  ]);

  it('exist', () => {
    expect(exprs.length).toBeGreaterThan(15);
  });

  it.each(exprs)('%s parses', (_where, expr) => {
    expect(promqlErrors(withPlaceholders(expr, PARSE_PLACEHOLDERS))).toEqual([]);
  });
});

describe('LogQL', () => {
  const exprs = dashboards.flatMap((d) => [
    ...targetsOfType(d.json, 'loki').map((t) => [`${d.entry.file} / ${t.panel.title}`, String(t.target.expr)] as const),
    ...d.json.templating.list
      .filter((v) => v.datasource?.type === 'loki')
      .map((v) => [`${d.entry.file} / $${v.name}`, String((v.query as { stream?: string }).stream)] as const),
  ]);

  it('exist', () => {
    expect(exprs.length).toBeGreaterThan(3);
  });

  it.each(exprs)('%s parses', (_where, expr) => {
    expect(logqlErrors(withPlaceholders(expr, PARSE_PLACEHOLDERS))).toEqual([]);
  });

  it.each(dashboards.filter((d) => targetsOfType(d.json, 'loki').length).map((d) => [d.entry.file, d.json] as const))(
    '%s never sends Loki a selector that matches an empty label (All is .+)',
    (_file, d) => {
      for (const v of d.templating.list.filter((x) => x.datasource?.type === 'loki' && x.includeAll)) {
        expect(v.allValue).toBe('.+');
      }
    }
  );
});
