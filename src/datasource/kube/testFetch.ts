/**
 * Test doubles of getBackendSrv().fetch for the client's tests (imported by tests only): answers given by hand,
 * with a count of what is running, the most that ran at once, and what was cancelled.
 */
import type { BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { Observable, Subscriber } from 'rxjs';

export function okResponse(data: unknown, status = 200): FetchResponse<unknown> {
  return {
    data,
    status,
    statusText: 'OK',
    ok: true,
    headers: {} as Headers,
    redirected: false,
    type: 'basic',
    url: '',
    config: { url: '' },
  } as FetchResponse<unknown>;
}

/** A FetchError as Grafana's backendSrv makes it for a text body (it carries no headers). */
export function fetchError(status: number, body: unknown, statusText = ''): FetchError {
  const data = typeof body === 'string' ? { message: body, error: statusText, response: body } : body;
  return { status, statusText, data, config: { url: '' } };
}

/** A Status body as the API server sends it, as text. */
export function statusText(code: number, reason: string, message: string, details?: object): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details });
}

export interface Pending {
  req: BackendSrvRequest;
  subscriber: Subscriber<FetchResponse<unknown>>;
}

export function manualFetch() {
  const pending: Pending[] = [];
  const calls: BackendSrvRequest[] = [];
  let cancelled = 0;
  let most = 0;
  const fetch = (req: BackendSrvRequest) =>
    new Observable<FetchResponse<unknown>>((subscriber) => {
      calls.push(req);
      const entry = { req, subscriber };
      pending.push(entry);
      most = Math.max(most, pending.length);
      return () => {
        // still pending at teardown: nobody answered, so this is a cancellation
        const i = pending.indexOf(entry);
        if (i >= 0) {
          pending.splice(i, 1);
          cancelled++;
        }
      };
    });
  /** answers the i-th pending request (in the order they were sent) */
  const answer = (i: number, body: unknown) => {
    const [{ subscriber }] = pending.splice(i, 1);
    subscriber.next(okResponse(body));
    subscriber.complete();
  };
  const fail = (i: number, err: unknown) => {
    const [{ subscriber }] = pending.splice(i, 1);
    subscriber.error(err);
  };
  return { fetch, calls, pending, answer, fail, cancelled: () => cancelled, mostAtOnce: () => most };
}
