/**
 * Pod-level checks (KubePodNotReady and its causes): Pending pods with the scheduler's word, pods not ready,
 * pods stuck Terminating, failed and evicted pods. Container problems come first (containerRisks.ts): a pod
 * whose container explains it gets no second, vaguer row.
 */
import { PodObject } from '../../decode/apiTypes';
import { parseKubeTime } from '../../decode/kubeTime';
import { containerFindings, PodRef } from './containerRisks';
import { EventIndex, eventKey } from './riskEvents';
import { Finding } from './riskTypes';
import { clean, conditionOf, isTrue, lasting, metaOf, settled, sinceOf } from './riskWords';

/** Past its deletion time by this much, a Terminating pod is stuck (its kubelet does not confirm). */
const STUCK_TERMINATING_MS = 5 * 60_000;

/** Node name → Ready status ('False' or 'Unknown') of the nodes that are not Ready. */
export type NodeTrouble = ReadonlyMap<string, string>;

/** What to do about the scheduler's complaint, from its usual phrases. */
function schedulingAdvice(message: string): string {
  if (/Insufficient (cpu|memory|ephemeral-storage|pods|nvidia|[\w./-]+)/i.test(message)) {
    return 'lower its requests or add capacity';
  }
  if (/untolerated taint/i.test(message)) {
    return 'add a toleration or remove the taint';
  }
  if (/affinity|selector/i.test(message)) {
    return 'check its nodeSelector and affinity against the nodes’ labels';
  }
  if (/PersistentVolumeClaim|volume/i.test(message)) {
    return 'check its PersistentVolumeClaims';
  }
  return 'read the scheduler’s message and the pod events';
}

function controllerKind(pod: PodObject): string | undefined {
  const refs = pod.metadata?.ownerReferences;
  return Array.isArray(refs) ? refs.find((r) => r?.controller)?.kind : undefined;
}

function pendingFinding(ref: PodRef, events: EventIndex, nowMs: number): Finding {
  const pod = ref.pod;
  const base = { kind: 'Pod', namespace: ref.namespace, object: ref.name, pod: ref.name };
  const gates = (pod.spec?.schedulingGates ?? []).map((g) => g?.name).filter((n): n is string => !!n);
  const scheduled = conditionOf(pod.status?.conditions, 'PodScheduled');
  const sinceMs = sinceOf(scheduled, pod);
  if (gates.length) {
    return {
      ...base,
      severity: 'info',
      check: 'PodSchedulingGated',
      sinceMs,
      reason: `Pending${lasting(sinceMs, nowMs)}: waits for its scheduling gates (${gates.join(', ')}) to be removed.`,
    };
  }
  const event = events.get(eventKey('Pod', ref.namespace, ref.name));
  const fromEvent = event?.reason === 'FailedScheduling' ? clean(event.message) : '';
  const message = fromEvent || clean(scheduled?.message);
  const unschedulable = scheduled?.reason === 'Unschedulable' || !!fromEvent;
  return {
    ...base,
    severity: unschedulable || settled(sinceMs, nowMs) ? 'warning' : 'info',
    check: 'KubePodNotReady',
    sinceMs,
    reason: message
      ? `Pending${lasting(sinceMs, nowMs)}, not scheduled: ${message}. ${schedulingAdvice(message)[0].toUpperCase()}${schedulingAdvice(message).slice(1)}.`
      : `Pending${lasting(sinceMs, nowMs)}: the scheduler has not placed it yet.`,
  };
}

function nodeText(node: string | undefined, nodes: NodeTrouble): string {
  const status = node ? nodes.get(node) : undefined;
  if (!status) {
    return '';
  }
  return status === 'Unknown' ? `; its node ${node} stopped reporting` : `; its node ${node} is NotReady`;
}

/** The findings of one pod; none for a healthy or finished one. */
export function podFindings(pod: PodObject, events: EventIndex, nodes: NodeTrouble, nowMs: number): Finding[] {
  const meta = metaOf(pod);
  if (!meta) {
    return [];
  }
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || (phase === 'Failed' && controllerKind(pod) === 'Job')) {
    // finished; a failing Job is reported on the Job
    return [];
  }
  const node = typeof pod.spec?.nodeName === 'string' && pod.spec.nodeName ? pod.spec.nodeName : undefined;
  const ref: PodRef = { pod, namespace: meta.namespace, name: meta.name, node };
  const base = { kind: 'Pod', namespace: meta.namespace, object: meta.name, pod: meta.name, node };

  const deletionMs = parseKubeTime(pod.metadata?.deletionTimestamp);
  if (deletionMs !== undefined && nowMs - deletionMs >= STUCK_TERMINATING_MS) {
    return [
      {
        ...base,
        severity: 'warning',
        check: 'PodStuckTerminating',
        sinceMs: deletionMs,
        reason:
          `Terminating${lasting(deletionMs, nowMs)} past its deletion time${nodeText(node, nodes)}: ` +
          'its kubelet has not confirmed the stop; check the node, or force-delete the pod once it is surely gone.',
      },
    ];
  }

  const found = containerFindings(ref, nowMs);
  if (found.some((f) => f.severity !== 'info')) {
    return found;
  }
  if (phase === 'Pending' && !node) {
    return [...found, pendingFinding(ref, events, nowMs)];
  }
  if (phase === 'Failed') {
    const why = [pod.status?.reason, clean((pod.status as { message?: string } | undefined)?.message)]
      .filter(Boolean)
      .join(': ');
    return [
      ...found,
      {
        ...base,
        severity: 'info',
        check: 'PodFailed',
        sinceMs: parseKubeTime(pod.metadata?.creationTimestamp),
        reason: `Failed${why ? ` (${why})` : ''}; its controller replaces it: delete it once read.`,
      },
    ];
  }
  if (phase === 'Unknown') {
    return [
      ...found,
      {
        ...base,
        severity: 'warning',
        check: 'KubePodNotReady',
        reason: `Phase Unknown: its node stopped reporting the pod${nodeText(node, nodes)}.`,
      },
    ];
  }
  const ready = conditionOf(pod.status?.conditions, 'Ready');
  if (!ready || isTrue(ready) || (phase !== 'Running' && phase !== 'Pending')) {
    return found;
  }
  const sinceMs = sinceOf(ready, pod);
  const unready = (pod.status?.containerStatuses ?? [])
    .filter((c) => c && c.ready === false && typeof c.name === 'string')
    .map((c) => c.name as string);
  const which = unready.length ? `: container ${unready.join(', ')} not ready (check its readiness probe)` : '';
  const onNode = nodeText(node, nodes);
  return [
    ...found,
    {
      ...base,
      severity: settled(sinceMs, nowMs) ? 'warning' : 'info',
      check: 'KubePodNotReady',
      sinceMs,
      reason: `Not ready${lasting(sinceMs, nowMs)}${phase === 'Pending' ? ' (Pending)' : ''}${which}${onNode}.`,
    },
  ];
}
