import { LOG_LEVELS } from '../../common/logLevel';
import type { LogBatch } from './frameRows';
import { joins, modeOf, startsException, TRACE_NONE, traceStep } from './stackTraces';

/** Levels an exception's first line may join (the error line that reported it). */
const ERROR_LEVELS = new Set([LOG_LEVELS.indexOf('error'), LOG_LEVELS.indexOf('critical')]);

interface SourceGroup {
  /** the stackTraces.ts mode of the group */
  mode: number;
  headSeq: number;
  /** absolute row of the head; NaN until the store has placed it */
  headAbs: number;
  level: number;
  size: number;
}

/** Where each row of a batch belongs: its group's head, by seq and (when known) by absolute row. */
export interface Grouping {
  headSeqs: number[];
  /** NaN where the head is in this batch and the store places it later */
  headAbs: number[];
}

/**
 * Groups stack traces with the line that starts them as rows arrive, per source, across batches (a trace cut
 * by a poll goes on in the next batch). Continuation rows take the head's level, so level counts and level
 * filters see a trace as one entry of its head's severity.
 */
export class TraceGrouper {
  private bySource: Array<SourceGroup | undefined> = [];

  clear(): void {
    this.bySource = [];
  }

  /**
   * Decides the group of each row of a sorted batch (rows of one source arrive in order), and gives continuation
   * rows their head's level (in `batch.levels`). `absBase` is the absolute row of batch row 0 when the batch is
   * appended as is, NaN when the store merges it.
   */
  group(batch: LogBatch, seqs: number[], absBase: number): Grouping {
    const n = batch.length;
    const headSeqs = new Array<number>(n);
    const headAbs = new Array<number>(n);
    const { texts, levels, sources } = batch;
    for (let k = 0; k < n; k++) {
      const text = texts[k];
      const source = sources[k];
      let g = this.bySource[source];
      const step = traceStep(g ? g.mode : TRACE_NONE, text);
      let join = g !== undefined && joins(step);
      if (!join && g !== undefined && g.size === 1 && g.mode === TRACE_NONE && ERROR_LEVELS.has(g.level)) {
        // `ERROR request failed` then `java.lang.IllegalStateException: boom` or `Traceback (…):`
        join = startsException(text);
      }
      if (join) {
        g!.mode = modeOf(step);
        g!.size++;
        headSeqs[k] = g!.headSeq;
        headAbs[k] = g!.headAbs;
        levels[k] = g!.level;
      } else {
        const abs = absBase + k;
        g = { mode: modeOf(step), headSeq: seqs[k], headAbs: abs, level: levels[k], size: 1 };
        this.bySource[source] = g;
        headSeqs[k] = seqs[k];
        headAbs[k] = abs;
      }
    }
    return { headSeqs, headAbs };
  }

  /** After a merge moved rows: the absolute row of each current head that is among `absBySeq`. */
  placed(absBySeq: ReadonlyMap<number, number>): void {
    for (const g of this.bySource) {
      const abs = g && absBySeq.get(g.headSeq);
      if (abs !== undefined) {
        g!.headAbs = abs;
      }
    }
  }
}
