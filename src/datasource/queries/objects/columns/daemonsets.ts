import { FieldType } from '@grafana/data';

import { ageSpec, buildColumns, ColumnSpec, count, nameSpec, namespaceSpec, ObjectColumn } from './columns';
import { DaemonSetObj } from './kubeObjects';

type Counter = keyof NonNullable<DaemonSetObj['status']>;

function counter(name: string, displayName: string, key: Counter): ColumnSpec<DaemonSetObj> {
  return { name, displayName, type: FieldType.number, value: (d) => count(d.status?.[key]) };
}

const SPECS: ReadonlyArray<ColumnSpec<DaemonSetObj>> = [
  namespaceSpec(),
  nameSpec(),
  counter('desired', 'Desired', 'desiredNumberScheduled'),
  counter('current', 'Current', 'currentNumberScheduled'),
  counter('ready', 'Ready', 'numberReady'),
  counter('upToDate', 'Up-to-date', 'updatedNumberScheduled'),
  counter('available', 'Available', 'numberAvailable'),
  ageSpec(),
];

/** `kubectl get daemonsets` (without the node selector column). */
export function daemonSetColumns(items: readonly DaemonSetObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items, nowMs);
}
