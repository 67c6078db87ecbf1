import { seriesId, Series } from './series';
import { Sample } from './types';

export interface SeriesStoreLimits {
  /** points kept per series */
  capacity: number;
  /** series kept in all; samples of further series are left out */
  maxSeries: number;
  /** a series not seen for this long is forgotten, and so are points older than this */
  retentionMs: number;
}

/** Every series of one source: bounded in points per series and in number of series. */
export class SeriesStore {
  private readonly byId = new Map<string, Series>();
  private sorted?: Series[];

  constructor(readonly limits: SeriesStoreLimits) {}

  get size(): number {
    return this.byId.size;
  }

  /**
   * Adds one poll's samples; a sample without its own time gets `pollMs`. Returns how many samples of new
   * series were left out because the store already holds `maxSeries`.
   */
  ingest(samples: readonly Sample[], pollMs: number, seenMs: number): number {
    let leftOut = 0;
    for (const sample of samples) {
      const id = seriesId(sample.key, sample.metric);
      let series = this.byId.get(id);
      if (!series) {
        if (this.byId.size >= this.limits.maxSeries) {
          leftOut++;
          continue;
        }
        series = new Series(sample, this.limits.capacity, seenMs);
        this.byId.set(id, series);
        this.sorted = undefined;
      }
      series.add(sample, sample.timeMs ?? pollMs, seenMs);
    }
    return leftOut;
  }

  /** Forgets series not seen within the retention, and older points of the others. */
  expire(nowMs: number): void {
    const horizon = nowMs - this.limits.retentionMs;
    for (const [id, series] of this.byId) {
      if (series.lastSeenMs < horizon) {
        this.byId.delete(id);
        this.sorted = undefined;
      } else {
        series.points.dropBefore(horizon);
      }
    }
  }

  /** Every series, by key then metric, so legends keep their order from poll to poll. */
  list(): readonly Series[] {
    if (!this.sorted) {
      this.sorted = [...this.byId.values()].sort((a, b) => compare(a.key, b.key) || compare(a.metric, b.metric));
    }
    return this.sorted;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
