import { SpanPoints } from './spanPoints';

describe('SpanPoints', () => {
  it('orders facts by time, lets the later-added fact win a tie, merges repeats and skips untimed facts', () => {
    const p = new SpanPoints();
    p.at(30, 'B');
    p.at(10, 'A');
    p.at(undefined, 'guess');
    p.at(20, 'A');
    p.at(30, 'C');
    expect(p.firstMs).toBe(10);
    expect(p.spans()).toEqual([
      { startMs: 10, state: 'A', source: 'api' },
      { startMs: 30, state: 'C', source: 'api' },
    ]);
  });
});
