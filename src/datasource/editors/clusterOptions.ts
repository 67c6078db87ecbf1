import type { MetricFindValue } from '@grafana/data';
import { getTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import type { ComboboxOption } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';

import type { KubeDataSource } from '../datasource';
import { describeKubeError } from '../kube/errors';
import { asKubeError } from '../kube/queryError';
import type { KubeletEndpoint } from '../types';
import { listVariableValues } from '../variableQueries';
import type { KubeVariableQuery, VariableKind } from '../variableTypes';
import { variableFits, type VariableLike } from './variableFit';
import { variableResolver } from '../variables/resolver';

/** What a name picker lists: a variable query without its refId. */
export type NameLookup = Omit<KubeVariableQuery, 'refId'>;

/** Where the query editors get their choices; tests pass their own. */
export interface ClusterOptions {
  /** the names a variable query lists, as options (an error becomes one info row saying what is wrong) */
  names(lookup: NameLookup): Promise<Array<ComboboxOption<string>>>;
  /** metric names the kubelet endpoint exposes; undefined when the data source cannot tell */
  kubeletMetrics(
    node: string | undefined,
    endpoint: KubeletEndpoint
  ): Promise<Array<ComboboxOption<string>>> | undefined;
  /** the dashboard's template variables, as `$name`; with a kind, only those whose values fit it */
  variables(kind?: VariableKind): Array<ComboboxOption<string>>;
}

/**
 * The data-source method the kubelet editor offers metric names from. `node` is the query's node field as
 * typed (template variables not yet replaced; empty: any node the data source picks).
 */
export interface KubeletMetricNamesSource {
  getKubeletMetricNames(node: string | undefined, endpoint: KubeletEndpoint): Promise<string[]>;
}

/** Options loaded this recently are reused: a combobox asks again on every key press. */
const CACHE_MS = 30_000;

export function infoOption(message: string): ComboboxOption<string> {
  return { value: '', label: message, infoOption: true };
}

export function errorOption(err: unknown): ComboboxOption<string> {
  return infoOption(describeKubeError(asKubeError(err)));
}

function toOption(v: MetricFindValue): ComboboxOption<string> {
  const value = String(v.value ?? v.text);
  return v.text === value ? { value, label: value } : { value, label: v.text, description: value };
}

/** The dashboard's variables as `$name` options; none outside a dashboard (and in unit tests). */
export function templateVariableOptions(
  templateSrv?: Pick<TemplateSrv, 'getVariables'>,
  kind?: VariableKind
): Array<ComboboxOption<string>> {
  try {
    const srv = templateSrv ?? getTemplateSrv();
    return (srv?.getVariables() ?? [])
      .filter((v) => !kind || variableFits(v as VariableLike, kind))
      .map((v) => ({ value: `$${v.name}`, label: `$${v.name}`, group: 'Variables' }));
  } catch {
    return [];
  }
}

function hasKubeletMetricNames(ds: object): ds is KubeletMetricNamesSource {
  return typeof (ds as Partial<KubeletMetricNamesSource>).getKubeletMetricNames === 'function';
}

/** Choices from the cluster behind `datasource`, through the same code as its template variables. */
export function clusterOptionsFor(
  datasource: Pick<KubeDataSource, 'client'>,
  templateSrv?: Pick<TemplateSrv, 'replace' | 'getVariables'>,
  now: () => number = Date.now
): ClusterOptions {
  const cache = new Map<string, { at: number; options: Promise<Array<ComboboxOption<string>>> }>();
  const cached = (key: string, load: () => Promise<Array<ComboboxOption<string>>>) => {
    const hit = cache.get(key);
    if (hit && now() - hit.at < CACHE_MS) {
      return hit.options;
    }
    const options = load().catch((err: unknown) => [errorOption(err)]);
    cache.set(key, { at: now(), options });
    return options;
  };

  return {
    names: (lookup) =>
      cached(JSON.stringify(lookup), async () => {
        const vars = variableResolver(templateSrv ?? getTemplateSrv());
        const values = await lastValueFrom(listVariableValues(datasource.client, { refId: 'editor', ...lookup }, vars));
        return values.map(toOption);
      }),
    kubeletMetrics: (node, endpoint) => {
      if (!hasKubeletMetricNames(datasource)) {
        return undefined;
      }
      return cached(`kubelet:${node ?? ''}:${endpoint}`, async () =>
        (await datasource.getKubeletMetricNames(node, endpoint)).map((name) => ({ value: name, label: name }))
      );
    },
    variables: (kind) => templateVariableOptions(templateSrv, kind),
  };
}

/** Keeps the options whose label or value contains what was typed (case-insensitive). */
export function filterOptions(options: Array<ComboboxOption<string>>, typed: string): Array<ComboboxOption<string>> {
  const needle = typed.trim().toLowerCase();
  if (!needle) {
    return options;
  }
  return options.filter(
    (o) => o.infoOption || o.value.toLowerCase().includes(needle) || (o.label ?? '').toLowerCase().includes(needle)
  );
}
