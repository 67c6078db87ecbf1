/*
 * The panel's side of its engine: a large delta reaches the worker in short tasks, so posting 100,000 lines
 * never becomes one long task on the page.
 */
import { NO_FILTER, type RowsDelta } from '../model/filterEngine';
import { EngineClient } from './engineClient';
import type { EngineRequest } from './protocol';

/** each post costs this much main-thread time, as a structured clone of 1,000 lines does */
const POST_COST_MS = 3;
const posted: EngineRequest[] = [];

jest.mock('./spawnWorker', () => ({
  spawnWorker: () => ({
    postMessage: (request: EngineRequest) => {
      const start = performance.now();
      while (performance.now() - start < POST_COST_MS) {
        // the copy's cost
      }
      posted.push(request);
    },
    terminate: () => undefined,
  }),
}));

function rows(n: number): RowsDelta {
  return {
    generation: 1,
    from: 0,
    dropped: 0,
    texts: Array.from({ length: n }, (_, i) => `line ${i}`),
    levels: new Array(n).fill(0),
    sources: new Array(n).fill(0),
  };
}

const nextTask = () => new Promise((done) => setTimeout(done, 0));

describe('EngineClient', () => {
  beforeEach(() => {
    posted.length = 0;
  });

  it('posts a large delta in chunks over several tasks, in order, after the filter', async () => {
    const client = new EngineClient(
      { onResult: jest.fn(), onRanges: jest.fn(), onPretty: jest.fn(), onFallback: jest.fn() },
      () => rows(0)
    );
    const chunks = () => posted.filter((r) => r.type === 'rows') as Array<Extract<EngineRequest, { type: 'rows' }>>;
    client.setFilter(NO_FILTER);
    client.sendRows(rows(10_000));
    // the caller's task posted the filter and a first share of the 10 chunks: 8 ms of posting at 3 ms a post
    expect(posted[0].type).toBe('filter');
    expect(chunks().length).toBeGreaterThanOrEqual(1);
    expect(chunks().length).toBeLessThanOrEqual(3);
    for (let task = 0; task < 20 && chunks().length < 10; task++) {
      await nextTask();
    }
    expect(chunks().map((r) => [r.delta.from, r.delta.texts.length])).toEqual(
      Array.from({ length: 10 }, (_, k) => [k * 1000, 1000])
    );
    client.dispose();
  });
});
