import { MARKER_SEQ, restartMarker, restartMarkers, restartText } from './logsMarkers';
import type { LogTarget } from './logsTargets';

const T = Date.UTC(2026, 11, 4, 10, 0, 0);

function target(container: string, over: Partial<LogTarget> = {}): LogTarget {
  return {
    key: `shop/cart-1/${container}`,
    namespace: 'shop',
    pod: 'cart-1',
    container,
    init: false,
    restartCount: 1,
    labels: { namespace: 'shop', pod: 'cart-1', container },
    ...over,
  };
}

describe('restart markers', () => {
  it('say how the previous instance ended, as a reader of kubectl describe would', () => {
    expect(restartText('app', { reason: 'OOMKilled', exitCode: 137, finishedAtMs: T })).toBe(
      'app restarted: OOMKilled, exit 137'
    );
    expect(restartText('app', { signal: 9, exitCode: 137, finishedAtMs: T })).toBe('app restarted: Signal 9, exit 137');
    expect(restartText('app', { finishedAtMs: T })).toBe('app restarted: terminated');
  });

  it('is one row at the time the old instance ended, in the container stream, marked and with a level', () => {
    const rows = restartMarker(target('app', { lastTermination: { reason: 'Error', exitCode: 1, finishedAtMs: T } }))!;
    expect(rows.count).toBe(1);
    expect(rows.timeMs[0]).toBe(T);
    expect(rows.tsNanos[0]).toBe('2026-12-04T10:00:00.000000000Z');
    expect(rows.body[0]).toBe('app restarted: Error, exit 1');
    expect(rows.level[0]).toBe('error');
    expect(rows.seq[0]).toBe(MARKER_SEQ);
    expect(rows.labels[0]).toEqual({ namespace: 'shop', pod: 'cart-1', container: 'app', marker: 'restart' });
  });

  it('counts a clean exit as info, not an error', () => {
    const rows = restartMarker(
      target('app', { lastTermination: { reason: 'Completed', exitCode: 0, finishedAtMs: T } })
    );
    expect(rows!.level[0]).toBe('info');
  });

  it('adds nothing for a container that never restarted, or whose restart is outside the window', () => {
    const ended = { reason: 'Error', exitCode: 1, finishedAtMs: T };
    expect(restartMarker(target('app', { restartCount: 0, lastTermination: ended }))).toBeUndefined();
    expect(restartMarker(target('app'))).toBeUndefined();
    expect(restartMarker(target('app', { lastTermination: ended }), T + 1)).toBeUndefined();
    expect(restartMarker(target('app', { lastTermination: ended }), undefined, T - 1)).toBeUndefined();
    expect(restartMarker(target('app', { lastTermination: ended }), T, T)).toBeDefined();
  });

  it('merges the markers of several containers in time order', () => {
    const rows = restartMarkers([
      target('b', { lastTermination: { reason: 'Error', exitCode: 2, finishedAtMs: T + 5000 } }),
      target('a', { lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAtMs: T } }),
      target('c'),
    ]);
    expect(rows.body).toEqual(['a restarted: OOMKilled, exit 137', 'b restarted: Error, exit 2']);
  });
});
