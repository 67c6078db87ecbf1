/**
 * Frames shaped like each data source's logs results, for the panel's tests. Shapes follow what Grafana's Loki
 * and Elasticsearch data sources return and what our data source builds (src/datasource/queries/logsFrame.ts).
 */
import { createDataFrame, type DataFrame, DataFrameType, FieldType } from '@grafana/data';

export const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

export interface TestLine {
  t: number;
  body: string;
  pod?: string;
  container?: string;
  namespace?: string;
  level?: string;
  /** a row the data source adds: a restart marker or a pod event (stream label `marker`) */
  marker?: 'restart' | 'event';
}

/** Ours: a data-plane log-lines frame with a labels object per stream. */
export function kubeglanceFrame(lines: TestLine[], refId = 'A'): DataFrame {
  const labels = new Map<string, Record<string, string>>();
  const labelsOf = (l: TestLine) => {
    const key = `${l.namespace}/${l.pod}/${l.container}/${l.marker}`;
    if (!labels.has(key)) {
      labels.set(key, {
        namespace: l.namespace ?? 'default',
        pod: l.pod ?? 'api-0',
        container: l.container ?? 'app',
        node: 'node-1',
        ...(l.marker ? { marker: l.marker } : {}),
      });
    }
    return labels.get(key)!;
  };
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.LogLines, preferredVisualisationType: 'logs' },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: lines.map((l) => l.t) },
      { name: 'body', type: FieldType.string, values: lines.map((l) => l.body) },
      { name: 'severity', type: FieldType.string, values: lines.map((l) => l.level ?? 'info') },
      { name: 'id', type: FieldType.string, values: lines.map((l, i) => `${l.pod}/${l.t}/${i}`) },
      { name: 'labels', type: FieldType.other, values: lines.map(labelsOf) },
    ],
  });
}

/** Plain log-lines frame: timestamp and body only. */
export function plainFrame(lines: Array<[number, string]>, refId = 'A'): DataFrame {
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.LogLines },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: lines.map(([t]) => t) },
      { name: 'body', type: FieldType.string, values: lines.map(([, b]) => b) },
    ],
  });
}

/** Loki's legacy frame: labels, Time, Line, tsNs, id; newest first, as Loki returns by default. */
export function lokiLegacyFrame(lines: Array<{ t: number; line: string; labels: Record<string, string> }>): DataFrame {
  const sorted = [...lines].sort((a, b) => b.t - a.t);
  return createDataFrame({
    refId: 'B',
    fields: [
      { name: 'labels', type: FieldType.other, values: sorted.map((l) => l.labels) },
      { name: 'Time', type: FieldType.time, values: sorted.map((l) => l.t) },
      { name: 'Line', type: FieldType.string, values: sorted.map((l) => l.line) },
      { name: 'tsNs', type: FieldType.string, values: sorted.map((l) => `${l.t}000000`) },
      { name: 'id', type: FieldType.string, values: sorted.map((l, i) => `${l.t}_${i}`) },
    ],
  });
}

/** Loki's data-plane frame (Grafana 10+ with the dataplane toggle): labels, timestamp, body, id. */
export function lokiDataplaneFrame(
  lines: Array<{ t: number; line: string; labels: Record<string, string> }>
): DataFrame {
  return createDataFrame({
    refId: 'C',
    meta: { type: DataFrameType.LogLines },
    fields: [
      { name: 'labels', type: FieldType.other, values: lines.map((l) => l.labels) },
      { name: 'timestamp', type: FieldType.time, values: lines.map((l) => l.t) },
      { name: 'body', type: FieldType.string, values: lines.map((l) => l.line) },
      { name: 'id', type: FieldType.string, values: lines.map((l, i) => `${l.t}_${i}`) },
    ],
  });
}

/** Elasticsearch documents flattened by Grafana: `@timestamp`, `message` or `log`, dotted Kubernetes fields. */
export function elasticFrame(docs: Array<Record<string, unknown>>): DataFrame {
  const names = Array.from(new Set(docs.flatMap((d) => Object.keys(d))));
  return createDataFrame({
    refId: 'D',
    meta: { preferredVisualisationType: 'logs' },
    fields: names.map((name) => ({
      name,
      type: name === '@timestamp' ? FieldType.time : name === '_source' ? FieldType.other : FieldType.string,
      values: docs.map((d) => d[name] ?? null),
    })),
  });
}
