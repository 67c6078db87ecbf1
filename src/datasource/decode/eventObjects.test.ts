import { eventObjectText, readEvent } from './eventObjects';
import { backOff, iso, NOW } from '../testing/events';

describe('readEvent', () => {
  it('reads a core/v1 event with first/last timestamps and count', () => {
    expect(readEvent(backOff)).toMatchObject({
      namespace: 'shop',
      type: 'Warning',
      reason: 'BackOff',
      kind: 'Pod',
      objectName: 'web-1',
      count: 12,
      firstMs: NOW - 3_600_000,
      lastMs: NOW - 30_000,
      source: 'kubelet',
    });
  });

  it('reads an event written through the new API: eventTime, a series, no count', () => {
    const e = readEvent({
      metadata: { name: 'x', namespace: 'shop' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      eventTime: iso(600),
      firstTimestamp: null,
      lastTimestamp: null,
      series: { count: 4, lastObservedTime: iso(10) },
      reportingComponent: 'kubelet',
    });
    expect(e).toMatchObject({ firstMs: NOW - 600_000, lastMs: NOW - 10_000, count: 4, source: 'kubelet' });
    const single = readEvent({ eventTime: iso(5) });
    expect(single).toMatchObject({ firstMs: NOW - 5000, lastMs: NOW - 5000, count: 1 });
  });

  it('names the object like kubectl: lower-case kind/name', () => {
    expect(eventObjectText(readEvent(backOff))).toBe('pod/web-1');
    expect(eventObjectText(readEvent({ involvedObject: { kind: 'Node' } }))).toBe('node');
  });
});
