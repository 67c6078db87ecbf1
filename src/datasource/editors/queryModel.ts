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

/** A query saved without a type (or made before defaults were applied) is shown as the default type. */
export function queryTypeOf(query: Partial<KubeQuery>): QueryType {
  return query.queryType ?? DEFAULT_QUERY.queryType ?? QUERY_TYPES[0].value;
}

/**
 * Switch a query to another type. Only the fields every Grafana query has are kept: the old type's fields mean
 * nothing to the new one and would only linger in the saved dashboard.
 */
export function withQueryType(query: KubeQuery, queryType: QueryType): KubeQuery {
  const { refId, hide, key, datasource } = query;
  return { refId, hide, key, datasource, queryType };
}
