import {
  CoreApp,
  type DataQuery,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourceJsonData,
  type DataSourceSettings,
  dateTime,
  getDefaultTimeRange,
  type TimeRange,
} from '@grafana/data';
import { from, type Observable } from 'rxjs';

import type { AnyDataSourcePlugin } from './pluginTypes';

/** What the playground server answers for its data source (see ../dataSourceStore.ts). */
export interface ServerDataSource {
  uid: string;
  name: string;
  url: string;
  jsonData: DataSourceJsonData;
  secureJsonFields: Record<string, boolean>;
}

export function proxyBaseUrl(uid: string): string {
  return `/api/datasources/proxy/uid/${uid}`;
}

/** The settings the config editor edits, as Grafana's data source settings page holds them. */
export function editorSettings(ds: ServerDataSource, plugin: AnyDataSourcePlugin): DataSourceSettings {
  return {
    id: 1,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    typeLogoUrl: `${plugin.meta.baseUrl}/img/logo.svg`,
    type: plugin.meta.id,
    typeName: plugin.meta.name,
    access: 'proxy',
    url: ds.url,
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: true,
    jsonData: { ...ds.jsonData },
    secureJsonFields: { ...ds.secureJsonFields },
    secureJsonData: {},
    readOnly: false,
    withCredentials: false,
  };
}

/** What the browser-side data source is built with: the proxy URL, never the API server's or any secret. */
export function instanceSettings(ds: ServerDataSource, plugin: AnyDataSourcePlugin): DataSourceInstanceSettings {
  return {
    id: 1,
    uid: ds.uid,
    type: plugin.meta.id,
    name: ds.name,
    meta: plugin.meta,
    url: proxyBaseUrl(ds.uid),
    jsonData: { ...ds.jsonData },
    access: 'proxy',
    readOnly: false,
  };
}

export function createDataSource(ds: ServerDataSource, plugin: AnyDataSourcePlugin) {
  return new plugin.DataSourceClass(instanceSettings(ds, plugin));
}

let requestCounter = 0;

/** A query request as a panel would send it, over the last `minutes`. */
export function queryRequest<Q extends DataQuery>(
  targets: Q[],
  opts: { minutes?: number; app?: CoreApp; liveStreaming?: boolean } = {}
): DataQueryRequest<Q> {
  const now = Date.now();
  const range: TimeRange = opts.minutes
    ? (() => {
        const from = dateTime(now - opts.minutes * 60_000);
        const to = dateTime(now);
        return { from, to, raw: { from: `now-${opts.minutes}m`, to: 'now' } };
      })()
    : getDefaultTimeRange();
  requestCounter += 1;
  return {
    requestId: `playground-${requestCounter}`,
    app: opts.app ?? CoreApp.Dashboard,
    interval: '15s',
    intervalMs: 15_000,
    range,
    scopedVars: {},
    targets,
    timezone: 'utc',
    startTime: now,
    liveStreaming: opts.liveStreaming,
  };
}

/** `query()` may answer with a Promise or an Observable; the page always wants an Observable. */
export function runQuery<Q extends DataQuery>(
  ds: DataSourceApi<Q>,
  request: DataQueryRequest<Q>
): Observable<DataQueryResponse> {
  return from(ds.query(request));
}
