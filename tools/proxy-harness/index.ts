import type { DataSourceInstanceSettings, DataSourcePluginMeta } from '@grafana/data';
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Observable } from 'rxjs';

import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';
import { toFetchResult } from './backendSrv';
import { FetchQueue } from './fetchQueue';
import { proxyRequest } from './proxy';
import { urlWithParams } from './query';
import { readRoutes } from './routes';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from './upstream';
import { DEFAULT_USER, HarnessUser, OAuthSession } from './user';

export { FetchQueue, MAX_PARALLEL_REQUESTS } from './fetchQueue';
export type { FetchQueueStats } from './fetchQueue';
export { proxyRequest } from './proxy';
export type { ProxyCall, ProxyDataSource, SentRequest } from './proxy';
export type { HarnessUser, OAuthSession } from './user';

export interface HarnessOptions {
  /** default src/datasource/plugin.json */
  pluginJsonPath?: string;
  /** the data source URL: the API server (e.g. kube-sim's URL) */
  url: string;
  jsonData?: KubeDataSourceOptions;
  secureJsonData?: KubeSecureJsonData;
  uid?: string;
  /** the signed-in user: default an Admin with the basic role's permissions */
  user?: HarnessUser;
  /** the user's OAuth session, sent when jsonData.oauthPassThru is on; null or absent = none */
  oauth?: OAuthSession | null;
  /** Grafana's [dataproxy] timeout: no response headers in this many ms answers 504 (default 30 s) */
  upstreamTimeoutMs?: number;
  /** backendSrv's queue; pass one to share it between harnesses, as one browser tab does (default a new one) */
  fetchQueue?: FetchQueue;
}

/** One request as it left "Grafana" for the API server (or for a route's url). */
export interface UpstreamRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** set when the caller unsubscribed before the answer came */
  aborted: boolean;
}

export interface ProxyHarness {
  /** `/api/datasources/proxy/uid/<uid>`, what Grafana gives the data source as its url */
  baseUrl: string;
  /** a stand-in for getBackendSrv().fetch that queues and proxies like Grafana, over real HTTP */
  fetch: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  /** every request sent upstream, in order */
  requests: UpstreamRecord[];
  /** the backendSrv queue the harness's fetch goes through (stats() for tests) */
  fetchQueue: FetchQueue;
  /** settings as the browser sees them: url = baseUrl, jsonData, never secureJsonData */
  instanceSettings(): DataSourceInstanceSettings<KubeDataSourceOptions>;
}

const DEFAULT_PLUGIN_JSON = join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json');
/** the Fetch standard upper-cases these methods only; others (e.g. `patch`) go as written */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function browserMethod(method: string | undefined): string {
  const m = method ?? 'GET';
  return NORMALIZED_METHODS.has(m.toUpperCase()) ? m.toUpperCase() : m;
}

/** What the browser sends for a backendSrv request: JSON bodies typed, a caller's Authorization as X-DS-Authorization. */
function browserHeaders(req: BackendSrvRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain, */*' };
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    headers[name.toLowerCase() === 'authorization' ? 'x-ds-authorization' : name.toLowerCase()] = String(value);
  }
  if (req.data !== undefined && typeof req.data !== 'string' && !headers['content-type']) {
    headers['content-type'] = 'application/json';
  }
  return headers;
}

/**
 * A test double for getBackendSrv().fetch that behaves like Grafana 12.4/13 for our plugin.json: backendSrv's
 * 5-request queue, then the data-source proxy (proxy.ts: route matching and access, templates, TLS, OAuth
 * pass-through, the 401 rewrite, empty 502/504) over real HTTP, and cancellation.
 */
export function createProxyHarness(opts: HarnessOptions): ProxyHarness {
  const pluginJsonPath = opts.pluginJsonPath ?? DEFAULT_PLUGIN_JSON;
  const routes = readRoutes(pluginJsonPath);
  const plugin = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as { id: string; name: string };
  const uid = opts.uid ?? 'kube-harness';
  const baseUrl = `/api/datasources/proxy/uid/${uid}`;
  const jsonData: KubeDataSourceOptions = opts.jsonData ?? {};
  const ds = { uid, url: opts.url, jsonData, secureJsonData: opts.secureJsonData ?? {} };
  const fetchQueue = opts.fetchQueue ?? new FetchQueue();
  const requests: UpstreamRecord[] = [];

  async function handle(req: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<unknown>> {
    const local = req.url.replace(/^\/+/, '');
    const prefix = baseUrl.slice(1);
    if (local !== prefix && !local.startsWith(`${prefix}/`)) {
      throw new Error(`proxy harness: ${req.url} is not under the data source proxy URL ${baseUrl}`);
    }
    const pathAndQuery = urlWithParams(local.slice(prefix.length + 1), req.params);
    const method = browserMethod(req.method);
    const body =
      req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data);
    const res = await proxyRequest({
      ds,
      routes,
      user: opts.user ?? DEFAULT_USER,
      oauth: opts.oauth,
      method,
      pathAndQuery,
      headers: browserHeaders(req),
      body,
      signal,
      timeoutMs: opts.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      onSend: (sent) => {
        const record: UpstreamRecord = { ...sent, aborted: false };
        requests.push(record);
        signal.addEventListener('abort', () => (record.aborted = true), { once: true });
      },
    });
    // a HEAD answer has no body, whatever the server wrote
    return toFetchResult(method === 'HEAD' ? { ...res, body: '' } : res, req, `/${urlWithParams(local, req.params)}`);
  }

  const proxied = (req: BackendSrvRequest): Observable<FetchResponse<unknown>> =>
    new Observable<FetchResponse<unknown>>((subscriber) => {
      const controller = new AbortController();
      let done = false;
      handle(req, controller.signal).then(
        (response) => {
          done = true;
          subscriber.next(response);
          subscriber.complete();
        },
        (err: unknown) => {
          done = true;
          subscriber.error(err);
        }
      );
      return () => {
        if (!done) {
          controller.abort();
        }
      };
    });

  const fetch = (req: BackendSrvRequest) => fetchQueue.run(req.url, () => proxied(req));

  const instanceSettings = (): DataSourceInstanceSettings<KubeDataSourceOptions> => ({
    uid,
    type: plugin.id,
    name: `${plugin.name} (proxy harness)`,
    meta: {
      id: plugin.id,
      name: plugin.name,
      type: 'datasource',
      module: '',
      baseUrl: '',
      info: {},
    } as unknown as DataSourcePluginMeta,
    readOnly: false,
    url: baseUrl,
    jsonData: { ...jsonData },
    access: 'proxy',
  });

  return { baseUrl, fetch, requests, fetchQueue, instanceSettings };
}
