/** @jest-environment jsdom */
// jsdom on purpose: the client imports @grafana/runtime, which needs `window`; Node's http still works here,
// and this proves the proxy harness serves data-source tests that run in the default environment.
import { firstValueFrom, lastValueFrom } from 'rxjs';

import { createProxyHarness } from '../../../tools/proxy-harness';
import { sendJson, sendText, startTestServer, TestServer } from '../../../tools/proxy-harness/testServer';
import { KubeClient } from './client';

const TOKEN = 'good-token';
const SA = 'system:serviceaccount:monitoring:kubeglance';
const PODS = Array.from({ length: 7 }, (_, i) => ({ metadata: { name: `pod-${i}` } }));

/** A small stand-in API server: paging on /api/v1/pods, a few error paths, one that never answers. */
let api: TestServer;

beforeAll(async () => {
  api = await startTestServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return sendJson(res, 401, {
        kind: 'Status',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    switch (url.pathname) {
      case '/api/v1/pods': {
        const limit = Number(url.searchParams.get('limit') ?? PODS.length);
        const start = Number(url.searchParams.get('continue') ?? 0);
        const next = start + limit < PODS.length ? String(start + limit) : undefined;
        return sendJson(res, 200, {
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '4242', ...(next ? { continue: next } : {}) },
          items: PODS.slice(start, start + limit),
        });
      }
      case '/api/v1/nodes':
        return sendJson(res, 403, {
          kind: 'Status',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: `nodes is forbidden: User "${SA}" cannot list resource "nodes" in API group "" at the cluster scope`,
        });
      case '/apis/metrics.k8s.io/v1beta1/nodes':
        return sendText(res, 404, '404 page not found\n');
      case '/api/v1/nodes/worker-2/proxy/stats/summary':
        return sendJson(res, 503, {
          kind: 'Status',
          status: 'Failure',
          reason: 'ServiceUnavailable',
          code: 503,
          message: 'error trying to reach service: dial tcp 10.1.0.12:10250: i/o timeout',
        });
      case '/api/v1/namespaces/default/pods/html':
        return sendText(res, 200, '<!doctype html><p>sign in</p>');
      case '/api/v1/slow':
        return; // never answers
      default:
        return sendJson(res, 200, { kind: 'Echo', path: url.pathname, query: url.search });
    }
  });
});

afterAll(() => api.close());

function setup(token = TOKEN, url = api.url) {
  const harness = createProxyHarness({ url, secureJsonData: { token } });
  const client = new KubeClient({ baseUrl: harness.baseUrl, fetch: harness.fetch, pageSize: 3 });
  return { harness, client };
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('KubeClient through the proxy harness', () => {
  it('lists every page over HTTP with limit/continue', async () => {
    const { harness, client } = setup();
    const list = await lastValueFrom(client.list<{ metadata: { name: string } }>('/api/v1/pods'));
    expect(list.items.map((p) => p.metadata.name)).toEqual(PODS.map((p) => p.metadata.name));
    expect(list.resourceVersion).toBe('4242');
    const query = harness.requests.map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(query).toEqual([{ limit: '3' }, { limit: '3', continue: '3' }, { limit: '3', continue: '6' }]);
  });

  it('sends two identical concurrent GETs upstream once', async () => {
    const { harness, client } = setup();
    const [a, b] = await Promise.all([
      firstValueFrom(client.getJson('/version', { x: 1 })),
      firstValueFrom(client.getJson('/version', { x: 1 })),
    ]);
    expect(a).toEqual(b);
    expect(harness.requests).toHaveLength(1);
  });

  it('aborts the upstream request when the subscriber unsubscribes', async () => {
    const { harness, client } = setup();
    const before = api.seen.length;
    const sub = client.getJson('/api/v1/slow').subscribe();
    await waitFor(() => api.seen.length > before);
    sub.unsubscribe();
    await api.seen[before].closedEarly;
    expect(harness.requests[0].aborted).toBe(true);
    expect(client.inFlightCount).toBe(0);
  });

  it('aborts a shared request only after its last subscriber leaves', async () => {
    const { harness, client } = setup();
    const before = api.seen.length;
    const first = client.getText('/api/v1/slow').subscribe();
    const second = client.getText('/api/v1/slow').subscribe();
    await waitFor(() => api.seen.length > before);
    first.unsubscribe();
    expect(harness.requests[0].aborted).toBe(false);
    second.unsubscribe();
    await api.seen[before].closedEarly;
    expect(harness.requests).toHaveLength(1);
    expect(harness.requests[0].aborted).toBe(true);
  });

  it('a rejected token arrives as Grafana’s 400 and is decoded as unauthorized', async () => {
    const { client } = setup('expired-token');
    await expect(lastValueFrom(client.getJson('/version'))).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 400,
    });
  });

  it('an RBAC denial names the missing permission', async () => {
    const { client } = setup();
    await expect(lastValueFrom(client.list('/api/v1/nodes'))).rejects.toMatchObject({
      kind: 'forbidden',
      verb: 'list',
      resource: 'nodes',
      group: '',
    });
  });

  it('a missing metrics API is metricsApiMissing even though the body came as text', async () => {
    const { client } = setup();
    await expect(lastValueFrom(client.getJson('/apis/metrics.k8s.io/v1beta1/nodes'))).rejects.toMatchObject({
      kind: 'metricsApiMissing',
    });
  });

  it('an unreachable kubelet names its node', async () => {
    const { client } = setup();
    await expect(lastValueFrom(client.getJson('/api/v1/nodes/worker-2/proxy/stats/summary'))).rejects.toMatchObject({
      kind: 'nodeUnreachable',
      node: 'worker-2',
    });
  });

  it('an HTML page where JSON belongs is malformed, naming the path', async () => {
    const { client } = setup();
    await expect(lastValueFrom(client.getJson('/api/v1/namespaces/default/pods/html'))).rejects.toMatchObject({
      kind: 'malformed',
      path: '/api/v1/namespaces/default/pods/html',
    });
  });

  it('an API server that cannot be reached is unreachable (Grafana’s empty 502)', async () => {
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const { client } = setup(TOKEN, gone.url);
    await expect(lastValueFrom(client.getJson('/version'))).rejects.toMatchObject({ kind: 'unreachable', status: 502 });
  });

  it('fans out over real requests, keeping each failure with its key', async () => {
    const { client } = setup();
    const nodes = ['worker-1', 'worker-2', 'worker-3'];
    const results = await lastValueFrom(
      client.fanOut(nodes, (n) => client.getJson<{ path: string }>(`/api/v1/nodes/${n}/proxy/stats/summary`), 2)
    );
    expect(results.map((r) => r.key)).toEqual(nodes);
    expect(results[0].value).toMatchObject({ path: '/api/v1/nodes/worker-1/proxy/stats/summary' });
    expect(results[1].error).toMatchObject({ kind: 'nodeUnreachable', node: 'worker-2' });
    expect(results[2].value).toMatchObject({ path: '/api/v1/nodes/worker-3/proxy/stats/summary' });
  });
});
