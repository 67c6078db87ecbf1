import { direct, ProxyDataSource } from './director';
import { pathUnescape } from './goUrl';
import { goBadRequest, grafanaJsonError, modifyResponse } from './response';
import { matchRoute, PluginRoute, ROUTE_ACCESS_DENIED } from './routes';
import { upstreamTls } from './tls';
import { checkTlsMaterial, isProxyError, sendUpstream, UpstreamResponse, UpstreamTarget } from './upstream';
import { DEFAULT_USER, HarnessUser, OAuthSession } from './user';

export type { ProxyDataSource } from './director';

export const GRAFANA_USER_AGENT = 'Grafana/12.4.0';

/** A request as it left "Grafana" for the upstream. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface ProxyCall {
  ds: ProxyDataSource;
  routes: readonly PluginRoute[];
  /** the signed-in user (default an Admin) */
  user?: HarnessUser;
  /** the user's OAuth session; null or absent = none */
  oauth?: OAuthSession | null;
  method: string;
  /** everything after `/api/datasources/proxy/uid/<uid>/`, raw (escapes kept), with its query string */
  pathAndQuery: string;
  /** the browser's headers (Node's IncomingHttpHeaders fit) */
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  signal: AbortSignal;
  /** Grafana's [dataproxy] timeout in ms (default 30 s) */
  timeoutMs?: number;
  userAgent?: string;
  /** told about the request as it leaves for the upstream (not called when the proxy answers itself) */
  onSend?: (sent: SentRequest) => void;
}

function lowerCaseHeaders(headers: ProxyCall['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return flat;
}

export function targetUrl(t: UpstreamTarget): string {
  const host = t.hostname.includes(':') ? `[${t.hostname}]` : t.hostname;
  return `${t.protocol}//${host}${t.port ? `:${t.port}` : ''}${t.path}`;
}

/**
 * Grafana's data-source proxy for one request (pkg/api/pluginproxy/ds_proxy.go HandleRequest, 12.4 and 13):
 * validateRequest (403), the TLS transport (400), the director and ApplyRoute, the real upstream call, and the
 * reverse proxy's ModifyResponse and error handler (401 → 400, empty 502/504). The proxy harness and the
 * playground server both answer with it.
 */
export async function proxyRequest(call: ProxyCall): Promise<UpstreamResponse> {
  const queryAt = call.pathAndQuery.indexOf('?');
  const proxyPath = queryAt < 0 ? call.pathAndQuery : call.pathAndQuery.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : call.pathAndQuery.slice(queryAt + 1);
  try {
    pathUnescape(proxyPath);
  } catch {
    return goBadRequest();
  }
  let dsUrl: URL;
  try {
    dsUrl = new URL(call.ds.url);
  } catch {
    return grafanaJsonError(400, 'Bad Request', `Invalid data source URL: "${call.ds.url}"`);
  }

  const match = matchRoute(call.routes, call.method, proxyPath, call.user ?? DEFAULT_USER);
  if (match.kind === 'denied') {
    return grafanaJsonError(403, 'Forbidden', ROUTE_ACCESS_DENIED);
  }
  const tls = upstreamTls(call.ds.jsonData, call.ds.secureJsonData);
  try {
    checkTlsMaterial(tls);
  } catch {
    return grafanaJsonError(400, 'Bad Request', 'Unable to load TLS certificate');
  }

  const { target, headers } = direct({
    ds: call.ds,
    dsUrl,
    proxyPath,
    rawQuery,
    headers: lowerCaseHeaders(call.headers),
    route: match.kind === 'route' ? match.route : undefined,
    oauth: call.oauth,
    userAgent: call.userAgent ?? GRAFANA_USER_AGENT,
  });
  call.onSend?.({ method: call.method, url: targetUrl(target), headers });
  const res = await sendUpstream({
    method: call.method,
    target,
    headers,
    body: call.body,
    tls,
    signal: call.signal,
    timeoutMs: call.timeoutMs,
  });
  return isProxyError(res) ? res : modifyResponse(res);
}
