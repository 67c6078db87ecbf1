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

  sync({ series, streaming, requestId }: SyncInput, store: LogStore): SyncResult {
    if (series === this.lastSeries) {
      return 'none';
    }
    this.lastSeries = series;
    const sameStream = streaming && requestId === this.lastRequestId;
    this.lastRequestId = requestId;
    const frames = logFrames(series);

    const starts = sameStream ? this.streamStarts(frames) : this.extensionStarts(frames);
    if (!starts || store.length === 0) {
      return this.reset(frames, store);
    }
    const batches: LogBatch[] = frames.map((f, i) => readRows(f.fields, starts[i], f.length, store.sourceTable));
    const batch = mergeBatches(batches);
    this.remember(frames);
    if (batch.length === 0) {
      return 'none';
    }
    store.append(batch);
    return 'append';
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

  private reset(frames: LogFrame[], store: LogStore): SyncResult {
    store.clear();
    const batch = mergeBatches(frames.map((f) => readRows(f.fields, 0, f.length, store.sourceTable)));
    store.append(batch);
    this.remember(frames);
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
