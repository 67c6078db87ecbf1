import { eventColumns, eventObjectText, readEvent } from './events';
import { EventObject } from '../../decode/apiTypes';

const NOW = Date.UTC(2025, 0, 1, 12);
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

const backOff: EventObject = {
  metadata: { name: 'web-1.17f', namespace: 'shop' },
  involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container',
  type: 'Warning',
  count: 12,
  firstTimestamp: iso(3600),
  lastTimestamp: iso(30),
  source: { component: 'kubelet' },
};

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

describe('eventColumns', () => {
  it('lists newest first with last/first seen as ages in seconds', () => {
    const older: EventObject = { ...backOff, reason: 'Pulled', type: 'Normal', lastTimestamp: iso(300), count: 1 };
    const untimed: EventObject = { ...backOff, reason: 'Odd', firstTimestamp: null, lastTimestamp: null };
    const cols = eventColumns([untimed, older, backOff], NOW);
    const get = (name: string) => cols.find((c) => c.name === name)!.values;
    expect(get('reason')).toEqual(['BackOff', 'Pulled', 'Odd']);
    expect(get('lastSeen')).toEqual([30, 300, null]);
    expect(get('firstSeen')).toEqual([3600, 3600, null]);
    expect(get('object')).toEqual(['pod/web-1', 'pod/web-1', 'pod/web-1']);
    expect(get('count')).toEqual([12, 1, 12]);
  });
});
