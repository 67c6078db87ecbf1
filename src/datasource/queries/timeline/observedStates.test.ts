import { ObservedStates, OBSERVED_LIMITS, stateAt } from './observedStates';
import { Lane, Span } from './timelineTypes';

const api = (startMs: number, state: string | null): Span => ({ startMs, state, source: 'api' });
const lane = (spans: Span[], key = 'container/shop/web-1/app'): Lane => ({
  key,
  label: key,
  kind: 'container',
  group: 'g',
  spans,
});

describe('ObservedStates', () => {
  it('keeps each change a poll saw and adds it as observed only before what the API tells', () => {
    const memory = new ObservedStates();
    memory.record('ds', [lane([api(100, 'Running')])], 150);
    memory.record('ds', [lane([api(100, 'Running')])], 160); // no change: nothing new
    memory.record('ds', [lane([api(200, 'Waiting: CrashLoopBackOff')])], 250);
    memory.record('ds', [lane([api(300, 'Running')])], 350);
    // the API now knows only from 400 on
    const merged = memory.merge('ds', lane([api(400, 'Waiting: CrashLoopBackOff')]));
    expect(merged.spans).toEqual([
      { startMs: 150, state: 'Running', source: 'observed' },
      { startMs: 250, state: 'Waiting: CrashLoopBackOff', source: 'observed' },
      { startMs: 350, state: 'Running', source: 'observed' },
      { startMs: 400, state: 'Waiting: CrashLoopBackOff', source: 'api' },
    ]);
    // another data source, or another lane, saw nothing
    expect(memory.merge('other', lane([api(400, 'Running')])).spans).toHaveLength(1);
    expect(memory.merge('ds', lane([api(400, 'Running')], 'other-lane')).spans).toHaveLength(1);
  });

  it('records nothing for a lane whose state is unknown at the poll', () => {
    const memory = new ObservedStates();
    memory.record('ds', [lane([api(500, 'Running')])], 100);
    expect(memory.merge('ds', lane([api(500, 'Running')])).spans).toEqual([api(500, 'Running')]);
  });

  it('forgets changes older than it keeps', () => {
    const memory = new ObservedStates();
    memory.record('ds', [lane([api(0, 'Running')])], 0);
    memory.record('ds', [lane([api(0, 'NotReady')])], OBSERVED_LIMITS.keepMs + 10);
    const merged = memory.merge('ds', lane([api(OBSERVED_LIMITS.keepMs + 100, 'Running')]));
    expect(merged.spans.map((s) => s.state)).toEqual(['NotReady', 'Running']);
  });

  it('reads the state at a time from time-ordered spans', () => {
    const spans = [api(10, 'A'), api(20, null), api(30, 'B')];
    expect([5, 10, 25, 40].map((t) => stateAt(spans, t))).toEqual([null, 'A', null, 'B']);
  });
});
