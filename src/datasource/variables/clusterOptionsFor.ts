import type { MetricFindValue } from '@grafana/data';
import { getTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import type { ComboboxOption } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';

import { type ClusterOptions, errorOption } from '../editors/clusterOptions';
import type { KubeClient } from '../kube/client';
import type { KubeletEndpoint } from '../types';
import type { VariableKind } from '../variableTypes';
import { variableResolver } from './resolver';
import { listVariableValues } from './variableQueries';
import { variableFits, type VariableLike } from './variableFit';

/**
 * The data-source method the kubelet editor offers metric names from. `node` is the query's node field as
 * typed (template variables not yet replaced; empty: any node the data source picks).
 */
export interface KubeletMetricNamesSource {
  getKubeletMetricNames(node: string | undefined, endpoint: KubeletEndpoint): Promise<string[]>;
}

/**
 * What the editors need of the data source: its client, and the kubelet's metric names when it can tell them.
 * A small interface rather than the data-source class, so that editors and variables never import upward.
 */
export type ClusterSource = { readonly client: KubeClient } & Partial<KubeletMetricNamesSource>;

/** Options loaded this recently are reused: a combobox asks again on every key press. */
const CACHE_MS = 30_000;

/** A listed value as a picker option; exported for its test. */
export function toOption(v: MetricFindValue): ComboboxOption<string> {
  const value = String(v.value ?? v.text);
  // a value that says what it is (a sidecar, an init container) shows its name and that as the description
  const description = v.properties?.description;
  if (description) {
    return { value, label: value, description };
  }
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
  datasource: ClusterSource,
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
