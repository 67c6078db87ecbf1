import { DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';

import { formatSeconds, RetryNote } from './retry';

interface ByStatus {
  requests: Set<number>;
  failed: Set<number>;
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * The retries one query run met (client.withRetryLog), told to the user once as a frame notice. A request shared
 * by coalescing is noted by every query that waited for it.
 */
export class RetryLog {
  private readonly byStatus = new Map<number, ByStatus>();

  record(note: RetryNote): void {
    let entry = this.byStatus.get(note.status);
    if (!entry) {
      entry = { requests: new Set(), failed: new Set(), minDelayMs: Infinity, maxDelayMs: 0 };
      this.byStatus.set(note.status, entry);
    }
    entry.requests.add(note.request);
    if (note.type === 'gaveUp') {
      entry.failed.add(note.request);
    } else {
      entry.minDelayMs = Math.min(entry.minDelayMs, note.delayMs);
      entry.maxDelayMs = Math.max(entry.maxDelayMs, note.delayMs);
    }
  }

  get empty(): boolean {
    return this.byStatus.size === 0;
  }

  /** One notice per status, e.g. "The API server throttled 3 requests (429); they were retried after 1–2 s." */
  notices(): QueryResultMetaNotice[] {
    return [...this.byStatus.entries()].sort(([a], [b]) => a - b).map(([status, e]) => retryNotice(status, e));
  }
}

function retryNotice(status: number, e: ByStatus): QueryResultMetaNotice {
  const n = e.requests.size;
  const requests = n === 1 ? '1 request' : `${n} requests`;
  const what =
    status === 429
      ? `The API server throttled ${requests} (429)`
      : `The API server was unavailable for ${requests} (${status})`;
  // a give-up is only ever recorded after a retry, so minDelayMs is finite; guard anyway
  const min = formatSeconds(Number.isFinite(e.minDelayMs) ? e.minDelayMs : e.maxDelayMs);
  const max = formatSeconds(e.maxDelayMs);
  const delay = min === max ? max : `${min.replace(' s', '')}–${max}`;
  const after = `${n === 1 ? 'it was' : 'they were'} retried after ${delay}`;
  if (!e.failed.size) {
    return { severity: 'info', text: `${what}; ${after}.` };
  }
  const failed =
    e.failed.size === n ? (n === 1 ? 'it still failed' : 'all still failed') : `${e.failed.size} still failed`;
  const advice = status === 429 ? ' Raise the refresh interval or lower the fan-out concurrency if this repeats.' : '';
  return { severity: 'warning', text: `${what}; ${after}, and ${failed}.${advice}` };
}

function withNotices<F extends { meta?: { notices?: QueryResultMetaNotice[] } }>(
  frame: F,
  notices: QueryResultMetaNotice[]
): F {
  const meta = frame.meta ?? {};
  return { ...frame, meta: { ...meta, notices: [...(meta.notices ?? []), ...notices] } };
}

/**
 * The response with the log's notices on its first frame (the panel shows a frame's notices; one is enough).
 * A response without frames is left as it is: its errors already say the request was retried.
 */
export function noteRetries(response: DataQueryResponse, log: RetryLog): DataQueryResponse {
  if (log.empty || !response.data?.length) {
    return response;
  }
  const [first, ...rest] = response.data;
  if (typeof first !== 'object' || first === null) {
    return response;
  }
  return { ...response, data: [withNotices(first, log.notices()), ...rest] };
}

/** A live poll with the log's notices among its own (typed by shape: kube/ does not import live/). */
export function noteRetriesInSnapshot<S extends { timeMs: number; notices?: QueryResultMetaNotice[] }>(
  snapshot: S,
  log: RetryLog
): S {
  return log.empty ? snapshot : { ...snapshot, notices: [...(snapshot.notices ?? []), ...log.notices()] };
}
