import { CoreApp } from '@grafana/data';
import type { ComboboxOption } from '@grafana/ui';

import { DEFAULT_QUERY, type KubeQuery, QUERY_TYPES, type QueryType } from '../types';

/** The query-type picker is built from QUERY_TYPES, so a new type appears once it is listed there. */
export const QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = QUERY_TYPES.map(
  ({ value, label, description }) => ({
    value,
    label,
    description,
  })
);

/** Explore is where people read logs: there the logs type leads the list and is what a new query shows. */
export function queryTypeOptions(app?: CoreApp): Array<ComboboxOption<QueryType>> {
  if (app !== CoreApp.Explore) {
    return QUERY_TYPE_OPTIONS;
  }
  return [
    ...QUERY_TYPE_OPTIONS.filter((o) => o.value === 'logs'),
    ...QUERY_TYPE_OPTIONS.filter((o) => o.value !== 'logs'),
  ];
}

/** A query saved without a type (or made before defaults were applied) is shown as the default type. */
export function queryTypeOf(query: Partial<KubeQuery>, app?: CoreApp): QueryType {
  if (query.queryType) {
    return query.queryType;
  }
  if (app === CoreApp.Explore) {
    return 'logs';
  }
  return DEFAULT_QUERY.queryType ?? QUERY_TYPES[0].value;
}

/**
 * Switch a query to another type. Only the fields every Grafana query has are kept: the old type's fields mean
 * nothing to the new one and would only linger in the saved dashboard.
 */
export function withQueryType(query: KubeQuery, queryType: QueryType): KubeQuery {
  const { refId, hide, key, datasource } = query;
  return { refId, hide, key, datasource, queryType };
}

/** Sets one field; an empty string, false or undefined removes it, so saved queries hold only what was chosen. */
export function withField<Q extends object, K extends keyof Q>(query: Q, key: K, value: Q[K] | '' | false): Q {
  const next = { ...query };
  if (value === '' || value === false || value === undefined) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

/** A count typed in a box: undefined when empty, null when it is not a whole number of at least 1. */
export function parsePositiveInt(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const n = Number(trimmed);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}
