import { of } from 'rxjs';

import { KubeClient, KubeClientOptions } from './client';
import { KubeError } from './errors';
import { RetryLog } from './retryLog';
import { fetchError, manualFetch, statusText } from './testFetch';

// Every test runs in jest's virtual time: the retry waits are rxjs timers, so nothing waits for real.
const BASE = '/api/datasources/proxy/uid/k1';
const throttled = (retryAfterSeconds?: number) =>
  fetchError(
    429,
    statusText(
      429,
      'TooManyRequests',
      'Too many requests, please try again later.',
      retryAfterSeconds === undefined ? undefined : { retryAfterSeconds }
    ),
    'Too Many Requests'
  );
// API Priority and Fairness' own 429: plain text, its Retry-After only in a header Grafana does not pass on
const apfThrottled = () => fetchError(429, 'Too many requests, please try again later.\n', 'Too Many Requests');
const unavailable = () =>
  fetchError(503, statusText(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));

function setup(opts: Partial<KubeClientOptions> = {}) {
  jest.useFakeTimers();
  const m = manualFetch();
  const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, ...opts });
  const log = new RetryLog();
  const view = client.withRetryLog(log);
  const out: { value?: unknown; error?: KubeError; done: boolean } = { done: false };
  const observer = {
    next: (v: unknown) => (out.value = v),
    error: (e: KubeError) => ((out.error = e), (out.done = true)),
    complete: () => (out.done = true),
  };
  return { m, client, view, log, out, observer };
}

afterEach(() => jest.useRealTimers());

describe('KubeClient retries', () => {
  it('a 429 twice, then an answer: waits the Status’ retryAfterSeconds each time and notes both retries', () => {
    const { m, view, log, out, observer } = setup();
    view.getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, throttled(1));
    expect(m.calls).toHaveLength(1);
    jest.advanceTimersByTime(999);
    expect(m.calls).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(m.calls).toHaveLength(2);
    m.fail(0, throttled(2));
    jest.advanceTimersByTime(2000);
    m.answer(0, '{"kind":"NodeList","items":[]}');
    expect(out).toEqual({ value: { kind: 'NodeList', items: [] }, done: true });
    expect(log.notices()).toEqual([
      { severity: 'info', text: 'The API server throttled 1 request (429); it was retried after 1–2 s.' },
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('without a Retry-After, backs off 0.5, 1 and 2 s, then gives up saying so', () => {
    const { m, view, log, out, observer } = setup();
    view.getJson('/api/v1/pods').subscribe(observer);
    for (const wait of [500, 1000, 2000]) {
      m.fail(0, apfThrottled());
      jest.advanceTimersByTime(wait - 1);
      expect(m.pending).toHaveLength(0);
      jest.advanceTimersByTime(1);
    }
    m.fail(0, apfThrottled());
    expect(m.calls).toHaveLength(4);
    expect(out.error).toBeInstanceOf(KubeError);
    expect(out.error).toMatchObject({ kind: 'tooManyRequests', status: 429, retries: 3, path: '/api/v1/pods' });
    expect(out.error!.message).toBe(
      'The API server is throttling requests (429 Too Many Requests) (retried 3 times over 3.5 s)'
    );
    expect(log.notices()).toEqual([
      {
        severity: 'warning',
        text:
          'The API server throttled 1 request (429); it was retried after 0.5–2 s, and it still failed. ' +
          'Raise the refresh interval or lower the fan-out concurrency if this repeats.',
      },
    ]);
  });

  it('retries a 503 from the API server, then surfaces the next error as it is', () => {
    const { m, view, log, out, observer } = setup();
    view.getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, unavailable());
    jest.advanceTimersByTime(500);
    m.fail(0, fetchError(500, statusText(500, 'InternalError', 'etcd down')));
    expect(out.error).toMatchObject({ kind: 'serverError' });
    expect(out.error!.message).toBe('The API server failed (500): etcd down (retried once over 0.5 s)');
    // told under the 503 that was retried
    expect(log.notices()).toEqual([
      {
        severity: 'warning',
        text: 'The API server was unavailable for 1 request (503); it was retried after 0.5 s, and it still failed.',
      },
    ]);
  });

  it.each([
    ['a 500', fetchError(500, 'etcd down')],
    ['a 404', fetchError(404, '404 page not found\n')],
    ['metrics-server unavailable (503 text from the aggregator)', fetchError(503, 'service unavailable\n')],
    [
      'an unreachable kubelet (503 through the node proxy)',
      fetchError(503, statusText(503, 'ServiceUnavailable', 'error trying to reach service: dial tcp: refused')),
    ],
  ])('does not retry %s', (_what, err) => {
    const path = /reach service/.test(JSON.stringify(err))
      ? '/api/v1/nodes/n1/proxy/stats/summary'
      : '/apis/metrics.k8s.io/v1beta1/nodes';
    const { m, view, log, out, observer } = setup();
    view.getJson(path).subscribe(observer);
    m.fail(0, err);
    expect(out.done).toBe(true);
    expect(out.error!.retries).toBeUndefined();
    expect(m.calls).toHaveLength(1);
    expect(log.empty).toBe(true);
  });

  it('cuts a long Retry-After to 10 s, and stops when the waits would pass 20 s', () => {
    const { m, view, out, observer } = setup();
    view.getJson('/api/v1/pods').subscribe(observer);
    m.fail(0, throttled(120));
    jest.advanceTimersByTime(9999);
    expect(m.pending).toHaveLength(0);
    jest.advanceTimersByTime(1);
    m.fail(0, throttled(10));
    jest.advanceTimersByTime(10_000);
    m.fail(0, throttled(10));
    expect(out.error).toMatchObject({ kind: 'tooManyRequests', retries: 2 });
    expect(out.error!.message).toMatch(/retried 2 times over 20 s/);
    expect(m.calls).toHaveLength(3);
  });

  it('never waits past the request’s own timeout', () => {
    const { m, view, out, observer } = setup({ timeoutMs: 15_000 });
    view.getJson('/api/v1/pods').subscribe(observer);
    m.fail(0, throttled(10));
    jest.advanceTimersByTime(10_000);
    // 10 s gone, another 10 s would end past 15 s: give up now rather than time out later
    m.fail(0, throttled(10));
    expect(out.error).toMatchObject({ kind: 'tooManyRequests', retries: 1 });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a retried attempt gets only what is left of the timeout', () => {
    const { m, view, out, observer } = setup({ timeoutMs: 5000 });
    view.getJson('/api/v1/pods').subscribe(observer);
    jest.advanceTimersByTime(1000);
    m.fail(0, throttled(1));
    jest.advanceTimersByTime(1000);
    expect(m.pending).toHaveLength(1);
    jest.advanceTimersByTime(2999);
    expect(out.done).toBe(false);
    jest.advanceTimersByTime(1);
    expect(out.error).toMatchObject({ kind: 'timeout', retries: 1 });
    expect(out.error!.message).toBe('The API server did not answer /api/v1/pods within 5 s (retried once over 5 s)');
  });

  it('reads Retry-After from headers when the fetch passes them, seconds or a date', () => {
    const { m, view, out, observer } = setup();
    view.getJson('/api/v1/pods').subscribe(observer);
    m.fail(0, { ...apfThrottled(), headers: { 'Retry-After': '3' } });
    jest.advanceTimersByTime(2999);
    expect(m.pending).toHaveLength(0);
    jest.advanceTimersByTime(1);
    m.fail(0, { ...apfThrottled(), headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } });
    jest.advanceTimersByTime(2000);
    m.answer(0, '{}');
    expect(out.value).toEqual({});
  });

  it('unsubscribing during a wait cancels it: no further request, no timer left', () => {
    const { m, view, observer } = setup();
    const sub = view.getJson('/api/v1/pods').subscribe(observer);
    m.fail(0, throttled(5));
    expect(jest.getTimerCount()).toBe(1);
    sub.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(m.calls).toHaveLength(1);
  });

  it('holds its place at the gate while it waits, so a throttled server sees fewer requests', () => {
    const { m, client, view, observer } = setup({ maxInFlight: 1 });
    view.getJson('/a').subscribe(observer);
    client.getJson('/b').subscribe();
    m.fail(0, throttled(1));
    expect(client.gateState).toEqual({ inFlight: 1, waiting: 1 });
    jest.advanceTimersByTime(1000);
    m.answer(0, '{}');
    expect(m.calls.map((c) => c.url)).toEqual([`${BASE}/a`, `${BASE}/a`, `${BASE}/b`]);
  });

  it('a coalesced request tells every query that shares it, even one that joined during the wait', () => {
    const { m, client, out, observer } = setup();
    const first = new RetryLog();
    const late = new RetryLog();
    client.withRetryLog(first).getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, throttled(1));
    let lateValue: unknown;
    client
      .withRetryLog(late)
      .getJson('/api/v1/nodes')
      .subscribe((v) => (lateValue = v));
    jest.advanceTimersByTime(1000);
    m.answer(0, '{"n":1}');
    expect(m.calls).toHaveLength(2);
    expect(out.value).toEqual({ n: 1 });
    expect(lateValue).toEqual({ n: 1 });
    expect(first.notices()).toEqual(late.notices());
    expect(first.empty).toBe(false);
  });

  it('the client itself (no view) retries without noting', () => {
    const { m, client, log, out, observer } = setup();
    client.getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, throttled(1));
    jest.advanceTimersByTime(1000);
    m.answer(0, '{}');
    expect(out.value).toEqual({});
    expect(log.empty).toBe(true);
  });

  it('retries the access reviews (they change nothing), and no other POST', () => {
    const { m, view, out, observer } = setup();
    view.postJson('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: {} }).subscribe(observer);
    m.fail(0, throttled(1));
    jest.advanceTimersByTime(1000);
    m.answer(0, '{"status":{"allowed":true}}');
    expect(out.value).toEqual({ status: { allowed: true } });
    expect(m.calls).toHaveLength(2);

    const other = setup();
    other.view.postJson('/api/v1/namespaces', {}).subscribe(other.observer);
    other.m.fail(0, throttled(1));
    expect(other.out.error).toMatchObject({ kind: 'tooManyRequests' });
    expect(other.out.error!.retries).toBeUndefined();
    expect(other.m.calls).toHaveLength(1);
  });

  it('can be turned off', () => {
    const { m, view, out, observer } = setup({ retry: { maxRetries: 0 } });
    view.getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, throttled(1));
    expect(out.error).toMatchObject({ kind: 'tooManyRequests' });
    expect(m.calls).toHaveLength(1);
  });

  it('an injected sleep replaces the timer', () => {
    const waits: number[] = [];
    const { m, view, out, observer } = setup({
      sleep: (ms) => {
        waits.push(ms);
        return of(0);
      },
    });
    view.getJson('/api/v1/nodes').subscribe(observer);
    m.fail(0, throttled(4));
    m.answer(0, '{}');
    expect(waits).toEqual([4000]);
    expect(out.value).toEqual({});
  });
});
