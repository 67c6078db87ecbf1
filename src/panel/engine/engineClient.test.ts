/*
 * The panel's side of its engine: a large delta reaches the worker a chunk per task, so posting 100,000 lines
 * never becomes one long task on the page.
 */
import { NO_FILTER, type RowsDelta } from '../model/filterEngine';
import { EngineClient } from './engineClient';
import type { EngineRequest } from './protocol';

const posted: EngineRequest[] = [];

jest.mock('./spawnWorker', () => ({
  spawnWorker: () => ({
    postMessage: (request: EngineRequest) => posted.push(request),
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

describe('EngineClient', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    posted.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('posts a large delta one chunk per task, in order, after the filter', () => {
    const client = new EngineClient(
      { onResult: jest.fn(), onRanges: jest.fn(), onPretty: jest.fn(), onFallback: jest.fn() },
      () => rows(0)
    );
    client.setFilter(NO_FILTER);
    client.sendRows(rows(5_000));
    // in the caller's task: the filter and the first chunk only
    expect(posted.map((r) => r.type)).toEqual(['filter', 'rows']);
    const chunks = () => posted.filter((r) => r.type === 'rows') as Array<Extract<EngineRequest, { type: 'rows' }>>;
    jest.advanceTimersToNextTimer();
    expect(chunks()).toHaveLength(2);
    jest.runAllTimers();
    expect(chunks().map((r) => [r.delta.from, r.delta.texts.length])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
      [3000, 1000],
      [4000, 1000],
    ]);
    client.dispose();
  });
});
