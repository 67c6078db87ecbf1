import type * as http from 'http';

// Grafana's data-source proxy as the harness implements it: the same route matching, templates and TLS
import { joinUrlFragments, matchRoute, type PluginRoute } from '../proxy-harness/routes';
import { expandTemplate } from '../proxy-harness/template';
import { upstreamTls } from '../proxy-harness/tls';
import { checkTlsMaterial, sendUpstream, type UpstreamResponse } from '../proxy-harness/upstream';
import type { StoredDataSource } from './dataSourceStore';

const USER_AGENT = 'Grafana/12.4.10 (kubeglance playground)';
/** browser headers Grafana's director passes on; cookies and the like stay behind */
const FORWARDED = ['accept', 'content-type'];

function grafanaError(status: number, message: string): UpstreamResponse {
  return { status, statusText: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) };
}

/** Grafana's modifyResponse turns an upstream 401 into a 400 so the browser does not log the user out. */
function rewriteUnauthorized(res: UpstreamResponse): UpstreamResponse {
  if (res.status !== 401) {
    return res;
  }
  return { status: 400, statusText: 'Bad Request', headers: {}, body: 'Authentication to data source failed' };
}

/**
 * Answers one `/api/datasources/proxy/uid/<uid>/<proxyPath>` request: the route of plugin.json that covers the
 * path adds its headers (templates filled from the stored settings), TLS follows jsonData, and the answer comes
 * back as Grafana would pass it on.
 */
export async function proxyRequest(opts: {
  ds: StoredDataSource;
  routes: readonly PluginRoute[];
  method: string;
  /** the path after the data source's proxy prefix, with its query string */
  pathAndQuery: string;
  headers: http.IncomingHttpHeaders;
  body?: string;
  signal: AbortSignal;
}): Promise<UpstreamResponse> {
  const { ds, routes, method } = opts;
  const queryAt = opts.pathAndQuery.indexOf('?');
  const proxyPath = queryAt < 0 ? opts.pathAndQuery : opts.pathAndQuery.slice(0, queryAt);
  const query = queryAt < 0 ? '' : opts.pathAndQuery.slice(queryAt);

  const match = matchRoute(routes, method, proxyPath);
  if (match.kind === 'denied') {
    return grafanaError(403, 'plugin proxy route access denied');
  }
  let target: URL;
  try {
    target = new URL(ds.url);
  } catch {
    return grafanaError(400, `Invalid data source URL: "${ds.url}"`);
  }
  const tls = upstreamTls(ds.jsonData, ds.secureJsonData);
  try {
    checkTlsMaterial(tls);
  } catch {
    return grafanaError(400, 'Unable to load TLS certificate');
  }

  const upstreamUrl = new URL(target.toString());
  upstreamUrl.pathname = joinUrlFragments(target.pathname, proxyPath);
  upstreamUrl.search = query;

  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  for (const name of FORWARDED) {
    const value = opts.headers[name];
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  const dsAuth = opts.headers['x-ds-authorization'];
  if (typeof dsAuth === 'string') {
    headers.authorization = dsAuth;
  }
  if (match.kind === 'route') {
    const data = {
      JsonData: { ...ds.jsonData } as Record<string, unknown>,
      SecureJsonData: { ...ds.secureJsonData } as Record<string, string | undefined>,
    };
    for (const h of match.route.headers ?? []) {
      headers[h.name.toLowerCase()] = expandTemplate(h.content, data);
    }
  }
  const res = await sendUpstream({ method, url: upstreamUrl, headers, body: opts.body, tls, signal: opts.signal });
  return rewriteUnauthorized(res);
}
