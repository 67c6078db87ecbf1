/**
 * Test helper: a LiveSource whose polls answer what a script says (a snapshot, an error, or never), after a
 * delay on the (fake) timers, and that counts polls started, in flight and cancelled.
 */
import { Observable } from 'rxjs';

import { LiveSource, Sample, Snapshot } from './types';

export type FakeAnswer = Snapshot | Error | 'hang' | 'empty';

export interface FakeLiveSource extends LiveSource {
  /** polls started */
  polls: number;
  /** polls started and not yet answered or cancelled */
  active: number;
  /** the most polls in flight at once */
  maxActive: number;
  /** polls unsubscribed before they answered */
  cancelled: number;
}

/** `answer` gets the poll's number (1 first) and the time it answers. */
export function fakeLiveSource(
  key: string,
  answer: (poll: number, nowMs: number) => FakeAnswer,
  delayMs = 0
): FakeLiveSource {
  const src: FakeLiveSource = {
    key,
    polls: 0,
    active: 0,
    maxActive: 0,
    cancelled: 0,
    poll: () =>
      new Observable<Snapshot>((subscriber) => {
        const n = ++src.polls;
        src.active++;
        src.maxActive = Math.max(src.maxActive, src.active);
        let done = false;
        const reply = () => {
          const a = answer(n, Date.now());
          if (a === 'hang') {
            return;
          }
          done = true;
          src.active--;
          if (a instanceof Error) {
            subscriber.error(a);
          } else if (a === 'empty') {
            subscriber.complete();
          } else {
            subscriber.next(a);
            subscriber.complete();
          }
        };
        const timer = delayMs > 0 ? setTimeout(reply, delayMs) : undefined;
        if (!timer) {
          reply();
        }
        return () => {
          clearTimeout(timer);
          if (!done) {
            done = true;
            src.active--;
            src.cancelled++;
          }
        };
      }),
  };
  return src;
}

/** A gauge sample of node `key`. */
export function gaugeSample(key: string, metric: string, value: number, timeMs?: number): Sample {
  return { key, labels: { node: key }, metric, value, counter: false, unit: 'bytes', timeMs };
}
