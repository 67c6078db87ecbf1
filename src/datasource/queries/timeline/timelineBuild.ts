/**
 * Objects and events to the timeline's lanes and marks: the pure core of the query (no client, no runtime),
 * shared by the query module, the annotation support and the benchmark.
 */
import { NodeObject } from '../../decode/apiTypes';
import { EventInfo } from '../../decode/eventObjects';
import { nodeLanes } from './nodeSpans';
import { podLanes, TimelinePod } from './podSpans';
import { DeploymentObject, readRevisions, ReplicaSetObject, rolloutMarks, stuckRolloutMarks } from './rollouts';
import { disruptionMark, nodeConditionMarks, podEventMarks, restartMarks } from './timelineMarks';
import { Lane, Mark, Timeline } from './timelineTypes';

/** What the readers fetched for one query. */
export interface TimelineObjects {
  pods: TimelinePod[];
  nodes: NodeObject[];
  events: EventInfo[];
  replicaSets: ReplicaSetObject[];
  deployments: DeploymentObject[];
}

export function emptyObjects(): TimelineObjects {
  return { pods: [], nodes: [], events: [], replicaSets: [], deployments: [] };
}

/** Events grouped by the object they are about (`Kind/namespace/name`), each group in time order. */
function eventsByObject(events: readonly EventInfo[]): Map<string, EventInfo[]> {
  const out = new Map<string, EventInfo[]>();
  for (const e of events) {
    if (!e.kind || !e.objectName) {
      continue;
    }
    const key = `${e.kind}/${e.namespace ?? ''}/${e.objectName}`;
    const list = out.get(key);
    if (list) {
      list.push(e);
    } else {
      out.set(key, [e]);
    }
  }
  for (const list of out.values()) {
    list.sort((a, b) => (a.firstMs ?? a.lastMs ?? 0) - (b.firstMs ?? b.lastMs ?? 0));
  }
  return out;
}

export function buildTimeline(objects: TimelineObjects): Timeline {
  const byObject = eventsByObject(objects.events);
  const lanes: Lane[] = [];
  const marks: Mark[] = [];
  for (const pod of objects.pods) {
    const ns = pod.metadata?.namespace;
    const name = pod.metadata?.name;
    if (!ns || !name) {
      continue;
    }
    const events = byObject.get(`Pod/${ns}/${name}`) ?? [];
    lanes.push(...podLanes(pod, events));
    marks.push(...restartMarks(pod));
    if (events.length) {
      marks.push(...podEventMarks(events));
    }
    // after the events: an Evicted event says more than the condition, and marksInWindow keeps the first
    const disrupted = disruptionMark(pod);
    if (disrupted) {
      marks.push(disrupted);
    }
  }
  const nodeLaneList: Lane[] = [];
  for (const node of objects.nodes) {
    // node events are cluster-scoped; some writers put the default namespace on them
    const name = node.metadata?.name ?? '';
    const events = [...(byObject.get(`Node//${name}`) ?? []), ...(byObject.get(`Node/default/${name}`) ?? [])];
    nodeLaneList.push(...nodeLanes(node, events));
  }
  lanes.push(...nodeLaneList);
  marks.push(...nodeConditionMarks(nodeLaneList));
  marks.push(...rolloutMarks(readRevisions(objects.replicaSets), objects.events));
  marks.push(...stuckRolloutMarks(objects.deployments));
  return { lanes, marks };
}
