import { FieldType } from '@grafana/data';

import { eventsFrame } from './eventsFrame';
import { EventInfo } from '../../decode/eventObjects';

const event = (reason: string, lastMs: number | undefined, extra: Partial<EventInfo> = {}): EventInfo => ({
  namespace: 'shop',
  name: `${reason}.1`,
  type: 'Warning',
  reason,
  message: `${reason} happened`,
  kind: 'Pod',
  objectName: 'web-1',
  count: 1,
  firstMs: lastMs,
  lastMs,
  source: 'kubelet',
  ...extra,
});

describe('eventsFrame', () => {
  it('puts the last occurrence in a time field and sorts newest first', () => {
    const frame = eventsFrame([event('Old', 1000), event('New', 3000), event('Mid', 2000)], 'A');
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(3);
    const time = frame.fields[0];
    expect(time).toMatchObject({ name: 'time', type: FieldType.time, values: [3000, 2000, 1000] });
    expect(frame.fields.find((f) => f.name === 'reason')!.values).toEqual(['New', 'Mid', 'Old']);
  });

  it('keeps kind and name apart for annotations and joined like kubectl for reading', () => {
    const frame = eventsFrame([event('BackOff', 1, { kind: 'Deployment', objectName: 'web' })], 'A');
    const get = (n: string) => frame.fields.find((f) => f.name === n)!.values[0];
    expect(get('kind')).toBe('Deployment');
    expect(get('name')).toBe('web');
    expect(get('object')).toBe('deployment/web');
  });

  it('leaves absent values empty and carries notices', () => {
    const frame = eventsFrame([event('X', undefined, { source: null })], 'A', [{ severity: 'info', text: 'hi' }]);
    expect(frame.fields[0].values).toEqual([null]);
    expect(frame.fields.find((f) => f.name === 'source')!.values).toEqual([null]);
    expect(frame.meta?.notices).toEqual([{ severity: 'info', text: 'hi' }]);
  });
});
