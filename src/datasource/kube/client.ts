import { BackendSrvRequest, FetchResponse, getBackendSrv } from '@grafana/runtime';
import { catchError, defer, filter, map, Observable, throwError, timeout } from 'rxjs';

import { cutLine, looksLikeHtml, summarizeBody } from './errorBody';
import { KubeError, malformedError, toKubeError } from './errors';
import { fanOut, FanOutResult } from './fanOut';
import { InFlight } from './coalesce';
import { DEFAULT_FAN_OUT_CONCURRENCY, MAX_IN_FLIGHT_REQUESTS } from './limits';
import { KubeList, ListPage, paginate } from './paginate';
import { cleanParams, KubeParams, requestKey } from './params';
import { RequestGate } from './requestGate';
import { DEFAULT_RETRY_POLICY, defaultSleep, NO_RETRIES, retrying, RetryPolicy, RetryStep } from './retry';
import { RetryLog } from './retryLog';

export type { FanOutResult } from './fanOut';
export type { KubeList } from './paginate';
export type { KubeParams } from './params';
export type { RetryPolicy } from './retry';

export interface KubeClientOptions {
  /** the data source's proxy URL, `/api/datasources/proxy/uid/<uid>` */
  baseUrl: string;
  /** defaults to getBackendSrv().fetch */
  fetch?: (opts: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  /** fan-out bound (default DEFAULT_FAN_OUT_CONCURRENCY); never more than `maxInFlight` */
  concurrency?: number;
  /** requests in flight at once, for every caller of this client (default MAX_IN_FLIGHT_REQUESTS, Grafana's 5) */
  maxInFlight?: number;
  /** `limit` of each list page (default 500) */
  pageSize?: number;
  requestIdPrefix?: string;
  /** per request, from when it passes the gate, retries included (default 35000) */
  timeoutMs?: number;
  /** retries of 429 and 503 (default DEFAULT_RETRY_POLICY) */
  retry?: Partial<RetryPolicy>;
  /** how a retry waits (default rxjs timer); tests pass one that does not wait */
  sleep?: (ms: number) => Observable<unknown>;
  /** the clock retries are bounded by (default Date.now) */
  now?: () => number;
}

const DEFAULT_PAGE_SIZE = 500;
// a little over Grafana's data proxy timeout (30 s by default), so that its 504, which names the setting, comes first
const DEFAULT_TIMEOUT_MS = 35_000;
// the access reviews change nothing, so a retry of them is as safe as a GET's
const RETRYABLE_POST = /^\/apis\/authorization\.k8s\.io\/v1\/selfsubject(access|rules)reviews$/;

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
    if (looksLikeHtml(data)) {
      // a sign-in page or a proxy's page: say what it is rather than where the parser stopped
      const page = summarizeBody(data);
      throw malformedError(path, `it is a web page (${cutLine(page.heading ?? page.line ?? 'HTML')})`, err);
    }
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
 * cancellation (unsubscribe aborts), a timeout, retries of 429/503, a gate of `maxInFlight` requests at once,
 * list pagination, bounded fan-out and typed errors. Values emitted to several subscribers are shared: treat
 * them as read-only. `withRetryLog` gives a view for one query run that notes the retries it met.
 */
export class KubeClient {
  private readonly baseUrl: string;
  private readonly fetchFn: (opts: BackendSrvRequest) => Observable<FetchResponse<unknown>>;
  private readonly concurrency: number;
  private readonly pageSize: number;
  private readonly requestIdPrefix: string;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number) => Observable<unknown>;
  private readonly now: () => number;
  private readonly inFlight = new InFlight();
  private readonly gate: RequestGate;
  /** per-data-source discovery state (metricsDiscovery.ts); views made by withRetryLog share it */
  readonly discovery: { metricsVersion?: string } = {};
  /** set on the views withRetryLog makes */
  private retryLog?: RetryLog;

  constructor(opts: KubeClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((req) => getBackendSrv().fetch<unknown>(req));
    this.gate = new RequestGate(opts.maxInFlight ?? MAX_IN_FLIGHT_REQUESTS);
    this.concurrency = Math.min(opts.concurrency ?? DEFAULT_FAN_OUT_CONCURRENCY, this.gate.size);
    this.pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    this.requestIdPrefix = opts.requestIdPrefix ?? 'kubeglance';
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
  }

  /** how many distinct requests are in flight (for tests and diagnostics) */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** how many requests are past the gate now, and how many wait at it (for tests and diagnostics) */
  get gateState(): { inFlight: number; waiting: number } {
    return { inFlight: this.gate.inFlight, waiting: this.gate.waiting };
  }

  /** the fan-out bound: the configured concurrency, capped by the gate */
  get fanOutConcurrency(): number {
    return this.concurrency;
  }

  /**
   * This client for one query run: the same gate, coalescing and settings, with every retry its requests meet
   * (429/503) recorded in `log`, for the notice the data source adds to the run's frames.
   */
  withRetryLog(log: RetryLog): KubeClient {
    // a view: everything not set here is read from this client, so the gate and in-flight map stay shared
    const view = Object.create(this) as KubeClient;
    view.retryLog = log;
    return view;
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
    return this.unwrap(this.send(request, path, 'json', RETRYABLE_POST.test(path))) as Observable<T>;
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

  /** `fn` for every key, at most `concurrency` at once (never more than the gate lets through anyway). */
  fanOut<K, T>(
    keys: readonly K[],
    fn: (key: K) => Observable<T>,
    concurrency: number = this.concurrency
  ): Observable<Array<FanOutResult<K, T>>> {
    return fanOut(keys, fn, Math.min(concurrency, this.gate.size));
  }

  private get(path: string, params: KubeParams | undefined, as: 'json' | 'text'): Observable<unknown> {
    const url = `${this.baseUrl}${path}`;
    const clean = cleanParams(params);
    const key = requestKey(as, url, clean);
    const shared = this.inFlight.run(key, () => {
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
      return this.send(request, path, as, true);
    });
    return this.unwrap(shared);
  }

  /** The value of a request, its retry notes told to this view's log on the way. */
  private unwrap(steps: Observable<RetryStep<unknown>>): Observable<unknown> {
    const log = this.retryLog;
    return steps.pipe(
      filter((step) => {
        if (step.type === 'value') {
          return true;
        }
        log?.record(step);
        return false;
      }),
      map((step) => (step as { value: unknown }).value)
    );
  }

  /** One request through the gate, retried on 429/503; its timeout runs from when it passes the gate. */
  private send(
    request: BackendSrvRequest,
    path: string,
    as: 'json' | 'text',
    retryable: boolean
  ): Observable<RetryStep<unknown>> {
    const attempt = (timeLeftMs: number) =>
      defer(() => this.fetchFn(request)).pipe(
        timeout({
          first: Math.max(1, timeLeftMs),
          with: () => throwError(() => this.timeoutError(path)),
        }),
        map((response) => (as === 'json' ? parseJson(response.data, path) : textOf(response.data))),
        catchError((err) => throwError(() => toKubeError(err, path)))
      );
    return this.gate.run(() =>
      retrying(attempt, {
        path,
        policy: retryable ? this.retryPolicy : NO_RETRIES,
        timeoutMs: this.timeoutMs,
        sleep: this.sleep,
        now: this.now,
      })
    );
  }

  private timeoutError(path: string): KubeError {
    // after retries, retrying() adds how many to the message
    return new KubeError({
      kind: 'timeout',
      path,
      message: `The API server did not answer ${path} within ${Math.round(this.timeoutMs / 1000)} s`,
      remedy: 'Narrow the query (namespace, label selector) and retry; check the API server load.',
    });
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  return data === undefined || data === null ? '' : JSON.stringify(data);
}
