import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { firstValueFrom, lastValueFrom, Observable, throwError } from 'rxjs';

import { KubeClient } from './client';
import { KubeError } from './errors';
import { manualFetch, okResponse } from './testFetch';

/** A fetch that answers at once from a function of the request. */
function scriptedFetch(reply: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>) {
  const calls: BackendSrvRequest[] = [];
  return {
    calls,
    fetch: (req: BackendSrvRequest) => {
      calls.push(req);
      return reply(req);
    },
  };
}

const BASE = '/api/datasources/proxy/uid/k1';

describe('KubeClient requests', () => {
  it('GETs baseUrl + path through the proxy as text with a requestId and no alerts, params without undefined', async () => {
    const f = scriptedFetch(
      () => new Observable((s) => (s.next(okResponse('{"kind":"NodeList","items":[]}')), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch, requestIdPrefix: 'kg-k1' });
    const body = await lastValueFrom(
      client.getJson<{ kind: string }>('/api/v1/nodes', {
        labelSelector: 'role=gpu',
        limit: 5,
        fieldSelector: undefined,
      })
    );
    expect(body.kind).toBe('NodeList');
    expect(f.calls).toHaveLength(1);
    const req = f.calls[0];
    expect(req).toMatchObject({
      url: `${BASE}/api/v1/nodes`,
      method: 'GET',
      responseType: 'text',
      showErrorAlert: false,
      showSuccessAlert: false,
      params: { labelSelector: 'role=gpu', limit: 5 },
    });
    expect(Object.keys(req.params!)).not.toContain('fieldSelector');
    expect(req.requestId).toMatch(/^kg-k1:/);
  });

  it('gives distinct requests distinct requestIds and the same request the same one', async () => {
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse('{}')), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await lastValueFrom(client.getJson('/api/v1/nodes/a'));
    await lastValueFrom(client.getJson('/api/v1/nodes/b'));
    await lastValueFrom(client.getJson('/api/v1/nodes/a'));
    await lastValueFrom(client.getJson('/api/v1/nodes/a', { x: 1 }));
    const ids = f.calls.map((c) => c.requestId);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[3]);
  });

  it('getText returns the body as it came', async () => {
    const text = '# HELP x\nx 1\n';
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse(text)), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.getText('/api/v1/nodes/n1/proxy/metrics/resource'))).resolves.toBe(text);
  });

  it('a malformed JSON body is a malformed KubeError naming the path', async () => {
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse('<html>login</html>')), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    const err = await lastValueFrom(client.getJson('/api/v1/pods')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ kind: 'malformed', path: '/api/v1/pods' });
    expect((err as KubeError).message).toContain('/api/v1/pods');
  });

  it('an empty body where JSON is expected is malformed', async () => {
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse('')), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.getJson('/version'))).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('maps a FetchError to a KubeError with the API path', async () => {
    const f = scriptedFetch(() =>
      throwError(() => ({
        status: 503,
        statusText: 'Service Unavailable',
        data: { message: 'service unavailable\n', response: 'service unavailable\n' },
        config: {},
      }))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.getJson('/apis/metrics.k8s.io/v1beta1/nodes'))).rejects.toMatchObject({
      kind: 'metricsApiMissing',
      path: '/apis/metrics.k8s.io/v1beta1/nodes',
    });
  });
});

describe('KubeClient coalescing', () => {
  it('two subscribers to the same GET share one request; after it completes a new call makes a new one', async () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch });
    const a = firstValueFrom(client.getJson<{ n: number }>('/api/v1/nodes', { limit: 1 }));
    const b = firstValueFrom(client.getJson<{ n: number }>('/api/v1/nodes', { limit: 1 }));
    expect(m.calls).toHaveLength(1);
    expect(client.inFlightCount).toBe(1);
    m.answer(0, '{"n":1}');
    await expect(a).resolves.toEqual({ n: 1 });
    await expect(b).resolves.toEqual({ n: 1 });
    expect(client.inFlightCount).toBe(0);

    const c = firstValueFrom(client.getJson<{ n: number }>('/api/v1/nodes', { limit: 1 }));
    expect(m.calls).toHaveLength(2);
    m.answer(0, '{"n":2}');
    await expect(c).resolves.toEqual({ n: 2 });
  });

  it('parameters in another order are the same request; other parameters are not', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch });
    const subs = [
      client.getJson('/api/v1/pods', { a: 1, b: 2 }).subscribe(),
      client.getJson('/api/v1/pods', { b: 2, a: 1 }).subscribe(),
      client.getJson('/api/v1/pods', { a: 1, b: 3 }).subscribe(),
    ];
    expect(m.calls).toHaveLength(2);
    subs.forEach((s) => s.unsubscribe());
  });

  it('the request is cancelled only when every subscriber has unsubscribed', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch });
    const first = client.getJson('/api/v1/nodes').subscribe();
    const second = client.getJson('/api/v1/nodes').subscribe();
    first.unsubscribe();
    expect(m.cancelled()).toBe(0);
    second.unsubscribe();
    expect(m.cancelled()).toBe(1);
    expect(client.inFlightCount).toBe(0);
  });

  it('a failure reaches every subscriber and the next call tries again', async () => {
    let n = 0;
    const f = scriptedFetch(() =>
      n++ === 0
        ? throwError(() => ({ status: 500, data: 'etcd down', config: {} }))
        : new Observable<FetchResponse<unknown>>((s) => (s.next(okResponse('{"ok":true}')), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.getJson('/api/v1/nodes'))).rejects.toMatchObject({ kind: 'serverError' });
    await expect(lastValueFrom(client.getJson('/api/v1/nodes'))).resolves.toEqual({ ok: true });
  });
});

describe('KubeClient timeout', () => {
  afterEach(() => jest.useRealTimers());

  it('fails with a timeout KubeError after timeoutMs and cancels the request', async () => {
    jest.useFakeTimers();
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, timeoutMs: 5000 });
    let error: unknown;
    client.getJson('/api/v1/pods').subscribe({ error: (e) => (error = e) });
    jest.advanceTimersByTime(4999);
    expect(error).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(error).toMatchObject({ kind: 'timeout', path: '/api/v1/pods' });
    expect((error as KubeError).message).toContain('5 s');
    expect(m.cancelled()).toBe(1);
  });
});

describe('KubeClient.list', () => {
  const page = (names: string[], cont?: string, rv = '100') =>
    JSON.stringify({
      kind: 'PodList',
      metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
      items: names.map((name) => ({ name })),
    });

  it('reads three pages with limit/continue and concatenates them', async () => {
    const pages: Record<string, string> = { '': page(['a', 'b'], 't1'), t1: page(['c', 'd'], 't2'), t2: page(['e']) };
    const f = scriptedFetch(
      (req) => new Observable((s) => (s.next(okResponse(pages[String(req.params?.continue ?? '')])), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch, pageSize: 2 });
    const list = await lastValueFrom(client.list<{ name: string }>('/api/v1/pods', { labelSelector: 'app=x' }));
    expect(list.items.map((i) => i.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(list.resourceVersion).toBe('100');
    expect(f.calls.map((c) => c.params)).toEqual([
      { labelSelector: 'app=x', limit: 2 },
      { labelSelector: 'app=x', limit: 2, continue: 't1' },
      { labelSelector: 'app=x', limit: 2, continue: 't2' },
    ]);
  });

  it('uses params.limit as the page size and defaults to 500', async () => {
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse(page([]))), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await lastValueFrom(client.list('/api/v1/pods'));
    await lastValueFrom(client.list('/api/v1/pods', { limit: 50 }));
    expect(f.calls.map((c) => c.params?.limit)).toEqual([500, 50]);
  });

  it('treats items: null as an empty list', async () => {
    const f = scriptedFetch(
      () => new Observable((s) => (s.next(okResponse('{"items":null,"metadata":{}}')), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.list('/api/v1/events'))).resolves.toMatchObject({ items: [] });
  });

  const expired = {
    status: 410,
    statusText: 'Gone',
    data: JSON.stringify({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
      message: 'The provided continue parameter is too old',
      metadata: { continue: 'inconsistent' },
    }),
    config: {},
  };

  it('restarts once from the beginning when the continue token expires mid-list', async () => {
    let expiredOnce = false;
    const f = scriptedFetch((req) => {
      const cont = req.params?.continue;
      if (cont === 'old' && !expiredOnce) {
        expiredOnce = true;
        return throwError(() => expired);
      }
      const body =
        cont === undefined
          ? expiredOnce
            ? page(['a2', 'b2'], 'new', '200')
            : page(['a1', 'b1'], 'old')
          : page(['c2'], undefined, '200');
      return new Observable<FetchResponse<unknown>>((s) => (s.next(okResponse(body)), s.complete()));
    });
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch, pageSize: 2 });
    const list = await lastValueFrom(client.list<{ name: string }>('/api/v1/pods'));
    expect(list.items.map((i) => i.name)).toEqual(['a2', 'b2', 'c2']);
    expect(list.resourceVersion).toBe('200');
    expect(f.calls.map((c) => c.params?.continue)).toEqual([undefined, 'old', undefined, 'new']);
  });

  it('fails with the expired error when it expires again after the restart', async () => {
    const f = scriptedFetch((req) =>
      req.params?.continue
        ? throwError(() => expired)
        : new Observable<FetchResponse<unknown>>((s) => (s.next(okResponse(page(['a'], 'tok'))), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    const err = await lastValueFrom(client.list('/api/v1/pods')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'expired', continueToken: 'inconsistent' });
    expect(f.calls).toHaveLength(4);
  });

  it('does not restart when the first page fails', async () => {
    const f = scriptedFetch(() => throwError(() => expired));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.list('/api/v1/pods'))).rejects.toMatchObject({ kind: 'expired' });
    expect(f.calls).toHaveLength(1);
  });

  it('a body that is not a list is malformed', async () => {
    const f = scriptedFetch(
      () => new Observable((s) => (s.next(okResponse('{"kind":"Pod","metadata":{"name":"x"}}')), s.complete()))
    );
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    const err = await lastValueFrom(client.list('/api/v1/pods')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'malformed', path: '/api/v1/pods' });
    expect((err as KubeError).message).toMatch(/not a list/);
  });

  it('stops when the server repeats a continue token', async () => {
    const f = scriptedFetch(() => new Observable((s) => (s.next(okResponse(page(['a'], 'same'))), s.complete())));
    const client = new KubeClient({ baseUrl: BASE, fetch: f.fetch });
    await expect(lastValueFrom(client.list('/api/v1/pods'))).rejects.toMatchObject({ kind: 'malformed' });
    expect(f.calls).toHaveLength(2);
  });
});
