import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { EventInfo, eventObjectText, newestFirst } from '../../decode/eventObjects';

/** Field names the annotation support reads back; keep them in step with annotations.ts. */
export const EVENT_FIELDS = {
  time: 'time',
  firstSeen: 'firstSeen',
  namespace: 'namespace',
  type: 'type',
  reason: 'reason',
  kind: 'kind',
  name: 'name',
  object: 'object',
  message: 'message',
  count: 'count',
  source: 'source',
} as const;

/**
 * Events as a table with a time field (the last occurrence), newest first, so the same frame serves a
 * table panel and the annotation query.
 */
export function eventsFrame(
  events: readonly EventInfo[],
  refId: string,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const rows = [...events].sort(newestFirst);
  const str = (name: string, displayName: string, get: (e: EventInfo) => string | null) => ({
    name,
    type: FieldType.string,
    values: rows.map(get),
    config: { displayName },
  });
  return {
    refId,
    name: 'events',
    length: rows.length,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
    fields: [
      {
        name: EVENT_FIELDS.time,
        type: FieldType.time,
        values: rows.map((e) => e.lastMs ?? null),
        config: { displayName: 'Last seen' },
      },
      str(EVENT_FIELDS.namespace, 'Namespace', (e) => e.namespace),
      str(EVENT_FIELDS.type, 'Type', (e) => e.type),
      str(EVENT_FIELDS.reason, 'Reason', (e) => e.reason),
      str(EVENT_FIELDS.object, 'Object', eventObjectText),
      str(EVENT_FIELDS.message, 'Message', (e) => e.message),
      {
        name: EVENT_FIELDS.count,
        type: FieldType.number,
        values: rows.map((e) => e.count),
        config: { displayName: 'Count' },
      },
      {
        name: EVENT_FIELDS.firstSeen,
        type: FieldType.time,
        values: rows.map((e) => e.firstMs ?? null),
        config: { displayName: 'First seen' },
      },
      str(EVENT_FIELDS.kind, 'Kind', (e) => e.kind),
      str(EVENT_FIELDS.name, 'Object name', (e) => e.objectName),
      str(EVENT_FIELDS.source, 'Source', (e) => e.source),
    ],
  };
}
