import { SeriesHistory } from '../../live/history';
import { SeriesStore } from '../../live/seriesStore';
import { Sample } from '../../live/types';
import { durationText, usageFromHistory, usageFromSnapshot, windowText } from './containerUsage';

const labels = (pod: string, container = 'app') => ({ namespace: 'shop', pod, container, workload: 'Deployment/web' });
const sample = (pod: string, metric: string, value: number, timeMs?: number): Sample => ({
  key: `shop/${pod}/app`,
  labels: labels(pod),
  metric,
  value,
  counter: false,
  timeMs,
});

function history(polls: Sample[][], intervalMs = 15_000): SeriesHistory {
  const store = new SeriesStore({ capacity: 100, maxSeries: 100, retentionMs: 3_600_000 });
  polls.forEach((samples, i) => store.ingest(samples, 1_000_000 + i * intervalMs, 1_000_000 + i * intervalMs));
  return {
    sourceKey: 'k',
    series: store.list(),
    polls: polls.length,
    intervalMs,
    retentionMs: 3_600_000,
    notices: [],
    errors: [],
  };
}

describe('container usage from a history', () => {
  it("copies each container's CPU and memory values, oldest first, and says how many and over how long", () => {
    const h = history([
      [sample('web-1', 'cpu', 0.1), sample('web-1', 'memory', 100), sample('web-2', 'cpu', 0.3)],
      [sample('web-1', 'cpu', 0.2), sample('web-1', 'memory', 110), sample('web-1', 'swap', 5)],
      [sample('web-1', 'cpu', 0.4)],
    ]);
    const w = usageFromHistory(h);
    expect(w.containers.get('shop/web-1/app')).toEqual({
      namespace: 'shop',
      pod: 'web-1',
      container: 'app',
      cpu: [0.1, 0.2, 0.4],
      memory: [100, 110],
    });
    expect(w.containers.get('shop/web-2/app')?.cpu).toEqual([0.3]);
    expect(w.samples).toBe(3);
    expect(w.spanMs).toBe(30_000);
    expect(windowText(w)).toBe('3 samples over 30 s (polled every 15 s)');
    expect(w.failure).toBeUndefined();
  });

  it('measures the span per series: pods sampled at different times do not widen it', () => {
    const h = history([[sample('web-1', 'cpu', 0.1, 1_000_000), sample('web-2', 'cpu', 0.1, 1_007_000)]]);
    expect(usageFromHistory(h).spanMs).toBe(0);
  });

  it('tells a failed first poll as the failure, and a failure after good polls as nothing lost', () => {
    const failed = { ...history([]), polls: 1, pollError: new Error('connection refused') };
    expect(usageFromHistory(failed).failure).toBe('Usage could not be read: connection refused');
    const later = { ...history([[sample('web-1', 'cpu', 0.1)]]), pollError: new Error('timeout') };
    expect(usageFromHistory(later).failure).toBeUndefined();
    const denied = { ...history([]), polls: 1, errors: [{ message: 'metrics.k8s.io is forbidden' }] };
    expect(usageFromHistory(denied).failure).toBe('metrics.k8s.io is forbidden');
  });
});

describe('container usage from one poll', () => {
  it('holds one value per container', () => {
    const w = usageFromSnapshot({ timeMs: 5, samples: [sample('web-1', 'cpu', 0.5), sample('web-1', 'memory', 7)] });
    expect(w.containers.get('shop/web-1/app')).toMatchObject({ cpu: [0.5], memory: [7] });
    expect(windowText(w)).toBe('1 sample');
  });
});

describe('durations in words', () => {
  it('writes seconds, minutes and hours', () => {
    expect(durationText(45_000)).toBe('45 s');
    expect(durationText(765_000)).toBe('12 min 45 s');
    expect(durationText(120_000)).toBe('2 min');
    expect(durationText(7_500_000)).toBe('2 h 5 min');
  });
});
