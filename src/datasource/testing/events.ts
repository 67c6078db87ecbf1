/** A core/v1 Event for tests: a pod's BackOff warning, 12 times in the last hour, last seen 30 s before NOW. */
import type { EventObject } from '../decode/apiTypes';

export const NOW = Date.UTC(2025, 0, 1, 12);

/** An RFC 3339 time, this many seconds before NOW. */
export const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

export const backOff: EventObject = {
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
