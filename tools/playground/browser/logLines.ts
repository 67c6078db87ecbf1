import { type DataFrame, DataFrameType, FieldType } from '@grafana/data';

export interface ParsedLine {
  /** the timestamp as the API server wrote it (RFC3339 with nanoseconds) */
  stamp: string;
  timeMs: number;
  body: string;
}

/** `kubectl logs --timestamps` output: each line starts with its RFC3339 time and a space. */
export function parseTimestampedLog(text: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) {
      continue;
    }
    const stamp = line.slice(0, space);
    const timeMs = Date.parse(stamp);
    if (Number.isFinite(timeMs)) {
      out.push({ stamp, timeMs, body: line.slice(space + 1) });
    }
  }
  return out;
}

/** A Grafana logs frame (timestamp, body, id, labels), the shape the panel reads from any logs data source. */
export function logsFrame(
  refId: string,
  lines: ReadonlyArray<{ timeMs: number; body: string; id: string }>,
  labels: Record<string, string>
): DataFrame {
  return {
    refId,
    length: lines.length,
    meta: { type: DataFrameType.LogLines, preferredVisualisationType: 'logs' },
    fields: [
      { name: 'timestamp', type: FieldType.time, config: {}, values: lines.map((l) => l.timeMs) },
      { name: 'body', type: FieldType.string, config: {}, values: lines.map((l) => l.body) },
      { name: 'id', type: FieldType.string, config: {}, values: lines.map((l) => l.id) },
      { name: 'labels', type: FieldType.other, config: {}, values: lines.map(() => labels) },
    ],
  };
}

/**
 * Keeps what a poll from `sinceTime` (whole seconds) brought that was not seen before: the API repeats the
 * lines of the boundary second, so lines are told apart by their exact timestamp and text.
 */
export class LineDeduper {
  private seen = new Set<string>();
  private lastSecond = -Infinity;

  /** the second to ask from next, as RFC3339, or undefined before the first line */
  get sinceTime(): string | undefined {
    return Number.isFinite(this.lastSecond)
      ? new Date(this.lastSecond).toISOString().replace(/\.\d+Z$/, 'Z')
      : undefined;
  }

  fresh(lines: ParsedLine[]): ParsedLine[] {
    const out: ParsedLine[] = [];
    for (const line of lines) {
      const key = `${line.stamp} ${line.body}`;
      if (this.seen.has(key)) {
        continue;
      }
      out.push(line);
      const second = Math.floor(line.timeMs / 1000) * 1000;
      if (second > this.lastSecond) {
        this.lastSecond = second;
        this.seen = new Set();
      }
      if (second === this.lastSecond) {
        this.seen.add(key);
      }
    }
    return out;
  }
}
