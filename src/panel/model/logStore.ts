import type { RowsDelta } from './filterEngine';
import { type LogBatch, mergeTwo } from './frameRows';
import { SourceTable } from './sources';

const order = (t: number) => (t === t ? t : -Infinity);

const PUSH_CHUNK = 8192;

function pushRange<T>(target: T[], source: T[], from: number, to: number): void {
  target.push(...(from === 0 && to === source.length ? source : source.slice(from, to)));
}

/**
 * The lines the panel holds, oldest first, in parallel arrays (a million rows are six packed arrays rather than
 * a million objects). At most `capacity` rows are kept: appending past it drops the oldest and counts them.
 * Mutable on purpose; `version` changes whenever the rows do, for React memos.
 */
export class LogStore {
  times: number[] = [];
  bodies: string[] = [];
  texts: string[] = [];
  levels: number[] = [];
  sources: number[] = [];
  /** a unique, never reused number per appended row: list keys and "new since" counts */
  seqs: number[] = [];
  readonly sourceTable = new SourceTable();
  /** rows dropped by the capacity since the last clear: row i is absolute row `dropped + i` */
  dropped = 0;
  version = 0;
  /** changes on clear(): absolute row numbers start again */
  generation = 0;
  private nextSeq = 0;
  /** the first absolute row changed since the last takeDelta(); Infinity when none */
  private changedFrom = 0;

  constructor(private cap: number) {}

  get length(): number {
    return this.times.length;
  }

  get capacity(): number {
    return this.cap;
  }

  /** the seq the next appended row will get: rows with seq >= this value arrived later */
  get nextSequence(): number {
    return this.nextSeq;
  }

  clear(): void {
    this.times = [];
    this.bodies = [];
    this.texts = [];
    this.levels = [];
    this.sources = [];
    this.seqs = [];
    this.dropped = 0;
    this.version++;
    this.generation++;
    this.changedFrom = 0;
  }

  /**
   * What changed since the last call, for a FilterEngine mirror: the rows from the first one changed, and how
   * many are dropped. Undefined when nothing changed. The arrays are copies (of references) the caller may keep.
   */
  /** Makes the next takeDelta() hand over every row held (for a new engine). */
  markAllChanged(): void {
    this.changedFrom = this.dropped;
  }

  takeDelta(): RowsDelta | undefined {
    if (this.changedFrom === Infinity) {
      return undefined;
    }
    const from = Math.max(this.changedFrom, this.dropped);
    const i = Math.min(from - this.dropped, this.length);
    this.changedFrom = Infinity;
    return {
      generation: this.generation,
      from: this.dropped + i,
      texts: this.texts.slice(i),
      levels: this.levels.slice(i),
      sources: this.sources.slice(i),
      dropped: this.dropped,
    };
  }

  setCapacity(cap: number): void {
    this.cap = Math.max(1, Math.floor(cap));
    if (this.trim()) {
      this.version++;
      this.changedFrom = Math.min(this.changedFrom, this.dropped + this.length);
    }
  }

  /**
   * Adds a sorted batch (the store may keep the batch's arrays: do not change them afterwards). Usually it is newer than everything held and is pushed as is; when it overlaps the
   * newest rows (several pods polled at once), only that tail is merged, so rows stay in time order.
   */
  append(batch: LogBatch): void {
    if (batch.length === 0) {
      return;
    }
    const n = this.length;
    const first = order(batch.times[0]);
    let start = n;
    if (n > 0 && order(this.times[n - 1]) > first) {
      // binary search for the first held row newer than the batch's oldest
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (order(this.times[mid]) <= first) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      start = lo;
    }
    this.changedFrom = Math.min(this.changedFrom, this.dropped + start);
    const seqBase = this.nextSeq;
    this.nextSeq += batch.length;
    const batchSeqs = Array.from({ length: batch.length }, (_, k) => seqBase + k);

    if (n === 0 && batch.length <= this.cap) {
      // a first load: take the batch's columns as they are rather than copy a million rows
      this.times = batch.times;
      this.bodies = batch.bodies;
      this.texts = batch.texts;
      this.levels = batch.levels;
      this.sources = batch.sources;
      this.seqs = batchSeqs;
    } else if (start === n) {
      this.push(batch, batchSeqs);
    } else {
      const tail: LogBatch = {
        length: n - start,
        times: this.times.splice(start),
        bodies: this.bodies.splice(start),
        texts: this.texts.splice(start),
        levels: this.levels.splice(start),
        sources: this.sources.splice(start),
      };
      tail.seqs = this.seqs.splice(start);
      const merged = mergeTwo(tail, { ...batch, seqs: batchSeqs });
      this.push(merged, merged.seqs!);
    }
    this.trim();
    this.version++;
  }

  private push(batch: LogBatch, seqs: number[]): void {
    // native pushes of up to PUSH_CHUNK values at a time (an argument list has a size limit)
    for (let from = 0; from < batch.length; from += PUSH_CHUNK) {
      const to = Math.min(batch.length, from + PUSH_CHUNK);
      pushRange(this.times, batch.times, from, to);
      pushRange(this.bodies, batch.bodies, from, to);
      pushRange(this.texts, batch.texts, from, to);
      pushRange(this.levels, batch.levels, from, to);
      pushRange(this.sources, batch.sources, from, to);
      pushRange(this.seqs, seqs, from, to);
    }
  }

  private trim(): boolean {
    const over = this.length - this.cap;
    if (over <= 0) {
      return false;
    }
    this.times.splice(0, over);
    this.bodies.splice(0, over);
    this.texts.splice(0, over);
    this.levels.splice(0, over);
    this.sources.splice(0, over);
    this.seqs.splice(0, over);
    this.dropped += over;
    return true;
  }
}
