import { inertString } from './inertText';
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

/** `pod-logs-20240102-030405.log`, from a panel title made safe for every file system. */
export function logFileName(title: string, now: Date): string {
  const base =
    title
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'pod-logs';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${base}-${stamp}.log`;
}

/** Hands text to the browser as a file download. */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke after the click has been handled, or some browsers cancel the download
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
