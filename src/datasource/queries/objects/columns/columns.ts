import { FieldType } from '@grafana/data';

import { ageSeconds } from '../../../decode/k8sAge';
import { KubeObject } from '../../../decode/apiTypes';

/** One table cell: absent values stay null so Grafana shows them empty, never as 0. */
export type CellValue = string | number | null;

/** One column of a `kubectl get`-like table, ready to become a data frame field. */
export interface ObjectColumn {
  name: string;
  displayName: string;
  type: FieldType.string | FieldType.number | FieldType.time;
  /** a Grafana unit: `dtdurations` for ages, `bytes` for capacity */
  unit?: string;
  values: CellValue[];
}

/** How one column reads its cell from a row. */
export interface ColumnSpec<T> {
  name: string;
  displayName: string;
  type: ObjectColumn['type'];
  unit?: string;
  value: (row: T, nowMs: number) => CellValue;
}

/** Columns from rows, in the order of the specs. */
export function buildColumns<T>(
  specs: ReadonlyArray<ColumnSpec<T>>,
  rows: readonly T[],
  nowMs: number
): ObjectColumn[] {
  return specs.map((spec) => ({
    name: spec.name,
    displayName: spec.displayName,
    type: spec.type,
    unit: spec.unit,
    values: rows.map((row) => spec.value(row, nowMs)),
  }));
}

/** A text cell: empty strings are absent. */
export function text(value: string | undefined | null): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A count the API omits when it is zero (Go `omitempty`): absent means 0 there, so 0 is right. */
export function count(value: number | undefined | null): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The object a row is about: the row itself, or the raw object inside a summary row. */
type ObjectOf<T> = (row: T) => KubeObject | undefined;
const itself = <T>(row: T) => row as KubeObject;

export function nameSpec<T>(objectOf: ObjectOf<T> = itself): ColumnSpec<T> {
  return {
    name: 'name',
    displayName: 'Name',
    type: FieldType.string,
    value: (row) => text(objectOf(row)?.metadata?.name),
  };
}

export function namespaceSpec<T>(objectOf: ObjectOf<T> = itself): ColumnSpec<T> {
  return {
    name: 'namespace',
    displayName: 'Namespace',
    type: FieldType.string,
    value: (row) => text(objectOf(row)?.metadata?.namespace),
  };
}

/** Seconds since creation, formatted by Grafana like kubectl's AGE. */
export function ageSpec<T>(objectOf: ObjectOf<T> = itself): ColumnSpec<T> {
  return {
    name: 'age',
    displayName: 'Age',
    type: FieldType.number,
    unit: 'dtdurations',
    value: (row, nowMs) => ageSeconds(objectOf(row)?.metadata?.creationTimestamp, nowMs),
  };
}
