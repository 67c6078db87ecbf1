import { DataFrame, QueryResultMetaNotice } from '@grafana/data';

import { ObjectColumn } from './columns/columns';

/** A table frame from printer columns. */
export function objectsFrame(
  columns: readonly ObjectColumn[],
  refId: string,
  name: string,
  notices: QueryResultMetaNotice[]
): DataFrame {
  return {
    refId,
    name,
    length: columns[0]?.values.length ?? 0,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields: columns.map((c) => ({
      name: c.name,
      type: c.type,
      values: c.values,
      config: c.unit ? { displayName: c.displayName, unit: c.unit } : { displayName: c.displayName },
    })),
  };
}
