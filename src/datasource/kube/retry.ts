import { catchError, concat, defer, ignoreElements, map, Observable, of, take, throwError, timer } from 'rxjs';

import { KubeError } from './kubeError';

/**
 * Retries of 429 Too Many Requests and 503 Service Unavailable, as client-go does (rest/request.go): after the
 * server's Retry-After, a bounded number of times. Through Grafana the Retry-After header never reaches the
 * browser (FetchError has no headers), so the Status' details.retryAfterSeconds is used when the body has one, and
 * a short backoff when not (API Priority and Fairness answers 429 in plain text).
 */
export interface RetryPolicy {
  /** retries after the first attempt */
  maxRetries: number;
  /** a longer Retry-After is cut to this */
  maxDelayMs: number;
  /** the waits of one request add up to at most this */
  budgetMs: number;
  /** the wait without a Retry-After, doubled at each retry */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  maxDelayMs: 10_000,
  budgetMs: 20_000,
  backoffMs: 500,
};
export const NO_RETRIES: RetryPolicy = { maxRetries: 0, maxDelayMs: 0, budgetMs: 0, backoffMs: 0 };

/** One retry: request `request` (a number unique to one logical request) failed with `status` and waits `delayMs`. */
export interface RetryEvent {
  type: 'retry';
  request: number;
  path: string;
  status: number;
  delayMs: number;
}

/** The request failed again after `retries` retries and was given up. */
export interface GaveUpEvent {
  type: 'gaveUp';
  request: number;
  path: string;
  status: number;
  retries: number;
}

export type RetryNote = RetryEvent | GaveUpEvent;

/** What a retried request emits: its notes in order, then its value (or its error). */
export type RetryStep<T> = RetryNote | { type: 'value'; value: T };

export interface RetryOptions {
  path: string;
  policy: RetryPolicy;
  /** the request's own timeout: a retry whose wait would end past it is not made */
  timeoutMs: number;
  sleep: (ms: number) => Observable<unknown>;
  now: () => number;
}

/** Waits for `ms` on rxjs' async scheduler (jest's fake timers drive it in tests). */
export const defaultSleep = (ms: number): Observable<unknown> => timer(ms);

let nextRequest = 0;

/**
 * How long to wait before retrying `err`, or undefined when it is not worth a retry. Only a throttled (429) or
 * unavailable (503) API server: a 503 that says metrics-server or a kubelet is unreachable is not retried, since
 * those last longer than a retry waits and one dead node would slow every query that fans out to it.
 */
export function retryDelayMs(err: unknown, retryIndex: number, policy: RetryPolicy): number | undefined {
  if (!(err instanceof KubeError)) {
    return undefined;
  }
  const retryable = err.status === 429 || (err.status === 503 && err.kind === 'unavailable');
  if (!retryable) {
    return undefined;
  }
  const hinted = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined;
  const delay = hinted ?? policy.backoffMs * 2 ** retryIndex;
  return Math.min(Math.max(0, delay), policy.maxDelayMs);
}

export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The error the caller sees after giving up: the last one, saying it was retried. */
export function retriedError(err: unknown, retries: number, elapsedMs: number): unknown {
  if (retries === 0 || !(err instanceof KubeError)) {
    return err;
  }
  const times = retries === 1 ? 'once' : `${retries} times`;
  return err.with({ message: `${err.message} (retried ${times} over ${formatSeconds(elapsedMs)})`, retries });
}

/**
 * Runs `attempt` and retries it on 429/503 within the policy's bounds and the request's timeout, emitting a note
 * per retry (and one on giving up after retries) before the value. `attempt` gets the time left of the request's
 * timeout. Unsubscribing during a wait cancels it and sends nothing more.
 */
export function retrying<T>(
  attempt: (timeLeftMs: number, retries: number) => Observable<T>,
  opts: RetryOptions
): Observable<RetryStep<T>> {
  return defer(() => {
    const request = ++nextRequest;
    const started = opts.now();
    let waited = 0;
    // a give-up is told under the status that was retried, even if the last answer was another error
    let retriedStatus = 0;
    const run = (retries: number): Observable<RetryStep<T>> =>
      attempt(retries === 0 ? opts.timeoutMs : opts.timeoutMs - (opts.now() - started), retries).pipe(
        map((value): RetryStep<T> => ({ type: 'value', value })),
        catchError((err: unknown) => {
          const status = err instanceof KubeError ? (err.status ?? 0) : 0;
          const delay = retries < opts.policy.maxRetries ? retryDelayMs(err, retries, opts.policy) : undefined;
          const elapsed = opts.now() - started;
          if (delay === undefined || waited + delay > opts.policy.budgetMs || elapsed + delay >= opts.timeoutMs) {
            const failed = throwError(() => retriedError(err, retries, Math.max(elapsed, waited)));
            if (retries === 0) {
              return failed;
            }
            const gaveUp: RetryStep<T> = { type: 'gaveUp', request, path: opts.path, status: retriedStatus, retries };
            return concat(of(gaveUp), failed);
          }
          waited += delay;
          retriedStatus = status;
          return concat(
            of<RetryStep<T>>({ type: 'retry', request, path: opts.path, status, delayMs: delay }),
            opts.sleep(delay).pipe(take(1), ignoreElements()),
            defer(() => run(retries + 1))
          );
        })
      );
    return run(0);
  });
}
