import { cleanRelativePath, joinUrlFragments, matchRoute, PluginRoute, readRoutes } from './routes';

const token = [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.token }}' }];

describe('cleanRelativePath', () => {
  it.each([
    ['api/v1/nodes/', 'api/v1/nodes'],
    ['/apis', 'apis'],
    ['api/../version', 'version'],
    ['', '.'],
    ['/', '.'],
  ])('%j -> %j', (input, expected) => {
    expect(cleanRelativePath(input)).toBe(expected);
  });
});

describe('matchRoute', () => {
  const routes: PluginRoute[] = [
    { path: 'api', method: 'GET', headers: token },
    { path: 'apis', method: 'GET', headers: [{ name: 'X-Second', content: 'b' }] },
    { path: 'write', method: 'POST, PUT' },
    { path: 'any', method: '*' },
  ];

  it('the first route whose path is a string prefix wins, so "api" also matches apis/...', () => {
    const m = matchRoute(routes, 'GET', 'apis/metrics.k8s.io/v1beta1/nodes');
    expect(m).toEqual({ kind: 'route', route: routes[0] });
  });

  it('a comma-separated method list allows each listed method', () => {
    expect(matchRoute(routes, 'PUT', 'write/x').kind).toBe('route');
    expect(matchRoute(routes, 'post', 'write/x').kind).toBe('route');
    expect(matchRoute(routes, 'GET', 'write/x').kind).toBe('denied');
  });

  it('"*" allows any method', () => {
    expect(matchRoute(routes, 'DELETE', 'any/thing').kind).toBe('route');
  });

  it('a covered path with a method no route allows is denied', () => {
    expect(matchRoute(routes, 'POST', 'api/v1/nodes')).toEqual({ kind: 'denied' });
  });

  it('a path no route covers matches nothing', () => {
    expect(matchRoute(routes, 'GET', 'healthz')).toEqual({ kind: 'none' });
  });

  it("reads our plugin.json's header-only GET routes for api, apis and version", () => {
    const ours = readRoutes(`${__dirname}/../../src/datasource/plugin.json`);
    for (const path of ['api/v1/nodes', 'apis/metrics.k8s.io/v1beta1/pods', 'version']) {
      const m = matchRoute(ours, 'GET', path);
      expect(m.kind).toBe('route');
      if (m.kind === 'route') {
        expect(m.route.url).toBeUndefined();
        expect(m.route.headers?.map((h) => h.name)).toEqual(['Authorization']);
      }
    }
  });
});

describe('joinUrlFragments', () => {
  it.each([
    ['/', 'api/v1', '/api/v1'],
    ['/k8s', 'api/v1', '/k8s/api/v1'],
    ['/k8s/', '/api', '/k8s/api'],
    ['/k8s', '', '/k8s'],
    ['', 'api/v1/nodes/', '/api/v1/nodes/'],
  ])('%j + %j = %j', (a, b, expected) => {
    expect(joinUrlFragments(a, b)).toBe(expected);
  });
});
