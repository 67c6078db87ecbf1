/**
 * /healthz, /livez and /readyz as kube-apiserver serves them (apiserver pkg/server/healthz): `ok`, or with
 * `?verbose` one `[+]<check> ok` line per check and `<name> check passed`; `?exclude=<check>` marks a check
 * `excluded: ok`; `/<endpoint>/<check>` runs one check. The check names are a 1.31 kube-apiserver's.
 */
import { type RouteContext, type Reply, pageNotFound } from '../server/routesCommon';

const POST_START_HOOKS = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter',
  'storage-object-count-tracker-hook',
  'start-apiextensions-informers',
  'start-apiextensions-controllers',
  'crd-informer-synced',
  'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer',
  'bootstrap-controller',
  'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers',
  'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller',
  'apiservice-registration-controller',
  'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((h) => `poststarthook/${h}`);

const TAIL = [
  'autoregister-completion',
  'poststarthook/apiservice-openapi-controller',
  'poststarthook/apiservice-openapiv3-controller',
];

/** the checks of each endpoint, in the order the verbose output lists them */
export const HEALTH_CHECKS: Record<string, string[]> = {
  healthz: ['ping', 'log', 'etcd', ...POST_START_HOOKS, ...TAIL],
  livez: ['ping', 'log', 'etcd', ...POST_START_HOOKS, ...TAIL],
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...POST_START_HOOKS, ...TAIL, 'shutdown'],
};

function plain(body: string): Reply {
  return {
    kind: 'text',
    status: 200,
    body,
    contentType: 'text/plain; charset=utf-8',
    headers: { 'X-Content-Type-Options': 'nosniff' },
  };
}

export function healthRoute(ctx: RouteContext): Reply | undefined {
  const [endpoint, ...rest] = ctx.segments;
  const checks = ctx.segments.length > 0 ? HEALTH_CHECKS[endpoint] : undefined;
  if (!checks) {
    return undefined;
  }
  if (rest.length > 0) {
    return checks.includes(rest.join('/')) ? plain('ok') : pageNotFound();
  }
  // ?verbose with any value (even empty) asks for the per-check lines
  if (!ctx.query.has('verbose')) {
    return plain('ok');
  }
  const excluded = new Set(ctx.query.getAll('exclude'));
  const lines = checks.map((c) => (excluded.has(c) ? `[+]${c} excluded: ok` : `[+]${c} ok`));
  return plain(`${lines.join('\n')}\n${endpoint} check passed\n`);
}
