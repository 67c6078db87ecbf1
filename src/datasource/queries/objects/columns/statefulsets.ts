import { FieldType } from '@grafana/data';

import { ageSpec, buildColumns, ColumnSpec, count, nameSpec, namespaceSpec, ObjectColumn } from './columns';
import { StatefulSetObj } from './kubeObjects';

/** "ready/desired"; spec.replicas defaults to 1 on the server. */
export function statefulSetReady(s: StatefulSetObj): string {
  return `${count(s.status?.readyReplicas)}/${s.spec?.replicas ?? 1}`;
}

const SPECS: ReadonlyArray<ColumnSpec<StatefulSetObj>> = [
  namespaceSpec(),
  nameSpec(),
  { name: 'ready', displayName: 'Ready', type: FieldType.string, value: statefulSetReady },
  ageSpec(),
];

/** `kubectl get statefulsets`. */
export function statefulSetColumns(items: readonly StatefulSetObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items, nowMs);
}
