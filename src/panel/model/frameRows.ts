import type { Field } from '@grafana/data';

import { detectLevel } from '../../common/logLevel';
import { CONTAINER_KEYS, firstString, LEVEL_KEYS, NAMESPACE_KEYS, NODE_KEYS, POD_KEYS } from './k8sNames';
import type { LogFrameFields } from './frameFields';
import { levelIndexOf, UNKNOWN_LEVEL } from './levels';
import type { SourceTable } from './sources';
import { stripTerminal } from './terminal';

/** Rows in columns, oldest first: what the store appends. */
export interface LogBatch {
  length: number;
  /** epoch ms; NaN when the line has no usable time */
  times: number[];
  /** the line as the source sent it */
  bodies: string[];
  /** what search and highlighting look at: the line without terminal escapes (the same string when it has none) */
  texts: string[];
  levels: number[];
  sources: number[];
  /** per row, the stream's label set (SourceTable.labelSets), -1 for a row without labels; absent: all -1 */
  labelSets?: number[];
  /** set by the store when it merges held rows (which already have sequence numbers) with new ones */
  seqs?: number[];
}

export function emptyBatch(): LogBatch {
  return { length: 0, times: [], bodies: [], texts: [], levels: [], sources: [] };
}

export function toMillis(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    const n = Number(value);
    return value !== '' && !Number.isNaN(n) ? n : Date.parse(value);
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  // moment-like DateTime values
  return value != null && typeof value.valueOf === 'function' ? Number(value.valueOf()) : NaN;
}

interface LabelInfo {
  source: number;
  level: number;
  labelSet: number;
}

/** One cache per source table: label objects are shared by every line of a stream, so this is a lookup per line. */
const labelCaches = new WeakMap<SourceTable, WeakMap<object, LabelInfo>>();

function labelInfo(table: SourceTable, labels: object): LabelInfo {
  let cache = labelCaches.get(table);
  if (!cache) {
    cache = new WeakMap();
    labelCaches.set(table, cache);
  }
  let info = cache.get(labels);
  if (!info) {
    const level = firstString(labels, LEVEL_KEYS);
    info = {
      source: table.intern(
        firstString(labels, NAMESPACE_KEYS),
        firstString(labels, POD_KEYS),
        firstString(labels, CONTAINER_KEYS),
        firstString(labels, NODE_KEYS)
      ),
      level: level ? levelIndexOf(level) : UNKNOWN_LEVEL,
      labelSet: table.internLabels(labels),
    };
    cache.set(labels, info);
  }
  return info;
}

/** The first of the fields with a value in row i. */
function firstValue(fields: Field[], i: number): unknown {
  for (let f = 0; f < fields.length; f++) {
    const v = fields[f].values[i];
    if (v != null && v !== '') {
      return v;
    }
  }
  return undefined;
}

function firstText(fields: Field[], i: number): string {
  const v = firstValue(fields, i);
  return typeof v === 'string' ? v : '';
}

/** Lines `from..to` of one frame as a batch sorted by time (stable: equal times keep the frame's order). */
export function readRows(fields: LogFrameFields, from: number, to: number, table: SourceTable): LogBatch {
  const n = Math.max(0, to - from);
  const batch: LogBatch = {
    length: n,
    times: new Array<number>(n),
    bodies: new Array<string>(n),
    texts: new Array<string>(n),
    levels: new Array<number>(n),
    sources: new Array<number>(n),
    labelSets: new Array<number>(n),
  };
  const { time, body, bodyFallbacks, severity, labels, namespace, pod, container, node, objects } = fields;
  const flat = namespace.length + pod.length + container.length > 0;
  let lastKey = '';
  let lastSource = -1;
  for (let r = 0; r < n; r++) {
    const i = from + r;
    let rawBody = body.values[i];
    for (let f = 0; (rawBody == null || rawBody === '') && f < bodyFallbacks.length; f++) {
      rawBody = bodyFallbacks[f].values[i];
    }
    const raw = typeof rawBody === 'string' ? rawBody : rawBody == null ? '' : JSON.stringify(rawBody);
    const text = stripTerminal(raw);
    let source = -1;
    let level = UNKNOWN_LEVEL;
    let levelKnown = false;
    let labelSet = -1;

    const sev = firstValue(severity, i);
    if (sev !== undefined) {
      level = levelIndexOf(sev);
      levelKnown = true;
    }
    const rowLabels = labels?.values[i];
    if (rowLabels && typeof rowLabels === 'object') {
      const info = labelInfo(table, rowLabels);
      source = info.source;
      labelSet = info.labelSet;
      if (!levelKnown && info.level !== UNKNOWN_LEVEL) {
        level = info.level;
        levelKnown = true;
      }
    }
    if (flat) {
      const ns = firstText(namespace, i);
      const p = firstText(pod, i);
      const c = firstText(container, i);
      const key = `${ns}\u0000${p}\u0000${c}`;
      if (key !== lastKey) {
        lastKey = key;
        lastSource = table.intern(ns, p, c, firstText(node, i));
      }
      source = lastSource;
    } else if (source === -1 && objects.length > 0) {
      const obj = objects[0].values[i];
      source = table.intern(
        firstString(obj, NAMESPACE_KEYS),
        firstString(obj, POD_KEYS),
        firstString(obj, CONTAINER_KEYS),
        firstString(obj, NODE_KEYS)
      );
      if (!levelKnown) {
        const objLevel = firstString(obj, LEVEL_KEYS);
        if (objLevel) {
          level = levelIndexOf(objLevel);
          levelKnown = true;
        }
      }
    }
    if (source === -1) {
      source = table.intern('', '', '', '');
    }
    if (!levelKnown) {
      level = levelIndexOf(detectLevel(text));
    }
    batch.times[r] = time ? toMillis(time.values[i]) : NaN;
    batch.bodies[r] = raw;
    batch.texts[r] = text;
    batch.levels[r] = level;
    batch.sources[r] = source;
    batch.labelSets![r] = labelSet;
  }
  return sortBatch(batch);
}

/** NaN sorts first, as "before everything". */
const order = (t: number) => (t === t ? t : -Infinity);

function permute(batch: LogBatch, perm: ArrayLike<number>): LogBatch {
  const n = batch.length;
  const out: LogBatch = {
    length: n,
    times: new Array(n),
    bodies: new Array(n),
    texts: new Array(n),
    levels: new Array(n),
    sources: new Array(n),
    labelSets: new Array(n),
  };
  for (let k = 0; k < n; k++) {
    const j = perm[k];
    out.labelSets![k] = batch.labelSets?.[j] ?? -1;
    out.times[k] = batch.times[j];
    out.bodies[k] = batch.bodies[j];
    out.texts[k] = batch.texts[j];
    out.levels[k] = batch.levels[j];
    out.sources[k] = batch.sources[j];
  }
  return out;
}

/** Frames come oldest-first, newest-first (Loki's default) or mixed; only the last needs a real sort. */
export function sortBatch(batch: LogBatch): LogBatch {
  const { times, length: n } = batch;
  let ascending = true;
  let descending = true;
  for (let i = 1; i < n && (ascending || descending); i++) {
    const a = order(times[i - 1]);
    const b = order(times[i]);
    if (b < a) {
      ascending = false;
    } else if (b > a) {
      descending = false;
    }
  }
  if (ascending) {
    return batch;
  }
  if (descending) {
    // equal times keep the source order even when the frame runs newest-first
    const perm = new Int32Array(n);
    let k = 0;
    for (let end = n; end > 0;) {
      let start = end - 1;
      while (start > 0 && order(times[start - 1]) === order(times[end - 1])) {
        start--;
      }
      for (let j = start; j < end; j++) {
        perm[k++] = j;
      }
      end = start;
    }
    return permute(batch, perm);
  }
  const perm = Array.from({ length: n }, (_, i) => i);
  perm.sort((a, b) => order(times[a]) - order(times[b]) || a - b);
  return permute(batch, perm);
}

/** Merges sorted batches into one sorted batch; on equal times earlier batches go first. */
export function mergeBatches(batches: LogBatch[]): LogBatch {
  const nonEmpty = batches.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) {
    return emptyBatch();
  }
  let merged = nonEmpty[0];
  for (let b = 1; b < nonEmpty.length; b++) {
    merged = mergeTwo(merged, nonEmpty[b]);
  }
  return merged;
}

export function mergeTwo(a: LogBatch, b: LogBatch): LogBatch {
  const n = a.length + b.length;
  const out: LogBatch = {
    length: n,
    times: new Array(n),
    bodies: new Array(n),
    texts: new Array(n),
    levels: new Array(n),
    sources: new Array(n),
    labelSets: new Array(n),
  };
  const aSeqs = a.seqs;
  const bSeqs = b.seqs;
  const seqs = aSeqs && bSeqs ? new Array<number>(n) : undefined;
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromA = j >= b.length || (i < a.length && order(a.times[i]) <= order(b.times[j]));
    const src = fromA ? a : b;
    const at = fromA ? i++ : j++;
    out.times[k] = src.times[at];
    out.bodies[k] = src.bodies[at];
    out.texts[k] = src.texts[at];
    out.levels[k] = src.levels[at];
    out.sources[k] = src.sources[at];
    out.labelSets![k] = src.labelSets?.[at] ?? -1;
    if (seqs) {
      seqs[k] = fromA ? aSeqs![at] : bSeqs![at];
    }
  }
  if (seqs) {
    out.seqs = seqs;
  }
  return out;
}
