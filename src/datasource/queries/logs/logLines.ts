/**
 * The body of `GET /api/v1/namespaces/{ns}/pods/{pod}/log?timestamps=true` to columnar rows.
 *
 * The kubelet prefixes every line with `time.Format("2006-01-02T15:04:05.000000000Z07:00") + " "`: always nine
 * fractional digits, in the runtime's zone (usually `Z`). Bodies reach megabytes, so the prefix is read digit by
 * digit (no Date.parse, no regex per line) and the epoch of the day is recomputed only when the date changes.
 */
import { detectLevel, LogLevel } from '../../../common/logLevel';

/** Which container a line came from; one object per stream, shared by all its rows (and used as frame labels). */
export interface LogStreamLabels {
  namespace: string;
  pod: string;
  container: string;
  node?: string;
  /** set on rows the data source adds to the stream (a container's restart, a pod event), not lines the container wrote */
  marker?: 'restart' | 'event';
}

/** Log lines as a struct of arrays, every array `count` long, in the order the kubelet wrote them. */
export interface LogRows {
  /** Epoch milliseconds. */
  timeMs: number[];
  /** The rest of the time below the millisecond, 0..999999 ns (Grafana's `Field.nanos`). */
  nanos: number[];
  /**
   * The timestamp prefix as the kubelet wrote it (nine fractional digits, the runtime's zone): taken from the
   * text itself, so ids built from it are the same in every poll. {@link nanoKey} turns it into epoch nanoseconds.
   */
  tsNanos: string[];
  body: string[];
  level: LogLevel[];
  /** 0 for the first line with a given instant in its stream, 1 for the next with the same instant, and so on. */
  seq: number[];
  labels: LogStreamLabels[];
  /** Indexes of rows that had no timestamp prefix; they carry the time of the row before (or after, at the start). */
  untimed: number[];
  count: number;
  /** The response was cut by limitBytes: the kubelet has newer lines than the last one here. */
  capped: boolean;
  /** The text ended without a newline: the last row may be only part of its line (limitBytes cuts mid-line). */
  partialLast: boolean;
}

export interface ParseLogOptions {
  /** The caller asked for limitBytes and got that many bytes back. */
  capped?: boolean;
  /** Time for lines when no line has a timestamp at all (a body fetched without timestamps=true). Default 0. */
  timeIfMissing?: number;
  /** Skip severity detection (every level 'unknown'), for callers that do not show it. */
  skipLevels?: boolean;
}

// Scratch results of readTimestamp, kept in module state so the hot loop allocates nothing for them.
let tsMs = 0;
let tsSubMs = 0;
let tsSec = 0;
// Day cache: the epoch of the day is recomputed only when the date changes, which in a log body is almost never.
let dayKey = -1;
let dayMs = 0;

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100;
}

function two(text: string, i: number): number {
  return digit(text, i) * 10 + digit(text, i + 1);
}

/**
 * Reads an RFC3339 timestamp at `p` (any fraction length up to 9 digits kept, the kubelet's fixed 9 being the fast
 * path) followed by a space or the end of the line. Returns the index after the zone, or -1 when it is not one.
 */
function readTimestamp(text: string, p: number, end: number): number {
  if (end - p < 20 || text.charCodeAt(p + 4) !== 45 || text.charCodeAt(p + 10) !== 84) {
    return -1;
  }
  const century = two(text, p);
  const yy = two(text, p + 2);
  const month = two(text, p + 5);
  const day = two(text, p + 8);
  const hour = two(text, p + 11);
  const minute = two(text, p + 14);
  const second = two(text, p + 17);
  if (
    century < 0 ||
    yy < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    text.charCodeAt(p + 7) !== 45 ||
    text.charCodeAt(p + 13) !== 58 ||
    text.charCodeAt(p + 16) !== 58
  ) {
    return -1;
  }
  let i = p + 19;
  let frac = 0;
  if (text.charCodeAt(i) === 46) {
    const start = i + 1;
    i = start;
    let digits = 0;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        break;
      }
      if (digits < 9) {
        frac = frac * 10 + d;
        digits++;
      }
      i++;
    }
    if (i === start) {
      return -1;
    }
    for (let k = digits; k < 9; k++) {
      frac *= 10;
    }
  }
  let offsetSec = 0;
  const z = text.charCodeAt(i);
  if (z === 90 || z === 122) {
    i++;
  } else if (z === 43 || z === 45) {
    const oh = two(text, i + 1);
    const om = two(text, i + 4);
    if (oh < 0 || om < 0 || text.charCodeAt(i + 3) !== 58) {
      return -1;
    }
    offsetSec = (z === 43 ? 1 : -1) * (oh * 3600 + om * 60);
    i += 6;
  } else {
    return -1;
  }
  if (i > end || (i < end && text.charCodeAt(i) !== 32)) {
    return -1;
  }
  const year = century * 100 + yy;
  const key = year * 10000 + month * 100 + day;
  if (key !== dayKey) {
    dayKey = key;
    // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
    dayMs = new Date(0).setUTCFullYear(year, month - 1, day);
  }
  tsSec = dayMs / 1000 + hour * 3600 + minute * 60 + second - offsetSec;
  const ms = Math.floor(frac / 1e6);
  tsMs = tsSec * 1000 + ms;
  tsSubMs = frac - ms * 1e6;
  return i;
}

/**
 * Epoch nanoseconds as decimal text for an RFC3339 timestamp (`2016-10-20T18:39:20.576064430Z` gives
 * `1476988760576064430`); the same instant in another zone gives the same key. Undefined when it is not one.
 */
export function nanoKey(tsText: string): string | undefined {
  if (readTimestamp(tsText, 0, tsText.length) !== tsText.length) {
    return undefined;
  }
  const sub = String((tsMs - tsSec * 1000) * 1e6 + tsSubMs).padStart(9, '0');
  return `${tsSec}${sub}`;
}

/** Epoch ms in the kubelet's layout (`2026-01-02T10:00:00.123000000Z`). */
export function kubeletTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, -1)}000000Z`;
}

function streamLabels(meta: LogStreamLabels): LogStreamLabels {
  const labels: LogStreamLabels = { namespace: meta.namespace, pod: meta.pod, container: meta.container };
  if (meta.node) {
    labels.node = meta.node;
  }
  return labels;
}

/** Numbers each run of rows sharing one instant 0, 1, 2, ... so ids follow from the text alone. */
function numberTies(rows: LogRows): void {
  const { timeMs, nanos, seq } = rows;
  for (let i = 0; i < rows.count; i++) {
    seq[i] = i > 0 && timeMs[i] === timeMs[i - 1] && nanos[i] === nanos[i - 1] ? seq[i - 1] + 1 : 0;
  }
}

/**
 * A line without a timestamp prefix can only be a damaged first line; it is kept, never dropped, with the time
 * of the first timed row after it (or `timeIfMissing` when the whole body is untimed).
 */
function backfillLeading(rows: LogRows, firstTimed: number, timeIfMissing: number): void {
  const ms = firstTimed >= 0 ? rows.timeMs[firstTimed] : timeIfMissing;
  const sub = firstTimed >= 0 ? rows.nanos[firstTimed] : 0;
  const key = firstTimed >= 0 ? rows.tsNanos[firstTimed] : kubeletTimestamp(timeIfMissing);
  const upTo = firstTimed >= 0 ? firstTimed : rows.count;
  for (let i = 0; i < upTo; i++) {
    rows.timeMs[i] = ms;
    rows.nanos[i] = sub;
    rows.tsNanos[i] = key;
  }
}

/** Parses a pod log body fetched with timestamps=true. A trailing newline ends the last line; `\r\n` counts as `\n`. */
export function parseKubeletLog(text: string, meta: LogStreamLabels, opts: ParseLogOptions = {}): LogRows {
  const len = text.length;
  const count = countLines(text);
  const labels = streamLabels(meta);
  const detect = !opts.skipLevels;
  // Sized up front: the columns reach a million entries, and growing them by push costs copies and GC.
  const timeMs = new Array<number>(count);
  const nanos = new Array<number>(count);
  const tsNanos = new Array<string>(count);
  const body = new Array<string>(count);
  const level = new Array<LogLevel>(count);
  const seq = new Array<number>(count);
  const rowLabels = new Array<LogStreamLabels>(count);
  const untimed: number[] = [];
  let firstTimed = -1;
  let n = 0;
  let pos = 0;
  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) {
      nl = len;
    }
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) {
      end--;
    }
    const after = readTimestamp(text, pos, end);
    let line: string;
    if (after >= 0) {
      line = after < end ? text.slice(after + 1, end) : '';
      timeMs[n] = tsMs;
      nanos[n] = tsSubMs;
      tsNanos[n] = text.slice(pos, after);
      if (firstTimed < 0) {
        firstTimed = n;
      }
    } else {
      line = text.slice(pos, end);
      untimed.push(n);
      // Borrow the previous row's time; leading untimed rows are fixed up below.
      timeMs[n] = n > 0 ? timeMs[n - 1] : 0;
      nanos[n] = n > 0 ? nanos[n - 1] : 0;
      tsNanos[n] = n > 0 ? tsNanos[n - 1] : '';
    }
    seq[n] = n > 0 && timeMs[n] === timeMs[n - 1] && nanos[n] === nanos[n - 1] ? seq[n - 1] + 1 : 0;
    body[n] = line;
    level[n] = detect ? detectLevel(line) : 'unknown';
    rowLabels[n] = labels;
    n++;
    pos = nl + 1;
  }
  const rows: LogRows = {
    timeMs,
    nanos,
    tsNanos,
    body,
    level,
    seq,
    labels: rowLabels,
    untimed,
    count: n,
    capped: opts.capped ?? false,
    partialLast: len > 0 && text.charCodeAt(len - 1) !== 10,
  };
  if (firstTimed !== 0 && n > 0) {
    backfillLeading(rows, firstTimed, opts.timeIfMissing ?? 0);
    numberTies(rows);
  }
  return rows;
}

/** Lines in the body: newlines, plus one for a last line without its newline. */
function countLines(text: string): number {
  let count = 0;
  let pos = text.indexOf('\n');
  while (pos !== -1) {
    count++;
    pos = text.indexOf('\n', pos + 1);
  }
  return text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? count + 1 : count;
}

/** Min-heap of parts keyed by their next row: time, then sub-ms nanos, then part index (stability). */
class HeadHeap {
  private readonly heap: number[] = [];
  constructor(
    private readonly parts: LogRows[],
    private readonly cursor: number[]
  ) {}

  get size(): number {
    return this.heap.length;
  }

  private less(a: number, b: number): boolean {
    const pa = this.parts[a];
    const pb = this.parts[b];
    const ia = this.cursor[a];
    const ib = this.cursor[b];
    const ta = pa.timeMs[ia];
    const tb = pb.timeMs[ib];
    if (ta !== tb) {
      return ta < tb;
    }
    const na = pa.nanos[ia];
    const nb = pb.nanos[ib];
    return na !== nb ? na < nb : a < b;
  }

  push(part: number): void {
    const h = this.heap;
    let i = h.length;
    h.push(part);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) {
        break;
      }
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  peek(): number {
    return this.heap[0];
  }

  /** Restores order after the top part's cursor moved (or removes it when exhausted). */
  fixTop(exhausted: boolean): void {
    const h = this.heap;
    if (exhausted) {
      const last = h.pop()!;
      if (h.length === 0) {
        return;
      }
      h[0] = last;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) {
        m = l;
      }
      if (r < h.length && this.less(h[r], h[m])) {
        m = r;
      }
      if (m === i) {
        return;
      }
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

/**
 * K-way merge of several streams (pods, containers) into one time order. Stable: rows with the same instant keep
 * the order of `parts`, and each part's own order is kept. `capped` and `partialLast` hold if they hold for any part.
 */
export function mergeByTime(parts: LogRows[]): LogRows {
  if (parts.length === 1) {
    return parts[0];
  }
  let total = 0;
  for (const p of parts) {
    total += p.count;
  }
  const out: LogRows = {
    timeMs: new Array<number>(total),
    nanos: new Array<number>(total),
    tsNanos: new Array<string>(total),
    body: new Array<string>(total),
    level: new Array<LogLevel>(total),
    seq: new Array<number>(total),
    labels: new Array<LogStreamLabels>(total),
    untimed: [],
    count: total,
    capped: parts.some((p) => p.capped),
    partialLast: parts.some((p) => p.partialLast),
  };
  const cursor = parts.map(() => 0);
  const untimedCursor = parts.map(() => 0);
  const heap = new HeadHeap(parts, cursor);
  parts.forEach((p, k) => {
    if (p.count > 0) {
      heap.push(k);
    }
  });
  for (let n = 0; n < total; n++) {
    const k = heap.peek();
    const p = parts[k];
    const i = cursor[k];
    out.timeMs[n] = p.timeMs[i];
    out.nanos[n] = p.nanos[i];
    out.tsNanos[n] = p.tsNanos[i];
    out.body[n] = p.body[i];
    out.level[n] = p.level[i];
    out.seq[n] = p.seq[i];
    out.labels[n] = p.labels[i];
    if (p.untimed[untimedCursor[k]] === i) {
      out.untimed.push(n);
      untimedCursor[k]++;
    }
    cursor[k] = i + 1;
    heap.fixTop(i + 1 >= p.count);
  }
  return out;
}
