import type * as http from 'http';

// Grafana's data-source proxy as the harness models it: route matching and access, templates, TLS, the 401 rewrite
import { GRAFANA_USER_AGENT, proxyRequest as harnessProxyRequest } from '../proxy-harness/proxy';
import type { PluginRoute } from '../proxy-harness/routes';
import type { UpstreamResponse } from '../proxy-harness/upstream';
import type { HarnessUser } from '../proxy-harness/user';
import type { StoredDataSource } from './dataSourceStore';

/** The playground has one user, signed in without OAuth: an Admin, as on a fresh Grafana. */
const PLAYGROUND_USER: HarnessUser = { role: 'Admin' };

/**
 * Answers one `/api/datasources/proxy/uid/<uid>/<proxyPath>` request with the harness's proxy core
 * (tools/proxy-harness/proxy.ts), so the page sees what Grafana would answer.
 */
export function proxyRequest(opts: {
  ds: StoredDataSource;
  routes: readonly PluginRoute[];
  method: string;
  /** the raw path after the data source's proxy prefix, with its query string */
  pathAndQuery: string;
  headers: http.IncomingHttpHeaders;
  body?: string;
  signal: AbortSignal;
}): Promise<UpstreamResponse> {
  return harnessProxyRequest({
    ...opts,
    user: PLAYGROUND_USER,
    oauth: null,
    userAgent: `${GRAFANA_USER_AGENT} (kubeglance playground)`,
  });
}
