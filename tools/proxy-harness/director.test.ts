/** @jest-environment node */
import type { FetchResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { createProxyHarness, HarnessOptions } from './index';
import { ourRoutes, pluginJsonWithRoutes } from './testPlugin';
import { sendJson, startTestServer, TestServer } from './testServer';

/*
 * Where a request goes and what it carries: pkg/api/pluginproxy/ds_proxy.go director (RawPath from the raw
 * proxy path, X-DS-Authorization, cookies, User-Agent), ds_auth_provider.go ApplyRoute (route url, urlParams,
 * headers), and pkg/util/proxyutil/reverse_proxy.go modifyResponse (Set-Cookie, CSP). Grafana 12.4 and 13.
 */

type Echo = { url: string; headers: Record<string, string> };

let api: TestServer;
let other: TestServer;
const custom = pluginJsonWithRoutes([
  {
    path: 'metrics',
    method: 'GET',
    url: '{{ .JsonData.metricsUrl }}/prefix',
    urlParams: [{ name: 'cluster', content: '{{ .JsonData.clusterName }}' }],
    headers: [{ name: 'X-Route', content: 'metrics' }],
  },
  { path: 'self', method: 'GET', url: '{{ .URL }}/via-template' },
  { path: 'broken', method: 'GET', url: 'http://[broken', headers: [{ name: 'X-Route', content: 'broken' }] },
  { path: 'version', method: 'GET', headers: ourRoutes().find((r) => r.path === 'version')!.headers },
]);

beforeAll(async () => {
  const echo = (name: string) => (req: import('http').IncomingMessage, res: import('http').ServerResponse) =>
    sendJson(res, 200, { url: req.url, headers: req.headers }, { 'x-served-by': name, 'set-cookie': 'sid=1' });
  api = await startTestServer(echo('api'));
  other = await startTestServer(echo('other'));
});

afterAll(async () => {
  await api.close();
  await other.close();
  custom.remove();
});

async function send(path: string, opts: Partial<HarnessOptions> = {}, headers: Record<string, string> = {}) {
  const h = createProxyHarness({ url: api.url, secureJsonData: { token: 'sa' }, ...opts });
  const res = (await lastValueFrom(
    h.fetch({ url: `${h.baseUrl}/${path}`, headers, responseType: 'json' })
  )) as FetchResponse<Echo>;
  return { res, seen: res.data, h };
}

describe('the upstream path (director: RawPath, PathUnescape, EscapedPath)', () => {
  it('sends the raw proxy path: %2F stays escaped', async () => {
    const { seen } = await send('api%2Fv1%2Fpods');
    expect(seen.url).toBe('/api%2Fv1%2Fpods');
  });

  it('does not resolve dot segments: Go sends ./api/../version as it came (the route matched the cleaned path)', async () => {
    const { seen } = await send('./api/../version');
    expect(seen.url).toBe('/./api/../version');
    expect(seen.headers.authorization).toBe('Bearer sa');
  });

  it('keeps the query as the browser sent it', async () => {
    const { seen } = await send('api/v1/pods?labelSelector=app%3Dweb&limit=2');
    expect(seen.url).toBe('/api/v1/pods?labelSelector=app%3Dweb&limit=2');
  });
});

describe('the headers (director)', () => {
  it("turns the caller's Authorization into X-DS-Authorization, which the director makes Authorization", async () => {
    const { seen } = await send('api/v1/pods', { pluginJsonPath: custom.path }, { Authorization: 'Bearer caller' });
    expect(seen.headers.authorization).toBe('Bearer caller');
    expect(seen.headers).not.toHaveProperty('x-ds-authorization');
  });

  it("lets a route's Authorization replace the caller's", async () => {
    const { seen } = await send('version', {}, { Authorization: 'Bearer caller' });
    expect(seen.headers.authorization).toBe('Bearer sa');
  });

  it('drops cookies unless jsonData.keepCookies names them, and never sends the Grafana session', async () => {
    const cookie = { cookie: 'grafana_session=s3cret; keep=1; other=2' };
    expect((await send('version', {}, cookie)).seen.headers).not.toHaveProperty('cookie');
    const keep = { jsonData: { keepCookies: ['keep', 'grafana_session'] } as never };
    expect((await send('version', keep, cookie)).seen.headers.cookie).toBe('keep=1');
  });

  it("sets Grafana's User-Agent", async () => {
    expect((await send('version')).seen.headers['user-agent']).toMatch(/^Grafana\//);
  });
});

describe('a route url (ApplyRoute)', () => {
  it('sends the request to the route url, with the rest of the path, its query params and headers', async () => {
    const { res, seen, h } = await send('metrics/x/y?b=1', {
      pluginJsonPath: custom.path,
      jsonData: { metricsUrl: other.url, clusterName: 'eu 1' } as never,
    });
    expect(res.headers.get('x-served-by')).toBe('other');
    expect(seen.url).toBe('/prefix/x/y?b=1&cluster=eu+1');
    expect(seen.headers['x-route']).toBe('metrics');
    expect(h.requests[0].url).toBe(`${other.url}/prefix/x/y?b=1&cluster=eu+1`);
  });

  it('reads {{ .URL }}: the data source URL', async () => {
    const { seen } = await send('self/z', { pluginJsonPath: custom.path });
    expect(seen.url).toBe('/via-template/z');
  });

  it('leaves the request going to the data source, without route headers, when the url does not parse', async () => {
    const { res, seen } = await send('broken/z', { pluginJsonPath: custom.path });
    expect(res.headers.get('x-served-by')).toBe('api');
    expect(seen.url).toBe('/broken/z');
    expect(seen.headers).not.toHaveProperty('x-route');
  });
});

describe('the response (proxyutil modifyResponse)', () => {
  it('drops Set-Cookie and adds Content-Security-Policy: sandbox', async () => {
    const { res } = await send('version');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('x-served-by')).toBe('api');
  });
});
