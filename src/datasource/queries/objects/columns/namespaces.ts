import { FieldType } from '@grafana/data';

import { ageSpec, buildColumns, ColumnSpec, nameSpec, ObjectColumn, text } from './columns';
import { NamespaceObj } from './kubeObjects';

const SPECS: ReadonlyArray<ColumnSpec<NamespaceObj>> = [
  nameSpec(),
  // Active or Terminating, as the namespace controller sets it
  { name: 'status', displayName: 'Status', type: FieldType.string, value: (ns) => text(ns.status?.phase) },
  ageSpec(),
];

/** `kubectl get namespaces`. */
export function namespaceColumns(namespaces: readonly NamespaceObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, namespaces, nowMs);
}
