/** @jest-environment node */
import type { FetchError } from '@grafana/runtime';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { firstValueFrom, lastValueFrom } from 'rxjs';

import { createProxyHarness } from './index';
import { sendJson, sendText, startTestServer, TestServer } from './testServer';

const TOKEN = 'sa-token-123';
const NOT_FOUND_STATUS = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'pods "nope" not found',
  reason: 'NotFound',
  code: 404,
};

let api: TestServer;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'proxy-harness-'));
  api = await startTestServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path.endsWith('/hang')) {
      return; // never answers: for cancellation
    }
    if (path.endsWith('/pods/nope')) {
      return sendJson(res, 404, NOT_FOUND_STATUS);
    }
    if (path.startsWith('/apis/metrics.k8s.io')) {
      return sendText(res, 404, '404 page not found\n');
    }
    if (path.endsWith('/broken')) {
      return sendText(res, 200, '{"items": [');
    }
    if (req.headers.authorization === 'Bearer wrong') {
      return sendJson(res, 401, {
        kind: 'Status',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    sendJson(res, 200, { path, query: req.url?.split('?')[1] ?? '' }, { 'x-served-by': 'test' });
  });
});

afterAll(async () => {
  await api.close();
  rmSync(tmp, { recursive: true, force: true });
});

const harnessFor = (extra: Partial<Parameters<typeof createProxyHarness>[0]> = {}) =>
  createProxyHarness({ url: api.url, secureJsonData: { token: TOKEN }, uid: 'kube-a', ...extra });

const catchError = async (p: Promise<unknown>): Promise<FetchError & Error> => {
  try {
    await p;
  } catch (e) {
    return e as FetchError & Error;
  }
  throw new Error('expected a failure');
};

describe('createProxyHarness', () => {
  it('proxies /api paths 1:1 to the API server with the route Authorization header', async () => {
    const h = harnessFor();
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, method: 'GET', responseType: 'json' }));
    expect(h.baseUrl).toBe('/api/datasources/proxy/uid/kube-a');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ path: '/api/v1/nodes', query: '' });
    expect(res.headers.get('x-served-by')).toBe('test');
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]).toMatchObject({ method: 'GET', url: `${api.url}/api/v1/nodes` });
    expect(h.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(api.seen[api.seen.length - 1].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('accepts the URL without its leading slash, as backendSrv sends it', async () => {
    const h = harnessFor();
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl.slice(1)}/version`, responseType: 'json' }));
    expect(res.data).toEqual({ path: '/version', query: '' });
    expect(h.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('serialises params into the query string, dropping undefined and empty values', async () => {
    const h = harnessFor();
    const res = await lastValueFrom(
      h.fetch({
        url: `${h.baseUrl}/api/v1/pods`,
        params: { limit: 2, continue: undefined, labelSelector: 'app=web,tier!=db', fieldSelector: '' },
        responseType: 'json',
      })
    );
    expect(res.data).toEqual({ path: '/api/v1/pods', query: 'limit=2&labelSelector=app%3Dweb%2Ctier!%3Ddb' });
  });

  it('keeps the path of a data source URL that has one', async () => {
    const h = harnessFor({ url: `${api.url}/k8s` });
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl}/apis/apps/v1/deployments`, responseType: 'json' }));
    expect(res.data).toEqual({ path: '/k8s/apis/apps/v1/deployments', query: '' });
  });

  it('refuses a path outside api, apis and version: our catch-all "/" route (ds_proxy.go validateRequest)', async () => {
    const h = harnessFor();
    const err = await catchError(lastValueFrom(h.fetch({ url: `${h.baseUrl}/healthz`, responseType: 'json' })));
    expect(err.status).toBe(403);
    expect(err.data).toMatchObject({ message: 'plugin proxy route access denied' });
    expect(h.requests).toHaveLength(0);
  });

  it('refuses a write under api with the refusal route, without contacting the server', async () => {
    const h = harnessFor();
    const before = api.seen.length;
    const err = await catchError(
      lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/namespaces`, method: 'POST', data: {} }))
    );
    expect(err.status).toBe(403);
    expect(err.data).toMatchObject({ message: 'plugin proxy route access denied' });
    expect(h.requests).toHaveLength(0);
    expect(api.seen).toHaveLength(before);
  });

  it('expands JsonData and SecureJsonData in the headers of a custom plugin.json, missing ones as Go prints them', async () => {
    const pluginJsonPath = join(tmp, 'plugin.json');
    const ours = JSON.parse(readFileSync(join(__dirname, '../../src/datasource/plugin.json'), 'utf8'));
    ours.routes = [
      {
        path: 'api',
        method: 'GET',
        headers: [
          { name: 'X-Cluster', content: 'cluster={{ .JsonData.clusterName }}' },
          { name: 'Authorization', content: 'Bearer {{ .SecureJsonData.token }}' },
        ],
      },
    ];
    writeFileSync(pluginJsonPath, JSON.stringify(ours));
    const h = createProxyHarness({
      url: api.url,
      pluginJsonPath,
      jsonData: { clusterName: 'eu-1' } as never,
      secureJsonData: {},
    });
    await lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, responseType: 'json' }));
    expect(h.requests[0].headers['x-cluster']).toBe('cluster=eu-1');
    expect(h.requests[0].headers.authorization).toBe('Bearer <no value>');
  });

  it("sends the signed-in user's token instead of the route's when oauthPassThru is on", async () => {
    const h = harnessFor({ jsonData: { oauthPassThru: true }, oauth: { accessToken: 'user-oidc-token' } });
    await lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, responseType: 'json' }));
    expect(h.requests[0].headers.authorization).toBe('Bearer user-oidc-token');
  });

  it('returns text as text for responseType text', async () => {
    const h = harnessFor();
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, responseType: 'text' }));
    expect(typeof res.data).toBe('string');
    expect(JSON.parse(res.data as string)).toEqual({ path: '/api/v1/nodes', query: '' });
  });

  it('throws a SyntaxError for a body that is not JSON when JSON was asked for', async () => {
    const h = harnessFor();
    const err = await catchError(lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/broken`, responseType: 'json' })));
    expect(err.name).toBe('SyntaxError');
  });

  it('fails non-2xx with a FetchError: a Status stays an object with responseType json', async () => {
    const h = harnessFor();
    const err = await catchError(
      lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/namespaces/x/pods/nope`, responseType: 'json' }))
    );
    expect(err.status).toBe(404);
    expect(err.statusText).toBe('Not Found');
    expect(err.data).toEqual(NOT_FOUND_STATUS);
    expect(err.config.url).toBe(`${h.baseUrl}/api/v1/namespaces/x/pods/nope`);
  });

  it('fails non-2xx with text wrapped the way backendSrv wraps it', async () => {
    const h = harnessFor();
    const err = await catchError(
      lastValueFrom(h.fetch({ url: `${h.baseUrl}/apis/metrics.k8s.io/v1beta1/nodes`, responseType: 'text' }))
    );
    expect(err.status).toBe(404);
    expect(err.data).toEqual({ message: '404 page not found\n', error: 'Not Found', response: '404 page not found\n' });
  });

  it('reports an upstream 401 as Grafana does: 400 "Authentication to data source failed"', async () => {
    const h = harnessFor({ secureJsonData: { token: 'wrong' } });
    const err = await catchError(lastValueFrom(h.fetch({ url: `${h.baseUrl}/api/v1/nodes`, responseType: 'text' })));
    expect(err.status).toBe(400);
    expect(err.data).toMatchObject({ message: 'Authentication to data source failed' });
  });

  it('answers 502 with an empty body when the API server cannot be reached', async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const h = createProxyHarness({ url: closed.url, secureJsonData: { token: TOKEN } });
    const err = await catchError(lastValueFrom(h.fetch({ url: `${h.baseUrl}/version`, responseType: 'text' })));
    expect(err.status).toBe(502);
    expect(err.data).toEqual({ message: 'Bad Gateway', error: 'Bad Gateway', response: '' });
  });

  it('aborts the upstream request when the caller unsubscribes', async () => {
    const h = harnessFor();
    const before = api.seen.length;
    const sub = h.fetch({ url: `${h.baseUrl}/api/v1/hang`, responseType: 'text' }).subscribe();
    await waitFor(() => api.seen.length > before);
    sub.unsubscribe();
    await api.seen[before].closedEarly;
    expect(h.requests[0].aborted).toBe(true);
  });

  it('refuses a URL outside the data source proxy', async () => {
    const h = harnessFor();
    const err = await catchError(firstValueFrom(h.fetch({ url: '/api/datasources/proxy/uid/other/api/v1/nodes' })));
    expect(err.message).toMatch(/not under the data source proxy URL/);
    expect(h.requests).toHaveLength(0);
  });

  it('gives instance settings with the proxy URL and jsonData, never the secrets', () => {
    const h = harnessFor({ jsonData: { kubeletAccess: true, tlsSkipVerify: true } });
    const settings = h.instanceSettings();
    expect(settings).toMatchObject({
      uid: 'kube-a',
      type: 'kubeglance-kubernetes-datasource',
      url: '/api/datasources/proxy/uid/kube-a',
      access: 'proxy',
      jsonData: { kubeletAccess: true, tlsSkipVerify: true },
    });
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
  });
});

/** Polls a condition on the event loop (no timing assumptions: it waits as long as the test may). */
async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
