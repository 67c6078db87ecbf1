/**
 * The timeline's model, between the readers (objects and events to spans and marks) and the frame builders.
 * Pure types: the benchmark loads this folder's pure files in plain Node.
 */

import type { ExploreQuery } from './exploreLinks';

/** Where a span's state comes from: reconstructed from object status and events, or seen by a poll only. */
export type SpanSource = 'api' | 'observed';

/** A state from `startMs` until the next span of its lane (or the end of the range). */
export interface Span {
  startMs: number;
  /** the state text shown ("Running", "Waiting: CrashLoopBackOff"); null when it is not known */
  state: string | null;
  source: SpanSource;
}

export type LaneKind = 'pod' | 'container' | 'node' | 'nodeCondition';

/** One row of the state timeline: a pod, a container of a pod, a node or one of its conditions. */
export interface Lane {
  /** stable identity across polls: `pod/ns/name`, `container/ns/pod/name`, `node/name/Ready` */
  key: string;
  /** the row's label */
  label: string;
  kind: LaneKind;
  /** lanes of one frame share a group: a pod with its containers, a node with its conditions */
  group: string;
  /** time-ordered; before the first span the state is unknown */
  spans: Span[];
}

export type MarkKind = 'restart' | 'rollout' | 'schedulingFailure' | 'eviction' | 'nodeCondition' | 'stuckRollout';

/** One annotation: a moment worth a marker on the panels. */
export interface Mark {
  timeMs: number;
  kind: MarkKind;
  title: string;
  /** plain text; never markup */
  text: string;
  tags: string[];
  /** what Explore opens at that moment: the logs (the previous instance's after a restart), or events */
  explore?: ExploreQuery;
}

/** The lanes and marks of one query, before frames. */
export interface Timeline {
  lanes: Lane[];
  marks: Mark[];
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}
