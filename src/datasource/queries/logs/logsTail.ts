/**
 * Live tail by polling. Grafana's data proxy cuts long-held requests, so there is no `follow=true`: every poll
 * re-reads the pods (restarts, new and deleted pods) and each container's log from the second of the last line
 * seen. The API keeps whole seconds, so lines of that boundary second come again and are dropped by id; nothing
 * after it can be missed. Each poll that brings something emits the whole retained set (at most `maxLines`,
 * oldest dropped) as one growing logs frame with LoadingState.Streaming.
 */
import { DataQueryResponse, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import {
  catchError,
  concatMap,
  defer,
  filter,
  forkJoin,
  from,
  map,
  Observable,
  of,
  repeat,
  switchMap,
  takeWhile,
  timer,
  toArray,
} from 'rxjs';

import { LogRows, mergeByTime } from './logLines';
import { describeKubeError, KubeError } from '../../kube/errors';
import type { ResolvedLogsQuery } from './logsResolve';
import { logReadError, podGoneError } from './logsErrors';
import { logsFrame } from './logsFrame';
import { formatBytes, MAX_NOTICES } from './logsNotices';
import { eventKey, eventRows, eventsFailure, PodEvents, readPodEvents } from './logsEvents';
import { restartMarker } from './logsMarkers';
import { readContainerLog } from './logsRead';
import { appendRows, emptyRows, keepRows, rowKey } from './logsRows';
import { LogTarget, readTargets, TargetsRead } from './logsTargets';
import { asKubeError, toQueryError } from '../../kube/queryError';
import { QueryContext } from '../types';

/** Lines kept in the streamed frame; older ones are dropped (and counted). */
export const MAX_TAIL_LINES = 50_000;
/** Without tailLines, a tail that has no time range starts with this many last lines per container. */
export const TAIL_START_LINES = 100;

export interface TailOptions {
  pollIntervalMs: number;
  /** what to wait for between polls (default: timer(pollIntervalMs)); tests drive polls with their own */
  wait?: () => Observable<unknown>;
  maxLines?: number;
}

interface Stream {
  target: LogTarget;
  /** the second (epoch ms) of the last line taken; the next read starts there */
  lastSec?: number;
  /** ids of the lines taken in that second */
  seen: Set<string>;
  /** never take a line before this (the time range's exact start) */
  fromMs?: number;
  /** the first read asks for the last N lines instead of a time */
  tailLines?: number;
  /** the last failure said, so it is said once, not every poll */
  lastError?: string;
}

interface Job {
  stream: Stream;
  /** the container restarted: read what the old instance wrote after the last line taken first */
  catchUp: boolean;
  /** the restart marker row to add to the stream with this poll's lines */
  marker?: LogRows;
}

interface JobResult {
  stream: Stream;
  rows: LogRows[];
  marker?: LogRows;
  error?: KubeError;
  capped: boolean;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;

/** One tail: the streams followed, the lines kept and what to tell the user. */
class TailSession {
  private readonly streams = new Map<string, Stream>();
  private retained = emptyRows();
  private dropped = 0;
  private notices: QueryResultMetaNotice[] = [];
  private readonly said = new Set<string>();
  private polls = 0;
  /** events already in the stream, by eventKey (a repeat comes back with a higher count: a new row) */
  private readonly seenEvents = new Set<string>();
  /** where streams found after the first poll start (a new pod of the workload) */
  private readonly startMs: number;
  private readonly fromMs?: number;
  finished = false;

  constructor(
    private readonly ctx: QueryContext,
    private readonly q: ResolvedLogsQuery,
    private readonly maxLines: number
  ) {
    const useRange = q.tailLines === undefined && ctx.range !== undefined;
    this.fromMs = useRange ? ctx.range!.from.valueOf() : undefined;
    this.startMs = this.fromMs ?? ctx.nowMs;
  }

  private say(text: string, severity: QueryResultMetaNotice['severity'] = 'warning'): boolean {
    if (this.said.has(text)) {
      return false;
    }
    this.said.add(text);
    this.notices.push({ severity, text });
    return true;
  }

  private describe(err: KubeError): string {
    return describeKubeError(err);
  }

  private newStream(target: LogTarget): Stream {
    const stream: Stream = { target, seen: new Set(), fromMs: this.fromMs };
    if (this.polls === 0 && this.fromMs === undefined) {
      stream.tailLines = this.q.tailLines ?? TAIL_START_LINES;
    }
    return stream;
  }

  private stop(key: string, text: string): void {
    this.streams.delete(key);
    this.say(text);
  }

  /** Follows the pods as they are now: new streams, restarts, pods gone. Returns what to read. */
  private reconcile(read: TargetsRead): Job[] {
    const jobs: Job[] = [];
    const current = new Set<string>();
    for (const target of read.targets) {
      current.add(target.key);
      const known = this.streams.get(target.key);
      if (!known) {
        const stream = this.newStream(target);
        this.streams.set(target.key, stream);
        // a restart already past when the tail starts shows only when the time range covers it
        const marker = stream.fromMs !== undefined ? restartMarker(target, stream.fromMs) : undefined;
        jobs.push({ stream, catchUp: false, marker });
        continue;
      }
      const before = known.target;
      const restarted =
        (before.restartCount !== undefined && (target.restartCount ?? 0) > before.restartCount) ||
        (!!before.containerId && !!target.containerId && before.containerId !== target.containerId);
      if (restarted) {
        const n = target.restartCount ?? 0;
        this.notices.push({
          severity: 'info',
          text: `Container ${target.container} of pod ${target.namespace}/${target.pod} restarted (restart count ${n}); following the new instance.`,
        });
      }
      known.target = target;
      // a restart with a previous instance to read from: the old instance's last lines (often the crash) come first
      jobs.push({
        stream: known,
        catchUp: restarted && !this.q.previous && (target.restartCount ?? 0) > 0,
        marker: restarted ? restartMarker(target) : undefined,
      });
    }
    const gone = new Set(read.gone.map((g) => `${g.namespace}/${g.pod}`));
    const listed = this.q.labelSelector !== undefined && read.errors.length === 0;
    for (const [key, stream] of this.streams) {
      if (current.has(key)) {
        continue;
      }
      const { namespace, pod } = stream.target;
      if (gone.has(`${namespace}/${pod}`)) {
        this.stop(key, `${this.describe(podGoneError({ namespace, pod }))} Its log stream stopped.`);
      } else if (listed) {
        this.stop(
          key,
          `Pod ${namespace}/${pod} no longer exists or no longer matches ${this.q.labelSelector}; its log stream stopped.`
        );
      }
    }
    for (const err of read.errors) {
      this.say(this.describe(err));
    }
    for (const text of read.notices) {
      this.say(text, 'info');
    }
    if (this.polls === 0) {
      for (const ref of read.gone) {
        this.say(this.describe(podGoneError(ref)));
      }
    }
    return jobs;
  }

  private readJob(job: Job): Observable<JobResult> {
    const { stream } = job;
    const limitBytes = this.q.limitBytes;
    const sinceMs = stream.tailLines !== undefined ? undefined : (stream.lastSec ?? this.startMs);
    const reads: Array<Observable<LogRows>> = [];
    if (job.catchUp) {
      // best effort: if the old instance's log is gone already, the new one is still read
      reads.push(
        readContainerLog(this.ctx.client, stream.target, { sinceMs, limitBytes, previous: true }).pipe(
          catchError(() => of(emptyRows()))
        )
      );
    }
    reads.push(
      readContainerLog(this.ctx.client, stream.target, {
        sinceMs,
        tailLines: stream.tailLines,
        limitBytes,
        previous: this.q.previous,
      })
    );
    return from(reads).pipe(
      concatMap((r) => r),
      toArray(),
      map((rows): JobResult => ({ stream, rows, marker: job.marker, capped: rows.some((r) => r.capped) })),
      catchError((err) => of<JobResult>({ stream, rows: [], capped: false, error: asKubeError(err) }))
    );
  }

  /** The lines of `rows` not taken yet, and the stream's boundary moved past them. */
  private takeNew(stream: Stream, rows: LogRows): LogRows {
    const fresh = keepRows(
      rows,
      (i) => {
        const t = rows.timeMs[i];
        if (stream.fromMs !== undefined && t < stream.fromMs) {
          return false;
        }
        if (stream.lastSec === undefined) {
          return true;
        }
        const sec = second(t);
        return sec > stream.lastSec || (sec === stream.lastSec && !stream.seen.has(rowKey(rows, i)));
      },
      { capped: false, partialLast: false }
    );
    if (fresh.count) {
      const lastSec = second(fresh.timeMs[fresh.count - 1]);
      if (lastSec !== stream.lastSec) {
        stream.lastSec = lastSec;
        stream.seen = new Set();
      }
      for (let i = 0; i < fresh.count; i++) {
        if (second(fresh.timeMs[i]) === lastSec) {
          stream.seen.add(rowKey(fresh, i));
        }
      }
    }
    return fresh;
  }

  private settle(result: JobResult): LogRows[] {
    const { stream, error } = result;
    if (error) {
      const err = logReadError(error, stream.target);
      if (err.kind === 'notFound') {
        this.stop(stream.target.key, `${this.describe(err)} Its log stream stopped.`);
      } else if (stream.lastError !== err.message) {
        stream.lastError = err.message;
        this.notices.push({ severity: 'warning', text: this.describe(err) });
      }
      return [];
    }
    stream.lastError = undefined;
    const parts = result.rows.map((rows) => this.takeNew(stream, rows));
    stream.tailLines = undefined;
    if (stream.lastSec === undefined) {
      // nothing yet: the next read starts where this tail started, not at the beginning of the log
      stream.lastSec = second(this.startMs);
    }
    if (result.capped && parts.every((p) => p.count === 0)) {
      // one second holds more than limitBytes: without this the tail would read the same bytes forever
      this.say(
        `${stream.target.key} wrote more than ${formatBytes(this.q.limitBytes)} in one second at ` +
          `${new Date(stream.lastSec).toISOString()}; the rest of that second is skipped. Raise the byte limit to see it.`
      );
      stream.lastSec += 1000;
      stream.seen = new Set();
    }
    return result.marker ? [...parts, result.marker] : parts;
  }

  /**
   * The events not in the stream yet. The first poll takes those since the tail's start (the time range's, or the
   * oldest line read for "last N lines"); later polls take every new one.
   */
  private newEvents(podEvents: PodEvents, targets: LogTarget[], lines: LogRows[]): LogRows {
    for (const err of podEvents.failures) {
      this.say(eventsFailure(err));
    }
    const oldest = lines.reduce<number | undefined>(
      (min, r) => (r.count && (min === undefined || r.timeMs[0] < min) ? r.timeMs[0] : min),
      undefined
    );
    const fromMs = this.polls === 0 ? (this.fromMs ?? oldest ?? this.startMs) : undefined;
    const fresh = podEvents.events.filter((e) => !this.seenEvents.has(eventKey(e)));
    const rows = eventRows(fresh, targets, fromMs);
    for (const e of podEvents.events) {
      this.seenEvents.add(eventKey(e));
    }
    return rows;
  }

  /** The response for the retained lines, or undefined when this poll changed nothing. */
  private response(newLines: number, noticesBefore: number, errors: KubeError[]): DataQueryResponse | undefined {
    const changed = newLines > 0 || this.notices.length !== noticesBefore || this.polls === 1 || this.finished;
    if (!changed) {
      return undefined;
    }
    const state = this.finished ? LoadingState.Done : LoadingState.Streaming;
    if (this.retained.count === 0 && errors.length && this.polls === 1) {
      const qes = errors.map((e) => toQueryError(e, this.q.refId));
      return { data: [], errors: qes, key: this.q.refId, state };
    }
    const shown = this.notices.slice(-(MAX_NOTICES - 1));
    if (this.dropped) {
      shown.push({
        severity: 'info',
        text: `Dropped the ${this.dropped} oldest lines to keep the newest ${this.maxLines}.`,
      });
    }
    const frame = logsFrame(this.retained, this.q.refId, { notices: shown });
    return { data: [frame], key: this.q.refId, state };
  }

  poll(): Observable<DataQueryResponse | undefined> {
    const noticesBefore = this.notices.length;
    return readTargets(this.ctx.client, this.q, this.ctx.concurrency).pipe(
      switchMap((read) => {
        const jobs = this.reconcile(read);
        const firstErrors = this.polls === 0 ? [...read.errors] : [];
        if (this.polls === 0) {
          firstErrors.push(...read.gone.map((ref) => podGoneError(ref)));
        }
        const results$ = jobs.length
          ? this.ctx.client.fanOut(jobs, (job) => this.readJob(job), this.ctx.concurrency)
          : of([]);
        const events$ = this.q.events ? readPodEvents(this.ctx.client, this.q, this.ctx.concurrency) : of(undefined);
        return forkJoin([results$, events$]).pipe(
          map(([results, podEvents]) => {
            const parts: LogRows[] = [];
            for (const r of results) {
              if (r.value) {
                parts.push(...this.settle(r.value));
                if (r.value.error) {
                  firstErrors.push(logReadError(r.value.error, r.value.stream.target));
                }
              }
            }
            if (podEvents) {
              parts.push(this.newEvents(podEvents, read.targets, parts));
            }
            const batch = mergeByTime(parts.filter((p) => p.count > 0));
            if (batch.count) {
              const joined = appendRows(this.retained, batch, this.maxLines);
              this.retained = joined.rows;
              this.dropped += joined.dropped;
            }
            this.polls++;
            // named pods that are all gone: nothing will come any more
            this.finished = this.streams.size === 0 && this.q.labelSelector === undefined;
            return this.response(batch.count, noticesBefore, firstErrors);
          })
        );
      })
    );
  }
}

/**
 * Streams a logs query: the first poll at once, then one poll `pollIntervalMs` after the previous one ended
 * (polls never overlap). Unsubscribing cancels the wait and any request in flight.
 */
export function tailLogs(ctx: QueryContext, q: ResolvedLogsQuery, opts: TailOptions): Observable<DataQueryResponse> {
  return defer(() => {
    const session = new TailSession(ctx, q, opts.maxLines ?? MAX_TAIL_LINES);
    const wait = opts.wait ?? (() => timer(opts.pollIntervalMs));
    return defer(() => session.poll()).pipe(
      repeat({ delay: () => wait() }),
      takeWhile(() => !session.finished, true),
      filter((r): r is DataQueryResponse => r !== undefined)
    );
  });
}
