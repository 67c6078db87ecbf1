import { FieldType } from '@grafana/data';

import { EventObject } from '../../../decode/apiTypes';
import { EventInfo, eventObjectText, newestFirst, readEvent } from '../../../decode/eventObjects';
import { secondsBetween } from '../../../decode/k8sAge';
import { buildColumns, ColumnSpec, ObjectColumn } from './columns';

const SPECS: ReadonlyArray<ColumnSpec<EventInfo>> = [
  { name: 'namespace', displayName: 'Namespace', type: FieldType.string, value: (e) => e.namespace },
  {
    name: 'lastSeen',
    displayName: 'Last seen',
    type: FieldType.number,
    unit: 'dtdurations',
    value: (e, nowMs) => secondsBetween(e.lastMs, nowMs),
  },
  { name: 'type', displayName: 'Type', type: FieldType.string, value: (e) => e.type },
  { name: 'reason', displayName: 'Reason', type: FieldType.string, value: (e) => e.reason },
  { name: 'object', displayName: 'Object', type: FieldType.string, value: eventObjectText },
  { name: 'message', displayName: 'Message', type: FieldType.string, value: (e) => e.message },
  { name: 'count', displayName: 'Count', type: FieldType.number, value: (e) => e.count },
  {
    name: 'firstSeen',
    displayName: 'First seen',
    type: FieldType.number,
    unit: 'dtdurations',
    value: (e, nowMs) => secondsBetween(e.firstMs, nowMs),
  },
  { name: 'source', displayName: 'Source', type: FieldType.string, value: (e) => e.source },
];

/** `kubectl get events -o wide`, newest first; ages in seconds. */
export function eventColumns(items: readonly EventObject[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items.map(readEvent).sort(newestFirst), nowMs);
}
