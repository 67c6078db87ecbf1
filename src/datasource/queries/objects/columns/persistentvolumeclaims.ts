import { FieldType } from '@grafana/data';

import { quantityToNumber } from '../../../decode/quantity';
import { ageSpec, buildColumns, ColumnSpec, nameSpec, namespaceSpec, ObjectColumn, text } from './columns';
import { PvcObj } from './kubeObjects';

/** kubectl's abbreviations, in its order. */
const ACCESS_MODES: ReadonlyArray<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** "RWO,RWX" from status.accessModes, duplicates dropped; null when there are none. */
export function accessModesText(modes: readonly string[] | undefined): string | null {
  const have = new Set(modes ?? []);
  const out = ACCESS_MODES.filter(([mode]) => have.has(mode)).map(([, short]) => short);
  return out.length ? out.join(',') : null;
}

/** Phase, or Terminating while deleting. */
export function pvcStatus(pvc: PvcObj): string | null {
  return pvc.metadata?.deletionTimestamp ? 'Terminating' : text(pvc.status?.phase);
}

/** Like kubectl, capacity and access modes only once a volume is bound: a pending claim has none yet. */
function bound(pvc: PvcObj): boolean {
  return Boolean(pvc.spec?.volumeName);
}

/** Bytes of status.capacity.storage; null when unbound or not a quantity (one bad claim must not fail the table). */
export function pvcCapacityBytes(pvc: PvcObj): number | null {
  if (!bound(pvc)) {
    return null;
  }
  try {
    return quantityToNumber(pvc.status?.capacity?.storage) ?? null;
  } catch {
    return null;
  }
}

/** The class name, or the beta annotation older claims used. */
export function pvcStorageClass(pvc: PvcObj): string | null {
  return (
    text(pvc.spec?.storageClassName) ?? text(pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'])
  );
}

const SPECS: ReadonlyArray<ColumnSpec<PvcObj>> = [
  namespaceSpec(),
  nameSpec(),
  { name: 'status', displayName: 'Status', type: FieldType.string, value: pvcStatus },
  { name: 'volume', displayName: 'Volume', type: FieldType.string, value: (p) => text(p.spec?.volumeName) },
  { name: 'capacity', displayName: 'Capacity', type: FieldType.number, unit: 'bytes', value: pvcCapacityBytes },
  {
    name: 'accessModes',
    displayName: 'Access modes',
    type: FieldType.string,
    value: (p) => (bound(p) ? accessModesText(p.status?.accessModes) : null),
  },
  { name: 'storageClass', displayName: 'Storage class', type: FieldType.string, value: pvcStorageClass },
  ageSpec(),
];

/** `kubectl get persistentvolumeclaims`. */
export function pvcColumns(items: readonly PvcObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items, nowMs);
}
