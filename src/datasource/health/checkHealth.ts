import { catchError, firstValueFrom, map, Observable, of } from 'rxjs';

import type { KubeClient } from '../kube/client';
import { describeKubeError, type KubeError } from '../kube/errors';
import { metricsGroupPath, namespacesPath, nodeMetricsPath, podLogPath, podsPath, versionPath } from '../kube/paths';
import { forgetMetricsVersion, metricsVersion } from '../kube/metricsDiscovery';
import { asKubeError } from '../kube/queryError';
import { rejectedText, unreachableText } from './connectionText';
import { describeKubeletProbe, KUBELET_PROBE_CONCURRENCY, probeKubelets } from './kubeletProbe';
import { accessReviewFor, describePermission, neededPermissions, type Permission } from './permissions';
import type { HealthProgress } from '../config/healthProgress';
import { buildReport, type HealthReport, type StepId, type StepResult } from './report';
import { checkSettings, type SavedSettings, type SignedInUser } from './settingsCheck';
import { riskyRules, rulesReviewFor, type RulesReviewStatus } from './writeAccess';

export type { HealthReport, StepResult } from './report';

export interface HealthOptions {
  kubeletAccess: boolean;
  /** the saved settings (`/api/datasources/uid/<uid>`); a rejection (a Viewer may not read them) skips that step */
  loadSettings?: () => Promise<SavedSettings>;
  user?: SignedInUser;
  onProgress?: (progress: HealthProgress) => void;
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

const ACCESS_REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const RULES_REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
/** namespaces whose rules are asked for: default for workloads, kube-system for the control plane's */
const RULES_NAMESPACES = ['default', 'kube-system'];

const TITLES: Record<StepId, string> = {
  settings: 'Reading the settings',
  api: 'Reaching the API server',
  auth: 'Checking the credentials',
  permissions: 'Asking the cluster what this identity may read',
  writes: 'Asking whether this identity can change the cluster',
  metrics: 'Checking the metrics API',
  logs: 'Reading a log line',
  kubelet: 'Asking the kubelets',
};

/**
 * The data source's Save & test. Each step asks one question and says, in one line, what it found and what to
 * do; a step that cannot mean anything after an earlier failure is shown as skipped, never as passed.
 */
export async function checkHealth(client: KubeClient, opts: HealthOptions): Promise<HealthReport> {
  const order: StepId[] = ['settings', 'api', 'auth', 'permissions', 'writes', 'metrics', 'logs'];
  if (opts.kubeletAccess) {
    order.push('kubelet');
  }
  const steps: StepResult[] = [];
  const progress = (step: StepId) =>
    opts.onProgress?.({ title: TITLES[step], index: order.indexOf(step) + 1, total: order.length });
  const skipRest = (why: string) => {
    for (const step of order.slice(steps.length)) {
      steps.push({ step, status: 'skipped', text: `${TITLES[step]}: not checked, ${why}.` });
    }
  };

  // 1. the settings, before any request: an empty URL or a missing token has an exact answer
  progress('settings');
  const saved = await Promise.resolve()
    .then(() => opts.loadSettings?.())
    .catch(() => undefined);
  if (!saved) {
    steps.push({
      step: 'settings',
      status: 'skipped',
      text: 'Settings: not read (only users who can edit the data source may).',
    });
  } else {
    const problems = checkSettings(saved, opts.user);
    const errors = problems.filter((p) => p.severity === 'error');
    const text = problems.map((p) => `${p.message} ${p.remedy}`).join(' ');
    steps.push({
      step: 'settings',
      status: errors.length ? 'error' : problems.length ? 'warning' : 'ok',
      text: problems.length ? `Settings: ${text}` : 'Settings are complete.',
    });
    if (errors.length) {
      skipRest('the settings are incomplete');
      return buildReport(steps, undefined);
    }
  }

  // 2. reachable at all, and which Kubernetes; /version is public, so a 401 or 403 here still means reachable
  progress('api');
  const version = await attempt(client.getJson<{ gitVersion?: string }>(versionPath()), versionPath());
  const reachable = version.ok || version.error.kind === 'unauthorized' || version.error.kind === 'forbidden';
  if (!reachable) {
    steps.push({ step: 'api', status: 'error', text: unreachableText(version.error, saved) });
    skipRest('the API server did not answer');
    return buildReport(steps, undefined);
  }
  const gitVersion = version.ok ? version.value?.gitVersion : undefined;
  steps.push({
    step: 'api',
    status: 'ok',
    text: `API server reachable${gitVersion ? ` (Kubernetes ${gitVersion})` : ''}.`,
  });

  // 3. credentials: any authenticated answer (even a 403) proves them
  progress('auth');
  const ns = await attempt(client.getJson<unknown>(namespacesPath(), { limit: 1 }), namespacesPath());
  if (!ns.ok && ns.error.kind === 'unauthorized') {
    steps.push({ step: 'auth', status: 'error', text: rejectedText(ns.error, saved) });
    skipRest('the API server did not accept the credentials');
    return buildReport(steps, gitVersion);
  }
  if (!ns.ok && ns.error.kind !== 'forbidden') {
    steps.push({ step: 'auth', status: 'error', text: `Credentials: ${describeKubeError(ns.error)}` });
    skipRest('the API server did not answer a simple list');
    return buildReport(steps, gitVersion);
  }
  steps.push({ step: 'auth', status: 'ok', text: 'Credentials accepted.' });

  // 4. every permission the enabled features need, asked of the cluster itself
  progress('permissions');
  const denied = await reviewPermissions(client, neededPermissions(opts));
  steps.push(permissionsStep(denied));
  const logsDenied = Array.isArray(denied) && denied.some((p) => p.subresource === 'log');

  // 5. more than it needs: write verbs or Secrets
  progress('writes');
  steps.push(await writesStep(client));

  // 6. metrics.k8s.io served (metrics-server installed and healthy) and readable
  progress('metrics');
  steps.push(await metricsStep(client));

  // 7. a log line, read for real: the permission alone does not prove the kubelet answers
  progress('logs');
  steps.push(
    logsDenied
      ? { step: 'logs', status: 'skipped', text: 'Logs: not read, pods/log is not allowed (see above).' }
      : await logsStep(client)
  );

  // 8. the kubelets, through the node proxy, only when turned on
  if (opts.kubeletAccess) {
    progress('kubelet');
    const probe = await probeKubelets(client).then(
      (r) => describeKubeletProbe(r),
      (err) => ({ ok: false, text: `Kubelet access: cannot list nodes. ${describeKubeError(asKubeError(err))}` })
    );
    steps.push({ step: 'kubelet', status: probe.ok ? 'ok' : 'error', text: probe.text });
  }
  return buildReport(steps, gitVersion);
}

interface AccessReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/** The permissions the cluster denies, or the error that kept it from answering. */
async function reviewPermissions(client: KubeClient, needed: Permission[]): Promise<Permission[] | KubeError> {
  const results = await firstValueFrom(
    client.fanOut(
      needed,
      (p) => client.postJson<AccessReviewStatus>(ACCESS_REVIEWS, accessReviewFor(p)),
      KUBELET_PROBE_CONCURRENCY
    )
  );
  const failed = results.find((r) => r.error);
  if (failed?.error) {
    return failed.error;
  }
  return results.filter((r) => r.value?.status?.allowed !== true).map((r) => r.key);
}

function permissionsStep(denied: Permission[] | KubeError): StepResult {
  if (!Array.isArray(denied)) {
    const onlyEditors = denied.kind === 'forbidden' && /route access denied/.test(denied.message);
    return {
      step: 'permissions',
      status: 'skipped',
      text: onlyEditors
        ? 'Permissions: not asked; only users who may edit this data source can ask the cluster (datasources:write).'
        : `Permissions: the cluster did not answer the access review. ${describeKubeError(denied)}`,
    };
  }
  if (!denied.length) {
    return { step: 'permissions', status: 'ok', text: 'Every permission the enabled features need is granted.' };
  }
  const byFile = new Map<string, Permission[]>();
  for (const p of denied) {
    byFile.set(p.grantedBy, [...(byFile.get(p.grantedBy) ?? []), p]);
  }
  const parts = Array.from(byFile, ([file, ps]) => {
    const what = ps.map((p) => `${describePermission(p)} (${p.feature})`).join(', ');
    return `${what}: granted by provisioning/kubernetes/${file}`;
  });
  return { step: 'permissions', status: 'error', text: `Missing permissions: ${parts.join('; ')}.` };
}

async function writesStep(client: KubeClient): Promise<StepResult> {
  const reviews = await firstValueFrom(
    client.fanOut(
      RULES_NAMESPACES,
      (ns) => client.postJson<{ status?: RulesReviewStatus }>(RULES_REVIEWS, rulesReviewFor(ns)),
      KUBELET_PROBE_CONCURRENCY
    )
  );
  const failed = reviews.find((r) => r.error);
  if (failed?.error) {
    return {
      step: 'writes',
      status: 'skipped',
      text: `Write access: not asked (${failed.error.message}).`,
    };
  }
  const findings = Array.from(new Set(reviews.flatMap((r) => riskyRules(r.value?.status ?? {}))));
  const incomplete = reviews.some((r) => r.value?.status?.incomplete);
  const caveat = incomplete
    ? ' The cluster could not list every rule (a webhook authorizer), so this may miss some.'
    : '';
  if (!findings.length) {
    return { step: 'writes', status: 'ok', text: `The identity can only read (no write verbs, no Secrets).${caveat}` };
  }
  const shown = findings.slice(0, 4).join('; ');
  const more = findings.length > 4 ? `; and ${findings.length - 4} more` : '';
  return {
    step: 'writes',
    status: 'warning',
    text: `This identity can change the cluster or read its secrets: it ${shown}${more}. Kubeglance only reads: bind it to the read-only roles in provisioning/kubernetes (docs/rbac.md), so a leaked credential cannot do harm.${caveat}`,
  };
}

async function metricsStep(client: KubeClient): Promise<StepResult> {
  // discover afresh (Save & test may follow a metrics-server change), and keep the choice for the queries
  forgetMetricsVersion(client);
  const discovery = await attempt(metricsVersion(client), metricsGroupPath());
  if (!discovery.ok) {
    return { step: 'metrics', status: 'error', text: `Metrics API: ${describeKubeError(discovery.error)}` };
  }
  const version = discovery.value;
  const path = nodeMetricsPath(undefined, version);
  const nodeMetrics = await attempt(client.getJson<unknown>(path), path);
  if (!nodeMetrics.ok && nodeMetrics.error.status === 404) {
    forgetMetricsVersion(client);
  }
  return nodeMetrics.ok
    ? { step: 'metrics', status: 'ok', text: `Metrics API (metrics.k8s.io/${version}) available.` }
    : { step: 'metrics', status: 'error', text: `Metrics API: ${describeKubeError(nodeMetrics.error)}` };
}

interface PodList {
  items?: Array<{ metadata?: { name?: string; namespace?: string } }>;
}

async function logsStep(client: KubeClient): Promise<StepResult> {
  const pods = await attempt(
    client.getJson<PodList>(podsPath(), { limit: 1, fieldSelector: 'status.phase=Running' }),
    podsPath()
  );
  if (!pods.ok) {
    return { step: 'logs', status: 'error', text: `Logs: cannot list pods. ${describeKubeError(pods.error)}` };
  }
  const pod = pods.value?.items?.[0]?.metadata;
  if (!pod?.name || !pod.namespace) {
    return { step: 'logs', status: 'ok', text: 'Logs: no running pod to read from; pods/log is allowed.' };
  }
  const path = podLogPath(pod.namespace, pod.name);
  const line = await attempt(client.getText(path, { tailLines: 1, limitBytes: 256 }), path);
  if (line.ok) {
    return { step: 'logs', status: 'ok', text: `Logs readable (a line from ${pod.namespace}/${pod.name}).` };
  }
  // a pod with several containers needs one named: reading is allowed, which is what this step asks
  if (line.error.kind === 'badRequest' && /container/i.test(line.error.message)) {
    return { step: 'logs', status: 'ok', text: `Logs readable (${pod.namespace}/${pod.name} answered).` };
  }
  return { step: 'logs', status: 'error', text: `Logs: ${describeKubeError(line.error)}` };
}
