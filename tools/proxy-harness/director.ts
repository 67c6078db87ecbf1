import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';
import { addQueryParams, escapedPath, joinUrlFragments, pathUnescape } from './goUrl';
import type { PluginRoute } from './routes';
import { expandTemplate, TemplateData } from './template';
import type { UpstreamTarget } from './upstream';
import { OAuthSession, oauthTokenType } from './user';

/** A data source as Grafana stores it: the proxy reads its URL, jsonData and decrypted secrets. */
export interface ProxyDataSource {
  uid: string;
  url: string;
  jsonData: KubeDataSourceOptions;
  secureJsonData: KubeSecureJsonData;
}

export interface DirectorInput {
  ds: ProxyDataSource;
  /** the data source URL, parsed */
  dsUrl: URL;
  /** the raw path after `/api/datasources/proxy/uid/<uid>/`, escapes kept */
  proxyPath: string;
  /** the raw query, without `?` */
  rawQuery: string;
  /** the browser's headers, lower-case names */
  headers: Record<string, string>;
  route?: PluginRoute;
  oauth?: OAuthSession | null;
  userAgent: string;
}

export interface Directed {
  target: UpstreamTarget;
  headers: Record<string, string>;
}

// removed by httputil.ReverseProxy (hop-by-hop) or by Grafana before proxying
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'origin',
  'referer',
  // Grafana's own credentials: its auth middleware consumed them (proxyutil wrapDirector)
  'authorization',
  'x-grafana-org-id',
]);

/** proxyutil.ClearCookieHeader: only the cookies jsonData.keepCookies names survive, never Grafana's session. */
function keptCookies(cookie: string | undefined, keep: unknown): string | undefined {
  const names = Array.isArray(keep) ? keep.filter((n): n is string => typeof n === 'string') : [];
  if (!cookie || names.length === 0) {
    return undefined;
  }
  const kept = cookie
    .split(';')
    .map((c) => c.trim())
    .filter((c) => names.includes(c.split('=')[0]) && c.split('=')[0] !== 'grafana_session');
  return kept.length ? kept.join('; ') : undefined;
}

function hostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Go keeps a URL's Path unescaped; Node's pathname is escaped. */
function goPath(url: URL): string {
  try {
    return pathUnescape(url.pathname);
  } catch {
    return url.pathname;
  }
}

interface Outgoing {
  protocol: string;
  host: string;
  port: string;
  /** Go's URL.Path (unescaped) and RawPath */
  path: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
}

/** ds_auth_provider.go ApplyRoute: the route's url, query params and headers, from Go templates. */
function applyRoute(out: Outgoing, route: PluginRoute, input: DirectorInput): void {
  if (route.tokenAuth || route.jwtTokenAuth || route.body) {
    throw new Error(`proxy harness: route ${route.path}: tokenAuth, jwtTokenAuth and body are not modelled`);
  }
  const { ds } = input;
  const data: TemplateData = {
    JsonData: { ...ds.jsonData } as Record<string, unknown>,
    SecureJsonData: { ...ds.secureJsonData } as Record<string, string | undefined>,
    URL: ds.url,
  };
  if (route.url) {
    const text = expandTemplate(route.url, data); // an unsupported template throws: loud, not a silent skip
    let routeUrl: URL;
    try {
      routeUrl = new URL(text);
    } catch {
      return; // Go logs "Error parsing plugin route url" and leaves the request as it was, headers and all
    }
    // the route's path as written in plugin.json is trimmed from the raw proxy path
    const rest = input.proxyPath.startsWith(route.path) ? input.proxyPath.slice(route.path.length) : input.proxyPath;
    out.protocol = routeUrl.protocol;
    out.host = hostname(routeUrl);
    out.port = routeUrl.port;
    out.path = joinUrlFragments(goPath(routeUrl), rest); // Path only: RawPath no longer matches, Go re-escapes
  }
  out.rawQuery = addQueryParams(
    out.rawQuery,
    (route.urlParams ?? []).map((p) => [expandTemplate(p.name, data), expandTemplate(p.content, data)])
  );
  for (const h of route.headers ?? []) {
    out.headers[h.name.toLowerCase()] = expandTemplate(h.content, data);
  }
}

/** The browser's headers as the director passes them on. */
function forwardedHeaders(input: DirectorInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (!DROPPED.has(name) && name !== 'cookie' && name !== 'x-ds-authorization') {
      headers[name] = value;
    }
  }
  const cookie = keptCookies(input.headers.cookie, (input.ds.jsonData as Record<string, unknown>).keepCookies);
  if (cookie) {
    headers.cookie = cookie;
  }
  if (input.headers['x-ds-authorization']) {
    headers.authorization = input.headers['x-ds-authorization'];
  }
  headers['user-agent'] = input.userAgent;
  return headers;
}

/**
 * ds_proxy.go director: where the request goes and with which headers. Order matters: the browser's
 * X-DS-Authorization becomes Authorization, a matched route's headers are set over it (ApplyRoute), and OAuth
 * pass-through is set last, over both.
 */
export function direct(input: DirectorInput): Directed {
  const { dsUrl } = input;
  const rawPath = joinUrlFragments(goPath(dsUrl), input.proxyPath);
  const out: Outgoing = {
    protocol: dsUrl.protocol,
    host: hostname(dsUrl),
    port: dsUrl.port,
    path: pathUnescape(rawPath), // the caller checked the escapes, as Go's server did
    rawPath,
    rawQuery: input.rawQuery,
    headers: forwardedHeaders(input),
  };
  if (input.route) {
    applyRoute(out, input.route, input);
  }
  if (input.ds.jsonData.oauthPassThru === true && input.oauth) {
    out.headers.authorization = `${oauthTokenType(input.oauth)} ${input.oauth.accessToken}`;
    if (input.oauth.idToken) {
      out.headers['x-id-token'] = input.oauth.idToken;
    }
  }
  const wirePath = (escapedPath(out.path, out.rawPath) || '/') + (out.rawQuery ? `?${out.rawQuery}` : '');
  return {
    target: { protocol: out.protocol, hostname: out.host, port: out.port, path: wirePath },
    headers: out.headers,
  };
}
