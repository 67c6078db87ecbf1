import { KubeClient } from './client';
import { RetryLog } from './retryLog';
import { manualFetch } from './testFetch';

const BASE = '/api/datasources/proxy/uid/k1';
const NODES = Array.from({ length: 20 }, (_, i) => `node-${i}`);

describe('KubeClient request gate', () => {
  afterEach(() => jest.useRealTimers());

  it('20 fanned-out requests never have more than 5 in flight, whatever the fan-out bound', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, concurrency: 64 });
    expect(client.fanOutConcurrency).toBe(5);
    let results: unknown[] | undefined;
    client
      .fanOut(NODES, (n) => client.getJson(`/api/v1/nodes/${n}/proxy/stats/summary`), 64)
      .subscribe((r) => (results = r));
    expect(m.pending).toHaveLength(5);
    while (m.pending.length) {
      m.answer(0, '{}');
    }
    expect(m.calls).toHaveLength(20);
    expect(m.mostAtOnce()).toBe(5);
    expect(results).toHaveLength(20);
  });

  it('the gate is shared: two fan-outs and a list together still send at most 5 at once', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch });
    const view = client.withRetryLog(new RetryLog());
    client.fanOut(NODES.slice(0, 10), (n) => client.getJson(`/a/${n}`)).subscribe();
    view.fanOut(NODES.slice(0, 10), (n) => view.getJson(`/b/${n}`)).subscribe();
    client.list('/api/v1/pods').subscribe();
    expect(client.gateState).toEqual({ inFlight: 5, waiting: 4 });
    while (m.pending.length) {
      m.answer(0, m.pending[0].req.url.endsWith('/pods') ? '{"items":[]}' : '{}');
    }
    expect(m.calls).toHaveLength(21);
    expect(m.mostAtOnce()).toBe(5);
  });

  it('a request that waits at the gate longer than the timeout does not time out once sent and answered', () => {
    jest.useFakeTimers();
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, timeoutMs: 5000 });
    for (let i = 0; i < 5; i++) {
      client.getJson(`/busy/${i}`).subscribe({ error: () => undefined });
    }
    let value: unknown;
    let error: unknown;
    client.getJson('/api/v1/nodes').subscribe({ next: (v) => (value = v), error: (e) => (error = e) });
    expect(m.calls).toHaveLength(5);
    jest.advanceTimersByTime(4000);
    for (let i = 0; i < 5; i++) {
      m.answer(0, '{}');
    }
    // now sent: its own 5 s start here, so 8 s after the call it is still waiting for its answer
    expect(m.calls.map((c) => c.url)).toContain(`${BASE}/api/v1/nodes`);
    jest.advanceTimersByTime(4000);
    expect(error).toBeUndefined();
    expect(m.pending).toHaveLength(1);
    m.answer(0, '{"kind":"NodeList"}');
    expect(value).toEqual({ kind: 'NodeList' });
  });

  it('the timeout still runs once a request is past the gate', () => {
    jest.useFakeTimers();
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, timeoutMs: 5000, maxInFlight: 1 });
    client.getJson('/first').subscribe();
    let error: unknown;
    client.getJson('/second').subscribe({ error: (e) => (error = e) });
    jest.advanceTimersByTime(3000);
    m.answer(0, '{}');
    jest.advanceTimersByTime(4999);
    expect(error).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(error).toMatchObject({ kind: 'timeout', path: '/second' });
  });

  it('unsubscribing while gated sends nothing', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch, maxInFlight: 1 });
    const first = client.getJson('/first').subscribe();
    const gated = client.getJson('/second').subscribe();
    gated.unsubscribe();
    first.unsubscribe();
    expect(m.calls.map((c) => c.url)).toEqual([`${BASE}/first`]);
    expect(client.gateState).toEqual({ inFlight: 0, waiting: 0 });
    expect(client.inFlightCount).toBe(0);
  });

  it('equal GETs are still coalesced: one place at the gate, one request', () => {
    const m = manualFetch();
    const client = new KubeClient({ baseUrl: BASE, fetch: m.fetch });
    const got: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      client.getJson('/api/v1/nodes').subscribe((v) => got.push(v));
    }
    expect(m.calls).toHaveLength(1);
    expect(client.gateState.inFlight).toBe(1);
    m.answer(0, '{"n":1}');
    expect(got).toHaveLength(7);
  });
});
