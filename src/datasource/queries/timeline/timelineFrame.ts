/**
 * Lanes to what Grafana's state-timeline panel reads: one frame per pod (or node) with one time field and one
 * string field per lane, a row at the range's start and at each change, the state text as value (null while
 * unknown), coloured by value mappings. Marks to one annotation frame (dataTopic annotations).
 */
import { DataFrame, DataTopic, FieldType, MappingType, QueryResultMetaNotice, ValueMapping } from '@grafana/data';

import { exploreUrl } from './exploreLinks';
import { Lane, Mark, Span, TimeWindow } from './timelineTypes';

/** what an observed span's value says after its state */
export const OBSERVED_SUFFIX = ' (observed)';

/** Field names of the annotation frame; annotations.ts reads them back. */
export const MARK_FIELDS = {
  time: 'time',
  title: 'title',
  text: 'text',
  tags: 'tags',
  kind: 'kind',
  link: 'link',
} as const;
export const MARKS_FRAME_NAME = 'timeline annotations';

function regex(pattern: string, color: string, index: number): ValueMapping {
  return { type: MappingType.RegexToText, options: { pattern, result: { color, index } } };
}

/** First match wins: the specific states before the general ones. Observed spans match by their prefix. */
export const STATE_MAPPINGS: ValueMapping[] = [
  regex('^(Running|Ready|OK)\\b.*', 'green', 0),
  regex('^(Succeeded|Terminated: Completed)\\b.*', 'blue', 1),
  regex(
    '^(Pending: .*|Waiting: (CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|InvalidImageName)\\b.*)',
    'red',
    2
  ),
  regex('^(Pending|Waiting)\\b.*', 'yellow', 3),
  regex('^NotReady\\b.*', 'orange', 4),
  regex('^Terminating\\b.*', 'purple', 5),
  regex('^(Terminated|Failed|MemoryPressure|DiskPressure|PIDPressure)\\b.*', 'red', 6),
  regex('^Unknown\\b.*', 'text', 7),
];

function valueOf(span: Span | undefined): string | null {
  if (!span || span.state === null) {
    return null;
  }
  return span.source === 'observed' ? `${span.state}${OBSERVED_SUFFIX}` : span.state;
}

/** The row times of a group: the window's start and every change inside the window. */
function rowTimes(lanes: readonly Lane[], w: TimeWindow): number[] {
  const times = new Set<number>([w.fromMs]);
  for (const lane of lanes) {
    for (const s of lane.spans) {
      if (s.startMs > w.fromMs && s.startMs <= w.toMs) {
        times.add(s.startMs);
      }
    }
  }
  return [...times].sort((a, b) => a - b);
}

/** Each lane's value at each row time (spans are time-ordered, so one walk per lane). */
function laneValues(lane: Lane, times: readonly number[]): Array<string | null> {
  const out: Array<string | null> = new Array(times.length);
  let i = -1;
  for (let r = 0; r < times.length; r++) {
    while (i + 1 < lane.spans.length && lane.spans[i + 1].startMs <= times[r]) {
      i++;
    }
    out[r] = i < 0 ? null : valueOf(lane.spans[i]);
  }
  return out;
}

/** One state-timeline frame for the lanes of one group (a pod and its containers, or a node). */
export function groupFrame(group: string, lanes: readonly Lane[], w: TimeWindow, refId: string): DataFrame {
  const times = rowTimes(lanes, w);
  return {
    refId,
    name: group,
    length: times.length,
    fields: [
      { name: 'time', type: FieldType.time, values: times, config: {} },
      ...lanes.map((lane) => ({
        name: lane.label,
        type: FieldType.string,
        values: laneValues(lane, times),
        config: { displayName: lane.label, mappings: STATE_MAPPINGS },
      })),
    ],
  };
}

/** A lane that is not Running/Ready/OK at some point of the window: shown first when groups are capped. */
function troubled(lane: Lane, w: TimeWindow): boolean {
  return lane.spans.some(
    (s, i) =>
      s.state !== null &&
      !/^(Running|Ready|OK|Succeeded|Terminated: Completed)\b/.test(s.state) &&
      (lane.spans[i + 1]?.startMs ?? Infinity) > w.fromMs &&
      s.startMs <= w.toMs
  );
}

export interface LaneFrames {
  frames: DataFrame[];
  notices: QueryResultMetaNotice[];
}

/**
 * Lanes grouped into frames, at most `maxGroups` of them (a state timeline of thousands of rows is not
 * readable): groups with trouble in the window first, then by name; a notice says what was left out.
 */
export function laneFrames(lanes: readonly Lane[], w: TimeWindow, refId: string, maxGroups: number): LaneFrames {
  const groups = new Map<string, Lane[]>();
  for (const lane of lanes) {
    const list = groups.get(lane.group);
    if (list) {
      list.push(lane);
    } else {
      groups.set(lane.group, [lane]);
    }
  }
  let entries = [...groups.entries()];
  const notices: QueryResultMetaNotice[] = [];
  if (entries.length > maxGroups) {
    const rank = new Map(entries.map(([g, ls]) => [g, ls.some((l) => troubled(l, w)) ? 0 : 1]));
    entries.sort(([a], [b]) => rank.get(a)! - rank.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    notices.push({
      severity: 'info',
      text: `Showing ${maxGroups} of ${entries.length} pods and nodes, those with trouble in the time range first. Choose a namespace, workload, pod or node to see the others.`,
    });
    entries = entries.slice(0, maxGroups);
  }
  return { frames: entries.map(([group, ls]) => groupFrame(group, ls, w, refId)), notices };
}

/** The marks as an annotation frame; each text ends with its Explore link, as plain text. */
export function marksFrame(marks: readonly Mark[], refId: string, datasourceUid: string): DataFrame {
  const links = marks.map((m) => (m.explore ? exploreUrl(datasourceUid, m.explore, m.timeMs) : null));
  return {
    refId,
    name: MARKS_FRAME_NAME,
    length: marks.length,
    meta: { dataTopic: DataTopic.Annotations },
    fields: [
      { name: MARK_FIELDS.time, type: FieldType.time, values: marks.map((m) => m.timeMs), config: {} },
      { name: MARK_FIELDS.title, type: FieldType.string, values: marks.map((m) => m.title), config: {} },
      {
        name: MARK_FIELDS.text,
        type: FieldType.string,
        values: marks.map((m, i) => (links[i] ? `${m.text}\nExplore: ${links[i]}` : m.text)),
        config: {},
      },
      { name: MARK_FIELDS.tags, type: FieldType.other, values: marks.map((m) => m.tags), config: {} },
      { name: MARK_FIELDS.kind, type: FieldType.string, values: marks.map((m) => m.kind), config: {} },
      { name: MARK_FIELDS.link, type: FieldType.string, values: links, config: {} },
    ],
  };
}
