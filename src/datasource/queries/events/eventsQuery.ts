import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { map, Observable } from 'rxjs';

import { KubeClient } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { eventsPath } from '../../kube/paths';
import { Sample, Snapshot } from '../../live/types';
import { EventsQuery } from '../../types';
import { eventsFrame } from './eventsFrame';
import { allFailed, failureErrors, failureNotice, listInNamespaces } from '../shared/namespacedList';
import { EventInfo, readEvent } from '../../decode/eventObjects';
import { EventObject } from '../../decode/apiTypes';
import { QueryModule } from '../types';

export type EventType = NonNullable<EventsQuery['eventType']>;

/** An events query after variables were interpolated and every value checked. */
export interface ResolvedEventsQuery {
  refId: string;
  /** empty for all namespaces */
  namespaces: string[];
  eventType?: EventType;
  /** a Kind in its API spelling (Pod, ReplicaSet) */
  involvedKind?: string;
  /** empty for any object */
  involvedNames: string[];
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** Kinds people type in lower case or abbreviated; field selectors match the API's spelling exactly. */
const KIND_SPELLING: Record<string, string> = {
  pod: 'Pod',
  node: 'Node',
  namespace: 'Namespace',
  service: 'Service',
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
  cronjob: 'CronJob',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  pvc: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  pv: 'PersistentVolume',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler',
  hpa: 'HorizontalPodAutoscaler',
  endpoints: 'Endpoints',
  ingress: 'Ingress',
};

/** A Kind is a Go type name: letters and digits. Anything else could smuggle a second field selector. */
const KIND_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

export function resolveKind(text: string | undefined): string | undefined {
  if (!text) {
    return undefined;
  }
  if (!KIND_PATTERN.test(text)) {
    throw new KubeError({
      kind: 'invalid',
      message: `${JSON.stringify(text)} is not a Kubernetes kind`,
      remedy: 'Use a kind such as Pod, Deployment or Node (letters and digits only; check template variables too).',
    });
  }
  return KIND_SPELLING[text.toLowerCase()] ?? text;
}

export function resolveEventType(value: unknown): EventType | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (value === 'Normal' || value === 'Warning') {
    return value;
  }
  throw new KubeError({
    kind: 'invalid',
    message: `Unknown event type ${JSON.stringify(value)}`,
    remedy: 'Choose Normal, Warning, or neither for both, in the query editor.',
  });
}

/** The server-side filter; validated values only, so no value can contain ',' or '='. */
export function eventsFieldSelector(q: ResolvedEventsQuery): string | undefined {
  const parts: string[] = [];
  if (q.eventType) {
    parts.push(`type=${q.eventType}`);
  }
  if (q.involvedKind) {
    parts.push(`involvedObject.kind=${q.involvedKind}`);
  }
  if (q.involvedNames.length === 1) {
    parts.push(`involvedObject.name=${q.involvedNames[0]}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

/** Whether the event happened in the window: its first..last occurrence overlaps it. */
export function inWindow(e: EventInfo, w: TimeWindow): boolean {
  if (e.lastMs === undefined) {
    return false;
  }
  return e.lastMs >= w.fromMs && (e.firstMs ?? e.lastMs) <= w.toMs;
}

interface EventsRead {
  events: EventInfo[];
  notices: QueryResultMetaNotice[];
  /** set when every namespace failed */
  errors?: DataQueryError[];
}

/** Events of the resolved query within `window` (all when undefined); failed namespaces become notices. */
function readEvents(
  client: KubeClient,
  q: ResolvedEventsQuery,
  window: TimeWindow | undefined,
  concurrency: number
): Observable<EventsRead> {
  const params = { fieldSelector: eventsFieldSelector(q) };
  return listInNamespaces<EventObject>(client, eventsPath, q.namespaces, params, concurrency).pipe(
    map(({ items, failures }): EventsRead => {
      if (allFailed(failures, q.namespaces)) {
        return { events: [], notices: [], errors: failureErrors(failures, q.refId) };
      }
      const notices: QueryResultMetaNotice[] = failureNotice(failures);
      // several names: one request per kind, filtered here (a field selector cannot say "or")
      const names = q.involvedNames.length > 1 ? new Set(q.involvedNames) : undefined;
      let untimed = 0;
      const events: EventInfo[] = [];
      for (const raw of items) {
        if (typeof raw !== 'object' || raw === null) {
          continue;
        }
        const e = readEvent(raw);
        if (names && !(e.objectName && names.has(e.objectName))) {
          continue;
        }
        if (window && e.lastMs === undefined) {
          untimed++;
          continue;
        }
        if (!window || inWindow(e, window)) {
          events.push(e);
        }
      }
      if (untimed) {
        notices.push({ severity: 'info', text: `Left out ${untimed} event(s) without any timestamp.` });
      }
      return { events, notices };
    })
  );
}

/** Events of the resolved query within `window` (all when undefined), one table frame, newest first. */
export function runEventsQuery(
  client: KubeClient,
  q: ResolvedEventsQuery,
  window: TimeWindow | undefined,
  concurrency: number
): Observable<DataQueryResponse> {
  return readEvents(client, q, window, concurrency).pipe(
    map(({ events, notices, errors }): DataQueryResponse =>
      errors ? { data: [], errors, key: q.refId } : { data: [eventsFrame(events, q.refId, notices)], key: q.refId }
    )
  );
}

/**
 * One poll for time series: how many events the API server holds for each type and reason (it keeps them about an
 * hour), so a panel shows, say, BackOff warnings rising.
 */
export function eventsSnapshot(
  client: KubeClient,
  q: ResolvedEventsQuery,
  nowMs: number,
  concurrency: number
): Observable<Snapshot> {
  return readEvents(client, q, undefined, concurrency).pipe(
    map(({ events, notices, errors }): Snapshot => {
      const counts = new Map<string, Sample>();
      for (const e of events) {
        const type = e.type ?? 'Unknown';
        const reason = e.reason ?? 'Unknown';
        const key = `${type}/${reason}`;
        const sample = counts.get(key);
        if (sample) {
          sample.value = (sample.value as number) + 1;
        } else {
          counts.set(key, { key, labels: { type, reason }, metric: 'events', value: 1, counter: false, unit: 'short' });
        }
      }
      return { timeMs: nowMs, samples: [...counts.values()], notices, errors };
    })
  );
}

export const eventsModule: QueryModule<EventsQuery, ResolvedEventsQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    namespaces: vars.names(query.namespace, 'namespace'),
    eventType: resolveEventType(query.eventType),
    involvedKind: resolveKind(vars.text(query.involvedKind)),
    involvedNames: vars.names(query.involvedName, 'object'),
  }),
  run: (ctx, resolved) => {
    const window = ctx.range ? { fromMs: ctx.range.from.valueOf(), toMs: ctx.range.to.valueOf() } : undefined;
    return runEventsQuery(ctx.client, resolved, window, ctx.concurrency);
  },
  snapshot: (ctx, resolved) => eventsSnapshot(ctx.client, resolved, ctx.nowMs, ctx.concurrency),
  sourceKey: (ctx, r) =>
    `${ctx.datasourceUid}/events?${r.namespaces.join(',')}&${r.eventType ?? ''}&${r.involvedKind ?? ''}&${r.involvedNames.join(',')}`,
};
