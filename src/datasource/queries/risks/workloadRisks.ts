/**
 * Controller checks: Deployments, StatefulSets and DaemonSets short of replicas or stuck in a rollout, failed
 * Jobs, HPAs at their maximum (the mixin's KubeDeployment*, KubeStatefulSet*, KubeDaemonSet*, KubeJobFailed,
 * KubeHpaMaxedOut). Replica counts come from the controllers' own status, as the mixin's kube-state-metrics do.
 */
import { parseKubeTime } from '../../decode/kubeTime';
import { DaemonSetObject, DeploymentObject, Finding, HpaObject, JobObject, StatefulSetObject } from './riskTypes';
import { clean, conditionOf, isTrue, lasting, metaOf, num, settled, sinceOf } from './riskWords';

/** The pod to open for a workload's logs and events (one of its unready pods), when known. */
export type PodOf = (kind: string, namespace: string, name: string) => string | undefined;

function shortfall(
  kind: string,
  meta: { name: string; namespace: string },
  want: number,
  have: number,
  what: string,
  sinceMs: number | undefined,
  nowMs: number,
  podOf: PodOf,
  check: string
): Finding {
  const none = have === 0;
  const old = settled(sinceMs, nowMs);
  return {
    severity: none && old ? 'critical' : old ? 'warning' : 'info',
    kind,
    namespace: meta.namespace,
    object: meta.name,
    pod: podOf(kind, meta.namespace, meta.name),
    check,
    sinceMs,
    reason:
      `${have} of ${want} replicas ${what}${lasting(sinceMs, nowMs)}` +
      `${none ? ': none serves' : ''}; see its pods' rows for why.`,
  };
}

export function deploymentFindings(d: DeploymentObject, podOf: PodOf, nowMs: number): Finding[] {
  const meta = metaOf(d);
  if (!meta || d.spec?.paused) {
    return [];
  }
  const out: Finding[] = [];
  const progressing = conditionOf(d.status?.conditions, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    const sinceMs = sinceOf(progressing, d);
    out.push({
      severity: 'warning',
      kind: 'Deployment',
      namespace: meta.namespace,
      object: meta.name,
      pod: podOf('Deployment', meta.namespace, meta.name),
      check: 'KubeDeploymentRolloutStuck',
      sinceMs,
      reason:
        `Rollout stuck${lasting(sinceMs, nowMs)} (ProgressDeadlineExceeded)` +
        `${progressing.message ? `: ${clean(progressing.message)}` : ''}. ` +
        'Fix the new pods (see their rows) or roll back: kubectl rollout undo.',
    });
  }
  const want = typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
  const have = num(d.status?.availableReplicas);
  if (want > 0 && have < want) {
    const available = conditionOf(d.status?.conditions, 'Available');
    const sinceMs = available && !isTrue(available) ? sinceOf(available, d) : undefined;
    out.push(
      shortfall('Deployment', meta, want, have, 'available', sinceMs, nowMs, podOf, 'KubeDeploymentReplicasMismatch')
    );
  }
  return out;
}

export function statefulSetFindings(s: StatefulSetObject, podOf: PodOf, nowMs: number): Finding[] {
  const meta = metaOf(s);
  if (!meta) {
    return [];
  }
  const out: Finding[] = [];
  const want = typeof s.spec?.replicas === 'number' ? s.spec.replicas : 1;
  const have = num(s.status?.readyReplicas);
  if (want > 0 && have < want) {
    // a StatefulSet carries no condition with a time: the age of its problem is unknown
    out.push(
      shortfall('StatefulSet', meta, want, have, 'ready', undefined, nowMs, podOf, 'KubeStatefulSetReplicasMismatch')
    );
  }
  const { currentRevision, updateRevision } = s.status ?? {};
  if (
    currentRevision &&
    updateRevision &&
    currentRevision !== updateRevision &&
    num(s.status?.updatedReplicas) < want
  ) {
    out.push({
      severity: 'warning',
      kind: 'StatefulSet',
      namespace: meta.namespace,
      object: meta.name,
      pod: podOf('StatefulSet', meta.namespace, meta.name),
      check: 'KubeStatefulSetUpdateNotRolledOut',
      reason: `Update not rolled out: ${num(s.status?.updatedReplicas)} of ${want} pods on revision ${updateRevision}; a pod that does not become ready holds the rollout.`,
    });
  }
  return out;
}

export function daemonSetFindings(ds: DaemonSetObject, podOf: PodOf, nowMs: number): Finding[] {
  const meta = metaOf(ds);
  if (!meta) {
    return [];
  }
  const st = ds.status ?? {};
  const desired = num(st.desiredNumberScheduled);
  const base = {
    kind: 'DaemonSet',
    namespace: meta.namespace,
    object: meta.name,
    pod: podOf('DaemonSet', meta.namespace, meta.name),
  };
  const out: Finding[] = [];
  const missing = desired - num(st.currentNumberScheduled);
  if (missing > 0) {
    out.push({
      ...base,
      severity: 'warning',
      check: 'KubeDaemonSetNotScheduled',
      reason: `${missing} of ${desired} nodes have no pod of it: check its tolerations and the nodes' resources.`,
    });
  }
  if (num(st.numberMisscheduled) > 0) {
    out.push({
      ...base,
      severity: 'warning',
      check: 'KubeDaemonSetMisScheduled',
      reason: `${num(st.numberMisscheduled)} pod(s) run on nodes they should not (node labels or taints changed).`,
    });
  }
  const available = num(st.numberAvailable);
  const updated = num(st.updatedNumberScheduled);
  if (desired > 0 && (available < desired || updated < desired)) {
    out.push({
      ...base,
      severity: available === 0 ? 'critical' : 'warning',
      check: 'KubeDaemonSetRolloutStuck',
      reason: `${available} of ${desired} pods available, ${updated} updated; see its pods' rows for why.`,
    });
  }
  return out;
}

export function jobFindings(j: JobObject, podOf: PodOf): Finding[] {
  const meta = metaOf(j);
  const failed = conditionOf(j.status?.conditions, 'Failed');
  if (!meta || !isTrue(failed)) {
    return [];
  }
  const why = [failed?.reason, clean(failed?.message)].filter(Boolean).join(': ');
  return [
    {
      severity: 'warning',
      kind: 'Job',
      namespace: meta.namespace,
      object: meta.name,
      pod: podOf('Job', meta.namespace, meta.name),
      check: 'KubeJobFailed',
      sinceMs: parseKubeTime(failed?.lastTransitionTime) ?? parseKubeTime(j.status?.startTime),
      reason:
        `Failed${why ? ` (${why})` : ''} after ${num(j.status?.failed)} failed pod(s): ` +
        "read the failed pods' logs; delete the Job to clear this.",
    },
  ];
}

export function hpaFindings(h: HpaObject, nowMs: number): Finding[] {
  const meta = metaOf(h);
  const max = h.spec?.maxReplicas;
  if (!meta || typeof max !== 'number') {
    return [];
  }
  const min = typeof h.spec?.minReplicas === 'number' ? h.spec.minReplicas : 1;
  const current = num(h.status?.currentReplicas);
  const target = h.spec?.scaleTargetRef;
  const of = target?.kind && target.name ? ` ${target.kind} ${target.name}` : '';
  const out: Finding[] = [];
  // a fixed size (min = max) is a choice, not a risk
  if (max > min && current >= max) {
    const limited = conditionOf(h.status?.conditions, 'ScalingLimited');
    const sinceMs = isTrue(limited) ? sinceOf(limited, h) : undefined;
    out.push({
      severity: settled(sinceMs, nowMs) ? 'warning' : 'info',
      kind: 'HorizontalPodAutoscaler',
      namespace: meta.namespace,
      object: meta.name,
      check: 'KubeHpaMaxedOut',
      sinceMs,
      reason: `At its maximum of ${max} replicas${of ? ` for${of}` : ''}${lasting(sinceMs, nowMs)}: it cannot scale further; raise maxReplicas or make the pods do more each.`,
    });
  }
  const active = conditionOf(h.status?.conditions, 'ScalingActive');
  if (active?.status === 'False') {
    out.push({
      severity: 'warning',
      kind: 'HorizontalPodAutoscaler',
      namespace: meta.namespace,
      object: meta.name,
      check: 'KubeHpaReplicasMismatch',
      sinceMs: sinceOf(active, h),
      reason: `Cannot scale${of ? `${of}` : ''} (${active.reason ?? 'ScalingActive False'})${active.message ? `: ${clean(active.message)}` : ''}; check its metrics source (metrics-server or the adapter).`,
    });
  }
  return out;
}
