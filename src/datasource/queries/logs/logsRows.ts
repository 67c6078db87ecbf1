/**
 * Row-set operations on parsed log lines (LogRows, struct of arrays): keep a subset, join in order, drop the
 * oldest. They always build new arrays: a logs frame takes its rows' arrays as they are, so rows already in a
 * frame must never change.
 */
import { LogLevel } from '../../../common/logLevel';
import { LogRows, LogStreamLabels } from './logLines';

export function emptyRows(): LogRows {
  return {
    timeMs: [],
    nanos: [],
    tsNanos: [],
    body: [],
    level: [],
    seq: [],
    labels: [],
    untimed: [],
    count: 0,
    capped: false,
    partialLast: false,
  };
}

/** A stream-local identity of row i: the kubelet's timestamp text and the tie number (the same in every poll). */
export function rowKey(rows: LogRows, i: number): string {
  return `${rows.tsNanos[i]}/${rows.seq[i]}`;
}

/** The rows whose index passes `keep`, in order; capped/partialLast are copied unless given. */
export function keepRows(
  rows: LogRows,
  keep: (i: number) => boolean,
  flags: Partial<Pick<LogRows, 'capped' | 'partialLast'>> = {}
): LogRows {
  const out = emptyRows();
  const untimed = new Set(rows.untimed);
  for (let i = 0; i < rows.count; i++) {
    if (!keep(i)) {
      continue;
    }
    if (untimed.has(i)) {
      out.untimed.push(out.count);
    }
    out.timeMs.push(rows.timeMs[i]);
    out.nanos.push(rows.nanos[i]);
    out.tsNanos.push(rows.tsNanos[i]);
    out.body.push(rows.body[i]);
    out.level.push(rows.level[i]);
    out.seq.push(rows.seq[i]);
    out.labels.push(rows.labels[i]);
    out.count++;
  }
  out.capped = flags.capped ?? rows.capped;
  out.partialLast = flags.partialLast ?? rows.partialLast;
  return out;
}

/** Rows from `fromMs` to `toMs` (both inclusive, whole milliseconds); either bound may be absent. */
export function rowsInRange(rows: LogRows, fromMs?: number, toMs?: number): LogRows {
  if (fromMs === undefined && toMs === undefined) {
    return rows;
  }
  const lo = fromMs ?? -Infinity;
  const hi = toMs ?? Infinity;
  let all = true;
  for (let i = 0; i < rows.count && all; i++) {
    all = rows.timeMs[i] >= lo && rows.timeMs[i] <= hi;
  }
  return all ? rows : keepRows(rows, (i) => rows.timeMs[i] >= lo && rows.timeMs[i] <= hi);
}

/** Without its last row when that row is only part of a line (limitBytes cut it). */
export function withoutPartialLast(rows: LogRows): LogRows {
  if (!rows.partialLast || rows.count === 0) {
    return rows;
  }
  const last = rows.count - 1;
  return keepRows(rows, (i) => i < last, { partialLast: false });
}

function concatInto<T>(target: T[], a: T[], aFrom: number, b: T[]): T[] {
  for (let i = aFrom; i < a.length; i++) {
    target.push(a[i]);
  }
  for (const v of b) {
    target.push(v);
  }
  return target;
}

/**
 * `older` then `newer`, keeping at most `max` rows (the newest). Returns the joined rows and how many of
 * the oldest were dropped.
 */
export function appendRows(older: LogRows, newer: LogRows, max: number): { rows: LogRows; dropped: number } {
  const total = older.count + newer.count;
  const dropped = Math.max(0, total - max);
  if (dropped >= older.count) {
    // everything old goes, and perhaps the head of the new batch
    const from = dropped - older.count;
    return { rows: from === 0 ? newer : keepRows(newer, (i) => i >= from), dropped };
  }
  const untimed: number[] = [];
  for (const u of older.untimed) {
    if (u >= dropped) {
      untimed.push(u - dropped);
    }
  }
  const base = older.count - dropped;
  for (const u of newer.untimed) {
    untimed.push(base + u);
  }
  const rows: LogRows = {
    timeMs: concatInto<number>([], older.timeMs, dropped, newer.timeMs),
    nanos: concatInto<number>([], older.nanos, dropped, newer.nanos),
    tsNanos: concatInto<string>([], older.tsNanos, dropped, newer.tsNanos),
    body: concatInto<string>([], older.body, dropped, newer.body),
    level: concatInto<LogLevel>([], older.level, dropped, newer.level),
    seq: concatInto<number>([], older.seq, dropped, newer.seq),
    labels: concatInto<LogStreamLabels>([], older.labels, dropped, newer.labels),
    untimed,
    count: total - dropped,
    capped: false,
    partialLast: false,
  };
  return { rows, dropped };
}

/** UTF-8 length of a string, without encoding it (bodies reach megabytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Did a body fetched with limitBytes reach the limit? (Every UTF-16 unit is 1 to 3 bytes.) */
export function reachedLimit(text: string, limitBytes: number): boolean {
  if (text.length >= limitBytes) {
    return true;
  }
  if (text.length * 3 < limitBytes) {
    return false;
  }
  return utf8Length(text) >= limitBytes;
}
