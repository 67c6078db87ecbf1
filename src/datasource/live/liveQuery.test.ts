import { DataQueryResponse, LoadingState } from '@grafana/data';
import { Subscription } from 'rxjs';

import { KubeError } from '../kube/errors';
import { fakeLiveSource, gaugeSample } from './fakeLiveSource';
import { liveQuery } from './liveQuery';
import { Sampler } from './sampler';

const START = Date.UTC(2025, 0, 1);
const INTERVAL = 15_000;
const HOUR = 3_600_000;

let sampler: Sampler;
const subs: Subscription[] = [];

beforeEach(() => {
  jest.useFakeTimers({ now: START });
  sampler = new Sampler({ intervalMs: INTERVAL, retentionMs: HOUR });
});
afterEach(() => {
  subs.splice(0).forEach((s) => s.unsubscribe());
  sampler.dispose();
  jest.useRealTimers();
});

/** Memory of node-1 = seconds since START, at the time of each poll. */
function memorySource(key = 'uid/nodes') {
  return fakeLiveSource(key, (_n, now) => ({
    timeMs: now,
    samples: [gaugeSample('node-1', 'memory', (now - START) / 1000)],
  }));
}

function run(query: ReturnType<typeof liveQuery>) {
  const got: DataQueryResponse[] = [];
  let completed = false;
  subs.push(query.subscribe({ next: (r) => got.push(r), complete: () => (completed = true) }));
  return { got, completed: () => completed };
}

const times = (r: DataQueryResponse) => r.data[0]?.fields[0].values;
const values = (r: DataQueryResponse) => r.data[0]?.fields[1].values;

describe('liveQuery', () => {
  it('not live, nothing held yet: answers once the first poll is in, then completes', () => {
    const src = memorySource();
    const q = run(liveQuery(sampler, src, { refId: 'A', live: false }));
    expect(q.got).toHaveLength(0);
    jest.advanceTimersByTime(0);
    expect(src.polls).toBe(1);
    expect(q.got).toHaveLength(1);
    expect(q.completed()).toBe(true);
    expect(q.got[0]).toMatchObject({ key: 'A', state: LoadingState.Done });
    expect(values(q.got[0])).toEqual([0]);
  });

  it('not live, history held: answers at once with the range of it, without waiting for a poll', () => {
    const src = memorySource();
    run(liveQuery(sampler, src, { refId: 'A', live: true }));
    jest.advanceTimersByTime(4 * INTERVAL);
    const polls = src.polls;
    const q = run(
      liveQuery(sampler, memorySource(), {
        refId: 'B',
        live: false,
        range: { from: START + INTERVAL, to: START + 3 * INTERVAL },
      })
    );
    expect(src.polls).toBe(polls);
    expect(q.completed()).toBe(true);
    expect(times(q.got[0])).toEqual([1, 2, 3].map((i) => START + i * INTERVAL));
    expect(values(q.got[0])).toEqual([15, 30, 45]);
  });

  it('live: streams every poll under its refId until unsubscribed, the range sliding with time', () => {
    const src = memorySource();
    const q = run(
      liveQuery(sampler, src, { refId: 'A', live: true, range: { from: START - 2 * INTERVAL, to: START } })
    );
    jest.advanceTimersByTime(4 * INTERVAL);
    expect(q.got).toHaveLength(5);
    expect(q.completed()).toBe(false);
    expect(q.got.every((r) => r.state === LoadingState.Streaming && r.key === 'A')).toBe(true);
    // a window of two intervals that follows the newest poll
    expect(times(q.got[4])).toEqual([2, 3, 4].map((i) => START + i * INTERVAL));
    subs.pop()!.unsubscribe();
    jest.advanceTimersByTime(HOUR);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('turns a failed poll into a clear panel error beside the history held, and clears it after a good poll', () => {
    const src = fakeLiveSource('uid/flaky', (n, now) =>
      n === 2
        ? new KubeError({
            kind: 'unavailable',
            status: 503,
            message: 'metrics-server is unavailable',
            remedy: 'Check the metrics-server deployment.',
          })
        : { timeMs: now, samples: [gaugeSample('node-1', 'memory', n)] }
    );
    const q = run(liveQuery(sampler, src, { refId: 'A', live: true }));
    jest.advanceTimersByTime(2 * INTERVAL);
    expect(q.got).toHaveLength(3);
    expect(q.got[1].errors).toEqual([
      expect.objectContaining({
        refId: 'A',
        status: 503,
        message: expect.stringMatching(/metrics-server is unavailable/),
      }),
    ]);
    expect(values(q.got[1])).toEqual([1]);
    expect(q.got[2].errors).toBeUndefined();
    expect(values(q.got[2])).toEqual([1, 3]);
  });

  it("passes a partial poll's errors on with the refId, and its notices in the frames", () => {
    const src = fakeLiveSource('uid/partial', (_n, now) => ({
      timeMs: now,
      samples: [gaugeSample('node-1', 'memory', 1)],
      errors: [{ message: 'node-2: connection refused' }],
      notices: [{ severity: 'warning', text: 'node-2 left out' }],
    }));
    const q = run(liveQuery(sampler, src, { refId: 'C', live: false }));
    jest.advanceTimersByTime(0);
    expect(q.got[0].errors).toEqual([{ message: 'node-2: connection refused', refId: 'C' }]);
    expect(q.got[0].data[0].meta.notices).toEqual([{ severity: 'warning', text: 'node-2 left out' }]);
  });
});
