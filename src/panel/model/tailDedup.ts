/**
 * Which lines of a re-query are new. A re-query from the newest line's timestamp (live tail) or up to the oldest
 * line's (older lines) delivers again the lines at that boundary; they are recognised by Loki's `id` when a
 * frame has one, else by time, labels and line, and dropped. Pure: frames in, frames out.
 */
import type { DataFrame, Field } from '@grafana/data';

import { logFrameFields, type LogFrameFields } from './frameFields';
import { toMillis } from './frameRows';

/** Which end of the held lines a re-query extends. */
export type TailDirection = 'newer' | 'older';

/** A line's identity across queries: its id, else time, labels and body. */
export function lineKey(fields: LogFrameFields, i: number): string {
  const id = fields.id?.values[i];
  if (id != null && id !== '') {
    return `id:${String(id)}`;
  }
  const labels = fields.labels?.values[i];
  const labelText = labels && typeof labels === 'object' ? JSON.stringify(labels) : String(labels ?? '');
  const source = [fields.namespace, fields.pod, fields.container]
    .map((f) => (f.length ? String(f[0].values[i] ?? '') : ''))
    .join('/');
  return `t:${timeOf(fields, i)}\u0000${labelText}\u0000${source}\u0000${String(fields.body.values[i] ?? '')}`;
}

function timeOf(fields: LogFrameFields, i: number): number {
  return fields.time ? toMillis(fields.time.values[i]) : NaN;
}

/** The same frame with only the rows at `keep` (in that order). */
export function pickRows(frame: DataFrame, keep: number[]): DataFrame {
  const fields: Field[] = frame.fields.map((f) => ({ ...f, values: keep.map((i) => f.values[i]) }));
  return { ...frame, fields, length: keep.length };
}

/**
 * The boundary of the lines held at one end: the newest (or oldest) time, and the keys of the lines at it. A
 * re-query from that time returns those lines again; `take` drops them and moves the boundary on.
 */
export class TailBoundary {
  /** epoch ms of the newest (or oldest) line seen; NaN before any */
  time = NaN;
  private keys = new Set<string>();

  constructor(readonly direction: TailDirection) {}

  /** true when `t` is beyond the boundary (newer for 'newer', older for 'older') */
  private beyond(t: number): boolean {
    return this.direction === 'newer' ? t > this.time : t < this.time;
  }

  /** Records lines as held without returning them (the panel's first result). */
  see(frames: DataFrame[]): void {
    this.take(frames);
  }

  /**
   * The rows of `frames` not held yet, as frames (frames with none left out), moving the boundary to the
   * newest (or oldest) of them. Rows without a usable time cannot be placed against the boundary: dropped.
   */
  take(frames: DataFrame[]): DataFrame[] {
    const out = this.filter(frames);
    this.advance(out);
    return out;
  }

  /** The rows of `frames` beyond the boundary or at it and not held, without moving the boundary. */
  filter(frames: DataFrame[]): DataFrame[] {
    const out: DataFrame[] = [];
    for (const frame of frames) {
      const fields = logFrameFields(frame);
      if (!fields || !fields.time) {
        continue;
      }
      const keep: number[] = [];
      for (let i = 0; i < frame.length; i++) {
        const t = timeOf(fields, i);
        if (t !== t) {
          continue;
        }
        if (this.time !== this.time || this.beyond(t)) {
          keep.push(i);
        } else if (t === this.time && !this.keys.has(lineKey(fields, i))) {
          keep.push(i);
        }
      }
      if (keep.length > 0) {
        out.push(keep.length === frame.length ? frame : pickRows(frame, keep));
      }
    }
    return out;
  }

  /** Moves the boundary to the newest (or oldest) row of `frames`, now held. */
  advance(frames: DataFrame[]): void {
    let edge = this.time;
    for (const frame of frames) {
      const fields = logFrameFields(frame)!;
      for (let i = 0; i < frame.length; i++) {
        const t = timeOf(fields, i);
        if (edge !== edge || (this.direction === 'newer' ? t > edge : t < edge)) {
          edge = t;
        }
      }
    }
    if (edge !== this.time) {
      this.keys = new Set();
      this.time = edge;
    }
    for (const frame of frames) {
      const fields = logFrameFields(frame)!;
      for (let i = 0; i < frame.length; i++) {
        if (timeOf(fields, i) === edge) {
          this.keys.add(lineKey(fields, i));
        }
      }
    }
  }
}

/**
 * The newest rows of `frames` (nearest a boundary at the newer end), at most `limit` in all: when older lines
 * would overfill the panel, the ones next to what is held are kept and the oldest are left out.
 */
export function newestRows(frames: DataFrame[], limit: number): DataFrame[] {
  const rows: Array<{ frame: number; row: number; t: number }> = [];
  frames.forEach((frame, f) => {
    const fields = logFrameFields(frame);
    for (let i = 0; fields?.time && i < frame.length; i++) {
      rows.push({ frame: f, row: i, t: timeOf(fields, i) });
    }
  });
  if (rows.length <= limit) {
    return frames;
  }
  rows.sort((a, b) => b.t - a.t);
  const kept = frames.map(() => [] as number[]);
  for (const r of rows.slice(0, Math.max(0, limit))) {
    kept[r.frame].push(r.row);
  }
  return frames
    .map((frame, f) =>
      pickRows(
        frame,
        kept[f].sort((a, b) => a - b)
      )
    )
    .filter((frame) => frame.length > 0);
}

/** Log rows in `frames` (frames the panel reads as logs). */
export function countRows(frames: DataFrame[]): number {
  return frames.reduce((n, f) => n + (logFrameFields(f) ? f.length : 0), 0);
}
