import { bareText, statusLine } from './errorBody';
import { forbiddenMessage, forbiddenRemedy, parseForbidden } from './forbidden';
import { headerValue, parseRetryAfter, ResponseHeaders } from './headers';
import { KubeError } from './kubeError';
import { ErrorBody, readErrorBody } from './statusBody';
import {
  fromCase,
  GRAFANA_GATEWAY_CASES,
  NETWORK_CASE,
  otherCase,
  pageKind,
  REMEDY,
  STATUS_CASES,
  TIMEOUT_CASE,
  withDetail,
} from './statusCases';

// Grafana's own answers, in place of the API server's
const GRAFANA_AUTH_FAILED = 'Authentication to data source failed';
const GRAFANA_ROUTE_DENIED = 'plugin proxy route access denied';
const GRAFANA_NOT_WHITELISTED = 'Data proxy hostname and ip are not included in whitelist';
const GRAFANA_BAD_TLS = 'Unable to load TLS certificate';

const METRICS_PATH = /^\/apis\/metrics\.k8s\.io(\/|$|\?)/;
const NODE_PROXY_PATH = /^\/api\/v1\/nodes\/([^/?]+)\/proxy(\/|$|\?)/;

function retryAfter(body: ErrorBody, headers?: ResponseHeaders): number | undefined {
  // through Grafana the header never arrives (FetchError has no headers); the Status details may carry it
  return parseRetryAfter(headerValue(headers, 'retry-after'), Date.now()) ?? body.status?.details?.retryAfterSeconds;
}

function nodeOf(path: string): string | undefined {
  const m = NODE_PROXY_PATH.exec(path);
  if (!m) {
    return undefined;
  }
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

function forbidden(status: number, body: ErrorBody, path: string): KubeError {
  const base = { kind: 'forbidden' as const, status, path, reason: body.status?.reason ?? 'Forbidden' };
  if (body.text === GRAFANA_ROUTE_DENIED) {
    return new KubeError({
      ...base,
      message: "Grafana's data proxy refused the request (plugin proxy route access denied)",
      remedy: 'The data source only reads: its proxy routes allow GET requests to /api, /apis and /version.',
    });
  }
  if (body.text === GRAFANA_NOT_WHITELISTED) {
    return new KubeError({
      ...base,
      message: "Grafana's data proxy refused to contact the API server: its host is not in the allow-list",
      remedy: "Add the API server's host:port to data_source_proxy_whitelist in grafana.ini, or empty that setting.",
    });
  }
  const denied = parseForbidden(body.text);
  if (!denied) {
    return new KubeError({
      ...base,
      message: withDetail('Permission denied (403 Forbidden)', body.text),
      remedy: "Grant the data source's identity read access to this resource (see docs/rbac.md).",
    });
  }
  return new KubeError({
    ...base,
    message: forbiddenMessage(denied),
    remedy: forbiddenRemedy(denied),
    verb: denied.verb,
    resource: denied.resource ?? denied.nonResourceUrl,
    group: denied.group,
    namespace: denied.namespace,
  });
}

function notFound(status: number, body: ErrorBody, path: string): KubeError {
  const metrics = METRICS_PATH.test(path);
  if (metrics && !body.status) {
    // the aggregator has no APIService for the group: the apiserver's own plain-text 404
    return new KubeError({
      kind: 'metricsApiMissing',
      status,
      path,
      reason: 'NotFound',
      message: 'metrics.k8s.io is not served: metrics-server is not installed',
      remedy: REMEDY.metricsServerInstall,
    });
  }
  if (!body.status) {
    return new KubeError({
      kind: 'notFound',
      status,
      path,
      reason: 'NotFound',
      message: `The API server does not serve ${path} (404)`,
      remedy:
        'Check that the data source URL is the API server itself (no extra path) and that this Kubernetes version serves this API.',
    });
  }
  const fromMetrics = metrics || body.status.details?.group === 'metrics.k8s.io';
  return new KubeError({
    kind: 'notFound',
    status,
    path,
    reason: body.status.reason ?? 'NotFound',
    message: withDetail('Not found', body.text),
    remedy: fromMetrics
      ? 'metrics-server has no sample for it yet: new nodes and pods get metrics after its first scrape (about a minute).'
      : 'Check the name and the namespace; the object may have been deleted.',
    resource: body.status.details?.kind,
    group: body.status.details?.group,
  });
}

function gone(status: number, body: ErrorBody, path: string): KubeError {
  const continueToken = body.status?.metadata?.continue || undefined;
  if (body.status?.reason === 'Expired') {
    return new KubeError({
      kind: 'expired',
      status,
      path,
      reason: 'Expired',
      continueToken,
      message: 'The list changed too much while it was being read: its continue token expired (410 Expired)',
      remedy:
        'Run the query again; it reads the list from the start. Narrow it (namespace, label selector) if this repeats.',
    });
  }
  return new KubeError({
    kind: 'gone',
    status,
    path,
    reason: body.status?.reason ?? 'Gone',
    continueToken,
    message: withDetail('The requested version is no longer available (410 Gone)', body.text),
    remedy: 'Run the query again to read the current state.',
  });
}

function badRequest(status: number, body: ErrorBody, path: string): KubeError {
  if (body.text === GRAFANA_AUTH_FAILED) {
    // Grafana's proxy turns an upstream 401 into this 400 (pkg/api/pluginproxy/ds_proxy.go)
    return new KubeError({
      kind: 'unauthorized',
      status,
      path,
      reason: 'Unauthorized',
      message: 'The API server rejected the credentials (Grafana reports "Authentication to data source failed")',
      remedy: REMEDY.credentials,
    });
  }
  if (body.text === GRAFANA_BAD_TLS) {
    return new KubeError({
      kind: 'badRequest',
      status,
      path,
      message: "Grafana could not load the data source's TLS certificate or key",
      remedy:
        'Paste the CA certificate, client certificate and client key again, as PEM text, in the data source settings.',
    });
  }
  const containerHint = /container name must be specified|is not valid for pod/.test(body.text);
  return new KubeError({
    kind: 'badRequest',
    status,
    path,
    reason: body.status?.reason ?? 'BadRequest',
    message: withDetail('The API server refused the request', body.text),
    remedy: containerHint
      ? 'Choose one of the containers the message lists.'
      : "Check the query's options (selectors, container, time range).",
  });
}

function unavailable(status: number, body: ErrorBody, path: string, headers?: ResponseHeaders): KubeError {
  const node = nodeOf(path);
  if (node && /error trying to reach service/i.test(body.text)) {
    return new KubeError({
      kind: 'nodeUnreachable',
      status,
      path,
      node,
      reason: body.status?.reason ?? 'ServiceUnavailable',
      message: `The API server could not reach the kubelet on node "${node}": ${body.text}`,
      remedy: `Check that node ${node} is Ready (kubectl get node ${node}) and that the API server can reach its kubelet port (10250): firewalls, security groups, a stopped kubelet.`,
    });
  }
  if (METRICS_PATH.test(path) && !body.status) {
    // the aggregator's plain-text "service unavailable": the APIService exists, metrics-server does not answer
    return new KubeError({
      kind: 'metricsApiMissing',
      status,
      path,
      reason: 'ServiceUnavailable',
      message: 'metrics-server is registered but not available (metrics.k8s.io answers 503 service unavailable)',
      remedy: REMEDY.metricsServerHealth,
    });
  }
  const seconds = retryAfter(body, headers);
  return new KubeError({
    kind: 'unavailable',
    status,
    path,
    reason: body.status?.reason ?? 'ServiceUnavailable',
    retryAfterSeconds: seconds,
    message: withDetail('The API server is unavailable (503)', body.text),
    remedy: seconds !== undefined ? `Retry in ${seconds} s; if it persists, check the API server.` : REMEDY.retry,
  });
}

/** An HTML page (the API server never sends one): a load balancer, an ingress or an SSO proxy answered. */
function fromPage(
  status: number,
  body: ErrorBody,
  path: string,
  headers: ResponseHeaders | undefined,
  statusText: string | undefined
): KubeError {
  const page = body.page!;
  const who = page.server ? `The API server's front (${page.server})` : 'A proxy in front of the API server';
  const what = statusLine(status, statusText);
  // the heading often only repeats the status ("502 Bad Gateway", "504 Gateway Time-out"); keep it if it says more
  const repeats = (h: string) => [what, what.slice(String(status).length)].some((w) => bareText(w) === bareText(h));
  const heading = page.heading && !repeats(page.heading) ? page.heading : undefined;
  const detail = [heading, page.line].filter(Boolean).join(': ');
  const { kind, remedy } = pageKind(status);
  const seconds = status === 429 || status === 503 ? retryAfter(body, headers) : undefined;
  return new KubeError({
    kind,
    status,
    path,
    retryAfterSeconds: seconds,
    message: withDetail(`${who} answered ${what}`, detail),
    remedy,
  });
}

/**
 * Turns an HTTP error response (status, body in any shape, request path) into a KubeError. A Status body is read
 * precisely; an HTML page or an oversized body is summarised, never quoted raw (errorBody.ts).
 */
export function kubeErrorFromResponse(
  status: number,
  body: unknown,
  path: string,
  headers?: ResponseHeaders,
  statusText?: string
): KubeError {
  const read = readErrorBody(body, { server: headerValue(headers, 'server'), status, statusText });
  if (status <= 0) {
    return fromCase(NETWORK_CASE, status, read, path);
  }
  if (read.page?.html && status !== 401) {
    return fromPage(status, read, path, headers, statusText);
  }
  const simple = STATUS_CASES[status];
  if (simple) {
    return fromCase(simple, status, read, path);
  }
  switch (status) {
    case 400:
      return badRequest(status, read, path);
    case 403:
      return forbidden(status, read, path);
    case 404:
      return notFound(status, read, path);
    case 410:
      return gone(status, read, path);
    case 429: {
      const seconds = retryAfter(read, headers);
      return new KubeError({
        kind: 'tooManyRequests',
        status,
        path,
        reason: read.status?.reason ?? 'TooManyRequests',
        retryAfterSeconds: seconds,
        message: 'The API server is throttling requests (429 Too Many Requests)',
        remedy:
          `${seconds !== undefined ? `Wait ${seconds} s before retrying; ` : ''}` +
          'lower the fan-out concurrency or raise the poll interval in the data source settings.',
      });
    }
    case 503:
      return unavailable(status, read, path, headers);
  }
  const gateway = read.status || read.text ? undefined : GRAFANA_GATEWAY_CASES[status];
  if (gateway) {
    return fromCase(gateway, status, read, path);
  }
  const node = nodeOf(path);
  if (status >= 500 && node && /error trying to reach service/i.test(read.text)) {
    return unavailable(status, read, path, headers);
  }
  const timedOut = status === 504 || read.status?.reason === 'Timeout';
  return fromCase(timedOut ? TIMEOUT_CASE : otherCase(status), status, read, path);
}
