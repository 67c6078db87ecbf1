/**
 * What each HTTP status means when the body says nothing more: one table row per status, read by
 * responseErrors.ts, which handles the statuses whose body needs reading (403, 404, 410, 400, 503, HTML pages).
 */
import { KubeError, KubeErrorKind } from './kubeError';
import { ErrorBody } from './statusBody';

/** Remedies more than one error shares. */
export const REMEDY = {
  credentials:
    "Check the data source's bearer token (or client certificate and key): it may be wrong, expired or revoked. " +
    'Tokens from `kubectl create token` expire (1 hour by default); use a longer --duration or a service-account token Secret.',
  reachability:
    'Check the data source URL, that the Grafana server can reach the API server, and the TLS settings ' +
    '(CA certificate, server name, or skip verify for a self-signed certificate).',
  retry: 'Retry in a moment; if it persists, check the API server (kubectl get --raw /readyz?verbose).',
  metricsServerInstall:
    'Install metrics-server (kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml) ' +
    'and check that `kubectl get apiservice v1beta1.metrics.k8s.io` shows Available=True.',
  metricsServerHealth:
    'Check the metrics-server pod (kubectl -n kube-system get pods -l k8s-app=metrics-server) and the APIService status ' +
    '(kubectl get apiservice v1beta1.metrics.k8s.io -o yaml): a crashing pod, a blocked port or a TLS error shows there.',
  malformed: 'Check that the data source URL points at a Kubernetes API server and not at a web page or another proxy.',
};

export function withDetail(head: string, detail: string): string {
  return detail ? `${head}: ${detail}` : head;
}

/**
 * An answer whose error needs nothing from the body but the Status reason and text: its kind, the reason when the
 * body has none, the message (the body's text is appended unless `plain`) and the remedy.
 */
export interface StatusCase {
  kind: KubeErrorKind;
  reason?: string;
  message: string;
  remedy: string;
  /** the body says nothing worth adding (a 401, Grafana's empty gateway answers) */
  plain?: boolean;
}

export function fromCase(c: StatusCase, status: number, body: ErrorBody, path: string): KubeError {
  return new KubeError({
    kind: c.kind,
    status,
    path,
    reason: c.plain ? c.reason : (body.status?.reason ?? c.reason),
    message: c.plain ? c.message : withDetail(c.message, body.text),
    remedy: c.remedy,
  });
}

/** The statuses the API server answers with nothing to read beyond the Status body. */
export const STATUS_CASES: Readonly<Partial<Record<number, StatusCase>>> = {
  401: {
    kind: 'unauthorized',
    reason: 'Unauthorized',
    message: 'The API server rejected the credentials (401 Unauthorized)',
    remedy: REMEDY.credentials,
    plain: true,
  },
  409: { kind: 'conflict', reason: 'Conflict', message: 'Conflict (409)', remedy: 'Run the query again.' },
  422: {
    kind: 'invalid',
    reason: 'Invalid',
    message: 'The API server rejected the request as invalid',
    remedy: "Check the query's parameters (selectors, names, limits).",
  },
};

/** An empty 502/504 is Grafana's reverse proxy failing to talk to the API server (proxyutil errorHandler). */
export const GRAFANA_GATEWAY_CASES: Readonly<Partial<Record<number, StatusCase>>> = {
  502: {
    kind: 'unreachable',
    message:
      "Grafana could not connect to the API server: Grafana's proxy answered 502 with no reason; the name did not " +
      'resolve, the connection was refused, or TLS failed',
    remedy: `Grafana's server log (logger=data-proxy-log) has the exact error. ${REMEDY.reachability}`,
    plain: true,
  },
  504: {
    kind: 'gatewayTimeout',
    message: "The API server did not answer within Grafana's data proxy timeout (30 s by default, [dataproxy] timeout)",
    remedy:
      'Narrow the query (namespace, label selector), or raise [dataproxy] timeout in grafana.ini; check that a ' +
      'firewall does not drop the connection and the API server load.',
    plain: true,
  },
};

export const NETWORK_CASE: StatusCase = {
  kind: 'network',
  message: 'The request did not reach Grafana (network error)',
  remedy: 'Check the connection to Grafana and reload the page.',
  plain: true,
};

export const TIMEOUT_CASE: StatusCase = {
  kind: 'timeout',
  reason: 'Timeout',
  message: 'The API server timed out',
  remedy: 'Narrow the query (namespace, label selector) and retry.',
};

/** Any other status, by class. */
export function otherCase(status: number): StatusCase {
  return status >= 500
    ? {
        kind: 'serverError',
        reason: 'InternalError',
        message: `The API server failed (${status})`,
        remedy: REMEDY.retry,
      }
    : {
        kind: 'unknown',
        message: `The API server answered ${status}`,
        remedy: 'Check the data source settings and the API server.',
      };
}

/** What a page from a proxy means, by status: the kind (so retries and checks still work) and what to do. */
export function pageKind(status: number): { kind: KubeErrorKind; remedy: string } {
  switch (status) {
    case 400:
      return { kind: 'badRequest', remedy: REMEDY.malformed };
    case 403:
      return { kind: 'forbidden', remedy: `The proxy refused the request, not Kubernetes RBAC. ${REMEDY.malformed}` };
    case 404:
      return { kind: 'notFound', remedy: REMEDY.malformed };
    case 408:
    case 504:
      return {
        kind: 'timeout',
        remedy: "Narrow the query (namespace, label selector) or raise the proxy's timeout; check the API server load.",
      };
    case 429:
      return { kind: 'tooManyRequests', remedy: 'Raise the poll interval or lower the fan-out concurrency.' };
    case 502:
      return {
        kind: 'serverError',
        remedy:
          "The proxy could not get an answer from the API server: check that the API server runs and that the proxy's " +
          'backend (address, port, health check) points at it.',
      };
    case 503:
      return {
        kind: 'unavailable',
        remedy: 'The API server may be restarting (a rollout), or the proxy has no healthy backend. ' + REMEDY.retry,
      };
  }
  return status >= 500 ? { kind: 'serverError', remedy: REMEDY.retry } : { kind: 'unknown', remedy: REMEDY.malformed };
}
