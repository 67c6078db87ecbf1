import { dateTimeFormat } from '@grafana/data';

export type TimestampMode = 'off' | 'absolute' | 'relative';

export const ABSOLUTE_FORMAT = 'YYYY-MM-DD HH:mm:ss.SSS';
const SECOND_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * Absolute times in the dashboard's time zone. Zone offsets are whole seconds, so the formatted second is cached
 * and the milliseconds appended: formatting a million lines for a download stays fast.
 */
export function absoluteFormatter(timeZone: string): (ms: number) => string {
  let lastSecond = NaN;
  let lastText = '';
  return (ms: number) => {
    if (!Number.isFinite(ms)) {
      return '';
    }
    const second = Math.floor(ms / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastText = dateTimeFormat(second * 1000, { timeZone, format: SECOND_FORMAT });
    }
    return `${lastText}.${String(ms - second * 1000).padStart(3, '0')}`;
  };
}

/** "4.2s ago", "3m 07s ago", "2h 05m ago", "3d 4h ago"; "in 1.0s" for clocks ahead of ours. */
export function formatRelative(ms: number, now: number): string {
  if (!Number.isFinite(ms)) {
    return '';
  }
  const diff = now - ms;
  const future = diff < 0;
  const abs = Math.abs(diff);
  let text: string;
  if (abs < 60_000) {
    text = `${(Math.floor(abs / 100) / 10).toFixed(1)}s`;
  } else if (abs < 3_600_000) {
    text = `${Math.floor(abs / 60_000)}m ${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}s`;
  } else if (abs < 86_400_000) {
    text = `${Math.floor(abs / 3_600_000)}h ${String(Math.floor((abs % 3_600_000) / 60_000)).padStart(2, '0')}m`;
  } else {
    text = `${Math.floor(abs / 86_400_000)}d ${Math.floor((abs % 86_400_000) / 3_600_000)}h`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** The timestamp column as shown, for rows, copies and downloads alike. */
export function timestampFormatter(mode: TimestampMode, timeZone: string, now: number): (ms: number) => string {
  if (mode === 'off') {
    return () => '';
  }
  if (mode === 'relative') {
    return (ms) => formatRelative(ms, now);
  }
  return absoluteFormatter(timeZone);
}
