import { type DedupMode, sameKey } from './dedupKeys';
import { IntColumn, lowerBound } from './intColumn';

/** How the deduper sees a filtered row (absolute index), as the FilterEngine holds it. */
export interface DedupRows {
  text(abs: number): string;
  source(abs: number): number;
  /** PLAIN: a line of its own; UNIQUE: a stack trace's head (never merged); CONTINUATION: a trace's frame */
  kind(abs: number): RowKind;
  /** the row standing for a continuation row's group */
  rep(abs: number): number;
}

export const PLAIN = 0;
export const UNIQUE = 1;
export const CONTINUATION = 2;
export type RowKind = typeof PLAIN | typeof UNIQUE | typeof CONTINUATION;

/** How often advance() looks at the clock, in rows. */
const CLOCK_ROWS = 256;

/**
 * Collapses adjacent duplicates among the filtered rows (Grafana's dedup): a row that is a line of its own,
 * from the same source as the row shown just before it and with the same key (dedupKeys.ts), joins that row's
 * run, shown once with a count and the last member. Stack traces are never merged: a trace's head and frames
 * are each shown, and end a run. Incremental over the filter's output, which grows at its end, is cut back
 * (rollback) and loses rows at its front (dropFront); a run's members are always consecutive filtered rows,
 * which keeps each of those O(1) or a binary search.
 */
export class Deduper {
  mode: DedupMode = 'none';
  /** input positions (in the filtered rows) examined */
  private done = 0;
  /** shown rows (absolute indices), with their run's size and last member, and their first input position */
  private out = new IntColumn();
  private counts = new IntColumn();
  private lasts = new IntColumn();
  /** input position + `shift`, so dropping input positions does not rewrite every entry */
  private starts = new IntColumn();
  private shift = 0;
  /** the last shown row's text and source when it can take duplicates, else prevSource -1 (recomputed lazily) */
  private prevText = '';
  private prevSource = -1;
  private prevValid = false;

  get length(): number {
    return this.out.length;
  }

  reset(mode: DedupMode = this.mode): void {
    this.mode = mode;
    this.done = 0;
    this.out = new IntColumn();
    this.counts = new IntColumn();
    this.lasts = new IntColumn();
    this.starts = new IntColumn();
    this.shift = 0;
    this.prevSource = -1;
    this.prevValid = true;
  }

  pending(input: IntColumn): boolean {
    return this.mode !== 'none' && this.done < input.length;
  }

  /**
   * Examines filtered rows until all are done or `late()` says the slice is over (asked every CLOCK_ROWS rows,
   * after at least that many); true when every row is examined.
   */
  advance(input: IntColumn, rows: DedupRows, late: () => boolean): boolean {
    let sinceClock = 0;
    while (this.done < input.length) {
      const abs = input.data[this.done];
      const kind = rows.kind(abs);
      if (kind === PLAIN) {
        const text = rows.text(abs);
        const source = rows.source(abs);
        if (!this.prevValid) {
          this.recomputePrevious(rows);
        }
        // a run's first line is what later lines are compared with (keys are equal along a run)
        if (this.prevSource === source && sameKey(this.mode, this.prevText, text)) {
          const last = this.out.length - 1;
          this.counts.data[last]++;
          this.lasts.data[last] = abs;
        } else {
          this.emit(abs);
          this.prevText = text;
          this.prevSource = source;
        }
      } else {
        if (kind === CONTINUATION) {
          // a frame whose head was merged as a plain line (its frames came later): redo from the head's run, where
          // the head is now known as a trace's
          const rep = rows.rep(abs);
          const at = lowerBound(this.out.data, rep, this.out.length);
          const alone = at < this.out.length && this.out.data[at] === rep && this.counts.data[at] === 1;
          const pos = lowerBound(input.data, rep, this.done);
          // (the head is now a trace's and listed: the redo shows it alone, so this is met once)
          if (!alone && rows.kind(rep) !== PLAIN && input.data[pos] === rep) {
            this.rollbackToRunOf(pos);
            continue;
          }
        }
        this.emit(abs);
        this.prevSource = -1;
      }
      this.done++;
      if (++sinceClock >= CLOCK_ROWS) {
        sinceClock = 0;
        if (late()) {
          break;
        }
      }
    }
    return this.done >= input.length;
  }

  /**
   * Input positions from `p` on changed (cut, or rows inserted there): forget what was found from there.
   * `input` holds the positions before `p` as they were.
   */
  rollback(p: number, input: Int32Array): void {
    if (p >= this.done) {
      return;
    }
    const u = lowerBound(this.starts.data, p + this.shift, this.starts.length) - 1;
    if (u >= 0) {
      const start = this.starts.data[u] - this.shift;
      if (start + this.counts.data[u] > p) {
        // a run reaching into the changed rows keeps its members before them (consecutive input rows)
        this.counts.data[u] = p - start;
        this.lasts.data[u] = input[p - 1];
      }
    }
    this.truncate(u + 1);
    this.done = p;
    this.prevValid = false;
  }

  /** Input positions before `k` are gone; `input` still holds them. */
  dropFront(k: number, input: Int32Array): void {
    if (k <= 0 || this.mode === 'none') {
      return;
    }
    // the first entry whose run reaches position k: (start + count) is increasing
    let lo = 0;
    let hi = this.out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts.data[mid] - this.shift + this.counts.data[mid] <= k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    this.out.dropFront(lo);
    this.counts.dropFront(lo);
    this.lasts.dropFront(lo);
    this.starts.dropFront(lo);
    if (this.out.length > 0) {
      const start = this.starts.data[0] - this.shift;
      if (start < k) {
        // a run cut by the drop: its first member still held shows it
        this.counts.data[0] -= k - start;
        this.out.data[0] = input[k];
        this.starts.data[0] = k + this.shift;
      }
    } else {
      this.prevSource = -1;
      this.prevValid = true;
    }
    this.shift += k;
    this.done = Math.max(0, this.done - k);
  }

  snapshot(): { rows: Int32Array; duplicates: Int32Array; lastDuplicates: Int32Array } {
    const n = this.out.length;
    return {
      rows: this.out.data.slice(0, n),
      duplicates: this.counts.data.slice(0, n),
      lastDuplicates: this.lasts.data.slice(0, n),
    };
  }

  private emit(abs: number): void {
    this.out.append1(abs);
    this.counts.append1(1);
    this.lasts.append1(abs);
    this.starts.append1(this.done + this.shift);
  }

  private recomputePrevious(rows: DedupRows): void {
    this.prevValid = true;
    const n = this.out.length;
    const abs = n > 0 ? this.out.data[n - 1] : -1;
    const plain = n > 0 && rows.kind(abs) === PLAIN;
    this.prevText = plain ? rows.text(abs) : '';
    this.prevSource = plain ? rows.source(abs) : -1;
  }

  /** Redo from the start of the run holding input position `pos`. */
  private rollbackToRunOf(pos: number): void {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts.data[mid] - this.shift <= pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const u = Math.max(0, lo - 1);
    this.done = u < this.starts.length ? this.starts.data[u] - this.shift : 0;
    this.truncate(u);
    this.prevValid = false;
  }

  private truncate(n: number): void {
    this.out.truncate(n);
    this.counts.truncate(n);
    this.lasts.truncate(n);
    this.starts.truncate(n);
  }
}
