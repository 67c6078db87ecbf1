import { EventObject } from './apiTypes';
import { parseKubeTime } from './kubeTime';

/** A text field: empty strings are absent. */
function text(value: string | undefined | null): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** `spec.containers{app}`, `spec.initContainers{migrate}`: the name between the braces. */
function containerOf(fieldPath: string | undefined): string | null {
  if (typeof fieldPath !== 'string' || !fieldPath.startsWith('spec.') || !fieldPath.endsWith('}')) {
    return null;
  }
  const open = fieldPath.indexOf('{');
  return open > 0 ? text(fieldPath.slice(open + 1, -1)) : null;
}

/** One core/v1 Event as the tables and annotations use it. */
export interface EventInfo {
  namespace: string | null;
  name: string | null;
  type: string | null;
  reason: string | null;
  message: string | null;
  /** the involved object */
  kind: string | null;
  objectName: string | null;
  /** the container the event is about, from involvedObject.fieldPath (`spec.containers{app}`) */
  container?: string | null;
  /** how many times it happened (a singleton event of the new API has no count: 1) */
  count: number;
  firstMs?: number;
  /** the last occurrence: the series' last observation, lastTimestamp, eventTime or firstTimestamp */
  lastMs?: number;
  /** who reported it: source.component or reportingComponent */
  source: string | null;
}

/**
 * Reads one Event the way `kubectl get events` does: events written through the new events API carry
 * eventTime and a series instead of first/lastTimestamp and count.
 */
export function readEvent(e: EventObject): EventInfo {
  const firstMs = parseKubeTime(e.firstTimestamp) ?? parseKubeTime(e.eventTime);
  const lastMs =
    parseKubeTime(e.series?.lastObservedTime) ??
    parseKubeTime(e.lastTimestamp) ??
    parseKubeTime(e.eventTime) ??
    firstMs;
  const seriesCount = e.series?.count;
  const count =
    typeof seriesCount === 'number' && seriesCount > 0
      ? seriesCount
      : typeof e.count === 'number' && e.count > 0
        ? e.count
        : 1;
  return {
    namespace: text(e.metadata?.namespace),
    name: text(e.metadata?.name),
    type: text(e.type),
    reason: text(e.reason),
    message: text(e.message),
    kind: text(e.involvedObject?.kind),
    objectName: text(e.involvedObject?.name),
    container: containerOf(e.involvedObject?.fieldPath),
    count,
    firstMs,
    lastMs,
    source: text(e.source?.component) ?? text(e.reportingComponent),
  };
}

/** kubectl's OBJECT column: `pod/web-5d9c` (kind lower-cased), or the kind alone. */
export function eventObjectText(e: EventInfo): string | null {
  const kind = e.kind?.toLowerCase() ?? null;
  if (!e.objectName) {
    return kind;
  }
  return kind ? `${kind}/${e.objectName}` : e.objectName;
}

/** Newest first; events without any time go last. */
export function newestFirst(a: EventInfo, b: EventInfo): number {
  return (b.lastMs ?? -Infinity) - (a.lastMs ?? -Infinity) || 0;
}
