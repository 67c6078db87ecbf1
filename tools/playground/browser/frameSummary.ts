import type { DataFrame, DataQueryResponse } from '@grafana/data';

/** One line about a query's answer: frames and rows, or its errors, or its notices. */
export function summarizeResponse(res: DataQueryResponse): string {
  const errors = (res.errors ?? (res.error ? [res.error] : [])).map((e) => e.message ?? 'error');
  if (errors.length) {
    return `Error: ${errors.join('; ')}`;
  }
  const frames = res.data as DataFrame[];
  const rows = frames.reduce((n, f) => n + f.length, 0);
  const notices = frames.flatMap((f) => f.meta?.notices ?? []).map((n) => n.text);
  const head = `${frames.length} frame${frames.length === 1 ? '' : 's'}, ${rows} row${rows === 1 ? '' : 's'}`;
  return notices.length ? `${head}. ${notices.join(' ')}` : head;
}

/** A cell as text: numbers to a few significant digits, times as ISO, objects as JSON. */
export function cellText(value: unknown, isTime = false): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (isTime && typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}
