import { FilterEngine } from '../model/filterEngine';
import { MAX_RANGES } from '../model/highlight';
import type { Compilers } from '../model/search';
import { parseStructured } from '../model/structured';
import type { EngineReply, EngineRequest } from './protocol';

export type Post = (reply: EngineReply, transfer?: Transferable[]) => void;

/**
 * Runs a FilterEngine for one panel: applies requests in order, then scans in slices of `sliceMs`, posting the
 * rows found after every slice (so a long search streams its results) and yielding between slices (so a newer
 * filter or new rows are taken in before the rest of a stale scan). The same loop runs in the worker (50 ms
 * slices: nothing else waits there) and on the main thread (8 ms slices, so a frame is never missed by much).
 */
export class EngineLoop {
  private readonly engine: FilterEngine;
  private scheduled = false;
  private dirty = false;
  private disposed = false;

  constructor(
    private readonly post: Post,
    private readonly sliceMs: number,
    private readonly defer: (run: () => void) => void,
    compile: Compilers
  ) {
    this.engine = new FilterEngine(compile);
  }

  handle(request: EngineRequest): void {
    switch (request.type) {
      case 'rows':
        this.engine.apply(request.delta, request.seq);
        break;
      case 'filter':
        this.engine.setFilter(request.spec, request.id);
        break;
      case 'ranges':
        this.post({
          type: 'ranges',
          filterId: this.engine.currentFilter,
          keys: request.keys,
          ranges: this.engine.ranges(request.rows, request.maxChars, MAX_RANGES),
        });
        return;
      case 'prettify':
        this.post({ type: 'pretty', id: request.id, value: parseStructured(request.text, Infinity) });
        return;
    }
    this.dirty = true;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
  }

  private schedule(): void {
    if (!this.scheduled && !this.disposed) {
      this.scheduled = true;
      this.defer(() => this.run());
    }
  }

  private run(): void {
    this.scheduled = false;
    if (this.disposed || !this.dirty) {
      return;
    }
    const done = this.engine.step(this.sliceMs);
    const result = this.engine.snapshot();
    this.dirty = !done;
    const transfer = [result.rows.buffer, result.matches.buffer, result.levelCounts.buffer];
    if (result.duplicates && result.lastDuplicates) {
      transfer.push(result.duplicates.buffer, result.lastDuplicates.buffer);
    }
    this.post({ type: 'result', result, done }, transfer);
    if (!done) {
      this.schedule();
    }
  }
}
