import type { DataFrame, Field } from '@grafana/data';

import { FieldKind, LOG_LINES_FRAME } from './fieldTypes';
import { BODY_NAMES, CONTAINER_KEYS, LEVEL_KEYS, NAMESPACE_KEYS, NODE_KEYS, POD_KEYS, TIME_NAMES } from './k8sNames';

/** The fields of one logs frame that the panel reads, whichever data source made it. */
export interface LogFrameFields {
  /** absent only in frames that say they are logs but carry no time */
  time?: Field;
  body: Field;
  /** other text fields to read where `body` is empty (a mix of `message` and `log` documents) */
  bodyFallbacks: Field[];
  /** every field that can hold a row's level, most specific first: rows use the first one set */
  severity: Field[];
  id?: Field;
  /** one `Record<string, string>` per row: ours and Loki's */
  labels?: Field;
  /** flat Kubernetes fields by kind, in name order: documents from different shippers name them differently */
  namespace: Field[];
  pod: Field[];
  container: Field[];
  node: Field[];
  /** other object-valued fields (an Elasticsearch `_source`) to look into for names and levels */
  objects: Field[];
}

/** Names that are never the line text, for the "first string field" fallback of legacy frames. */
const NOT_BODY = new Set<string>([
  'id',
  '_id',
  'tsNs',
  'labels',
  '_index',
  '_type',
  ...LEVEL_KEYS,
  ...NAMESPACE_KEYS,
  ...POD_KEYS,
  ...CONTAINER_KEYS,
  ...NODE_KEYS,
]);

function allNamed(byName: Map<string, Field>, names: readonly string[], ok: (f: Field) => boolean): Field[] {
  const out: Field[] = [];
  for (const name of names) {
    const field = byName.get(name);
    if (field && ok(field)) {
      out.push(field);
    }
  }
  return out;
}

function named(byName: Map<string, Field>, names: readonly string[], ok: (f: Field) => boolean): Field | undefined {
  for (const name of names) {
    const field = byName.get(name);
    if (field && ok(field)) {
      return field;
    }
  }
  return undefined;
}

const isTime = (f: Field) => f.type === FieldKind.time;
const isString = (f: Field) => f.type === FieldKind.string;
const isText = (f: Field) => f.type === FieldKind.string || f.type === FieldKind.other;
const isLevel = (f: Field) => f.type === FieldKind.string || f.type === FieldKind.number;

/**
 * Finds the time, text, severity and Kubernetes fields of a logs frame: exact data-plane names for log-lines
 * frames, then the names Loki and Elasticsearch use, then Grafana's legacy rule (first time field, first
 * string field). Frames that are not logs (no text field, or no time and nothing saying they are logs) give
 * undefined.
 */
export function logFrameFields(frame: DataFrame): LogFrameFields | undefined {
  const byName = new Map<string, Field>();
  for (const field of frame.fields) {
    if (!byName.has(field.name)) {
      byName.set(field.name, field);
    }
  }
  const saysLogs = frame.meta?.type === LOG_LINES_FRAME || frame.meta?.preferredVisualisationType === 'logs';

  const time =
    named(byName, TIME_NAMES, isTime) ??
    // Elasticsearch can hand `@timestamp` over as text
    named(byName, ['@timestamp'], isString) ??
    frame.fields.find(isTime);
  const body =
    named(byName, BODY_NAMES, isText) ?? frame.fields.find((f) => isString(f) && !NOT_BODY.has(f.name) && f !== time);
  if (!body || (!time && !saysLogs)) {
    return undefined;
  }

  const labels = byName.get('labels');
  return {
    time,
    body,
    bodyFallbacks: BODY_NAMES.map((name) => byName.get(name)).filter(
      (f): f is Field => f !== undefined && f !== body && isText(f)
    ),
    severity: allNamed(byName, LEVEL_KEYS, isLevel),
    id: named(byName, ['id', '_id'], isString),
    labels: labels?.type === FieldKind.other ? labels : undefined,
    namespace: allNamed(byName, NAMESPACE_KEYS, isString),
    pod: allNamed(byName, POD_KEYS, isString),
    container: allNamed(byName, CONTAINER_KEYS, isString),
    node: allNamed(byName, NODE_KEYS, isString),
    objects: frame.fields.filter((f) => f.type === FieldKind.other && f !== labels && f !== body),
  };
}
