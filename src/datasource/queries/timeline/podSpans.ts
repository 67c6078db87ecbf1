/**
 * A pod's lanes (the pod and each container) reconstructed from what its status says about the past: container
 * state and lastState with their start and finish times, restart counts, condition transition times, and the
 * pod's events. Nothing is placed before the first time the object or an event tells.
 */
import { Condition, ContainerState, ContainerStatus, PodObject } from '../../decode/apiTypes';
import { EventInfo } from '../../decode/eventObjects';
import { parseKubeTime } from '../../decode/kubeTime';
import { SpanPoints } from './spanPoints';
import { Lane } from './timelineTypes';

/** the pod's fields the timeline reads beyond the shared wire shape */
export type TimelinePod = PodObject & {
  metadata?: { deletionGracePeriodSeconds?: number };
  status?: { startTime?: string | null };
};

export const POD_STATES = {
  pending: 'Pending',
  unschedulable: 'Pending: Unschedulable',
  notReady: 'NotReady',
  running: 'Running',
  terminating: 'Terminating',
  waiting: 'Waiting',
} as const;

export function waitingText(reason: string | undefined): string {
  return reason ? `${POD_STATES.waiting}: ${reason}` : POD_STATES.waiting;
}

export function terminatedText(reason: string | undefined, exitCode: number | undefined): string {
  const exit = typeof exitCode === 'number' ? ` (exit ${exitCode})` : '';
  return `Terminated: ${reason || 'Unknown'}${exit}`;
}

export function podKeyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function condition(conditions: Condition[] | null | undefined, type: string): Condition | undefined {
  return Array.isArray(conditions) ? conditions.find((c) => c?.type === type) : undefined;
}

const EVICTION_REASONS = new Set(['Evicted', 'TaintManagerEviction', 'Preempted', 'Preempting']);

/** The pod lane: Pending, Unschedulable, NotReady, Running, Terminating, Succeeded or Failed over time. */
function podLane(pod: TimelinePod, key: string, events: readonly EventInfo[]): Lane {
  const meta = pod.metadata ?? {};
  const status = pod.status ?? {};
  const conditions = status.conditions;
  const points = new SpanPoints();
  const created = parseKubeTime(meta.creationTimestamp);
  points.at(created, POD_STATES.pending);

  const scheduled = condition(conditions, 'PodScheduled');
  const failedScheduling = events.find((e) => e.reason === 'FailedScheduling');
  if (scheduled?.status === 'False') {
    points.at(failedScheduling?.firstMs ?? parseKubeTime(scheduled.lastTransitionTime), POD_STATES.unschedulable);
  } else {
    const scheduledMs =
      parseKubeTime(scheduled?.lastTransitionTime) ?? events.find((e) => e.reason === 'Scheduled')?.lastMs;
    if (
      failedScheduling?.firstMs !== undefined &&
      scheduledMs !== undefined &&
      failedScheduling.firstMs < scheduledMs
    ) {
      // it waited for room before it was placed
      points.at(failedScheduling.firstMs, POD_STATES.unschedulable);
    }
    points.at(scheduledMs, POD_STATES.pending);
  }

  const statuses = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const restarted = statuses.some((s) => (s?.restartCount ?? 0) > 0);
  const startMs = parseKubeTime(status.startTime);
  // started: no longer Pending; what followed is known only from the conditions below
  points.at(startMs, restarted ? null : POD_STATES.notReady);
  const ready = condition(conditions, 'Ready');
  const readyMs = parseKubeTime(ready?.lastTransitionTime);
  if (ready?.status === 'True') {
    points.at(readyMs, POD_STATES.running);
  } else if (ready?.status === 'False' && ready.reason !== 'PodCompleted') {
    const containersReady = condition(conditions, 'ContainersReady');
    const containersReadyMs = parseKubeTime(containersReady?.lastTransitionTime);
    if (containersReady?.status === 'True' && containersReadyMs !== undefined && readyMs !== undefined) {
      // the node controller marks a pod NotReady while its containers still report ready: Running until then
      points.at(Math.min(containersReadyMs, readyMs), POD_STATES.running);
    }
    points.at(readyMs, POD_STATES.notReady);
  }

  const disruption = condition(conditions, 'DisruptionTarget');
  const eviction = events.find((e) => e.reason !== null && EVICTION_REASONS.has(e.reason));
  if (disruption?.status === 'True') {
    points.at(
      parseKubeTime(disruption.lastTransitionTime),
      `${POD_STATES.terminating}: ${disruption.reason ?? 'Disrupted'}`
    );
  } else if (eviction) {
    points.at(eviction.lastMs, `${POD_STATES.terminating}: ${eviction.reason}`);
  } else if (meta.deletionTimestamp) {
    const grace = (meta.deletionGracePeriodSeconds ?? 0) * 1000;
    const deletion = parseKubeTime(meta.deletionTimestamp);
    const killing = events.find((e) => e.reason === 'Killing')?.firstMs;
    points.at(killing ?? (deletion === undefined ? undefined : deletion - grace), POD_STATES.terminating);
  }
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    const finished = statuses
      .map((s) => parseKubeTime(s?.state?.terminated?.finishedAt))
      .filter((ms): ms is number => ms !== undefined);
    // the kubelet fails a pod as it evicts it: the eviction's time when no container says when it ended
    const evictedMs =
      status.reason === 'Evicted' ? (parseKubeTime(disruption?.lastTransitionTime) ?? eviction?.lastMs) : undefined;
    // Failed: Evicted, when the kubelet says why; added last, so it wins a tie with Terminating
    points.at(
      finished.length ? Math.max(...finished) : evictedMs,
      status.reason ? `${status.phase}: ${status.reason}` : status.phase
    );
  }
  return { key: `pod/${key}`, label: key, kind: 'pod', group: key, spans: points.spans() };
}

function terminated(state: ContainerState | null | undefined) {
  return state?.terminated ?? undefined;
}

/** the first time any of these events happened */
function firstOf(events: readonly EventInfo[], reasons: readonly string[]): number | undefined {
  let first: number | undefined;
  for (const e of events) {
    if (
      e.reason !== null &&
      reasons.includes(e.reason) &&
      e.firstMs !== undefined &&
      (first === undefined || e.firstMs < first)
    ) {
      first = e.firstMs;
    }
  }
  return first;
}

/** One container's lane: Running, NotReady, Waiting (reason) and Terminated (reason, exit code). */
function containerLane(
  pod: TimelinePod,
  key: string,
  cs: ContainerStatus,
  init: boolean,
  events: readonly EventInfo[]
): Lane {
  const points = new SpanPoints();
  const name = cs.name ?? '?';
  const mine = events.filter((e) => e.container === name);
  const last = terminated(cs.lastState);
  // the previous instance: from its start to its end, then its end state until the current one began
  points.at(parseKubeTime(last?.startedAt), POD_STATES.running);
  points.at(parseKubeTime(last?.finishedAt), terminatedText(last?.reason, last?.exitCode));

  const restarts = cs.restartCount ?? 0;
  const podStart = parseKubeTime(pod.status?.startTime);
  const state = cs.state ?? {};
  if (state.running) {
    const started = parseKubeTime(state.running.startedAt);
    if (restarts === 0) {
      // the first instance: the image was pulled and the container created before it started
      const pulled = mine.find((e) => e.reason === 'Pulled')?.lastMs;
      points.at(
        pulled !== undefined && started !== undefined && pulled <= started ? pulled : undefined,
        waitingText('ContainerCreating')
      );
    }
    points.at(started, POD_STATES.running);
    if (cs.ready === false) {
      const containersReady = condition(pod.status?.conditions, 'ContainersReady');
      const since = parseKubeTime(containersReady?.lastTransitionTime);
      points.at(
        containersReady?.status === 'False' && since !== undefined && started !== undefined && since > started
          ? since
          : started,
        POD_STATES.notReady
      );
    }
  } else if (state.terminated) {
    points.at(parseKubeTime(state.terminated.startedAt), POD_STATES.running);
    points.at(
      parseKubeTime(state.terminated.finishedAt),
      terminatedText(state.terminated.reason, state.terminated.exitCode)
    );
  } else if (state.waiting) {
    const reason = state.waiting.reason;
    if (last) {
      // waiting again since the previous instance ended (CrashLoopBackOff's back-off)
      points.at(parseKubeTime(last.finishedAt), waitingText(reason));
    } else if (restarts === 0) {
      // never started: waiting since the pod started; pulling from the first Pulling event; the reason from
      // the first failure the kubelet reported about it (Failed: ErrImagePull, BackOff)
      points.at(podStart, POD_STATES.waiting);
      points.at(firstOf(mine, ['Pulling']), waitingText('ContainerCreating'));
      points.at(firstOf(mine, ['Failed', 'BackOff']) ?? podStart, waitingText(reason));
    }
  }
  const label = `${key} · ${name}${init ? ' (init)' : ''}`;
  return { key: `container/${key}/${name}`, label, kind: 'container', group: key, spans: points.spans() };
}

/** The lanes of one pod: its own, then its init containers' and containers'. `events` are about this pod. */
export function podLanes(pod: TimelinePod, events: readonly EventInfo[] = []): Lane[] {
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  if (!ns || !name) {
    return [];
  }
  const key = podKeyOf(ns, name);
  const lanes = [podLane(pod, key, events)];
  for (const cs of pod.status?.initContainerStatuses ?? []) {
    if (cs?.name) {
      lanes.push(containerLane(pod, key, cs, true, events));
    }
  }
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs?.name) {
      lanes.push(containerLane(pod, key, cs, false, events));
    }
  }
  return lanes;
}
