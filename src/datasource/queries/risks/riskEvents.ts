/**
 * The newest event about each object, for the words the objects themselves do not carry: the scheduler's
 * FailedScheduling message on a Pending pod, the provisioner's on a Pending PVC.
 */
import { EventObject } from '../../decode/apiTypes';
import { EventInfo, readEvent } from '../../decode/eventObjects';

export type EventIndex = ReadonlyMap<string, EventInfo>;

export function eventKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** A Warning beats a Normal event; between two of the same type the newer wins. */
function better(a: EventInfo, b: EventInfo): boolean {
  const aw = a.type === 'Warning';
  const bw = b.type === 'Warning';
  if (aw !== bw) {
    return aw;
  }
  return (a.lastMs ?? 0) > (b.lastMs ?? 0);
}

/** Only the kinds the checks ask about, so a cluster's many events cost one pass and a small map. */
const KINDS = new Set(['Pod', 'PersistentVolumeClaim']);

export function indexEvents(events: readonly EventObject[]): EventIndex {
  const index = new Map<string, EventInfo>();
  for (const e of events) {
    const kind = e?.involvedObject?.kind;
    if (typeof kind !== 'string' || !KINDS.has(kind)) {
      continue;
    }
    const info = readEvent(e);
    if (!info.objectName) {
      continue;
    }
    const key = eventKey(kind, e.involvedObject?.namespace ?? info.namespace ?? '', info.objectName);
    const had = index.get(key);
    if (!had || better(info, had)) {
      index.set(key, info);
    }
  }
  return index;
}
