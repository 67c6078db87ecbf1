import { Subscription } from 'rxjs';

import { fakeLiveSource, gaugeSample } from './fakeLiveSource';
import { SeriesHistory } from './history';
import { Sampler } from './sampler';
import { Sample } from './types';

const START = Date.UTC(2025, 0, 1);
const INTERVAL = 10_000;
const RETENTION = 60_000;

let sampler: Sampler;
const subs: Subscription[] = [];

beforeEach(() => {
  jest.useFakeTimers({ now: START });
  sampler = new Sampler({ intervalMs: INTERVAL, retentionMs: RETENTION });
});
afterEach(() => {
  subs.splice(0).forEach((s) => s.unsubscribe());
  sampler.dispose();
  jest.useRealTimers();
});

/** A source answering one memory sample per node at the time of the poll. */
function nodesSource(key = 'uid/nodes', nodes = ['n1'], delayMs = 0) {
  return fakeLiveSource(
    key,
    (_n, now) => ({ timeMs: now, samples: nodes.map((node, i) => gaugeSample(node, 'memory', now / 1000 + i)) }),
    delayMs
  );
}

function collect(source: Parameters<Sampler['watch']>[0]): SeriesHistory[] {
  const seen: SeriesHistory[] = [];
  subs.push(sampler.watch(source).subscribe((h) => seen.push(h)));
  return seen;
}

function pointTimes(h: SeriesHistory, key = 'n1', metric = 'memory'): number[] {
  const s = h.series.find((x) => x.key === key && x.metric === metric);
  return s ? s.points.copyRange(-Infinity, Infinity).times : [];
}

describe('Sampler', () => {
  it('polls a source once per interval however many queries watch it', () => {
    const a = nodesSource();
    const b = nodesSource(); // another panel asking for the same thing
    const other = nodesSource('uid/nodes?node-2');
    const seenA = collect(a);
    const seenB = collect(b);
    collect(other);
    jest.advanceTimersByTime(0);
    expect(a.polls + b.polls).toBe(1);
    jest.advanceTimersByTime(2 * INTERVAL);
    expect(a.polls + b.polls).toBe(3);
    expect(other.polls).toBe(3);
    expect(seenA).toHaveLength(3);
    expect(seenB).toHaveLength(3);
    expect(pointTimes(seenB[2])).toEqual([START, START + INTERVAL, START + 2 * INTERVAL]);
  });

  it('gives a new watcher the history so far at once', () => {
    const src = nodesSource();
    collect(src);
    jest.advanceTimersByTime(3 * INTERVAL);
    const late = collect(nodesSource());
    expect(late).toHaveLength(1);
    expect(pointTimes(late[0])).toHaveLength(4);
    jest.advanceTimersByTime(INTERVAL);
    expect(late).toHaveLength(2);
    expect(pointTimes(late[1])).toHaveLength(5);
  });

  it('skips ticks while a slow poll runs instead of stacking polls', () => {
    const slow = nodesSource('uid/slow', ['n1'], 2.5 * INTERVAL);
    const seen = collect(slow);
    jest.advanceTimersByTime(10 * INTERVAL);
    expect(slow.maxActive).toBe(1);
    // polls start at 0, 3, 6 and 9 intervals: each waits for the one before to answer
    expect(slow.polls).toBe(4);
    expect(seen).toHaveLength(3);
  });

  it('keeps polling for the retention after the last watcher left, then leaves no timer behind', () => {
    const src = nodesSource();
    const sub = sampler.watch(src).subscribe();
    jest.advanceTimersByTime(INTERVAL);
    sub.unsubscribe();
    const pollsAtLeave = src.polls;
    jest.advanceTimersByTime(RETENTION / 2);
    expect(src.polls).toBeGreaterThan(pollsAtLeave);
    expect(sampler.activeSources()).toEqual(['uid/nodes']);
    jest.advanceTimersByTime(RETENTION / 2);
    expect(sampler.activeSources()).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    const pollsAtEnd = src.polls;
    jest.advanceTimersByTime(5 * INTERVAL);
    expect(src.polls).toBe(pollsAtEnd);
  });

  it('cancels a poll still in flight when polling ends', () => {
    const hung = fakeLiveSource('uid/hung', () => 'hang');
    sampler.watch(hung).subscribe().unsubscribe();
    jest.advanceTimersByTime(0);
    expect(hung.active).toBe(1);
    jest.advanceTimersByTime(RETENTION);
    expect(hung.polls).toBe(1);
    expect(hung.cancelled).toBe(1);
    expect(hung.active).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('with lingerMs 0, stops and cancels the poll in flight as soon as the last watcher leaves', () => {
    const eager = new Sampler({ intervalMs: INTERVAL, retentionMs: RETENTION, lingerMs: 0 });
    const slow = nodesSource('uid/slow', ['n1'], INTERVAL / 2);
    const sub = eager.watch(slow).subscribe();
    jest.advanceTimersByTime(INTERVAL + 1);
    expect(slow.active).toBe(1);
    sub.unsubscribe();
    expect(slow.cancelled).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    eager.dispose();
  });

  it('shows the history it kept polling to a dashboard opened again within the retention', () => {
    const src = nodesSource();
    sampler.watch(src).subscribe().unsubscribe();
    jest.advanceTimersByTime(4 * INTERVAL);
    const back = collect(nodesSource());
    expect(pointTimes(back[0])).toEqual([0, 1, 2, 3, 4].map((i) => START + i * INTERVAL));
    // the returning watcher cancelled the stop: still polling after the first retention
    jest.advanceTimersByTime(RETENTION);
    expect(sampler.activeSources()).toEqual(['uid/nodes']);
  });

  it('keeps only the retention: older points and series gone that long are dropped', () => {
    const src = fakeLiveSource('uid/trim', (n, now) => ({
      timeMs: now,
      samples: [gaugeSample('stays', 'memory', n), ...(n <= 3 ? [gaugeSample('leaves', 'memory', n)] : [])],
    }));
    const seen = collect(src);
    jest.advanceTimersByTime(3 * INTERVAL);
    expect(seen[seen.length - 1].series.map((s) => s.key)).toEqual(['leaves', 'stays']);
    jest.advanceTimersByTime(RETENTION);
    const last = seen[seen.length - 1];
    expect(last.series.map((s) => s.key)).toEqual(['stays']);
    const times = pointTimes(last, 'stays');
    expect(times[times.length - 1] - times[0]).toBeLessThanOrEqual(RETENTION);
    expect(times[0]).toBeGreaterThanOrEqual(Date.now() - RETENTION);
    expect(times).toHaveLength(RETENTION / INTERVAL + 1);
  });

  it('caps the series it keeps per source and says how many it left out', () => {
    const capped = new Sampler({ intervalMs: INTERVAL, retentionMs: RETENTION, maxSeriesPerSource: 2 });
    const src = nodesSource('uid/many', ['a', 'b', 'c', 'd']);
    const seen: SeriesHistory[] = [];
    const sub = capped.watch(src).subscribe((h) => seen.push(h));
    jest.advanceTimersByTime(INTERVAL);
    const last = seen[seen.length - 1];
    expect(last.series.map((s) => s.key)).toEqual(['a', 'b']);
    expect(last.notices).toEqual([
      expect.objectContaining({ severity: 'warning', text: expect.stringMatching(/2 more/) }),
    ]);
    sub.unsubscribe();
    capped.dispose();
  });

  it('keeps the history and the poller through failed polls', () => {
    const boom = new Error('connection refused');
    const src = fakeLiveSource('uid/flaky', (n, now) =>
      n === 2 ? boom : { timeMs: now, samples: [gaugeSample('n1', 'memory', n)] }
    );
    // the series keep filling after an emission: read each one as it arrives
    const seen: Array<{ pollError: unknown; times: number[] }> = [];
    subs.push(sampler.watch(src).subscribe((h) => seen.push({ pollError: h.pollError, times: pointTimes(h) })));
    jest.advanceTimersByTime(2 * INTERVAL);
    expect(seen).toEqual([
      { pollError: undefined, times: [START] },
      { pollError: boom, times: [START] },
      { pollError: undefined, times: [START, START + 2 * INTERVAL] },
    ]);
  });

  it('reports a poll that threw at once, or ended without an answer, as that poll failing', () => {
    let n = 0;
    const src = {
      key: 'uid/odd',
      poll: () => {
        n++;
        if (n === 1) {
          throw new Error('bad parameters');
        }
        return fakeLiveSource('x', () => 'empty').poll();
      },
    };
    const seen = collect(src);
    jest.advanceTimersByTime(INTERVAL);
    expect(seen.map((h) => String(h.pollError))).toEqual([
      'Error: bad parameters',
      'Error: The poll of uid/odd ended without an answer',
    ]);
  });

  it('passes on the errors and notices of a partial poll', () => {
    const src = fakeLiveSource('uid/partial', (_n, now) => ({
      timeMs: now,
      samples: [gaugeSample('n1', 'memory', 1)],
      errors: [{ message: 'node n2: connection refused' }],
      notices: [{ severity: 'warning', text: 'n2 left out' }],
    }));
    const seen = collect(src);
    jest.advanceTimersByTime(0);
    expect(seen[0].errors).toEqual([{ message: 'node n2: connection refused' }]);
    expect(seen[0].notices).toEqual([{ severity: 'warning', text: 'n2 left out' }]);
    expect(seen[0].series).toHaveLength(1);
  });

  it('uses the sample time when the source gives one, the poll time otherwise', () => {
    const samples: Sample[] = [gaugeSample('n1', 'memory', 1, START - 7000), gaugeSample('n1', 'cpu', 2)];
    const seen = collect(fakeLiveSource('uid/t', (_n, now) => ({ timeMs: now, samples })));
    jest.advanceTimersByTime(0);
    expect(pointTimes(seen[0], 'n1', 'memory')).toEqual([START - 7000]);
    expect(pointTimes(seen[0], 'n1', 'cpu')).toEqual([START]);
  });

  it('on dispose, completes every watcher, cancels polls and clears its timers', () => {
    const hung = fakeLiveSource('uid/hung', () => 'hang');
    let completed = false;
    sampler.watch(hung).subscribe({ complete: () => (completed = true) });
    jest.advanceTimersByTime(0);
    sampler.dispose();
    expect(completed).toBe(true);
    expect(hung.cancelled).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    let after = false;
    sampler.watch(nodesSource()).subscribe({ complete: () => (after = true) });
    expect(after).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects an interval or retention that is not a positive number', () => {
    expect(() => new Sampler({ intervalMs: 0, retentionMs: 1000 })).toThrow(/interval/);
    expect(() => new Sampler({ intervalMs: 1000, retentionMs: NaN })).toThrow(/history/);
  });
});
