/**
 * Jest's stand-in for spawnWorker.ts (jest.config.ts maps it): Node cannot parse webpack's
 * `new URL(..., import.meta.url)` as CommonJS, and jsdom has no Worker. This one runs the worker's own loop
 * (with RE2JS) in-process and delivers each message in a later task, as a worker would.
 */
import { compileRegex } from '../model/regex';
import { compilers } from '../model/search';
import { EngineLoop } from './engineLoop';
import type { EngineReply, EngineRequest } from './protocol';

let failure: string | undefined;

/** Makes the next spawns fail as a worker blocked by the page would (undefined: start again). */
export function failWorkerSpawn(message: string | undefined): void {
  failure = message;
}

class InProcessWorker {
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private closed = false;
  private readonly loop = new EngineLoop(
    (reply) =>
      setTimeout(() => {
        if (!this.closed) {
          this.onmessage?.({ data: reply } as MessageEvent<EngineReply>);
        }
      }, 0),
    50,
    (run) => setTimeout(run, 0),
    compilers(compileRegex)
  );

  postMessage(request: EngineRequest): void {
    setTimeout(() => {
      if (!this.closed) {
        this.loop.handle(request);
      }
    }, 0);
  }

  terminate(): void {
    this.closed = true;
    this.loop.dispose();
  }
}

export function spawnWorker(): Worker {
  if (failure !== undefined) {
    throw new Error(failure);
  }
  return new InProcessWorker() as unknown as Worker;
}
