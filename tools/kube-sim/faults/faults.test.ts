/** @jest-environment node */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

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

/** an nginx-style 502 page with a corporate error template around it, a few KB as such pages are */
function proxyErrorPage(): string {
  const style = Array.from(
    { length: 120 },
    (_, i) => `.c${i} { margin: ${i}px; color: #${(i * 4099).toString(16).padStart(6, '0')}; }`
  );
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head><title>502 Bad Gateway</title>',
    `<style>\n${style.join('\n')}\n</style>`,
    '</head>',
    '<body>',
    '<center><h1>502 Bad Gateway</h1></center>',
    '<p>The upstream server is not responding. Request ID: 5f1c2e0a9b7d4c31</p>',
    '<hr><center>nginx</center>',
    '</body>',
    '</html>',
    // nginx pads short error pages so that browsers show them instead of their own
    ...Array.from({ length: 6 }, () => '<!-- a padding to disable MSIE and Chrome friendly error page -->'),
    '',
  ].join('\n');
}

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

  // kube-apiserver writes Retry-After from a Status' details.retryAfterSeconds (responsewriters.ErrorNegotiated)
  it('answers 503 ServiceUnavailable with Retry-After, the given number of times', async () => {
    sim.faults.unavailable('/api/v1/nodes', { retryAfterSeconds: 7, times: 2 });
    const first = await get('/api/v1/nodes');
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('7');
    expect(JSON.parse(first.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server is currently unable to handle the request',
      reason: 'ServiceUnavailable',
      details: { retryAfterSeconds: 7 },
      code: 503,
    });
    expect((await get('/api/v1/namespaces')).status).toBe(200);
    expect((await get('/api/v1/nodes')).status).toBe(503);
    expect((await get('/api/v1/nodes')).status).toBe(200);
  });

  it('answers every Nth request with 503 and a custom message', async () => {
    sim.faults.unavailable('', { every: 2, message: 'etcdserver: leader changed' });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await get('/api/v1/pods')).status);
    }
    expect(statuses).toEqual([200, 503, 200, 503]);
  });

  // client-go (rest/with_retry.go checkWait) retries 429 and 5xx answers that carry Retry-After
  it.each([
    ['429', () => sim.faults.tooManyRequests({ pathPrefix: '/api/v1/pods', retryAfterSeconds: 2, times: 2 })],
    ['503', () => sim.faults.unavailable('/api/v1/pods', { retryAfterSeconds: 2, times: 2 })],
  ])('lets a client that honours Retry-After succeed after the first %s answers', async (code, inject) => {
    inject();
    const waits: number[] = [];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await get('/api/v1/pods');
      statuses.push(r.status);
      const retryAfter = r.headers['retry-after'];
      if ((r.status === 429 || r.status >= 500) && retryAfter) {
        waits.push(Number(retryAfter));
        continue;
      }
      break;
    }
    expect(statuses).toEqual([Number(code), Number(code), 200]);
    expect(waits).toEqual([2, 2]);
  });

  // what a reverse proxy in front of the API server (nginx, an ELB) sends when the upstream fails
  it('serves a proxy error page of several KB of HTML through errorRate with a body', async () => {
    const page = proxyErrorPage();
    sim.faults.errorRate({ pathPrefix: '/api', status: 502, body: page, contentType: 'text/html', times: 1 });
    const r = await get('/api/v1/nodes');
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(page)));
    expect(r.body).toBe(page);
    expect(r.body.length).toBeGreaterThan(4096);
    expect((await get('/api/v1/nodes')).status).toBe(200);
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
