/**
 * The triage scenarios about usage: over- and under-provisioned containers, outlier replicas among
 * alike siblings, and the HPAs over them.
 */
import { type OutlierTruth, type SteadyUsageTruth, type TriageTruth, TRIAGE } from './triageScenarios';
import { type DeploymentParts, type TriageBuilder, alike, setUsage, spec } from './clusterTriageBuilder';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function steadyDeployment(
  t: TriageBuilder,
  s: typeof TRIAGE.overProvisioned | typeof TRIAGE.underProvisioned
): SteadyUsageTruth {
  const { pods } = t.deployment(s.namespace, s.deployment, 1, 12 * DAY, () => [
    spec(s.container, `ghcr.io/kubeglance-sim/${s.deployment}:1.0.3`, {
      cpuRequest: s.requests.cpu,
      memRequest: s.requests.memory,
      memLimit: s.limits.memory,
    }),
  ]);
  setUsage(pods[0], s.usage.cpu, s.usage.memory);
  return {
    namespace: s.namespace,
    deployment: s.deployment,
    pod: pods[0].name,
    container: s.container,
    requests: { ...s.requests },
    limits: { ...s.limits },
    usage: { ...s.usage },
  };
}

export function outlierDeployments(t: TriageBuilder): { truths: OutlierTruth[]; memory: DeploymentParts } {
  const truths: OutlierTruth[] = [];
  let memoryParts: DeploymentParts | undefined;
  for (const kind of ['memory', 'restarts', 'cpu'] as const) {
    const s = TRIAGE.outliers[kind];
    const cpuRequest = 'cpuRequest' in s ? s.cpuRequest : 0.25;
    const parts = t.deployment(s.namespace, s.deployment, s.replicas, 5 * DAY, (i) => [
      spec(s.container, `ghcr.io/kubeglance-sim/${s.deployment}:3.1.0`, {
        cpuRequest,
        memRequest: 384 * 1024 * 1024,
        memLimit: 1024 ** 3,
        ...(kind === 'restarts' && i === s.index
          ? {
              fate: 'restarted' as const,
              restarts: TRIAGE.outliers.restarts.restarts,
              lastReason: 'Error',
              lastExitCode: 1,
            }
          : {}),
      }),
    ]);
    const usage: OutlierTruth['usage'] = {};
    parts.pods.forEach((p, i) => {
      let cpu = s.cpu * alike(i);
      let memory = Math.round(s.memoryBytes * alike(i));
      if (i === s.index && kind === 'memory') {
        memory = Math.round(s.memoryBytes * TRIAGE.outliers.memory.ratio);
      }
      if (i === s.index && kind === 'cpu') {
        cpu = s.cpu * TRIAGE.outliers.cpu.ratio;
      }
      setUsage(p, cpu, memory);
      usage[p.name] = { cpu, memory, restarts: p.containers[0].restartCount };
    });
    truths.push({
      kind,
      namespace: s.namespace,
      deployment: s.deployment,
      container: s.container,
      pods: parts.pods.map((p) => p.name),
      outlier: parts.pods[s.index].name,
      usage,
    });
    if (kind === 'memory') {
      memoryParts = parts;
    }
  }
  return { truths, memory: memoryParts as DeploymentParts };
}

export function hpas(
  t: TriageBuilder,
  storefront: DeploymentParts,
  cache: DeploymentParts
): Pick<TriageTruth, 'hpaAtMax' | 'hpaHealthy'> {
  const m = TRIAGE.hpaAtMax;
  const h = TRIAGE.hpaHealthy;
  const limitedSinceMs = t.startMs - m.limitedAgoMs;
  const c = t.b.c;
  c.hpas ??= [];
  c.hpas.push({
    namespace: m.namespace,
    name: m.name,
    uid: t.b.r.uid(),
    labels: { 'app.kubernetes.io/name': m.target },
    creationMs: cache.dep.creationMs + 60_000,
    target: { kind: 'Deployment', name: m.target, apiVersion: 'apps/v1' },
    minReplicas: m.minReplicas,
    maxReplicas: m.maxReplicas,
    metric: { resource: 'cpu', targetUtilization: m.targetCpuUtilization },
    currentUtilization: m.currentCpuUtilization,
    currentReplicas: cache.pods.length,
    desiredReplicas: m.maxReplicas,
    lastScaleMs: limitedSinceMs,
    limitedSinceMs,
  });
  c.hpas.push({
    namespace: h.namespace,
    name: h.name,
    uid: t.b.r.uid(),
    labels: { 'app.kubernetes.io/name': h.target },
    creationMs: storefront.dep.creationMs + 60_000,
    target: { kind: 'Deployment', name: h.target, apiVersion: 'apps/v1' },
    minReplicas: h.minReplicas,
    maxReplicas: h.maxReplicas,
    metric: { resource: 'cpu', targetUtilization: h.targetCpuUtilization },
    currentUtilization: h.currentCpuUtilization,
    currentReplicas: storefront.pods.length,
    desiredReplicas: storefront.pods.length,
    lastScaleMs: t.startMs - 3 * HOUR,
  });
  // the replicas above 3 are the ones the HPA added when it reached its maximum
  for (const p of cache.pods.slice(m.replicasBefore)) {
    const shift = limitedSinceMs + 1000 - p.creationMs;
    p.creationMs += shift;
    p.startMs += shift;
    p.containers.forEach((ct) => (ct.startedAtMs += shift));
  }
  const atMax = c.hpas[c.hpas.length - 2];
  t.event({
    namespace: atMax.namespace,
    kind: 'HorizontalPodAutoscaler',
    name: atMax.name,
    uid: atMax.uid,
    type: 'Normal',
    reason: 'SuccessfulRescale',
    message: `New size: ${m.maxReplicas}; reason: cpu resource utilization (percentage of request) above target`,
    firstAgoMs: m.limitedAgoMs,
    component: 'horizontal-pod-autoscaler',
  });
  t.workloadEvent(
    cache.dep,
    'Normal',
    'ScalingReplicaSet',
    `Scaled up replica set ${cache.rs.name} from ${m.replicasBefore} to ${m.maxReplicas}`,
    limitedSinceMs,
    'deployment-controller'
  );
  return {
    hpaAtMax: {
      namespace: m.namespace,
      name: m.name,
      target: m.target,
      minReplicas: m.minReplicas,
      maxReplicas: m.maxReplicas,
      currentReplicas: cache.pods.length,
      limitedSinceMs,
    },
    hpaHealthy: {
      namespace: h.namespace,
      name: h.name,
      target: h.target,
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      currentReplicas: storefront.pods.length,
    },
  };
}
