import { BackendSrvRequest, FetchResponse, getBackendSrv } from '@grafana/runtime';
import { catchError, defer, map, Observable, throwError, timeout } from 'rxjs';

import { KubeError, malformedError, toKubeError } from './errors';
import { fanOut, FanOutResult } from './fanOut';
import { InFlight } from './coalesce';
import { KubeList, ListPage, paginate } from './paginate';
import { cleanParams, KubeParams, requestKey } from './params';
import { DEFAULT_FAN_OUT_CONCURRENCY } from '../types';

export type { FanOutResult } from './fanOut';
export type { KubeList } from './paginate';
export type { KubeParams } from './params';

export interface KubeClientOptions {
  /** the data source's proxy URL, `/api/datasources/proxy/uid/<uid>` */
  baseUrl: string;
  /** defaults to getBackendSrv().fetch */
  fetch?: (opts: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  /** fan-out bound (default 8) */
  concurrency?: number;
  /** `limit` of each list page (default 500) */
  pageSize?: number;
  requestIdPrefix?: string;
  /** per request (default 30000) */
  timeoutMs?: number;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 30_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(data: unknown, path: string): unknown {
  if (typeof data !== 'string') {
    // a fetch that already parsed (test doubles); the real one is asked for text
    return data;
  }
  if (data.trim() === '') {
    throw malformedError(path, 'the body is empty');
  }
  try {
    return JSON.parse(data);
  } catch (err) {
    throw malformedError(path, err instanceof Error ? err.message : String(err), err);
  }
}

function toListPage<T>(body: unknown, path: string): ListPage<T> {
  const items = isRecord(body) ? body.items : undefined;
  // a Go nil slice serialises as null: an empty list
  if (!isRecord(body) || !(Array.isArray(items) || items === null)) {
    throw new KubeError({
      kind: 'malformed',
      path,
      message: `The response from ${path} is not a list (it has no "items" array)`,
      remedy:
        'Check that the data source URL points at a Kubernetes API server and not at a web page or another proxy.',
    });
  }
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  return {
    items: (items ?? []) as T[],
    continueToken: typeof metadata.continue === 'string' ? metadata.continue : undefined,
    resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined,
  };
}

/**
 * The one place the data source does I/O: GETs through Grafana's data-source proxy with coalescing,
 * cancellation (unsubscribe aborts), a timeout, list pagination, bounded fan-out and typed errors.
 * Values emitted to several subscribers are shared: treat them as read-only.
 */
export class KubeClient {
  private readonly baseUrl: string;
  private readonly fetchFn: (opts: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  private readonly concurrency: number;
  private readonly pageSize: number;
  private readonly requestIdPrefix: string;
  private readonly timeoutMs: number;
  private readonly inFlight = new InFlight();

  constructor(opts: KubeClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((req) => getBackendSrv().fetch<unknown>(req));
    this.concurrency = opts.concurrency ?? DEFAULT_FAN_OUT_CONCURRENCY;
    this.pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    this.requestIdPrefix = opts.requestIdPrefix ?? 'kubeglance';
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** how many distinct requests are in flight (for tests and diagnostics) */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  getJson<T>(path: string, params?: KubeParams): Observable<T> {
    return this.get(path, params, 'json') as Observable<T>;
  }

  getText(path: string, params?: KubeParams): Observable<string> {
    return this.get(path, params, 'text') as Observable<string>;
  }

  /**
   * A POST of a JSON body, answered with JSON. Only the access reviews use it (plugin.json allows POST on
   * those two paths alone); it is never coalesced, since two reviews with equal paths may differ in body.
   */
  postJson<T>(path: string, body: unknown): Observable<T> {
    const url = `${this.baseUrl}${path}`;
    const request: BackendSrvRequest = {
      url,
      method: 'POST',
      data: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
      responseType: 'text',
      showErrorAlert: false,
      showSuccessAlert: false,
    };
    return this.send(request, path, 'json') as Observable<T>;
  }

  /** Every item of a list, read page by page with `limit`/`continue`; `params.limit` sets the page size. */
  list<T>(path: string, params?: KubeParams): Observable<KubeList<T>> {
    const limit = params?.limit ?? this.pageSize;
    return paginate<T>(
      (continueToken) =>
        this.getJson<unknown>(path, { ...params, limit, continue: continueToken }).pipe(
          map((body) => toListPage<T>(body, path))
        ),
      path
    );
  }

  fanOut<K, T>(
    keys: readonly K[],
    fn: (key: K) => Observable<T>,
    concurrency: number = this.concurrency
  ): Observable<Array<FanOutResult<K, T>>> {
    return fanOut(keys, fn, concurrency);
  }

  private get(path: string, params: KubeParams | undefined, as: 'json' | 'text'): Observable<unknown> {
    const url = `${this.baseUrl}${path}`;
    const clean = cleanParams(params);
    const key = requestKey(as, url, clean);
    return this.inFlight.run(key, () => {
      const request: BackendSrvRequest = {
        url,
        method: 'GET',
        params: clean,
        // text, then JSON.parse here: a malformed body becomes a clear error naming the path
        responseType: 'text',
        requestId: `${this.requestIdPrefix}:${key}`,
        showErrorAlert: false,
        showSuccessAlert: false,
      };
      return this.send(request, path, as);
    });
  }

  private send(request: BackendSrvRequest, path: string, as: 'json' | 'text'): Observable<unknown> {
    return defer(() => this.fetchFn(request)).pipe(
      timeout({
        first: this.timeoutMs,
        with: () =>
          throwError(
            () =>
              new KubeError({
                kind: 'timeout',
                path,
                message: `The API server did not answer ${path} within ${Math.round(this.timeoutMs / 1000)} s`,
                remedy: 'Narrow the query (namespace, label selector) and retry; check the API server load.',
              })
          ),
      }),
      map((response) => (as === 'json' ? parseJson(response.data, path) : textOf(response.data))),
      catchError((err) => throwError(() => toKubeError(err, path)))
    );
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  return data === undefined || data === null ? '' : JSON.stringify(data);
}
