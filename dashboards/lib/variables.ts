import type { DataSourceRef, VariableModel } from '@grafana/schema';

import type { KubeVariableQuery } from '../../src/datasource/variableTypes';
import { DS_VAR } from './refs';

/** The data-source picker every dashboard starts with. */
export function dataSourceVariable(pluginType: string, label: string, defaultUid: string): VariableModel {
  return {
    type: 'datasource',
    name: DS_VAR,
    label,
    query: pluginType,
    current: { text: defaultUid, value: defaultUid },
    refresh: 1,
    regex: '',
    hide: 0,
  };
}

interface ChoiceOptions {
  label: string;
  multi?: boolean;
  includeAll?: boolean;
  /** sent for "All" instead of every value; Prometheus and Loki variables use `.*` */
  allValue?: string;
  description?: string;
}

function choices(o: ChoiceOptions): Partial<VariableModel> {
  const all = o.includeAll ?? false;
  return {
    label: o.label,
    description: o.description,
    multi: o.multi ?? false,
    includeAll: all,
    ...(o.allValue !== undefined ? { allValue: o.allValue } : {}),
    // single choices start on the first value Grafana lists
    ...(all ? { current: { text: 'All', value: '$__all' } } : {}),
    options: [],
    hide: 0,
    // on time range change: pods come and go
    refresh: 2,
    sort: 1,
    skipUrlSync: false,
  };
}

/** A variable answered by the Kubeglance data source (src/datasource/variableSupport.ts). */
export function kubeVariable(
  name: string,
  ds: DataSourceRef,
  query: Omit<KubeVariableQuery, 'refId'>,
  o: ChoiceOptions
): VariableModel {
  return {
    type: 'query',
    name,
    datasource: ds,
    query: { refId: `${name}-variable`, ...query },
    definition: describeKubeVariable(query),
    ...choices(o),
  } as VariableModel;
}

function describeKubeVariable(q: Omit<KubeVariableQuery, 'refId'>): string {
  const scope = [q.namespace && `namespace ${q.namespace}`, q.node && `node ${q.node}`, q.pod && `pod ${q.pod}`]
    .filter(Boolean)
    .join(', ');
  return scope ? `${q.kind} (${scope})` : q.kind;
}

/** A Prometheus `label_values(...)` variable. */
export function promLabelVariable(name: string, ds: DataSourceRef, metric: string, label: string, o: ChoiceOptions) {
  const query = `label_values(${metric}, ${label})`;
  return {
    type: 'query',
    name,
    datasource: ds,
    query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    definition: query,
    regex: '',
    ...choices(o),
  } as VariableModel;
}

/** A Loki label-values variable, narrowed by a stream selector. */
export function lokiLabelVariable(name: string, ds: DataSourceRef, label: string, stream: string, o: ChoiceOptions) {
  return {
    type: 'query',
    name,
    datasource: ds,
    query: { type: 1, label, stream, refId: 'LokiVariableQueryEditor-VariableQuery' },
    definition: `label_values(${stream}, ${label})`,
    regex: '',
    ...choices(o),
  } as VariableModel;
}

/** Free text, e.g. a label selector or a line filter. */
export function textVariable(name: string, label: string, description: string, value = ''): VariableModel {
  return {
    type: 'textbox',
    name,
    label,
    description,
    query: value,
    current: { text: value, value },
    options: [{ selected: true, text: value, value }],
    hide: 0,
  };
}
