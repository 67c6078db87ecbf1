import { join } from 'path';

import { cleanRelativePath, hasAccessToRoute, matchRoute, PluginRoute, readRoutes } from './routes';
import type { HarnessUser } from './user';

// Each test models pkg/api/pluginproxy/ds_proxy.go (validateRequest, hasAccessToRoute) in Grafana 12.4 and 13.

const token = [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.token }}' }];
const viewer: HarnessUser = { role: 'Viewer' };
const editor: HarnessUser = { role: 'Editor' };
const admin: HarnessUser = { role: 'Admin' };
const ours = readRoutes(join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json'));

describe('cleanRelativePath (pkg/plugins CleanRelativePath)', () => {
  it.each([
    ['api/v1/nodes/', 'api/v1/nodes'],
    ['/apis', 'apis'],
    ['api/../version', 'version'],
    ['./api/../version', 'version'],
    ['../../api', 'api'],
    ['a//b', 'a/b'],
    ['api%2Fv1', 'api%2Fv1'],
    ['', '.'],
    ['/', '.'],
  ])('%j -> %j', (input, expected) => {
    expect(cleanRelativePath(input)).toBe(expected);
  });
});

describe('matchRoute (ds_proxy.go validateRequest)', () => {
  const routes: PluginRoute[] = [
    { path: 'api', method: 'GET', headers: token },
    { path: 'apis', method: 'GET', headers: [{ name: 'X-Second', content: 'b' }] },
    { path: 'write', method: 'POST, PUT' },
    { path: 'lower', method: 'post' },
    { path: 'any', method: '*' },
    { path: 'none' },
  ];

  it('takes the first route in plugin.json order whose cleaned path is a string prefix: "api" covers apis/...', () => {
    expect(matchRoute(routes, 'GET', 'apis/metrics.k8s.io/v1beta1/nodes')).toEqual({ kind: 'route', route: routes[0] });
  });

  it('compares the cleaned request path, so ./api/../version is "version" and x/../api/v1 is "api/v1"', () => {
    const r: PluginRoute[] = [
      { path: 'version', method: 'GET' },
      { path: 'api', method: 'GET' },
    ];
    expect(matchRoute(r, 'GET', './api/../version')).toEqual({ kind: 'route', route: r[0] });
    expect(matchRoute(r, 'GET', 'x/../api/v1')).toEqual({ kind: 'route', route: r[1] });
  });

  it('skips a route whose method differs by an exact, case-sensitive compare: no comma lists', () => {
    expect(matchRoute(routes, 'POST', 'write/x')).toEqual({ kind: 'none' });
    expect(matchRoute(routes, 'PUT', 'write/x')).toEqual({ kind: 'none' });
    expect(matchRoute(routes, 'POST, PUT', 'write/x').kind).toBe('route');
    expect(matchRoute(routes, 'POST', 'lower/x')).toEqual({ kind: 'none' });
    expect(matchRoute(routes, 'post', 'lower/x').kind).toBe('route');
  });

  it('"*" and an empty method match any method, made-up ones included', () => {
    expect(matchRoute(routes, 'FOO', 'any/thing')).toEqual({ kind: 'route', route: routes[4] });
    expect(matchRoute(routes, 'DELETE', 'none/thing')).toEqual({ kind: 'route', route: routes[5] });
  });

  it('a POST to a path only GET routes cover matches nothing (it is proxied without a route)', () => {
    expect(matchRoute(routes, 'POST', 'api/v1/nodes')).toEqual({ kind: 'none' });
    expect(matchRoute(routes, 'GET', 'healthz')).toEqual({ kind: 'none' });
  });

  it('the "." rule (grafana#116273): route "/" covers every path, the empty one included; "" and "." do not match "api"', () => {
    const r: PluginRoute[] = [
      { path: 'api', method: 'GET' },
      { path: '/', method: '*' },
    ];
    for (const p of ['', '/', '.', './', 'healthz', 'ap', 'x/../..']) {
      expect(matchRoute(r, 'GET', p)).toEqual({ kind: 'route', route: r[1] });
    }
    // a route path "." itself stays "." and only covers paths that clean to "." and are written "."
    const dot: PluginRoute[] = [{ path: '.', method: '*' }];
    expect(matchRoute(dot, 'GET', '.').kind).toBe('route');
    expect(matchRoute(dot, 'GET', '').kind).toBe('none');
    expect(matchRoute(dot, 'GET', 'api').kind).toBe('none');
  });

  it('checks access on the first matching route only: a denial is final, later routes are not tried', () => {
    const r: PluginRoute[] = [
      { path: 'api', method: 'POST', reqRole: 'Admin' },
      { path: 'api', method: '*' },
    ];
    expect(matchRoute(r, 'POST', 'api/v1/pods', editor)).toEqual({ kind: 'denied', route: r[0] });
    expect(matchRoute(r, 'POST', 'api/v1/pods', admin)).toEqual({ kind: 'route', route: r[0] });
    expect(matchRoute(r, 'PUT', 'api/v1/pods', viewer)).toEqual({ kind: 'route', route: r[1] });
  });
});

describe('hasAccessToRoute (ds_proxy.go)', () => {
  it('reqRole: Admin includes Editor includes Viewer; an unknown role name is not checked', () => {
    const editors: PluginRoute = { path: 'x', reqRole: 'Editor' };
    expect([viewer, editor, admin].map((u) => hasAccessToRoute(editors, u))).toEqual([false, true, true]);
    expect(hasAccessToRoute({ path: 'x', reqRole: 'Owner' }, viewer)).toBe(true);
  });

  it('reqAction is checked on its own, even beside a reqRole the user has', () => {
    const write: PluginRoute = { path: 'x', reqRole: 'Viewer', reqAction: 'datasources:write' };
    expect([viewer, editor, admin].map((u) => hasAccessToRoute(write, u))).toEqual([false, false, true]);
    const query: PluginRoute = { path: 'x', reqAction: 'datasources:query' };
    expect([viewer, editor, admin].map((u) => hasAccessToRoute(query, u))).toEqual([true, true, true]);
  });

  it('no basic role holds a plugin action; a user granted it does', () => {
    const plugin: PluginRoute = { path: 'x', reqAction: 'kubeglance-kubernetes-datasource.proxy:write' };
    expect([viewer, editor, admin].map((u) => hasAccessToRoute(plugin, u))).toEqual([false, false, false]);
    expect(hasAccessToRoute(plugin, { role: 'Viewer', permissions: [plugin.reqAction!] })).toBe(true);
  });
});

describe('our plugin.json route table, as validateRequest reads it', () => {
  const pathOf = (method: string, path: string, user = admin) => {
    const m = matchRoute(ours, method, path, user);
    return m.kind === 'none' ? 'none' : `${m.kind}:${m.route.method} ${m.route.path}`;
  };

  it('GETs under api, apis and version take the token routes', () => {
    expect(pathOf('GET', 'api/v1/nodes')).toBe('route:GET api');
    expect(pathOf('GET', 'apis/metrics.k8s.io/v1beta1/pods')).toBe('route:GET api');
    expect(pathOf('GET', 'version')).toBe('route:GET version');
  });

  it('the review POSTs take their own routes, for Admins only', () => {
    const review = 'apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    expect(pathOf('POST', review)).toBe(`route:POST ${review}`);
    expect(pathOf('POST', review, editor)).toBe(`denied:POST ${review}`);
  });

  it('everything else, any method, any role, ends on a refusal route', () => {
    expect(pathOf('POST', 'api/v1/namespaces/default/pods', admin)).toBe('denied:* api');
    expect(pathOf('DELETE', 'apis/apps/v1/namespaces/default/deployments/x', viewer)).toBe('denied:* api');
    expect(pathOf('GET', 'healthz')).toBe('denied:* /');
    expect(pathOf('GET', '')).toBe('denied:* /');
    expect(pathOf('patch', 'openapi/v2')).toBe('denied:* /');
  });
});
