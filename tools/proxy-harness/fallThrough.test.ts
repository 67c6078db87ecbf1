/** @jest-environment node */
import type { FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { KubeSim, startKubeSim } from '../kube-sim';
import { createProxyHarness, HarnessOptions } from './index';
import { ourRoutes, pluginJsonWithRoutes } from './testPlugin';
import { sendJson, startTestServer, TestServer } from './testServer';

/*
 * A request no route matches is still proxied (pkg/api/pluginproxy/ds_proxy.go validateRequest returns nil),
 * to the data source URL and without any route's headers (director only calls ApplyRoute for a matched route),
 * but with the data source's TLS transport (HandleRequest GetHTTPTransport) and OAuth pass-through (director).
 * Our plugin.json has a catch-all route, so these tests use a plugin.json whose only route is GET version.
 */

const tokenHeader = ourRoutes().find((r) => r.path === 'version')!.headers!;
const plugin = pluginJsonWithRoutes([
  { path: 'version', method: 'GET', headers: [...tokenHeader, { name: 'X-Route', content: 'version' }] },
]);

let certSim: KubeSim;
let echo: TestServer;

beforeAll(async () => {
  certSim = await startKubeSim({ nodes: 2, podsPerNode: 2, clientCertAuth: true });
  echo = await startTestServer((req, res) => sendJson(res, 200, { url: req.url, headers: req.headers }));
});

afterAll(async () => {
  await certSim.stop();
  await echo.close();
  plugin.remove();
});

const get = (opts: HarnessOptions, path: string) => {
  const h = createProxyHarness({ pluginJsonPath: plugin.path, ...opts });
  // text, as our client asks: a 400 "Authentication to data source failed" is not JSON
  const answer = lastValueFrom(h.fetch({ url: `${h.baseUrl}/${path}`, responseType: 'text' })).then(
    (res: FetchResponse<unknown>) => ({ status: res.status, data: JSON.parse(res.data as string) }),
    (err: FetchError) => ({ status: err.status, data: err.data as Record<string, unknown> })
  );
  return { h, answer };
};

describe('a request no route matches (ds_proxy.go validateRequest, director)', () => {
  it('reaches the API server with the client certificate, and no route header', async () => {
    const secure = { tlsCACert: certSim.caCert, tlsClientCert: certSim.clientCert, tlsClientKey: certSim.clientKey };
    const withCert = get(
      { url: certSim.url, jsonData: { tlsAuth: true, tlsAuthWithCACert: true }, secureJsonData: secure },
      'api/v1/namespaces'
    );
    expect(await withCert.answer).toMatchObject({ status: 200, data: { kind: 'NamespaceList' } });
    expect(withCert.h.requests[0].headers['x-route']).toBeUndefined();
    expect(withCert.h.requests[0].headers.authorization).toBeUndefined();
    // the same data source without tlsAuth: the API server sees an anonymous request (401, shown as 400)
    const withoutCert = get({ url: certSim.url, jsonData: { tlsAuthWithCACert: true }, secureJsonData: secure }, 'api');
    expect(await withoutCert.answer).toMatchObject({
      status: 400,
      data: { message: 'Authentication to data source failed' },
    });
  });

  it("carries the user's OAuth token and ID token, and no route header", async () => {
    const { answer } = get(
      {
        url: echo.url,
        jsonData: { oauthPassThru: true },
        oauth: { accessToken: 'user-access', idToken: 'user-id', tokenType: 'bearer' },
      },
      'api/v1/nodes'
    );
    const { data } = await answer;
    expect(data.url).toBe('/api/v1/nodes');
    expect(data.headers).toMatchObject({ authorization: 'Bearer user-access', 'x-id-token': 'user-id' });
    expect(data.headers).not.toHaveProperty('x-route');
  });

  it('carries no credential at all for a user with no OAuth session', async () => {
    const { answer } = get(
      { url: echo.url, jsonData: { oauthPassThru: true }, secureJsonData: { token: 'sa' }, oauth: null },
      'api/v1/nodes'
    );
    const { data } = await answer;
    expect(data.headers).not.toHaveProperty('authorization');
    expect(data.headers).not.toHaveProperty('x-id-token');
  });
});

describe('a request a route matches (director: ApplyRoute, then OAuth)', () => {
  it('gets the route headers; the OAuth token then replaces the route Authorization', async () => {
    const { answer } = get(
      { url: echo.url, jsonData: { oauthPassThru: true }, oauth: { accessToken: 'user-access' } },
      'version'
    );
    const { data } = await answer;
    expect(data.headers).toMatchObject({ 'x-route': 'version', authorization: 'Bearer user-access' });
  });

  it('in OAuth mode without a session, the route sends an empty Authorization, never the stored token', async () => {
    const { answer } = get(
      { url: echo.url, jsonData: { oauthPassThru: true }, secureJsonData: { token: 'sa' }, oauth: null },
      'version'
    );
    expect((await answer).data.headers).toMatchObject({ 'x-route': 'version', authorization: '' });
  });
});
