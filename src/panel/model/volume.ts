import { LEVEL_COUNT } from './levels';

/**
 * Log volume per level over time, kept up to date as lines arrive and leave: O(1) per line added or removed, so
 * the engine never walks the whole buffer for it. Counts live in fine buckets of `resolution` ms; when there get
 * to be too many, the resolution steps up the ladder and buckets merge (each step divides the next, so a fine
 * bucket always falls inside one coarser bucket). The histogram the panel draws re-buckets the fine counts into
 * at most `maxBuckets` bars sized to the buffer's time span.
 */

/** Bucket widths in ms; each divides the next, so counts at one width add up exactly into any wider one. */
export const WIDTH_LADDER = [
  1, 2, 10, 20, 100, 200, 1_000, 2_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000,
  21_600_000, 43_200_000, 86_400_000, 604_800_000, 1_209_600_000, 2_419_200_000,
];

/** More fine buckets than this and the resolution steps up. */
const MAX_FINE_BUCKETS = 2_048;
/** Bars drawn at most. */
export const MAX_BARS = 80;

/** The histogram the panel draws: `counts[bar * LEVEL_COUNT + level]`. */
export interface Volume {
  /** time (ms) the first bar starts at */
  start: number;
  /** ms per bar */
  width: number;
  bars: number;
  counts: Int32Array;
  /** the largest bar's total, for scaling */
  max: number;
}

/** The narrowest ladder width of at least `ms` (the widest one past the ladder's end). */
export function ladderWidth(ms: number): number {
  for (const w of WIDTH_LADDER) {
    if (w >= ms) {
      return w;
    }
  }
  return WIDTH_LADDER[WIDTH_LADDER.length - 1] * Math.ceil(ms / WIDTH_LADDER[WIDTH_LADDER.length - 1]);
}

export class VolumeCounts {
  private resolution = 1;
  private fine = new Map<number, Int32Array>();
  private cached?: { maxBars: number; volume?: Volume };

  /** Counts an entry at `time` (ms). Entries without a time (NaN) are not counted. */
  add(time: number, level: number): void {
    if (!Number.isFinite(time)) {
      return;
    }
    const key = Math.floor(time / this.resolution);
    let bucket = this.fine.get(key);
    if (!bucket) {
      bucket = new Int32Array(LEVEL_COUNT);
      this.fine.set(key, bucket);
    }
    bucket[level]++;
    this.cached = undefined;
    if (this.fine.size > MAX_FINE_BUCKETS) {
      this.coarsen();
    }
  }

  /** Takes back an entry added before (a line the buffer dropped or replaced). */
  remove(time: number, level: number): void {
    if (!Number.isFinite(time)) {
      return;
    }
    const key = Math.floor(time / this.resolution);
    const bucket = this.fine.get(key);
    if (!bucket || bucket[level] === 0) {
      return;
    }
    bucket[level]--;
    this.cached = undefined;
    if (bucket.every((n) => n === 0)) {
      this.fine.delete(key);
    }
  }

  clear(): void {
    this.fine.clear();
    this.resolution = 1;
    this.cached = undefined;
  }

  /** The bars for the span held (cached until the counts change); undefined when nothing with a time is held. */
  histogram(maxBars = MAX_BARS): Volume | undefined {
    if (this.cached?.maxBars === maxBars) {
      return this.cached.volume;
    }
    this.cached = { maxBars, volume: this.bucket(maxBars) };
    return this.cached.volume;
  }

  private bucket(maxBars: number): Volume | undefined {
    if (this.fine.size === 0) {
      return undefined;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const key of this.fine.keys()) {
      lo = Math.min(lo, key);
      hi = Math.max(hi, key);
    }
    const first = lo * this.resolution;
    const last = (hi + 1) * this.resolution;
    const width = ladderWidth(Math.max(this.resolution, (last - first) / maxBars));
    const start = Math.floor(first / width) * width;
    const bars = Math.max(1, Math.ceil((last - start) / width));
    const counts = new Int32Array(bars * LEVEL_COUNT);
    const totals = new Int32Array(bars);
    for (const [key, bucket] of this.fine) {
      const bar = Math.floor((key * this.resolution - start) / width);
      for (let level = 0; level < LEVEL_COUNT; level++) {
        counts[bar * LEVEL_COUNT + level] += bucket[level];
        totals[bar] += bucket[level];
      }
    }
    return { start, width, bars, counts, max: Math.max(...totals) };
  }

  private coarsen(): void {
    while (this.fine.size > MAX_FINE_BUCKETS / 2) {
      const next = ladderWidth(this.resolution + 1);
      const factor = next / this.resolution;
      const merged = new Map<number, Int32Array>();
      for (const [key, bucket] of this.fine) {
        const k = Math.floor(key / factor);
        const into = merged.get(k);
        if (into) {
          for (let level = 0; level < LEVEL_COUNT; level++) {
            into[level] += bucket[level];
          }
        } else {
          merged.set(k, bucket);
        }
      }
      this.fine = merged;
      this.resolution = next;
    }
  }
}

/** Total entries in one bar. */
export function barTotal(volume: Volume, bar: number): number {
  let total = 0;
  for (let level = 0; level < LEVEL_COUNT; level++) {
    total += volume.counts[bar * LEVEL_COUNT + level];
  }
  return total;
}
