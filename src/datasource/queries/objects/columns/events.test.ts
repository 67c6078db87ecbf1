import { EventObject } from '../../../decode/apiTypes';
import { eventColumns } from './events';
import { backOff, iso, NOW } from '../../../testing/events';

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
