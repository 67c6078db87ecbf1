import { FieldType } from '@grafana/data';

import { ageSpec, buildColumns, ColumnSpec, count, nameSpec, namespaceSpec, ObjectColumn } from './columns';
import { DeploymentObj } from './kubeObjects';

/** "ready/desired"; spec.replicas is defaulted to 1 by the API server, so absent means 1 here too. */
export function deploymentReady(d: DeploymentObj): string {
  return `${count(d.status?.readyReplicas)}/${d.spec?.replicas ?? 1}`;
}

const SPECS: ReadonlyArray<ColumnSpec<DeploymentObj>> = [
  namespaceSpec(),
  nameSpec(),
  { name: 'ready', displayName: 'Ready', type: FieldType.string, value: deploymentReady },
  {
    name: 'upToDate',
    displayName: 'Up-to-date',
    type: FieldType.number,
    value: (d) => count(d.status?.updatedReplicas),
  },
  {
    name: 'available',
    displayName: 'Available',
    type: FieldType.number,
    value: (d) => count(d.status?.availableReplicas),
  },
  ageSpec(),
];

/** `kubectl get deployments`. */
export function deploymentColumns(items: readonly DeploymentObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items, nowMs);
}
