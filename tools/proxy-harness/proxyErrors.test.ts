/** @jest-environment node */
import type { FetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { createProxyHarness, HarnessOptions } from './index';
import { sendJson, sendText, startTestServer, TestServer } from './testServer';

/*
 * What Grafana answers when it does not pass the upstream's answer through: pkg/api/pluginproxy/ds_proxy.go
 * HandleRequest (403 from validateRequest, the 401 → 400 ModifyResponse) and pkg/util/proxyutil/reverse_proxy.go
 * errorHandler (empty 502 for a connection error, empty 504 for a timeout), Grafana 12.4 and 13; and Go's
 * net/http server, which refuses a request URI with a bad escape before any handler runs.
 */

const PLUGIN_ACTION = 'kubeglance-kubernetes-datasource.proxy:write';
let api: TestServer;

beforeAll(async () => {
  api = await startTestServer((req, res) => {
    if (req.url?.startsWith('/version/slow')) {
      return; // never answers
    }
    if (req.headers.authorization === 'Bearer wrong') {
      return sendJson(res, 401, { kind: 'Status', code: 401, message: 'Unauthorized' });
    }
    sendText(res, 200, 'ok');
  });
});

afterAll(() => api.close());

async function fail(path: string, opts: Partial<HarnessOptions> = {}, method = 'GET') {
  const h = createProxyHarness({ url: api.url, secureJsonData: { token: 'sa' }, ...opts });
  const before = api.seen.length;
  try {
    await lastValueFrom(h.fetch({ url: `${h.baseUrl}/${path}`, method }));
  } catch (e) {
    return { err: e as FetchError, h, reachedServer: api.seen.length - before };
  }
  throw new Error('expected a failure');
}

describe("Grafana's own answers", () => {
  it('403 {"message":"plugin proxy route access denied"} for a denied route, before any upstream request', async () => {
    const { err, h, reachedServer } = await fail('api/v1/namespaces/default/pods', {}, 'DELETE');
    expect(err.status).toBe(403);
    expect(err.data).toMatchObject({ message: 'plugin proxy route access denied' });
    expect(h.requests).toHaveLength(0);
    expect(reachedServer).toBe(0);
  });

  it('400 "Authentication to data source failed" in place of an upstream 401', async () => {
    const { err } = await fail('version', { secureJsonData: { token: 'wrong' } });
    expect(err.status).toBe(400);
    expect(err.data).toMatchObject({ message: 'Authentication to data source failed' });
  });

  it('an empty 502 when the upstream refuses the connection', async () => {
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const { err } = await fail('version', { url: gone.url });
    expect(err.status).toBe(502);
    expect(err.data).toEqual({ message: 'Bad Gateway', error: 'Bad Gateway', response: '' });
  });

  it('an empty 502 for a host under .invalid, at once: the refusal route of a user granted the plugin action', async () => {
    const { err, h, reachedServer } = await fail(
      'api/v1/namespaces/default/pods',
      { user: { role: 'Admin', permissions: [PLUGIN_ACTION] } },
      'POST'
    );
    expect(err.status).toBe(502);
    expect(err.data).toMatchObject({ response: '' });
    expect(h.requests.map((r) => new URL(r.url).hostname)).toEqual(['writes-refused.kubeglance.invalid']);
    expect(reachedServer).toBe(0);
  });

  it('an empty 504 when the upstream sends no response headers within the data proxy timeout', async () => {
    const before = api.seen.length;
    const { err, h } = await fail('version/slow', { upstreamTimeoutMs: 50 });
    expect(err.status).toBe(504);
    expect(err.data).toMatchObject({ response: '' });
    expect(h.requests).toHaveLength(1);
    await api.seen[before].closedEarly; // Grafana gave up on the upstream request too
  });

  it("Go's 400 for a path with a malformed escape, before Grafana sees the request", async () => {
    const { err, h } = await fail('api/v1/pods/%zz');
    expect(err.status).toBe(400);
    expect(err.data).toMatchObject({ message: '400 Bad Request' });
    expect(h.requests).toHaveLength(0);
  });
});

describe('route access for a signed-in user (ds_proxy.go hasAccessToRoute)', () => {
  const review = 'apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

  it.each(['Viewer', 'Editor'] as const)('denies a %s the review POST (reqAction datasources:write)', async (role) => {
    const { err, h } = await fail(review, { user: { role } }, 'POST');
    expect(err.status).toBe(403);
    expect(err.data).toMatchObject({ message: 'plugin proxy route access denied' });
    expect(h.requests).toHaveLength(0);
  });

  it('lets an Admin through to the API server, with the data source token', async () => {
    const h = createProxyHarness({ url: api.url, secureJsonData: { token: 'sa' }, user: { role: 'Admin' } });
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl}/${review}`, method: 'POST', data: { spec: {} } }));
    expect(res.status).toBe(200);
    expect(h.requests[0]).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer sa' } });
  });
});
