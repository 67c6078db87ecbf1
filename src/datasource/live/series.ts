import { CounterReading, counterRate } from '../decode/counters';
import { RingBuffer } from './ringBuffer';
import { Sample } from './types';

/** The identity of a series within its source: one per (key, metric). */
export function seriesId(key: string, metric: string): string {
  return `${key}\u0000${metric}`;
}

/**
 * The history of one (key, metric) of one source. Gauges keep their values; cumulative counters keep
 * their per-second rate, plus the last raw reading (bigint stays bigint) for the next delta.
 */
export class Series {
  readonly id: string;
  readonly key: string;
  readonly metric: string;
  readonly counter: boolean;
  labels: Record<string, string>;
  unit?: string;
  /** when the sampler last saw this series in a poll (its own clock, for expiry) */
  lastSeenMs: number;
  readonly points: RingBuffer;
  private lastReading?: CounterReading;

  constructor(first: Sample, capacity: number, seenMs: number) {
    this.id = seriesId(first.key, first.metric);
    this.key = first.key;
    this.metric = first.metric;
    this.counter = first.counter;
    this.labels = ownedLabels(first.labels);
    this.unit = first.unit;
    this.lastSeenMs = seenMs;
    this.points = new RingBuffer(capacity);
  }

  /** Records one sample measured at `timeMs`. A repeated or older time adds nothing (same scrape seen twice). */
  add(sample: Sample, timeMs: number, seenMs: number): void {
    this.lastSeenMs = seenMs;
    if (!sameLabels(this.labels, sample.labels)) {
      this.labels = ownedLabels(sample.labels);
    }
    if (sample.unit !== undefined) {
      this.unit = sample.unit;
    }
    if (!Number.isFinite(timeMs)) {
      return;
    }
    if (this.counter) {
      this.addReading({ value: sample.value, timeMs });
      return;
    }
    const value = Number(sample.value);
    const last = this.points.lastTime();
    if (Number.isFinite(value) && (last === undefined || timeMs > last)) {
      this.points.push(timeMs, value);
    }
  }

  private addReading(cur: CounterReading): void {
    const prev = this.lastReading;
    if (typeof cur.value === 'number' && !Number.isFinite(cur.value)) {
      return; // an unreadable value is absent; the next good one takes its delta from the last good one
    }
    if (prev && !(cur.timeMs > prev.timeMs)) {
      return;
    }
    this.lastReading = cur;
    if (!prev) {
      return; // a rate needs two readings
    }
    // counterRate takes bigint deltas exactly and treats a decrease as a reset
    const rate = counterRate(prev, cur);
    if (rate !== undefined && Number.isFinite(rate)) {
      this.points.push(cur.timeMs, rate);
    }
  }
}

/**
 * The series' own copy of its labels. Label values parsed out of a scraped body can be slices that keep the whole
 * body (megabytes for /metrics/cadvisor) alive; a series lives for the retention time, so it keeps fresh strings.
 * Labels are copied only when they change, so a poll costs a comparison, not a copy.
 */
function ownedLabels(labels: Record<string, string>): Record<string, string> {
  return JSON.parse(JSON.stringify(labels));
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) {
    return false;
  }
  return keys.every((k) => a[k] === b[k]);
}
