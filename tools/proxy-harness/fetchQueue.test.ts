/** @jest-environment node */
import type * as http from 'http';
import { lastValueFrom, Observable, Subject, timeout } from 'rxjs';

import { KubeSim, startKubeSim } from '../kube-sim';
import { FetchQueue } from './fetchQueue';
import { createProxyHarness } from './index';
import { sendJson, startTestServer, TestServer } from './testServer';

/*
 * Grafana's backendSrv queue: public/app/core/services/backend_srv.ts (fetch), FetchQueue.ts, FetchQueueWorker.ts
 * and ResponseQueue.ts, Grafana 12.4 and 13, without HTTP/2: at most 5 data-proxy requests in progress.
 */

const PROXY = '/api/datasources/proxy/uid/x/api/v1/pods';

/** A source per request that ends only when the test says so; counts subscriptions. */
function controlled() {
  const ends: Array<Subject<string>> = [];
  const source = () =>
    new Observable<string>((subscriber) => {
      const end = new Subject<string>();
      ends.push(end);
      return end.subscribe(subscriber);
    });
  return { ends, source };
}

const finish = (end: Subject<string>) => {
  end.next('done');
  end.complete();
};

describe('FetchQueue (FetchQueueWorker)', () => {
  it('runs 5 data-proxy requests at once; the 6th starts when one of them finishes', () => {
    const queue = new FetchQueue();
    const { ends, source } = controlled();
    const subs = Array.from({ length: 6 }, () => queue.run(PROXY, source).subscribe());
    expect(ends).toHaveLength(5);
    expect(queue.stats()).toMatchObject({ inFlight: 5, waiting: 1, waited: 1 });
    finish(ends[2]);
    expect(ends).toHaveLength(6);
    expect(queue.stats()).toMatchObject({ inFlight: 5, waiting: 0, maxConcurrent: 5, started: 6 });
    subs.forEach((s) => s.unsubscribe());
    expect(queue.stats().inFlight).toBe(0);
  });

  it('starts other API requests at once, even with 5 data requests in progress', () => {
    const queue = new FetchQueue();
    const { ends, source } = controlled();
    const subs = [...Array.from({ length: 5 }, () => PROXY), '/api/search'].map((url) =>
      queue.run(url, source).subscribe()
    );
    expect(ends).toHaveLength(6);
    // ...and they count against the 5: a data request now waits for two to finish
    subs.push(queue.run(PROXY, source).subscribe());
    finish(ends[0]);
    expect(ends).toHaveLength(6);
    finish(ends[1]);
    expect(ends).toHaveLength(7);
    subs.forEach((s) => s.unsubscribe());
  });

  it('removes a request whose caller unsubscribes while it waits; it is never started', () => {
    const queue = new FetchQueue();
    const { ends, source } = controlled();
    const running = Array.from({ length: 5 }, () => queue.run(PROXY, source).subscribe());
    const waiting = queue.run(PROXY, source).subscribe();
    waiting.unsubscribe();
    finish(ends[0]);
    expect(ends).toHaveLength(5);
    expect(queue.stats()).toMatchObject({ cancelledWhileWaiting: 1, waiting: 0, inFlight: 4 });
    running.forEach((s) => s.unsubscribe());
  });

  it('is shared by every data source of a browser tab', () => {
    const queue = new FetchQueue();
    const { ends, source } = controlled();
    const subs = [
      ...Array.from({ length: 3 }, () => queue.run('/api/datasources/proxy/uid/a/version', source).subscribe()),
      ...Array.from({ length: 3 }, () => queue.run('/api/datasources/proxy/uid/b/version', source).subscribe()),
    ];
    expect(ends).toHaveLength(5);
    subs.forEach((s) => s.unsubscribe());
  });
});

describe("the harness's fetch goes through the queue", () => {
  let held: TestServer;
  const waiting: http.ServerResponse[] = [];
  let sim: KubeSim;

  beforeAll(async () => {
    held = await startTestServer((req, res) => waiting.push(res)); // answers when the test releases it
    sim = await startKubeSim({ nodes: 2, podsPerNode: 2 });
  });

  afterAll(async () => {
    await held.close();
    await sim.stop();
  });

  it('sends 6 concurrent requests as 5, then the 6th when an answer comes', async () => {
    const h = createProxyHarness({ url: held.url, secureJsonData: { token: 't' } });
    const answers = Array.from({ length: 6 }, (_, i) =>
      lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/namespaces/n${i}`, responseType: 'json' }))
    );
    await waitFor(() => held.seen.length === 5);
    expect(h.fetchQueue.stats()).toMatchObject({ inFlight: 5, waiting: 1 });
    expect(held.seen.map((r) => r.url)).not.toContain('/api/v1/namespaces/n5');
    sendJson(waiting[0], 200, {});
    await waitFor(() => held.seen.length === 6);
    expect(held.seen[5].url).toBe('/api/v1/namespaces/n5');
    waiting.slice(1).forEach((res) => sendJson(res, 200, {}));
    await Promise.all(answers);
    expect(h.fetchQueue.stats()).toMatchObject({ maxConcurrent: 5, inFlight: 0, started: 6 });
  });

  it("counts the wait toward the caller's rxjs timeout: a queued request times out and is never sent", async () => {
    sim.faults.latency(300, '/api/v1/nodes');
    const h = createProxyHarness({ url: sim.url, secureJsonData: { token: sim.token } });
    const slow = Array.from({ length: 5 }, () =>
      lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, responseType: 'json' }))
    );
    const quick = lastValueFrom(h.fetch({ url: `${h.baseUrl}/version`, responseType: 'json' }).pipe(timeout(100)));
    await expect(quick).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(h.fetchQueue.stats()).toMatchObject({ cancelledWhileWaiting: 1 });
    await Promise.all(slow);
    expect(sim.faults.requestsTo('/version')).toHaveLength(0);
    expect(h.requests.map((r) => new URL(r.url).pathname)).toEqual(Array(5).fill('/api/v1/nodes'));
    sim.faults.reset();
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
