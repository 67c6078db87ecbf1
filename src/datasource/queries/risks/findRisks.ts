/**
 * Objects → findings: every check over what was read, filtered by the lowest severity asked for, worst first.
 * Pure (no client, no Grafana runtime), so tests and the benchmark run it directly.
 */
import { PodObject } from '../../decode/apiTypes';
import { RiskSeverity } from '../../types';
import { nodeFindings, nodeReadyStatus } from './nodeRisks';
import { podFindings } from './podRisks';
import { pvcFindings } from './pvcRisks';
import { indexEvents } from './riskEvents';
import { Finding, RiskObjects, SEVERITY_RANK } from './riskTypes';
import { conditionOf, metaOf } from './riskWords';
import {
  daemonSetFindings,
  deploymentFindings,
  hpaFindings,
  jobFindings,
  PodOf,
  statefulSetFindings,
} from './workloadRisks';

/** A pod's workload: a ReplicaSet's pods belong to the Deployment named by the ReplicaSet less its hash. */
function workloadOf(pod: PodObject): { kind: string; name: string } | undefined {
  const owner = pod.metadata?.ownerReferences?.find((r) => r?.controller);
  if (!owner?.kind || !owner.name) {
    return undefined;
  }
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
  }
  return { kind: owner.kind, name: owner.name };
}

/** The first unready pod of each workload, so a workload's row links to a pod worth reading. */
function unreadyPods(pods: readonly PodObject[]): PodOf {
  const first = new Map<string, string>();
  for (const pod of pods) {
    const meta = metaOf(pod);
    if (!meta || pod.status?.phase === 'Succeeded' || conditionOf(pod.status?.conditions, 'Ready')?.status === 'True') {
      continue;
    }
    const w = workloadOf(pod);
    const key = w && `${w.kind}/${meta.namespace}/${w.name}`;
    if (key && !first.has(key)) {
      first.set(key, meta.name);
    }
  }
  return (kind, namespace, name) => first.get(`${kind}/${namespace}/${name}`);
}

/** Worst first; within a severity the longest-standing first, then by place and name. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.sinceMs ?? Infinity) - (b.sinceMs ?? Infinity) ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.object.localeCompare(b.object) ||
    (a.container ?? '').localeCompare(b.container ?? '')
  );
}

export function findRisks(objects: RiskObjects, nowMs: number, minSeverity: RiskSeverity = 'info'): Finding[] {
  const events = indexEvents(objects.events);
  const troubled = new Map<string, string>();
  const out: Finding[] = [];
  for (const node of objects.nodes) {
    const status = nodeReadyStatus(node);
    const name = node?.metadata?.name;
    if (status && name) {
      troubled.set(name, status);
    }
    out.push(...nodeFindings(node, nowMs));
  }
  for (const pod of objects.pods) {
    out.push(...podFindings(pod, events, troubled, nowMs));
  }
  const podOf = unreadyPods(objects.pods);
  for (const d of objects.deployments) {
    out.push(...deploymentFindings(d, podOf, nowMs));
  }
  for (const s of objects.statefulSets) {
    out.push(...statefulSetFindings(s, podOf, nowMs));
  }
  for (const ds of objects.daemonSets) {
    out.push(...daemonSetFindings(ds, podOf, nowMs));
  }
  for (const j of objects.jobs) {
    out.push(...jobFindings(j, podOf));
  }
  for (const h of objects.hpas) {
    out.push(...hpaFindings(h, nowMs));
  }
  for (const pvc of objects.pvcs) {
    out.push(...pvcFindings(pvc, events, nowMs));
  }
  const floor = SEVERITY_RANK[minSeverity];
  return out.filter((f) => SEVERITY_RANK[f.severity] <= floor).sort(compareFindings);
}
