import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

// the same request and response handling the proxy harness gives jest tests: what backendSrv does around a call
import { toFetchResult } from '../../proxy-harness/backendSrv';
import { FetchQueue } from '../../proxy-harness/fetchQueue';
import { urlWithParams } from '../../proxy-harness/query';

/** A request the page made, for the "requests" counter the checks read. */
export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
}

function flatHeaders(headers: Headers): Record<string, string> {
  const flat: Record<string, string> = {};
  headers.forEach((value, key) => (flat[key] = value));
  return flat;
}

function requestHeaders(req: BackendSrvRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    // Grafana forwards a caller's Authorization as X-DS-Authorization, so routes decide the real one
    headers[name.toLowerCase() === 'authorization' ? 'x-ds-authorization' : name] = String(value);
  }
  if (req.data !== undefined && typeof req.data !== 'string') {
    headers['content-type'] = 'application/json';
  }
  return headers;
}

/**
 * Grafana's backendSrv over the browser's fetch, against the playground server (same origin), with its queue:
 * at most 5 data-proxy requests at a time, the rest wait (their wait counts toward the caller's timeouts).
 */
export function createBackendSrv(log: RequestLogEntry[] = [], queue = new FetchQueue()): BackendSrv {
  const sendNow = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const method = (req.method ?? 'GET').toUpperCase();
      const url = urlWithParams(req.url, req.params);
      const body =
        req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data);
      window
        .fetch(url, { method, headers: requestHeaders(req), body, signal: controller.signal })
        .then(async (res) => {
          const text = await res.text();
          log.push({ method, url, status: res.status });
          const upstream = {
            status: res.status,
            statusText: res.statusText,
            headers: flatHeaders(res.headers),
            body: text,
          };
          subscriber.next(toFetchResult(upstream, req, url) as FetchResponse<T>);
          subscriber.complete();
        })
        .catch((err: unknown) => subscriber.error(err));
      return () => controller.abort();
    });

  const fetchObservable = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    queue.run(req.url, () => sendNow<T>(req));

  const call = <T>(method: string, url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
    lastValueFrom(fetchObservable<T>({ ...options, method, url, data })).then((r) => r.data);

  return {
    get: (url, params, requestId, options) => call('GET', url, undefined, { ...options, params, requestId }),
    delete: (url, data, options) => call('DELETE', url, data, options),
    post: (url, data, options) => call('POST', url, data, options),
    patch: (url, data, options) => call('PATCH', url, data, options),
    put: (url, data, options) => call('PUT', url, data, options),
    request: (options) => lastValueFrom(fetchObservable(options)).then((r) => r.data as never),
    datasourceRequest: (options) => lastValueFrom(fetchObservable(options)),
    fetch: fetchObservable,
    chunked: () => {
      throw new Error('playground backendSrv: chunked() is not supported');
    },
  };
}
