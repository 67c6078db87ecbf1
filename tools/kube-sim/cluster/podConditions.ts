/**
 * The pod conditions the kubelet computes from its containers (pkg/kubelet/status/generate.go) and the
 * resize conditions it writes (pkg/kubelet/kubelet_pods.go, KEP-1287), as pure functions of the SimPod.
 */
import { type SimContainer, type SimPod, isSidecar } from './model';

export interface Verdict {
  ok: boolean;
  reason?: string;
  message?: string;
}

/** a regular container that has run (running or terminated): the pod was initialised before */
function hasRun(c: SimContainer): boolean {
  return c.state === 'running' || c.state === 'terminated';
}

/** a native sidecar counts as started once it runs (and its startup probe, if any, passed) */
function started(c: SimContainer): boolean {
  return c.state === 'running' && c.startedAtMs > 0;
}

/**
 * Initialized (GeneratePodInitializedCondition): True when every regular init container exited 0 and
 * every sidecar has started, or once any app container has run (a restarting sidecar does not undo it).
 */
export function initialized(pod: SimPod): Verdict {
  if (pod.initContainers.length === 0) {
    return { ok: true };
  }
  const incomplete = pod.initContainers
    .filter((c) => (isSidecar(c) ? !started(c) : !(c.state === 'terminated' && (c.exitCode ?? 0) === 0)))
    .map((c) => c.name);
  if (pod.phase === 'Succeeded') {
    return { ok: true, reason: 'PodCompleted' };
  }
  if (incomplete.length === 0 || pod.containers.some(hasRun)) {
    return { ok: true };
  }
  return {
    ok: false,
    reason: 'ContainersNotInitialized',
    message: `containers with incomplete status: [${incomplete.join(' ')}]`,
  };
}

/**
 * ContainersReady, and Ready without readiness gates (GenerateContainersReadyCondition): sidecars first,
 * then the app containers, must be ready; a Succeeded pod is PodCompleted.
 */
export function containersReady(pod: SimPod): Verdict {
  if (pod.phase === 'Succeeded') {
    return { ok: false, reason: 'PodCompleted' };
  }
  const unready = [...pod.initContainers.filter(isSidecar), ...pod.containers]
    .filter((c) => !c.ready)
    .map((c) => c.name);
  return unready.length
    ? { ok: false, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` }
    : { ok: true };
}

/** PodResizePending (Deferred, Infeasible) or PodResizeInProgress, the conditions that replaced status.resize in 1.33 */
export function resizeCondition(pod: SimPod): { type: string; reason?: string; message?: string } | undefined {
  const r = pod.resize;
  if (!r) {
    return undefined;
  }
  return r.state === 'InProgress'
    ? { type: 'PodResizeInProgress' }
    : { type: 'PodResizePending', reason: r.state, message: r.message };
}
