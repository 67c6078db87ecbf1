import { catchError, firstValueFrom, map, Observable, of } from 'rxjs';

import { KubeClient } from './kube/client';
import { describeKubeError, KubeError } from './kube/errors';
import { metricsApiPath, namespacesPath, nodeMetricsPath, nodeProxyPath, nodesPath, versionPath } from './kube/paths';
import { asKubeError } from './queries/queryError';

export type CheckName = 'api' | 'auth' | 'namespaces' | 'metrics' | 'kubelet';

export interface CheckResult {
  check: CheckName;
  ok: boolean;
  /** false when an earlier failure made this check meaningless */
  ran: boolean;
  text: string;
}

export interface HealthReport {
  status: 'success' | 'error';
  message: string;
  details: { message: string; verboseMessage: string };
  checks: CheckResult[];
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: KubeError };

function attempt<T>(source: Observable<T>, path: string): Promise<Attempt<T>> {
  return firstValueFrom(
    source.pipe(
      map((value): Attempt<T> => ({ ok: true, value })),
      catchError((err) => of<Attempt<T>>({ ok: false, error: asKubeError(err, path) }))
    )
  );
}

const skipped = (check: CheckName, why: string): CheckResult => ({ check, ok: false, ran: false, text: `${why}` });

/**
 * The data source's "Save & test": each check in order, every result in one report, so a partly working
 * setup says what works and what does not.
 */
export async function checkHealth(client: KubeClient, opts: { kubeletAccess: boolean }): Promise<HealthReport> {
  const checks: CheckResult[] = [];

  // 1. reachable at all, and which Kubernetes
  const version = await attempt(client.getJson<{ gitVersion?: string }>(versionPath()), versionPath());
  const unreachable = !version.ok && version.error.kind !== 'unauthorized' && version.error.kind !== 'forbidden';
  if (unreachable) {
    checks.push({ check: 'api', ok: false, ran: true, text: `API server: ${describeKubeError(version.error)}` });
    checks.push(skipped('auth', 'Credentials: not checked, the API server did not answer.'));
  } else {
    const v = version.ok && version.value?.gitVersion ? ` (Kubernetes ${version.value.gitVersion})` : '';
    checks.push({ check: 'api', ok: true, ran: true, text: `API server reachable${v}.` });
  }

  // 2 + 3. credentials accepted, and allowed to list namespaces
  if (!unreachable) {
    const ns = await attempt(client.getJson<unknown>(namespacesPath(), { limit: 1 }), namespacesPath());
    if (ns.ok) {
      checks.push({ check: 'auth', ok: true, ran: true, text: 'Credentials accepted.' });
      checks.push({ check: 'namespaces', ok: true, ran: true, text: 'Can list namespaces.' });
    } else if (ns.error.kind === 'unauthorized') {
      checks.push({ check: 'auth', ok: false, ran: true, text: `Credentials: ${describeKubeError(ns.error)}` });
    } else if (ns.error.kind === 'forbidden') {
      checks.push({ check: 'auth', ok: true, ran: true, text: 'Credentials accepted.' });
      checks.push({ check: 'namespaces', ok: false, ran: true, text: `Namespaces: ${describeKubeError(ns.error)}` });
    } else {
      checks.push({ check: 'auth', ok: false, ran: true, text: `Credentials: ${describeKubeError(ns.error)}` });
    }
  }

  const authOk = checks.some((c) => c.check === 'auth' && c.ok);
  if (!authOk) {
    checks.push(skipped('metrics', 'Metrics API: not checked until the API server accepts the credentials.'));
    if (opts.kubeletAccess) {
      checks.push(skipped('kubelet', 'Kubelet access: not checked until the API server accepts the credentials.'));
    }
    return report(checks);
  }

  // 4. metrics.k8s.io served (metrics-server installed and healthy) and readable
  const discovery = await attempt(client.getJson<unknown>(metricsApiPath()), metricsApiPath());
  if (!discovery.ok) {
    checks.push({ check: 'metrics', ok: false, ran: true, text: `Metrics API: ${describeKubeError(discovery.error)}` });
  } else {
    const nodeMetrics = await attempt(client.getJson<unknown>(nodeMetricsPath()), nodeMetricsPath());
    checks.push(
      nodeMetrics.ok
        ? { check: 'metrics', ok: true, ran: true, text: 'Metrics API (metrics.k8s.io) available.' }
        : { check: 'metrics', ok: false, ran: true, text: `Metrics API: ${describeKubeError(nodeMetrics.error)}` }
    );
  }

  // 5. the kubelet through the node proxy, only when turned on
  if (opts.kubeletAccess) {
    checks.push(await checkKubelet(client));
  }
  return report(checks);
}

async function checkKubelet(client: KubeClient): Promise<CheckResult> {
  const nodes = await attempt(
    client.getJson<{ items?: Array<{ metadata?: { name?: string } }> }>(nodesPath(), { limit: 1 }),
    nodesPath()
  );
  if (!nodes.ok) {
    return {
      check: 'kubelet',
      ok: false,
      ran: true,
      text: `Kubelet access: cannot list nodes. ${describeKubeError(nodes.error)}`,
    };
  }
  const node = nodes.value?.items?.[0]?.metadata?.name;
  if (!node) {
    return { check: 'kubelet', ok: false, ran: true, text: 'Kubelet access: the cluster has no nodes to ask.' };
  }
  const path = nodeProxyPath(node, 'stats/summary');
  const summary = await attempt(client.getJson<unknown>(path, { only_cpu_and_memory: true }), path);
  if (summary.ok) {
    return { check: 'kubelet', ok: true, ran: true, text: `Kubelet access works (node ${node}).` };
  }
  return { check: 'kubelet', ok: false, ran: true, text: `Kubelet access: ${describeKubeError(summary.error)}` };
}

function report(checks: CheckResult[]): HealthReport {
  const failed = checks.filter((c) => c.ran && !c.ok);
  const lines = checks.map((c) => `${c.ran ? (c.ok ? '✓' : '✗') : '–'} ${c.text}`);
  const passed = checks.filter((c) => c.ok).length;
  const head = failed.length
    ? `${passed} of ${checks.length} checks passed.`
    : `Connected: all ${checks.length} checks passed.`;
  const message = [head, ...lines].join('\n');
  return {
    status: failed.length || checks.some((c) => !c.ran) ? 'error' : 'success',
    message,
    details: { message: failed.map((c) => c.text).join('\n') || head, verboseMessage: lines.join('\n') },
    checks,
  };
}
