/**
 * Annotation marks from pods, nodes and events: container restarts (with the last reason and exit code),
 * scheduling failures, evictions and node condition changes. Rollouts are in rollouts.ts.
 */
import { EventInfo } from '../../decode/eventObjects';
import { parseKubeTime } from '../../decode/kubeTime';
import { NO_PRESSURE } from './nodeSpans';
import { terminatedText, TimelinePod } from './podSpans';
import { Lane, Mark, TimeWindow } from './timelineTypes';

/** A restart per container with a previous instance, at the moment that instance ended. */
export function restartMarks(pod: TimelinePod): Mark[] {
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  if (!ns || !name) {
    return [];
  }
  const marks: Mark[] = [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const cs of statuses) {
    const last = cs?.lastState?.terminated;
    const timeMs = parseKubeTime(last?.finishedAt);
    if (!cs?.name || !last || timeMs === undefined) {
      continue;
    }
    const restarts = cs.restartCount ?? 0;
    marks.push({
      timeMs,
      kind: 'restart',
      title: `Restart: ${ns}/${name} · ${cs.name}`,
      text: `${ns}/${name} · ${cs.name} restarted (${restarts} restart${restarts === 1 ? '' : 's'} in all); the last instance ended ${terminatedText(last.reason, last.exitCode)}`,
      tags: ['restart', ns, last.reason ?? 'Unknown'],
      explore: { queryType: 'logs', namespace: ns, podName: name, container: cs.name, previous: true },
    });
  }
  return marks;
}

const EVICTIONS = new Set(['Evicted', 'TaintManagerEviction', 'Preempted']);

/** Scheduling failures and evictions from the events about pods (one mark per event, at its first time). */
export function podEventMarks(events: readonly EventInfo[]): Mark[] {
  const marks: Mark[] = [];
  for (const e of events) {
    if (e.kind !== 'Pod' || !e.namespace || !e.objectName || !e.reason || e.firstMs === undefined) {
      continue;
    }
    const pod = `${e.namespace}/${e.objectName}`;
    const times = e.count > 1 ? ` (${e.count} times)` : '';
    if (e.reason === 'FailedScheduling') {
      marks.push({
        timeMs: e.firstMs,
        kind: 'schedulingFailure',
        title: `Not scheduled: ${pod}`,
        text: `${pod}${times}: ${e.message ?? 'the scheduler found no node'}`,
        tags: ['scheduling', e.namespace],
        explore: { queryType: 'events', namespace: e.namespace, involvedKind: 'Pod', involvedName: e.objectName },
      });
    } else if (EVICTIONS.has(e.reason)) {
      marks.push({
        timeMs: e.lastMs ?? e.firstMs,
        kind: 'eviction',
        title: `Evicted: ${pod}`,
        text: `${pod}: ${e.reason}${e.message ? `: ${e.message}` : ''}`,
        tags: ['eviction', e.namespace, e.reason],
        explore: { queryType: 'logs', namespace: e.namespace, podName: e.objectName },
      });
    }
  }
  return marks;
}

/** An eviction the pod itself records (DisruptionTarget), for when its event has expired. */
export function disruptionMark(pod: TimelinePod): Mark | undefined {
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  const c = pod.status?.conditions?.find((x) => x?.type === 'DisruptionTarget' && x.status === 'True');
  const timeMs = parseKubeTime(c?.lastTransitionTime);
  if (!ns || !name || !c || timeMs === undefined) {
    return undefined;
  }
  return {
    timeMs,
    kind: 'eviction',
    title: `Evicted: ${ns}/${name}`,
    text: `${ns}/${name}: ${c.reason ?? 'DisruptionTarget'}${c.message ? `: ${c.message}` : ''}`,
    tags: ['eviction', ns, c.reason ?? 'DisruptionTarget'],
    explore: { queryType: 'logs', namespace: ns, podName: name },
  };
}

const HEALTHY = new Set(['Ready', NO_PRESSURE]);

/**
 * Each change of a node's Ready or pressure lane, as a mark: turning bad, or recovering from a known bad state
 * (a node's first Ready after boot is no news).
 */
export function nodeConditionMarks(lanes: readonly Lane[]): Mark[] {
  const marks: Mark[] = [];
  for (const lane of lanes) {
    if (lane.kind !== 'node' && lane.kind !== 'nodeCondition') {
      continue;
    }
    const node = lane.group.slice('node/'.length);
    const type = lane.key.slice(lane.key.lastIndexOf('/') + 1);
    let before: string | null = null;
    for (const span of lane.spans) {
      const previous = before;
      before = span.state;
      const quiet =
        (HEALTHY.has(span.state ?? '') && previous === null) ||
        // a node gone silent makes every pressure condition Unknown too: its Ready mark says it once
        (lane.kind === 'nodeCondition' && span.state === 'Unknown');
      if (span.state === null || span.source !== 'api' || quiet) {
        continue;
      }
      marks.push({
        timeMs: span.startMs,
        kind: 'nodeCondition',
        title: `Node ${node}: ${type} ${span.state}`,
        text: `${node}: ${type} is ${span.state} from here`,
        tags: ['node', node, type],
        explore: { queryType: 'events', involvedKind: 'Node', involvedName: node },
      });
    }
  }
  return marks;
}

/** Marks inside the window, oldest first, without repeats (an eviction both evented and recorded). */
export function marksInWindow(marks: readonly Mark[], w: TimeWindow): Mark[] {
  const seen = new Set<string>();
  const out: Mark[] = [];
  for (const m of [...marks].sort((a, b) => a.timeMs - b.timeMs)) {
    const key = `${m.kind}|${m.title}`;
    if (m.timeMs < w.fromMs || m.timeMs > w.toMs || (m.kind === 'eviction' && seen.has(key))) {
      continue;
    }
    seen.add(key);
    out.push(m);
  }
  return out;
}
