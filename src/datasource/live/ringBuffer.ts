/**
 * A bounded FIFO of (timeMs, value) points in typed arrays: when full, a new point replaces the oldest.
 * The writer keeps times ascending (Series does), which lets reads find a time range by binary search.
 * Storage starts small and doubles up to `capacity`, so a series that lives a minute costs a minute.
 */
export class RingBuffer {
  private times: Float64Array;
  private values: Float64Array;
  /** physical index of the oldest point */
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    initialSize = 16
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    const size = Math.min(capacity, Math.max(1, Math.floor(initialSize)));
    this.times = new Float64Array(size);
    this.values = new Float64Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the i-th point, 0 being the oldest. */
  timeAt(i: number): number {
    return this.times[(this.head + i) % this.times.length];
  }

  valueAt(i: number): number {
    return this.values[(this.head + i) % this.values.length];
  }

  lastTime(): number | undefined {
    return this.count ? this.timeAt(this.count - 1) : undefined;
  }

  push(timeMs: number, value: number): void {
    if (this.count === this.times.length && this.count < this.capacity) {
      this.grow();
    }
    const len = this.times.length;
    if (this.count < len) {
      const at = (this.head + this.count) % len;
      this.times[at] = timeMs;
      this.values[at] = value;
      this.count++;
      return;
    }
    // full at capacity: overwrite the oldest
    this.times[this.head] = timeMs;
    this.values[this.head] = value;
    this.head = (this.head + 1) % len;
  }

  /** Forgets every point older than `timeMs`. */
  dropBefore(timeMs: number): void {
    const n = this.lowerBound(timeMs);
    if (n > 0) {
      this.head = (this.head + n) % this.times.length;
      this.count -= n;
    }
  }

  /** Index of the first point at or after `timeMs` (size when none). */
  lowerBound(timeMs: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of the first point after `timeMs` (size when none). */
  upperBound(timeMs: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) <= timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The points with from <= time <= to, copied oldest first into plain arrays (what data frames hold). */
  copyRange(from: number, to: number): { times: number[]; values: number[] } {
    const start = this.lowerBound(from);
    const end = this.upperBound(to);
    const n = Math.max(0, end - start);
    const times = new Array<number>(n);
    const values = new Array<number>(n);
    const len = this.times.length;
    // two contiguous runs: up to the physical end of the arrays, then from index 0
    let src = (this.head + start) % len;
    const firstRun = Math.min(n, len - src);
    for (let i = 0; i < firstRun; i++, src++) {
      times[i] = this.times[src];
      values[i] = this.values[src];
    }
    src = 0;
    for (let i = firstRun; i < n; i++, src++) {
      times[i] = this.times[src];
      values[i] = this.values[src];
    }
    return { times, values };
  }

  private grow(): void {
    const size = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(size);
    const values = new Float64Array(size);
    for (let i = 0; i < this.count; i++) {
      times[i] = this.timeAt(i);
      values[i] = this.valueAt(i);
    }
    this.times = times;
    this.values = values;
    this.head = 0;
  }
}
