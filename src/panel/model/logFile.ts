import { inertString } from './inertText';
import { levelAt } from './levels';
import type { LogStore } from './logStore';

export interface LineFormat {
  /** formatted timestamp, '' when timestamps are off */
  time: (ms: number) => string;
  /** prefix each line with its pod/container */
  showSource: boolean;
}

/** One line as the panel shows it: time, pod/container, then the text without escapes, controls made visible. */
export function formatLine(store: LogStore, row: number, format: LineFormat): string {
  const parts: string[] = [];
  const time = format.time(store.times[row]);
  if (time) {
    parts.push(time);
  }
  if (format.showSource) {
    const label = store.sourceTable.list[store.sources[row]]?.label;
    if (label) {
      parts.push(label);
    }
  }
  parts.push(inertString(store.texts[row]));
  return parts.join(' ');
}

/** A `.log` file's text: one line per row, newline-terminated. */
export function logFileText(store: LogStore, rows: ArrayLike<number>, format: LineFormat): string {
  const lines = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    lines[k] = formatLine(store, rows[k], format);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export type LogFileFormat = 'log' | 'json' | 'csv';

/** One record per row with every column, for JSON and CSV: ISO time, Kubernetes names, level, text. */
function records(store: LogStore, rows: ArrayLike<number>) {
  const out = new Array<{
    time: string;
    namespace: string;
    pod: string;
    container: string;
    level: string;
    line: string;
  }>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const ms = store.times[row];
    const source = store.sourceTable.list[store.sources[row]];
    out[k] = {
      time: Number.isFinite(ms) ? new Date(ms).toISOString() : '',
      namespace: source?.namespace ?? '',
      pod: source?.pod ?? '',
      container: source?.container ?? '',
      level: levelAt(store.levels[row]),
      line: inertString(store.texts[row]),
    };
  }
  return out;
}

/** A JSON array of the rows (time as ISO 8601 UTC, namespace, pod, container, level, line). */
export function logFileJson(store: LogStore, rows: ArrayLike<number>): string {
  return `${JSON.stringify(records(store, rows), null, 1)}\n`;
}

function csvField(value: string): string {
  // RFC 4180: quote fields with commas, quotes or line breaks; a leading =, +, - or @ would be a formula in a
  // spreadsheet, so such fields get a leading apostrophe
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a header row: time,namespace,pod,container,level,line. */
export function logFileCsv(store: LogStore, rows: ArrayLike<number>): string {
  const lines = ['time,namespace,pod,container,level,line'];
  for (const r of records(store, rows)) {
    lines.push([r.time, r.namespace, r.pod, r.container, r.level, r.line].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The one pod all rows come from, if they do. */
export function singlePod(store: LogStore, rows: ArrayLike<number>): string | undefined {
  let pod: string | undefined;
  for (let k = 0; k < rows.length; k++) {
    const p = store.sourceTable.list[store.sources[rows[k]]]?.pod ?? '';
    if (!p || (pod !== undefined && p !== pod)) {
      return undefined;
    }
    pod = p;
  }
  return pod;
}

/**
 * `api-7d9f-x1-20240102-030405.log`: the pod when every line is from one pod, else the panel title, made safe for
 * every file system, then the time of the download.
 */
export function logFileName(title: string, now: Date, format: LogFileFormat = 'log', pod?: string): string {
  const base =
    (pod || title)
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'pod-logs';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${base}-${stamp}.${format}`;
}
