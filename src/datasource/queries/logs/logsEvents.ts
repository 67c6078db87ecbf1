/**
 * Pod events as rows of the log stream (scheduled, pulled, started, killed, back-off), where k9s and stern users
 * expect them: among the lines, at the time they last happened. An event about a container goes in that
 * container's stream; one about the pod goes in the stream of its first container read.
 */
import { map, Observable } from 'rxjs';

import type { LogLevel } from '../../../common/logLevel';
import type { EventObject } from '../../decode/apiTypes';
import { EventInfo, readEvent } from '../../decode/eventObjects';
import type { KubeClient } from '../../kube/client';
import { describeKubeError, type KubeError } from '../../kube/errors';
import { eventsPath } from '../../kube/paths';
import { listInNamespaces } from '../shared/namespacedList';
import { kubeletTimestamp, LogRows, LogStreamLabels, mergeByTime } from './logLines';
import { MARKER_SEQ } from './logsMarkers';
import { emptyRows } from './logsRows';
import type { LogTarget } from './logsTargets';

export interface PodEvents {
  events: EventInfo[];
  /** why some namespace's events could not be read (the lines still come) */
  failures: KubeError[];
}

/** The events about pods in the query's namespaces: by name when it is one pod, else every pod's. */
export function readPodEvents(
  client: KubeClient,
  q: { namespaces: readonly string[]; podNames: readonly string[] },
  concurrency: number
): Observable<PodEvents> {
  const one = q.podNames.length === 1 ? `,involvedObject.name=${q.podNames[0]}` : '';
  const params = { fieldSelector: `involvedObject.kind=Pod${one}` };
  return listInNamespaces<EventObject>(client, eventsPath, q.namespaces, params, concurrency).pipe(
    map((list) => ({ events: list.items.map(readEvent), failures: list.failures.map((f) => f.error) }))
  );
}

/** A failed events read: the lines still come, the notice says what is missing and why. */
export function eventsFailure(err: KubeError): string {
  return `Pod events are not shown: ${describeKubeError(err)}`;
}

/** "Pulled: Successfully pulled image ..." and, for a repeated event, how often: "BackOff: ... (×12)". */
export function eventText(e: EventInfo): string {
  const what = e.message ? `${e.reason ?? 'Event'}: ${e.message}` : (e.reason ?? 'Event');
  return e.count > 1 ? `${what} (×${e.count})` : what;
}

const eventLevel = (e: EventInfo): LogLevel => (e.type === 'Warning' ? 'warning' : 'info');

/** A stable key per occurrence: a repeated event comes back with a higher count. */
export const eventKey = (e: EventInfo): string => `${e.namespace}/${e.name}/${e.count}`;

/** The rows of the events about the targets' pods within [fromMs, toMs], in time order. */
export function eventRows(
  events: readonly EventInfo[],
  targets: readonly LogTarget[],
  fromMs?: number,
  toMs?: number
): LogRows {
  const byPod = new Map<string, LogTarget[]>();
  for (const t of targets) {
    const key = `${t.namespace}/${t.pod}`;
    const streams = byPod.get(key);
    if (streams) {
      streams.push(t);
    } else {
      byPod.set(key, [t]);
    }
  }
  const rows = emptyRows();
  const ties = new Map<string, number>();
  const sorted = events
    .filter((e) => e.lastMs !== undefined && (fromMs === undefined || e.lastMs >= fromMs))
    .filter((e) => toMs === undefined || e.lastMs! <= toMs)
    .sort((a, b) => a.lastMs! - b.lastMs!);
  for (const e of sorted) {
    const streams = e.kind === 'Pod' ? byPod.get(`${e.namespace}/${e.objectName}`) : undefined;
    if (!streams) {
      continue;
    }
    const target = streams.find((t) => t.container === e.container) ?? streams[0];
    const labels: LogStreamLabels = { ...target.labels, marker: 'event' };
    const ms = e.lastMs!;
    // ids are stream/instant/tie: events at one instant in one stream take ties above the restart marker's
    const tieKey = `${target.key}/${ms}`;
    const tie = (ties.get(tieKey) ?? 0) + 1;
    ties.set(tieKey, tie);
    rows.timeMs.push(ms);
    rows.nanos.push(0);
    rows.tsNanos.push(kubeletTimestamp(ms));
    rows.body.push(eventText(e));
    rows.level.push(eventLevel(e));
    rows.seq.push(MARKER_SEQ + tie);
    rows.labels.push(labels);
    rows.count++;
  }
  return rows;
}

/** Restart markers and event rows as one part of the stream. */
export function streamMarkers(parts: LogRows[]): LogRows {
  const filled = parts.filter((p) => p.count > 0);
  return filled.length ? mergeByTime(filled) : emptyRows();
}
