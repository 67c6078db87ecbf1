import type { FilterResult, FilterSpec, RowsDelta } from '../model/filterEngine';
import { compilers, noRegex, type Range } from '../model/search';
import type { Structured } from '../model/structured';
import { EngineLoop } from './engineLoop';
import type { EngineReply, EngineRequest } from './protocol';
import { spawnWorker } from './spawnWorker';

export type EngineMode = 'worker' | 'main thread';

export interface EngineListener {
  onResult(result: FilterResult, done: boolean): void;
  onRanges(filterId: number, keys: number[], ranges: Range[][]): void;
  onPretty(id: number, value: Structured | undefined): void;
  /** the engine moved to the main thread (the worker could not start), with the reason */
  onFallback(reason: string): void;
}

/**
 * Posting copies every string (structured clone) on the main thread, so rows go to the worker in messages of
 * at most this many rows and characters, as many per task as fit in POST_MS_PER_TASK.
 */
const CHUNK_ROWS = 1_000;
const CHUNK_CHARS = 200_000;
/** Main-thread time a task spends posting chunks to the worker (each chunk is a structured clone). */
const POST_MS_PER_TASK = 8;
/** Slices of main-thread scanning when there is no worker: well inside a frame. */
const MAIN_THREAD_SLICE_MS = 8;

export const NO_WORKER_REGEX =
  'regular expressions need the panel’s worker, which could not start here; plain-text search still works';

function chunks(delta: RowsDelta): RowsDelta[] {
  const out: RowsDelta[] = [];
  let start = 0;
  const n = delta.texts.length;
  do {
    let end = start;
    let chars = 0;
    while (end < n && end - start < CHUNK_ROWS && (chars < CHUNK_CHARS || end === start)) {
      chars += delta.texts[end].length;
      end++;
    }
    out.push({
      ...delta,
      from: delta.from + start,
      texts: delta.texts.slice(start, end),
      levels: delta.levels.slice(start, end),
      sources: delta.sources.slice(start, end),
      heads: delta.heads?.slice(start, end),
      labelSets: delta.labelSets?.slice(start, end),
      times: delta.times?.slice(start, end),
    });
    start = end;
  } while (start < n);
  return out;
}

/**
 * The panel's side of its engine: a Web Worker when one starts, otherwise the same EngineLoop on the main thread
 * in 8 ms slices (without regular expressions, whose engine lives only in the worker bundle). Requests keep
 * their order; large row deltas are split over several tasks.
 */
export class EngineClient {
  mode: EngineMode = 'worker';
  private worker?: Worker;
  private local?: EngineLoop;
  private queue: EngineRequest[] = [];
  private flushTimer?: ReturnType<typeof setTimeout>;
  private seq = 0;
  /** deltas sent and not yet answered: rows from `from` on may differ between store and engine */
  private unanswered: Array<{ seq: number; from: number; generation: number }> = [];
  private lastFilter?: { id: number; spec: FilterSpec };
  private nextFilterId = 1;
  private disposed = false;

  constructor(
    private readonly listener: EngineListener,
    /** every row the store holds, to start a main-thread engine from */
    private readonly everything: () => RowsDelta
  ) {
    try {
      const worker = spawnWorker();
      worker.onmessage = (event: MessageEvent<EngineReply>) => this.receive(event.data);
      worker.onerror = (event) => {
        event.preventDefault?.();
        this.fallBack(`the worker failed: ${event.message || 'it could not be loaded'}`);
      };
      this.worker = worker;
    } catch (err) {
      this.startLocal();
      this.listener.onFallback(`the worker could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  sendRows(delta: RowsDelta): void {
    // every chunk is queued before any is posted: flush() then posts one chunk's share per task (posted one by
    // one as they were made, a 100,000-line result went out in a single 70 ms task)
    const requests: EngineRequest[] = [];
    for (const chunk of this.worker ? chunks(delta) : [delta]) {
      const seq = ++this.seq;
      this.unanswered.push({ seq, from: chunk.from, generation: chunk.generation });
      requests.push({ type: 'rows', seq, delta: chunk });
    }
    this.send(...requests);
  }

  setFilter(spec: FilterSpec): number {
    const id = this.nextFilterId++;
    this.lastFilter = { id, spec };
    this.send({ type: 'filter', id, spec });
    return id;
  }

  requestRanges(filterId: number, rows: number[], keys: number[], maxChars: number): void {
    this.send({ type: 'ranges', filterId, rows, keys, maxChars });
  }

  prettify(id: number, text: string): void {
    this.send({ type: 'prettify', id, text });
  }

  /**
   * The first absolute row that may differ between the store and a result that answered delta `deltaSeq`:
   * rows from there on are not shown from that result.
   */
  staleFrom(deltaSeq: number, generation: number): number {
    let from = Infinity;
    for (const d of this.unanswered) {
      if (d.seq > deltaSeq && d.generation === generation) {
        from = Math.min(from, d.from);
      }
    }
    return from;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.flushTimer);
    this.worker?.terminate();
    this.local?.dispose();
  }

  private receive(reply: EngineReply): void {
    if (this.disposed) {
      return;
    }
    switch (reply.type) {
      case 'failed':
        this.fallBack(`the worker failed: ${reply.reason}`);
        break;
      case 'result':
        this.unanswered = this.unanswered.filter((d) => d.seq > reply.result.deltaSeq);
        this.listener.onResult(reply.result, reply.done);
        break;
      case 'ranges':
        this.listener.onRanges(reply.filterId, reply.keys, reply.ranges);
        break;
      case 'pretty':
        this.listener.onPretty(reply.id, reply.value);
        break;
    }
  }

  private send(...requests: EngineRequest[]): void {
    if (this.disposed) {
      return;
    }
    if (this.local) {
      requests.forEach((request) => this.local!.handle(request));
      return;
    }
    this.queue.push(...requests);
    if (this.flushTimer === undefined) {
      this.flush();
    }
  }

  /**
   * Posts queued requests for at most POST_MS_PER_TASK (at least one), then continues in the next task: a large
   * result reaches the worker in a few dozen short tasks, neither in one long one nor a chunk per (clamped) timer.
   */
  private flush(): void {
    this.flushTimer = undefined;
    const start = performance.now();
    while (this.queue.length > 0 && this.worker) {
      this.worker.postMessage(this.queue.shift()!);
      if (this.queue.length > 0 && performance.now() - start >= POST_MS_PER_TASK) {
        this.flushTimer = setTimeout(() => this.flush(), 0);
        return;
      }
    }
  }

  private startLocal(): void {
    this.mode = 'main thread';
    this.local = new EngineLoop(
      (reply) => this.receive(reply),
      MAIN_THREAD_SLICE_MS,
      (run) => setTimeout(run, 0),
      compilers(noRegex(NO_WORKER_REGEX))
    );
  }

  private fallBack(reason: string): void {
    if (this.local || this.disposed) {
      return;
    }
    this.worker?.terminate();
    this.worker = undefined;
    this.queue = [];
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.startLocal();
    this.unanswered = [];
    if (this.lastFilter) {
      this.local!.handle({ type: 'filter', ...this.lastFilter });
    }
    const seq = ++this.seq;
    this.local!.handle({ type: 'rows', seq, delta: this.everything() });
    this.listener.onFallback(reason);
  }
}
