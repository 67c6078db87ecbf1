import type { EventInfo } from '../../decode/eventObjects';
import { eventKey, eventRows, eventText } from './logsEvents';
import { MARKER_SEQ } from './logsMarkers';
import type { LogTarget } from './logsTargets';

const T = Date.UTC(2026, 11, 4, 10, 0, 0);

const target = (pod: string, container: string): LogTarget => ({
  key: `shop/${pod}/${container}`,
  namespace: 'shop',
  pod,
  container,
  init: false,
  labels: { namespace: 'shop', pod, container },
});

const event = (over: Partial<EventInfo>): EventInfo => ({
  namespace: 'shop',
  name: 'web-1.17f',
  type: 'Normal',
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx:1.27"',
  kind: 'Pod',
  objectName: 'web-1',
  count: 1,
  lastMs: T,
  source: 'kubelet',
  ...over,
});

describe('pod events in the log stream', () => {
  it('read as "reason: message", with how often a repeated event happened', () => {
    expect(eventText(event({}))).toBe('Pulled: Successfully pulled image "nginx:1.27"');
    expect(
      eventText(event({ reason: 'BackOff', message: 'Back-off restarting failed container app', count: 12 }))
    ).toBe('BackOff: Back-off restarting failed container app (×12)');
    expect(eventText(event({ message: null }))).toBe('Pulled');
  });

  it("go in the stream of the container they name, else the pod's first stream, marked as events", () => {
    const targets = [target('web-1', 'app'), target('web-1', 'istio-proxy'), target('web-2', 'app')];
    const rows = eventRows(
      [
        event({ name: 'a', container: 'istio-proxy', reason: 'Started', message: 'Started container istio-proxy' }),
        event({ name: 'b', lastMs: T - 5000, reason: 'Scheduled', message: 'Successfully assigned shop/web-1 to n1' }),
        event({ name: 'c', objectName: 'web-3' }),
        event({ name: 'd', kind: 'Node', objectName: 'web-1' }),
      ],
      targets
    );
    expect(rows.body).toEqual([
      'Scheduled: Successfully assigned shop/web-1 to n1',
      'Started: Started container istio-proxy',
    ]);
    expect(rows.labels.map((l) => `${l.container}/${l.marker}`)).toEqual(['app/event', 'istio-proxy/event']);
    expect(rows.timeMs).toEqual([T - 5000, T]);
  });

  it('are warnings when Kubernetes says Warning, and keep distinct ids at one instant', () => {
    const rows = eventRows(
      [event({ name: 'a', type: 'Warning', reason: 'BackOff' }), event({ name: 'b', reason: 'Killing' })],
      [target('web-1', 'app')]
    );
    expect(rows.level).toEqual(['warning', 'info']);
    expect(rows.seq).toEqual([MARKER_SEQ + 1, MARKER_SEQ + 2]);
  });

  it('keep to the window, and count a repeat as a new occurrence', () => {
    const e = event({});
    expect(eventRows([e], [target('web-1', 'app')], T + 1).count).toBe(0);
    expect(eventRows([e], [target('web-1', 'app')], undefined, T - 1).count).toBe(0);
    expect(eventKey(e)).not.toBe(eventKey({ ...e, count: 2 }));
  });
});
