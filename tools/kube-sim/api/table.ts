/**
 * Server-side printing: a list or an object as a meta.k8s.io Table when the client asks for one (kubectl
 * get does), as kube-apiserver's handlers do it (endpoints/handlers/response.go asTable): every column of
 * the kind's printer, wide ones included, one row per object with its cells and, by includeObject, the
 * object's metadata as a PartialObjectMetadata (the default, which kubectl reads the NAMESPACE column
 * from), the whole object (`Object`) or nothing (`None`).
 */
import type { Printer } from './tablePrinters';
import { badRequest, type StatusBody } from './status';

type Obj = Record<string, unknown>;

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export const TABLE_CONTENT_TYPE = (version: string) => `application/json;as=Table;v=${version};g=meta.k8s.io`;

export function includeObject(
  q: URLSearchParams
): { ok: true; value: IncludeObject } | { ok: false; status: StatusBody } {
  const v = q.get('includeObject') ?? '';
  if (v === '' || v === 'Metadata') {
    return { ok: true, value: 'Metadata' };
  }
  if (v === 'None' || v === 'Object') {
    return { ok: true, value: v };
  }
  return {
    ok: false,
    status: badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`),
  };
}

/** the head of a Table up to its rows, for streaming: kind, apiVersion, metadata, columnDefinitions */
export function tableHead(version: string, listMeta: Obj, printer: Printer): string {
  const head = JSON.stringify({
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    columnDefinitions: printer.columns,
  });
  return `${head.slice(0, -1)},"rows":[`;
}

/** one row; `object` is the served object with kind and apiVersion */
export function tableRow(printer: Printer, object: Obj, nowMs: number, include: IncludeObject, version: string): Obj {
  const row: Obj = { cells: printer.cells(object, nowMs) };
  const conditions = printer.conditions?.(object);
  if (conditions) {
    row.conditions = conditions;
  }
  if (include === 'Object') {
    row.object = object;
  } else if (include === 'Metadata') {
    row.object = { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata };
  }
  return row;
}
