/**
 * Data sources the panel re-queries itself (live tail, older lines), faked for its tests: each answers from a
 * function of the request and records what it was asked. Tests mock @grafana/runtime's getDataSourceSrv with
 * `dataSourceSrv` (see useLiveTail.test.tsx).
 */
import {
  createDataFrame,
  type DataFrame,
  DataFrameType,
  type DataQueryRequest,
  type DataQueryResponse,
  FieldType,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { kubeglanceFrame, type TestLine } from './testFrames';

export interface FakeDataSource {
  uid: string;
  type: string;
  requests: DataQueryRequest[];
  /** the answer to one request: a response, or an Error to fail with */
  answer: (req: DataQueryRequest) => DataQueryResponse | Error;
}

const sources = new Map<string, FakeDataSource>();

export function fakeDataSource(
  type: string,
  uid: string,
  answer: FakeDataSource['answer'] = () => ({ data: [] })
): FakeDataSource {
  const ds: FakeDataSource = { uid, type, requests: [], answer };
  sources.set(uid, ds);
  return ds;
}

export function clearFakeDataSources(): void {
  sources.clear();
}

/** What getDataSourceSrv() returns in the panel's tests. */
export const dataSourceSrv = {
  get: async (ref: { uid?: string }) => {
    const ds = sources.get(ref?.uid ?? '');
    if (!ds) {
      throw new Error(`Data source ${ref?.uid} was not found`);
    }
    return {
      query: (req: DataQueryRequest) => {
        ds.requests.push(req);
        const r = ds.answer(req);
        return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
      },
    };
  },
  getInstanceSettings: (ref: { uid?: string }) => {
    const ds = sources.get(ref?.uid ?? '');
    return ds ? { uid: ds.uid, type: ds.type } : undefined;
  },
};

export interface LokiLine {
  t: number;
  line: string;
  pod?: string;
}

/** Loki's data-plane frame with Loki's stable ids (one per stream, time and line). */
export function lokiFrame(lines: LokiLine[], refId = 'B'): DataFrame {
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.LogLines },
    fields: [
      {
        name: 'labels',
        type: FieldType.other,
        values: lines.map((l) => ({ namespace: 'shop', pod: l.pod ?? 'api-0', container: 'app' })),
      },
      { name: 'timestamp', type: FieldType.time, values: lines.map((l) => l.t) },
      { name: 'body', type: FieldType.string, values: lines.map((l) => l.line) },
      { name: 'id', type: FieldType.string, values: lines.map((l) => `${l.pod ?? 'api-0'}_${l.t}_${l.line}`) },
    ],
  });
}

/**
 * Our logs frame with ids as our data source makes them, the same for a line in every query
 * (`ns/pod/container/time/n`, n counting lines of one container in one instant).
 */
export function oursFrame(lines: TestLine[], refId = 'A'): DataFrame {
  const frame = kubeglanceFrame(lines, refId);
  const seen = new Map<string, number>();
  const ids = lines.map((l) => {
    const key = `${l.namespace ?? 'default'}/${l.pod ?? 'api-0'}/${l.container ?? 'app'}/${l.t}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}/${n}`;
  });
  return { ...frame, fields: frame.fields.map((f) => (f.name === 'id' ? { ...f, values: ids } : f)) };
}

/** The panel data of a dashboard query: its request (targets on data sources) and time range. */
export function withRequest(data: PanelData, targets: DataQuery[], timeRange: TimeRange = data.timeRange): PanelData {
  return {
    ...data,
    timeRange,
    request: {
      requestId: data.request?.requestId ?? 'Q1',
      targets,
      range: timeRange,
      interval: '1s',
      intervalMs: 1000,
      timezone: 'utc',
      app: 'dashboard',
      scopedVars: {},
      startTime: 0,
    } as DataQueryRequest,
  };
}

/** The range a recorded request asked for, as epoch ms. */
export const askedRange = (req: DataQueryRequest) => [req.range.from.valueOf(), req.range.to.valueOf()];
