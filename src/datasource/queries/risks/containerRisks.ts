/**
 * Container-level checks of one pod: crash loops (KubePodCrashLooping), containers stuck waiting
 * (KubeContainerWaiting: image pulls, config errors) and recent OOM kills or failures of a running container.
 */
import { ContainerStatus, PodObject } from '../../decode/apiTypes';
import { parseKubeTime } from '../../decode/kubeTime';
import { Finding } from './riskTypes';
import { ago, clean, conditionOf, lasting, num, RECENT_MS, settled, sinceOf, times } from './riskWords';

/** Waiting reasons that will not clear on their own: the kubelet reports an error, not progress. */
const WAITING_ADVICE: Readonly<Record<string, string>> = {
  ImagePullBackOff: 'check the image name and tag, and that the node can pull it (registry, imagePullSecrets)',
  ErrImagePull: 'check the image name and tag, and that the node can pull it (registry, imagePullSecrets)',
  ErrImageNeverPull: 'the image is not on the node and imagePullPolicy is Never: pre-load it or change the policy',
  InvalidImageName: 'fix the image reference in the pod spec',
  CreateContainerConfigError: 'a ConfigMap, Secret or key it references is missing: create it or fix the reference',
  CreateContainerError: 'the runtime could not create it: read the message and the pod events',
  RunContainerError: 'the runtime could not start it: check its command, mounts and security context',
  PreStartHookError: 'its preStart hook failed: check the hook',
  PostStartHookError: 'its postStart hook failed: check the hook',
};

/** Normal on the way up; a problem only when it lasts. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

/** What a pod's container findings need to know about the pod. */
export interface PodRef {
  pod: PodObject;
  namespace: string;
  name: string;
  node?: string;
}

function memoryLimit(pod: PodObject, container: string): string | undefined {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const limit = all.find((c) => c?.name === container)?.resources?.limits?.memory;
  return typeof limit === 'string' || typeof limit === 'number' ? String(limit) : undefined;
}

/** "last OOMKilled (exit 137) 3m ago", from the previous instance's termination. */
function lastTermination(cs: ContainerStatus, nowMs: number): { text: string; reason?: string; exit?: number } {
  const t = cs.lastState?.terminated;
  if (!t) {
    return { text: '' };
  }
  const reason = typeof t.reason === 'string' && t.reason ? t.reason : undefined;
  const exit = typeof t.exitCode === 'number' ? t.exitCode : undefined;
  const when = ago(parseKubeTime(t.finishedAt), nowMs);
  const parts = [reason ?? 'terminated', exit !== undefined ? `(exit ${exit})` : '', when].filter(Boolean);
  return { text: `last ${parts.join(' ')}`, reason, exit };
}

/** What to do about a container that keeps ending the way its last instance did. */
function crashAdvice(ref: PodRef, name: string, reason?: string, exit?: number): string {
  if (reason === 'OOMKilled') {
    const limit = memoryLimit(ref.pod, name);
    return limit
      ? `raise its memory limit (${limit}) or find what makes it use more`
      : 'it has no memory limit, so its node ran out of memory: give it a memory request that covers its use';
  }
  if (exit === 0) {
    return 'it exits successfully but must keep running: check its command';
  }
  if (exit === 137 || exit === 143) {
    return 'it was killed (a failing liveness probe or a kill from outside): check its probes and the pod events';
  }
  return 'read its previous logs for the error';
}

function statusesOf(pod: PodObject): Array<{ cs: ContainerStatus; init: boolean }> {
  const out: Array<{ cs: ContainerStatus; init: boolean }> = [];
  for (const cs of pod.status?.initContainerStatuses ?? []) {
    if (cs && typeof cs.name === 'string') {
      out.push({ cs, init: true });
    }
  }
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs && typeof cs.name === 'string') {
      out.push({ cs, init: false });
    }
  }
  return out;
}

/** The container findings of one pod. */
export function containerFindings(ref: PodRef, nowMs: number): Finding[] {
  const out: Finding[] = [];
  const base = { kind: 'Pod', namespace: ref.namespace, object: ref.name, pod: ref.name, node: ref.node };
  const notReadySince = sinceOf(conditionOf(ref.pod.status?.conditions, 'ContainersReady'), ref.pod);
  for (const { cs, init } of statusesOf(ref.pod)) {
    const name = cs.name as string;
    const label = `${init ? 'Init container' : 'Container'} ${name}`;
    const restarts = num(cs.restartCount);
    const waiting = cs.state?.waiting;
    const last = lastTermination(cs, nowMs);
    if (waiting?.reason === 'CrashLoopBackOff') {
      const lastText = last.text ? `, ${last.text}` : '';
      out.push({
        ...base,
        container: name,
        severity: 'critical',
        check: 'KubePodCrashLooping',
        sinceMs: notReadySince ?? parseKubeTime(cs.lastState?.terminated?.finishedAt),
        reason: `${label} restarted ${times(restarts)}${lastText}, and is in CrashLoopBackOff: ${crashAdvice(ref, name, last.reason, last.exit)}.`,
      });
      continue;
    }
    if (waiting && typeof waiting.reason === 'string' && waiting.reason) {
      const advice = WAITING_ADVICE[waiting.reason];
      const sinceMs = notReadySince;
      if (advice || (STARTING.has(waiting.reason) ? settled(sinceMs, nowMs) : true)) {
        const message = clean(waiting.message);
        out.push({
          ...base,
          container: name,
          severity: advice || settled(sinceMs, nowMs) ? 'warning' : 'info',
          check: 'KubeContainerWaiting',
          sinceMs,
          reason:
            `${label} waiting (${waiting.reason})${lasting(sinceMs, nowMs)}` +
            `${message ? `: ${message}` : ''}${advice ? `. ${advice[0].toUpperCase()}${advice.slice(1)}` : ''}.`,
        });
      }
      continue;
    }
    // running (or done) now, but its previous instance ended badly not long ago
    const endedMs = parseKubeTime(cs.lastState?.terminated?.finishedAt);
    if (cs.state?.running && endedMs !== undefined && nowMs - endedMs <= RECENT_MS && last.exit !== 0) {
      const oom = last.reason === 'OOMKilled';
      out.push({
        ...base,
        container: name,
        severity: oom ? 'warning' : 'info',
        check: oom ? 'ContainerOOMKilled' : 'ContainerRestarted',
        sinceMs: endedMs,
        reason: `${label} restarted ${times(restarts)}, ${last.text}; running again: ${crashAdvice(ref, name, last.reason, last.exit)}.`,
      });
    }
  }
  return out;
}
