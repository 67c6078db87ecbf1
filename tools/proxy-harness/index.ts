import type { DataSourceInstanceSettings, DataSourcePluginMeta } from '@grafana/data';
import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Observable } from 'rxjs';

import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';
import { toFetchResult } from './backendSrv';
import { urlWithParams } from './query';
import { joinUrlFragments, matchRoute, readRoutes } from './routes';
import { expandTemplate } from './template';
import { upstreamTls } from './tls';
import { checkTlsMaterial, sendUpstream, UpstreamResponse } from './upstream';

export interface HarnessOptions {
  /** default src/datasource/plugin.json */
  pluginJsonPath?: string;
  /** the data source URL: the API server (e.g. kube-sim's URL) */
  url: string;
  jsonData?: KubeDataSourceOptions;
  secureJsonData?: KubeSecureJsonData;
  uid?: string;
  /** the signed-in user's OAuth access token, sent when jsonData.oauthPassThru is on */
  oauthToken?: string;
}

/** One request as it left "Grafana" for the API server. */
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
  /** a stand-in for getBackendSrv().fetch that proxies like Grafana, over real HTTP */
  fetch: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  /** every request sent upstream, in order */
  requests: UpstreamRecord[];
  /** settings as the browser sees them: url = baseUrl, jsonData, never secureJsonData */
  instanceSettings(): DataSourceInstanceSettings<KubeDataSourceOptions>;
}

const DEFAULT_PLUGIN_JSON = join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json');
const USER_AGENT = 'Grafana/12.4.10';

function grafanaError(status: number, statusText: string, message: string): UpstreamResponse {
  const body = JSON.stringify({ message });
  return {
    status,
    statusText,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  };
}

/** Grafana's modifyResponse: an upstream 401 reaches the browser as a 400 with a fixed text. */
function rewriteUnauthorized(res: UpstreamResponse): UpstreamResponse {
  if (res.status !== 401) {
    return res;
  }
  const body = 'Authentication to data source failed';
  return { status: 400, statusText: 'Bad Request', headers: { 'content-length': String(body.length) }, body };
}

/**
 * A test double for getBackendSrv().fetch that behaves like Grafana's data-source proxy for our plugin.json:
 * route matching, header templates, TLS settings, OAuth pass-through, the 401 rewrite, and cancellation.
 */
export function createProxyHarness(opts: HarnessOptions): ProxyHarness {
  const pluginJsonPath = opts.pluginJsonPath ?? DEFAULT_PLUGIN_JSON;
  const routes = readRoutes(pluginJsonPath);
  const plugin = JSON.parse(readFileSync(pluginJsonPath, 'utf8')) as { id: string; name: string };
  const uid = opts.uid ?? 'kube-harness';
  const baseUrl = `/api/datasources/proxy/uid/${uid}`;
  const jsonData: KubeDataSourceOptions = opts.jsonData ?? {};
  const secure: KubeSecureJsonData = opts.secureJsonData ?? {};
  const target = new URL(opts.url);
  const tls = upstreamTls(jsonData, secure);
  const requests: UpstreamRecord[] = [];

  async function handle(req: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<unknown>> {
    const method = (req.method ?? 'GET').toUpperCase();
    const local = req.url.replace(/^\/+/, '');
    const prefix = baseUrl.slice(1);
    if (local !== prefix && !local.startsWith(`${prefix}/`)) {
      throw new Error(`proxy harness: ${req.url} is not under the data source proxy URL ${baseUrl}`);
    }
    const full = urlWithParams(local.slice(prefix.length + 1), req.params);
    const queryAt = full.indexOf('?');
    const proxyPath = queryAt < 0 ? full : full.slice(0, queryAt);
    const query = queryAt < 0 ? '' : full.slice(queryAt);
    const browserUrl = `/${local}${query}`;

    const match = matchRoute(routes, method, proxyPath);
    if (match.kind === 'denied') {
      return toFetchResult(grafanaError(403, 'Forbidden', 'plugin proxy route access denied'), req, browserUrl);
    }
    try {
      checkTlsMaterial(tls);
    } catch {
      return toFetchResult(grafanaError(400, 'Bad Request', 'Unable to load TLS certificate'), req, browserUrl);
    }

    const upstreamUrl = new URL(target.toString());
    upstreamUrl.pathname = joinUrlFragments(target.pathname, proxyPath);
    upstreamUrl.search = query;

    // the director's order: caller headers (Authorization arrives as X-DS-Authorization), route headers, OAuth
    const headers: Record<string, string> = { accept: 'application/json, text/plain, */*', 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    if (match.kind === 'route') {
      const data = {
        JsonData: { ...jsonData } as Record<string, unknown>,
        SecureJsonData: { ...secure } as Record<string, string | undefined>,
      };
      for (const h of match.route.headers ?? []) {
        headers[h.name.toLowerCase()] = expandTemplate(h.content, data);
      }
    }
    if (jsonData.oauthPassThru && opts.oauthToken) {
      headers.authorization = `Bearer ${opts.oauthToken}`;
    }
    const body =
      req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data);

    const record: UpstreamRecord = { method, url: upstreamUrl.toString(), headers, aborted: false };
    requests.push(record);
    signal.addEventListener('abort', () => (record.aborted = true), { once: true });
    const res = await sendUpstream({ method, url: upstreamUrl, headers, body, tls, signal });
    return toFetchResult(rewriteUnauthorized(res), req, browserUrl);
  }

  const fetch = (req: BackendSrvRequest): Observable<FetchResponse<unknown>> =>
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

  return { baseUrl, fetch, requests, instanceSettings };
}
