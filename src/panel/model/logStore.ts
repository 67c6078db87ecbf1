import type { RowsDelta } from './filterEngine';
import { type LogBatch, mergeTwo } from './frameRows';
import { SourceTable } from './sources';
import { type Grouping, TraceGrouper } from './traceGrouper';

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
  /**
   * the absolute row of each row's group head (stack traces grouped with the line that starts them): the row's
   * own for a line of its own; below `dropped` when the capacity dropped the head (the group's first row held
   * then stands for it)
   */
  heads: number[] = [];
  /** each row's stream labels (sourceTable.labelSets), -1 for a row whose frame has none */
  labelSets: number[] = [];
  readonly sourceTable = new SourceTable();
  /** rows dropped by the capacity since the last clear: row i is absolute row `dropped + i` */
  dropped = 0;
  version = 0;
  /** changes on clear(): absolute row numbers start again */
  generation = 0;
  private nextSeq = 0;
  private readonly grouper = new TraceGrouper();
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
    this.heads = [];
    this.labelSets = [];
    this.grouper.clear();
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
      heads: this.heads.slice(i),
      dropped: this.dropped,
      labelSets: this.labelSets.slice(i),
      markerSets: this.sourceTable.markerLabelSets(),
      // nav: times for the engine's time range and volume
      times: this.times.slice(i),
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
    // grouping changes continuation rows' levels: done before the batch's columns are taken or copied
    const grouping = this.grouper.group(batch, batchSeqs, start === n ? this.dropped + n : NaN);

    if (n === 0 && batch.length <= this.cap) {
      // a first load: take the batch's columns as they are rather than copy a million rows
      this.times = batch.times;
      this.bodies = batch.bodies;
      this.texts = batch.texts;
      this.levels = batch.levels;
      this.sources = batch.sources;
      this.seqs = batchSeqs;
      this.heads = grouping.headAbs;
      this.labelSets = batch.labelSets ?? new Array<number>(batch.length).fill(-1);
    } else if (start === n) {
      this.push(batch, batchSeqs, grouping.headAbs);
    } else {
      this.mergeTail(batch, batchSeqs, grouping, start);
    }
    this.trim();
    this.version++;
  }

  /**
   * Merges a batch into the held rows from `start` on. Heads are absolute rows, and rows from `start` move: heads
   * there are found again by seq (heads before `start` stay where they are).
   */
  private mergeTail(batch: LogBatch, batchSeqs: number[], grouping: Grouping, start: number): void {
    const n = this.length;
    const from = this.dropped + start;
    // each moving row's head: by seq when the head moves too, else its (stable) absolute row
    const headBySeq = new Map<number, { seq: number; abs: number }>();
    for (let i = start; i < n; i++) {
      const h = this.heads[i];
      headBySeq.set(this.seqs[i], h >= from ? { seq: this.seqs[h - this.dropped], abs: NaN } : { seq: -1, abs: h });
    }
    for (let k = 0; k < batch.length; k++) {
      const abs = grouping.headAbs[k];
      headBySeq.set(batchSeqs[k], abs < from ? { seq: -1, abs } : { seq: grouping.headSeqs[k], abs: NaN });
    }
    const tail: LogBatch = {
      length: n - start,
      times: this.times.splice(start),
      bodies: this.bodies.splice(start),
      texts: this.texts.splice(start),
      levels: this.levels.splice(start),
      sources: this.sources.splice(start),
      labelSets: this.labelSets.splice(start),
    };
    tail.seqs = this.seqs.splice(start);
    const merged = mergeTwo(tail, { ...batch, seqs: batchSeqs });
    const absBySeq = new Map<number, number>();
    merged.seqs!.forEach((seq, k) => absBySeq.set(seq, from + k));
    const heads = merged.seqs!.map((seq, k) => {
      const h = headBySeq.get(seq)!;
      return h.seq === -1 ? h.abs : (absBySeq.get(h.seq) ?? from + k);
    });
    this.heads.length = start;
    this.grouper.placed(absBySeq);
    this.push(merged, merged.seqs!, heads);
  }

  private push(batch: LogBatch, seqs: number[], heads: number[]): void {
    const labelSets = batch.labelSets ?? new Array<number>(batch.length).fill(-1);
    // native pushes of up to PUSH_CHUNK values at a time (an argument list has a size limit)
    for (let from = 0; from < batch.length; from += PUSH_CHUNK) {
      const to = Math.min(batch.length, from + PUSH_CHUNK);
      pushRange(this.times, batch.times, from, to);
      pushRange(this.bodies, batch.bodies, from, to);
      pushRange(this.texts, batch.texts, from, to);
      pushRange(this.levels, batch.levels, from, to);
      pushRange(this.sources, batch.sources, from, to);
      pushRange(this.seqs, seqs, from, to);
      pushRange(this.heads, heads, from, to);
      pushRange(this.labelSets, labelSets, from, to);
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
    this.heads.splice(0, over);
    this.labelSets.splice(0, over);
    this.dropped += over;
    return true;
  }
}
