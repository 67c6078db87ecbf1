/** @jest-environment node */
import { KubeSim, startKubeSim } from './index';
import { simGet } from './client';

const slept: number[] = [];
let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({
    nodes: 3,
    podsPerNode: 8,
    seed: 9,
    clock: () => Date.UTC(2025, 0, 1),
    // record injected latency instead of waiting for it
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.faults.reset();
  slept.length = 0;
});

const get = (path: string, signal?: AbortSignal) => simGet(`${sim.url}${path}`, { token: sim.token, signal });

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('faults', () => {
  it('adds latency to every request or to a path prefix, adding up matching rules', async () => {
    sim.faults.latency(100).latency(250, '/apis/metrics.k8s.io');
    await get('/api/v1/nodes');
    await get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(slept).toEqual([100, 350]);
  });

  it('fails every Nth request to a prefix with the given status', async () => {
    sim.faults.errorRate({ pathPrefix: '/api/v1/pods', status: 500, every: 3 });
    const responses = [];
    for (let i = 0; i < 6; i++) {
      responses.push(await get('/api/v1/pods'));
    }
    expect(responses.map((r) => r.status)).toEqual([200, 200, 500, 200, 200, 500]);
    expect(JSON.parse(responses[2].body)).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 });
    expect((await get('/api/v1/nodes')).status).toBe(200);
  });

  it('fails a seeded fraction of requests, the same ones for the same seed', async () => {
    const run = async () => {
      sim.faults.reset();
      sim.faults.errorRate({ pathPrefix: '/api/v1/nodes', status: 503, rate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        out.push((await get('/api/v1/nodes')).status);
      }
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  it('sends a raw error body when asked, e.g. an HTML page from a proxy', async () => {
    sim.faults.errorRate({ status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    const r = await get('/api/v1/nodes');
    expect([r.status, r.body, r.headers['content-type']]).toEqual([502, '<html>Bad Gateway</html>', 'text/html']);
  });

  it('answers 429 with Retry-After, the given number of times', async () => {
    sim.faults.tooManyRequests({ pathPrefix: '/api/v1/pods', retryAfterSeconds: 3, times: 1 });
    const first = await get('/api/v1/pods');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect(JSON.parse(first.body)).toMatchObject({
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
    expect((await get('/api/v1/pods')).status).toBe(200);
  });

  it('sends a body that is not JSON for a malformed prefix', async () => {
    sim.faults.malformed('/api/v1/nodes');
    const r = await get('/api/v1/nodes');
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
    const other = (await get('/api/v1/namespaces')).body;
    expect(() => JSON.parse(other)).not.toThrow();
  });

  it('sends half the body for a truncated prefix, or cuts the connection with abort', async () => {
    const full = (await get('/api/v1/pods')).body;
    sim.faults.truncated('/api/v1/pods');
    const cut = await get('/api/v1/pods');
    expect(cut.body).toBe(full.slice(0, Math.floor(full.length / 2)));
    sim.faults.reset();
    sim.faults.truncated('/api/v1/pods', { abort: true });
    await expect(get('/api/v1/pods')).rejects.toThrow();
  });

  it('hangs requests to a prefix until the client gives up', async () => {
    sim.faults.hang('/api/v1/events');
    const ac = new AbortController();
    const pending = get('/api/v1/events', ac.signal);
    await waitFor(() => sim.faults.requestsTo('/api/v1/events').length === 1 && sim.openStreams() === 1);
    ac.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await waitFor(() => sim.openStreams() === 0);
    expect((await get('/api/v1/nodes')).status).toBe(200);
  });

  it('makes a node unreachable through the proxy with the apiserver 503', async () => {
    const node = sim.cluster.nodes[1];
    sim.faults.unreachableNode(node.name);
    const r = await get(`/api/v1/nodes/${node.name}/proxy/metrics/resource`);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({
      reason: 'ServiceUnavailable',
      message: `error trying to reach service: dial tcp ${node.internalIP}:10250: connect: connection refused`,
      code: 503,
    });
    expect((await get(`/api/v1/nodes/${sim.cluster.nodes[2].name}/proxy/metrics/resource`)).status).toBe(200);
  });

  it('reset() clears every fault and the request log', async () => {
    sim.faults.deny('nodes').hang('/api').metricsServer('absent');
    sim.faults.reset();
    expect((await get('/api/v1/nodes')).status).toBe(200);
    expect(sim.faults.requests).toHaveLength(1);
  });
});
