import type { DataFrame } from '@grafana/data';

import { logFrameFields, type LogFrameFields } from './frameFields';
import { mergeBatches, readRows, type LogBatch } from './frameRows';
import type { LogStore } from './logStore';

interface RowIdentity {
  time: unknown;
  body: unknown;
  id: unknown;
}

interface Cursor {
  /** rows of this frame already in the store */
  consumed: number;
  first?: RowIdentity;
  last?: RowIdentity;
}

export type SyncResult = 'none' | 'append' | 'reset';

/** Rows read per step of pump(), between looks at the clock. */
const READ_STEP = 1_000;

/** Rows of one frame still to read. */
interface PendingRead {
  fields: LogFrameFields;
  from: number;
  to: number;
}

export interface SyncInput {
  series: DataFrame[];
  /** data.state === Streaming */
  streaming: boolean;
  /** data.request?.requestId: a new one means a new query, not more of the same stream */
  requestId?: string;
}

function identity(fields: LogFrameFields, i: number): RowIdentity {
  return { time: fields.time?.values[i], body: fields.body.values[i], id: fields.id?.values[i] };
}

function same(a: RowIdentity | undefined, b: RowIdentity | undefined): boolean {
  if (!a || !b) {
    return a === b;
  }
  if (a.id != null && b.id != null) {
    return a.id === b.id;
  }
  return a.time === b.time && a.body === b.body;
}

function lastIndexOf(fields: LogFrameFields, length: number, row: RowIdentity | undefined): number {
  for (let i = length - 1; i >= 0; i--) {
    if (same(identity(fields, i), row)) {
      return i;
    }
  }
  return -1;
}

interface LogFrame {
  key: string;
  fields: LogFrameFields;
  length: number;
}

function logFrames(series: DataFrame[]): LogFrame[] {
  const ordinals = new Map<string, number>();
  const out: LogFrame[] = [];
  for (const frame of series) {
    const fields = logFrameFields(frame);
    if (!fields) {
      continue;
    }
    const ref = frame.refId ?? '';
    const ordinal = ordinals.get(ref) ?? 0;
    ordinals.set(ref, ordinal + 1);
    out.push({ key: `${ref}#${ordinal}`, fields, length: frame.length });
  }
  return out;
}

/**
 * Keeps a LogStore in step with successive `data.series`. Grafana hands a panel the whole current result each
 * time, which while streaming may be a frame that grew, a ring buffer that dropped its head, or only the new
 * lines; reading only what is new keeps a streaming panel at O(new lines) per update and lets the store keep
 * more history than the frames do. A new query (or a changed frame set outside streaming) starts over.
 */
export class FrameSync {
  private cursors = new Map<string, Cursor>();
  private lastSeries?: DataFrame[];
  private lastRequestId?: string;
  private pending: PendingRead[] = [];

  /** Rows of the frames already seen that are not in the store yet (read by pump). */
  get pendingRows(): number {
    return this.pending.reduce((n, p) => n + p.to - p.from, 0);
  }

  /**
   * Reads new rows of `series` into the store: at most `maxRows` now (a million-line result must not freeze the
   * page while it is read), the rest by later pump() calls. Rows still pending from earlier frames are read first.
   */
  sync({ series, streaming, requestId }: SyncInput, store: LogStore, maxRows = Infinity, maxMs = Infinity): SyncResult {
    if (series === this.lastSeries) {
      return 'none';
    }
    this.pump(store, Infinity);
    this.lastSeries = series;
    const sameStream = streaming && requestId === this.lastRequestId;
    this.lastRequestId = requestId;
    const frames = logFrames(series);

    const starts = sameStream ? this.streamStarts(frames) : this.extensionStarts(frames);
    if (!starts || store.length === 0) {
      return this.reset(frames, store, maxRows, maxMs);
    }
    this.pending = frames.map((f, i) => ({ fields: f.fields, from: starts[i], to: f.length }));
    this.remember(frames);
    return this.pump(store, maxRows, maxMs) > 0 ? 'append' : 'none';
  }

  /**
   * Reads pending rows into the store (merged in time order), up to `maxRows`, stopping early once `maxMs` have
   * passed (checked every READ_STEP rows); returns the rows read.
   */
  pump(store: LogStore, maxRows: number, maxMs = Infinity, now: () => number = () => performance.now()): number {
    const started = maxMs === Infinity ? 0 : now();
    let read = 0;
    while (this.pending.length > 0 && read < maxRows) {
      const n = this.pumpSome(store, Math.min(READ_STEP, maxRows - read));
      read += n;
      if (n === 0 || (maxMs !== Infinity && now() - started >= maxMs)) {
        break;
      }
    }
    return read;
  }

  private pumpSome(store: LogStore, maxRows: number): number {
    let left = maxRows;
    const batches: LogBatch[] = [];
    for (const p of this.pending) {
      if (left <= 0) {
        break;
      }
      const to = Math.min(p.to, p.from + left);
      if (to > p.from) {
        batches.push(readRows(p.fields, p.from, to, store.sourceTable));
        left -= to - p.from;
        p.from = to;
      }
    }
    this.pending = this.pending.filter((p) => p.from < p.to);
    const batch = mergeBatches(batches);
    if (batch.length > 0) {
      store.append(batch);
    }
    return batch.length;
  }

  /** Outside a stream only a pure extension (same frames, same first rows, more rows) is read incrementally. */
  private extensionStarts(frames: LogFrame[]): number[] | undefined {
    if (frames.length !== this.cursors.size) {
      return undefined;
    }
    const starts: number[] = [];
    for (const f of frames) {
      const c = this.cursors.get(f.key);
      if (!c || c.consumed > f.length) {
        return undefined;
      }
      if (
        c.consumed > 0 &&
        (!same(identity(f.fields, 0), c.first) || !same(identity(f.fields, c.consumed - 1), c.last))
      ) {
        return undefined;
      }
      starts.push(c.consumed);
    }
    return starts;
  }

  /** Within a stream: after the last row seen, wherever it now is; a frame that does not hold it is all new. */
  private streamStarts(frames: LogFrame[]): number[] {
    return frames.map((f) => {
      const c = this.cursors.get(f.key);
      if (!c || c.consumed === 0) {
        return 0;
      }
      if (c.consumed <= f.length && same(identity(f.fields, c.consumed - 1), c.last)) {
        return c.consumed;
      }
      return lastIndexOf(f.fields, f.length, c.last) + 1;
    });
  }

  private reset(frames: LogFrame[], store: LogStore, maxRows: number, maxMs: number): SyncResult {
    store.clear();
    this.pending = frames.map((f) => ({ fields: f.fields, from: 0, to: f.length }));
    this.remember(frames);
    this.pump(store, maxRows, maxMs);
    return 'reset';
  }

  private remember(frames: LogFrame[]): void {
    const next = new Map<string, Cursor>();
    for (const f of frames) {
      next.set(
        f.key,
        f.length === 0
          ? { consumed: 0 }
          : { consumed: f.length, first: identity(f.fields, 0), last: identity(f.fields, f.length - 1) }
      );
    }
    this.cursors = next;
  }
}
