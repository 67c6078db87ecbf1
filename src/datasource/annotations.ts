import { AnnotationEvent, AnnotationQuery, AnnotationSupport, DataFrame, Field } from '@grafana/data';
import { Observable, of } from 'rxjs';

import { EVENT_FIELDS } from './queries/events/eventsFrame';
import { MARK_FIELDS, MARKS_FRAME_NAME } from './queries/timeline/timelineFrame';
import { TimelineAnnotationQuery } from './queries/timeline/timelineResolve';
import { EventsQuery, KubeQuery, TimelineQuery } from './types';

const ANNOTATION_REF_ID = 'Anno';

/** A new annotation shows Warning events: Normal ones (Scheduled, Pulled, Started...) would cover every graph. */
export const DEFAULT_ANNOTATION_QUERY: Readonly<Partial<EventsQuery>> = { queryType: 'events', eventType: 'Warning' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The saved target as an events query. An events target is kept as it is (no eventType there means both
 * types, as the user chose); a missing or other target becomes the Warning default, keeping the filters it
 * had, including ones older dashboards stored on the annotation itself.
 */
export function toEventsTarget(json: Record<string, unknown>): EventsQuery {
  const target = isRecord(json.target) ? json.target : undefined;
  if (target && target.queryType === 'events') {
    return { ...(target as unknown as EventsQuery), refId: optionalString(target.refId) ?? ANNOTATION_REF_ID };
  }
  const from = target ?? json;
  const query: EventsQuery = { ...DEFAULT_ANNOTATION_QUERY, queryType: 'events', refId: ANNOTATION_REF_ID };
  const namespace = optionalString(from.namespace);
  if (namespace) {
    query.namespace = namespace;
  }
  if (from.eventType === 'Normal' || from.eventType === 'Warning') {
    query.eventType = from.eventType;
  }
  const involvedKind = optionalString(from.involvedKind);
  const involvedName = optionalString(from.involvedName);
  if (involvedKind) {
    query.involvedKind = involvedKind;
  }
  if (involvedName) {
    query.involvedName = involvedName;
  }
  return query;
}

/**
 * The saved target as the query an annotation runs: a timeline target as it is (its restarts, rollouts,
 * evictions...), anything else as an events query (toEventsTarget), so saved events annotations keep working.
 */
export function toAnnotationTarget(json: Record<string, unknown>): EventsQuery | TimelineQuery {
  const target = isRecord(json.target) ? json.target : undefined;
  if (target && target.queryType === 'timeline') {
    return { ...(target as unknown as TimelineQuery), refId: optionalString(target.refId) ?? ANNOTATION_REF_ID };
  }
  return toEventsTarget(json);
}

/** The string cells of one field, by name; absent when the frame lacks it. */
function column(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function cell(field: Field | undefined, row: number): string | undefined {
  const v: unknown = field?.values[row];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The timeline's annotation frame to annotations: its time, title, plain text (with the link) and tags. */
function marksToAnnotations(frame: DataFrame, out: AnnotationEvent[]): void {
  const time = column(frame, MARK_FIELDS.time);
  const title = column(frame, MARK_FIELDS.title);
  const text = column(frame, MARK_FIELDS.text);
  const tags = column(frame, MARK_FIELDS.tags);
  for (let i = 0; i < frame.length; i++) {
    const t: unknown = time?.values[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      continue;
    }
    const tagList: unknown = tags?.values[i];
    out.push({
      time: t,
      title: cell(title, i) ?? 'Timeline',
      text: cell(text, i) ?? '',
      tags: Array.isArray(tagList) ? tagList.filter((x): x is string => typeof x === 'string' && x !== '') : [],
    });
  }
}

/**
 * Events frames to annotations: one per event at its last occurrence, titled by its reason, with the
 * object and message as plain text (Grafana renders annotation text itself; nothing here is markup).
 * A timeline's annotation frame gives one per moment it marks.
 */
export function framesToAnnotations(frames: readonly DataFrame[]): AnnotationEvent[] {
  const out: AnnotationEvent[] = [];
  for (const frame of frames) {
    if (frame.name === MARKS_FRAME_NAME) {
      marksToAnnotations(frame, out);
      continue;
    }
    const time = column(frame, EVENT_FIELDS.time);
    const reason = column(frame, EVENT_FIELDS.reason);
    if (!time || !reason) {
      // not events (a timeline's state lanes, say: its moments come in the frame above)
      continue;
    }
    const type = column(frame, EVENT_FIELDS.type);
    const namespace = column(frame, EVENT_FIELDS.namespace);
    const kind = column(frame, EVENT_FIELDS.kind);
    const name = column(frame, EVENT_FIELDS.name);
    const message = column(frame, EVENT_FIELDS.message);
    for (let i = 0; i < frame.length; i++) {
      const t: unknown = time.values[i];
      if (typeof t !== 'number' || !Number.isFinite(t)) {
        continue;
      }
      const k = cell(kind, i);
      const n = cell(name, i);
      const object = k && n ? `${k}/${n}` : (n ?? k);
      const msg = cell(message, i);
      const tags = [cell(type, i), cell(reason, i), cell(namespace, i), k].filter((s): s is string => Boolean(s));
      out.push({
        time: t,
        title: cell(reason, i) ?? 'Event',
        text: object && msg ? `${object}: ${msg}` : (object ?? msg ?? ''),
        tags,
      });
    }
  }
  return out;
}

/** Kubernetes events, or a timeline's moments, as dashboard annotations, run through the data source's query(). */
export const kubeAnnotations: AnnotationSupport<KubeQuery> = {
  prepareAnnotation(json: unknown): AnnotationQuery<KubeQuery> {
    const anno = (isRecord(json) ? json : {}) as AnnotationQuery<KubeQuery>;
    return { ...anno, target: toAnnotationTarget(anno) };
  },
  prepareQuery(anno: AnnotationQuery<KubeQuery>): KubeQuery | undefined {
    if (!anno.target) {
      return undefined;
    }
    const query = toAnnotationTarget(anno);
    // run for annotations only: the state lanes would be drawn nowhere
    return query.queryType === 'timeline' ? ({ ...query, marksOnly: true } as TimelineAnnotationQuery) : query;
  },
  processEvents(_anno: AnnotationQuery<KubeQuery>, frames: DataFrame[]): Observable<AnnotationEvent[] | undefined> {
    return of(framesToAnnotations(frames));
  },
  getDefaultQuery(): Partial<KubeQuery> {
    return { ...DEFAULT_ANNOTATION_QUERY };
  },
};
