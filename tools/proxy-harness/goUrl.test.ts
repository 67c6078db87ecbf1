import { addQueryParams, escapedPath, joinUrlFragments, pathUnescape } from './goUrl';

// Go's net/url as ds_proxy.go director uses it (RawPath, PathUnescape, EscapedPath), pkg/util JoinURLFragments,
// and ds_auth_provider.go ApplyRoute's addQueryString (utils.go).

describe('joinUrlFragments (pkg/util JoinURLFragments)', () => {
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

describe('pathUnescape (net/url PathUnescape)', () => {
  it('decodes escapes, %2F included, and leaves + alone', () => {
    expect(pathUnescape('/api%2Fv1%2Fpods')).toBe('/api/v1/pods');
    expect(pathUnescape('/a+b%20c%C3%A9')).toBe('/a+b cé');
  });

  it('fails on a malformed escape, as Go does', () => {
    expect(() => pathUnescape('/api/%zz')).toThrow(/invalid URL escape/);
    expect(() => pathUnescape('/api/%2')).toThrow(/invalid URL escape/);
  });
});

describe('escapedPath (net/url URL.EscapedPath): what goes on the wire', () => {
  it('keeps a RawPath that encodes Path: %2F stays %2F, dot segments stay', () => {
    expect(escapedPath('/api/v1/pods', '/api%2Fv1%2Fpods')).toBe('/api%2Fv1%2Fpods');
    expect(escapedPath('/./api/../version', '/./api/../version')).toBe('/./api/../version');
  });

  it('re-escapes Path when RawPath no longer matches it (ApplyRoute replaced Path)', () => {
    expect(escapedPath('/v1/a b', '/api/v1/a%20b')).toBe('/v1/a%20b');
    expect(escapedPath('/x%2Fy', '/api/x%2Fy')).toBe('/x%252Fy');
  });

  it('re-escapes when RawPath holds bytes that must be escaped', () => {
    expect(escapedPath('/a b', '/a b')).toBe('/a%20b');
  });
});

describe('addQueryParams (utils.go addQueryString)', () => {
  it('leaves the query as it came when the route has no params', () => {
    expect(addQueryParams('b=2&a=1&a=%2x', [])).toBe('b=2&a=1&a=%2x');
  });

  it('re-encodes with the params added, sorted by key as url.Values.Encode does', () => {
    expect(addQueryParams('zeta=1&alpha=a+b', [['api-version', '2024-01-01']])).toBe(
      'alpha=a+b&api-version=2024-01-01&zeta=1'
    );
  });
});
