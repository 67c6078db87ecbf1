import { QueryResultMetaNotice } from '@grafana/data';
import { defer, Observable, SchedulerLike, Subject, Subscription, take, timer } from 'rxjs';

import { SeriesHistory } from './history';
import { SeriesStore } from './seriesStore';
import { LiveSource, Snapshot } from './types';

export const DEFAULT_MAX_SERIES_PER_SOURCE = 10_000;
/** Points per series above retention / interval, so a late poll never pushes out a point still in range. */
const CAPACITY_SLACK = 2;
/** A hard cap on points per series whatever the settings (a day at 5 s would be 17,280 per series). */
export const MAX_POINTS_PER_SERIES = 4096;

export interface SamplerOptions {
  intervalMs: number;
  retentionMs: number;
  maxSeriesPerSource?: number;
  now?: () => number;
  scheduler?: SchedulerLike;
  /**
   * How long a source keeps polling after its last subscriber left (default: the retention), so a dashboard
   * opened again, or refreshed, shows the history it missed. 0 stops at once and forgets the history.
   */
  lingerMs?: number;
}

interface SourceState {
  readonly key: string;
  /** the newest LiveSource given for this key: equal keys poll the same thing */
  source: LiveSource;
  readonly store: SeriesStore;
  readonly updates: Subject<SeriesHistory>;
  subscribers: number;
  polls: number;
  lastPollMs?: number;
  notices: QueryResultMetaNotice[];
  errors: NonNullable<Snapshot['errors']>;
  pollError?: unknown;
  ticker?: Subscription;
  inFlight?: Subscription;
  linger?: Subscription;
}

/**
 * Polls each distinct source once per interval however many queries watch it, and keeps its history
 * (bounded ring buffers, counters as rates). A slow poll never overlaps the next: that tick is skipped.
 */
export class Sampler {
  readonly intervalMs: number;
  readonly retentionMs: number;
  private readonly lingerMs: number;
  private readonly maxSeries: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly scheduler?: SchedulerLike;
  private readonly sources = new Map<string, SourceState>();
  private disposed = false;

  constructor(opts: SamplerOptions) {
    if (!(opts.intervalMs > 0) || !Number.isFinite(opts.intervalMs)) {
      throw new RangeError(`The poll interval must be a positive number of ms, got ${opts.intervalMs}`);
    }
    if (!(opts.retentionMs > 0) || !Number.isFinite(opts.retentionMs)) {
      throw new RangeError(`The history length must be a positive number of ms, got ${opts.retentionMs}`);
    }
    this.intervalMs = opts.intervalMs;
    this.retentionMs = opts.retentionMs;
    this.lingerMs = Math.max(0, opts.lingerMs ?? opts.retentionMs);
    this.maxSeries = Math.max(1, Math.floor(opts.maxSeriesPerSource ?? DEFAULT_MAX_SERIES_PER_SOURCE));
    this.capacity = Math.min(MAX_POINTS_PER_SERIES, Math.ceil(opts.retentionMs / opts.intervalMs) + CAPACITY_SLACK);
    this.scheduler = opts.scheduler;
    const scheduler = opts.scheduler;
    this.now = opts.now ?? (scheduler ? () => scheduler.now() : () => Date.now());
  }

  /** History so far (when there is any), then the history after every poll while subscribed. */
  watch(source: LiveSource): Observable<SeriesHistory> {
    return new Observable<SeriesHistory>((subscriber) => {
      if (this.disposed) {
        subscriber.complete();
        return undefined;
      }
      const state = this.acquire(source);
      if (state.polls > 0) {
        subscriber.next(this.history(state));
      }
      const inner = state.updates.subscribe(subscriber);
      this.start(state);
      return () => {
        inner.unsubscribe();
        this.release(state);
      };
    });
  }

  /** Keys of the sources polling now (for tests and diagnostics). */
  activeSources(): string[] {
    return [...this.sources.keys()];
  }

  /** Stops every poller, cancels polls in flight and completes every watcher (the data source went away). */
  dispose(): void {
    this.disposed = true;
    for (const state of [...this.sources.values()]) {
      this.stop(state);
    }
  }

  private acquire(source: LiveSource): SourceState {
    let state = this.sources.get(source.key);
    if (!state) {
      state = {
        key: source.key,
        source,
        store: new SeriesStore({ capacity: this.capacity, maxSeries: this.maxSeries, retentionMs: this.retentionMs }),
        updates: new Subject<SeriesHistory>(),
        subscribers: 0,
        polls: 0,
        notices: [],
        errors: [],
      };
      this.sources.set(source.key, state);
    }
    state.source = source;
    state.subscribers++;
    state.linger?.unsubscribe();
    state.linger = undefined;
    return state;
  }

  private start(state: SourceState): void {
    if (!state.ticker && this.sources.get(state.key) === state) {
      state.ticker = timer(0, this.intervalMs, this.scheduler).subscribe(() => this.poll(state));
    }
  }

  private release(state: SourceState): void {
    state.subscribers--;
    if (state.subscribers > 0 || this.sources.get(state.key) !== state) {
      return;
    }
    if (this.lingerMs === 0) {
      this.stop(state);
    } else {
      state.linger = timer(this.lingerMs, this.scheduler).subscribe(() => this.stop(state));
    }
  }

  private stop(state: SourceState): void {
    state.ticker?.unsubscribe();
    state.inFlight?.unsubscribe();
    state.linger?.unsubscribe();
    state.ticker = state.inFlight = state.linger = undefined;
    if (this.sources.get(state.key) === state) {
      this.sources.delete(state.key);
    }
    state.updates.complete();
  }

  private poll(state: SourceState): void {
    if (state.inFlight) {
      return; // the previous poll still runs: skip this tick rather than stack requests
    }
    let settled = false;
    let answered = false;
    const finish = () => {
      settled = true;
      state.inFlight = undefined;
    };
    const sub = defer(() => state.source.poll())
      .pipe(take(1))
      .subscribe({
        next: (snapshot) => {
          answered = true;
          finish();
          this.record(state, snapshot);
        },
        error: (err: unknown) => {
          finish();
          this.recordFailure(state, err);
        },
        complete: () => {
          finish();
          if (!answered) {
            this.recordFailure(state, new Error(`The poll of ${state.key} ended without an answer`));
          }
        },
      });
    if (!settled) {
      state.inFlight = sub;
    }
  }

  private record(state: SourceState, snapshot: Snapshot): void {
    const seenMs = this.now();
    const pollMs = Number.isFinite(snapshot.timeMs) ? snapshot.timeMs : seenMs;
    const leftOut = state.store.ingest(snapshot.samples, pollMs, seenMs);
    state.store.expire(seenMs);
    state.polls++;
    state.lastPollMs = pollMs;
    state.notices = [...(snapshot.notices ?? [])];
    if (leftOut > 0) {
      state.notices.push({
        severity: 'warning',
        text:
          `History is kept for at most ${this.maxSeries.toLocaleString('en-US')} series per query; ` +
          `${leftOut.toLocaleString('en-US')} more were left out. Narrow the query (namespace, node, label selector).`,
      });
    }
    state.errors = snapshot.errors ?? [];
    state.pollError = undefined;
    state.updates.next(this.history(state));
  }

  private recordFailure(state: SourceState, err: unknown): void {
    // the history stays; it still ages out while polls fail
    state.store.expire(this.now());
    state.polls++;
    state.notices = [];
    state.errors = [];
    state.pollError = err;
    state.updates.next(this.history(state));
  }

  private history(state: SourceState): SeriesHistory {
    return {
      sourceKey: state.key,
      series: state.store.list(),
      polls: state.polls,
      lastPollMs: state.lastPollMs,
      intervalMs: this.intervalMs,
      retentionMs: this.retentionMs,
      notices: state.notices,
      errors: state.errors,
      pollError: state.pollError,
    };
  }
}
