/** What a dashboard refers to: data sources, variables and other dashboards. */
import fs from 'fs';
import { globSync } from 'glob';
import path from 'path';
import { parse } from 'yaml';

import { REPO_ROOT } from '../catalog';
import type { JsonDashboard } from './model';

/** uid -> type of every provisioned data source (provisioning/datasources/*.yaml). */
export function provisionedDataSources(): Map<string, string> {
  const dir = path.join(REPO_ROOT, 'provisioning', 'datasources');
  const out = new Map<string, string>();
  for (const file of globSync('*.{yaml,yml}', { cwd: dir })) {
    const doc = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      datasources?: Array<{ uid: string; type: string }>;
    };
    for (const ds of doc.datasources ?? []) {
      out.set(ds.uid, ds.type);
    }
  }
  return out;
}

/** Variables Grafana defines itself, usable without a templating entry. */
const BUILTIN_VARIABLES = new Set([
  '__rate_interval',
  '__interval',
  '__interval_ms',
  '__auto',
  '__range',
  '__range_s',
  '__range_ms',
  '__data',
  '__field',
  '__series',
  '__value',
  '__url_time_range',
  '__all',
  '__from',
  '__to',
  '__dashboard',
  '__org',
  '__user',
  'timeFilter',
]);

/** Names of the variables a text uses: `$name`, `${name}`, `${name:format}`, `[[name]]`. */
export function variablesUsed(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{(\w+)(?:[:.][^}]*)?\}|\$(\w+)|\[\[(\w+)\]\]/g)) {
    names.add(m[1] ?? m[2] ?? m[3]);
  }
  return [...names];
}

/** Used variables that neither the dashboard nor Grafana define. */
export function undefinedVariables(d: JsonDashboard, text: string): string[] {
  const defined = new Set(d.templating.list.map((v) => v.name));
  return variablesUsed(text).filter((n) => !defined.has(n) && !BUILTIN_VARIABLES.has(n));
}

export interface DashboardUrl {
  uid: string;
  vars: string[];
}

/** `/d/<uid>?var-a=..&var-b=..` links, as found anywhere in a dashboard (dashboard links and data links). */
export function dashboardUrls(d: JsonDashboard): DashboardUrl[] {
  const urls: DashboardUrl[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'url' && typeof v === 'string' && v.startsWith('/d/')) {
          const [pathPart, query = ''] = v.split('?');
          const vars = [...query.matchAll(/(?:^|&)var-(\w+)=/g)].map((m) => m[1]);
          urls.push({ uid: pathPart.slice(3), vars });
        } else {
          visit(v);
        }
      }
    }
  };
  visit(d.panels);
  visit(d.links);
  return urls;
}
