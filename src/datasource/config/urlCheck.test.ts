import { checkApiServerUrl } from './urlCheck';

describe('checkApiServerUrl', () => {
  it.each([
    ['https://kubernetes.default.svc'],
    ['https://10.0.0.1:6443'],
    ['https://[fd00::1]:6443'],
    // Rancher and other fronts serve a cluster under a path
    ['https://rancher.example.com/k8s/clusters/c-abc12'],
  ])('accepts %s', (url) => {
    expect(checkApiServerUrl(url)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['10.0.0.1:6443', /no scheme.*plain HTTP/],
    ['"https://10.0.0.1:6443"', /quotes/],
    ['https://10.0.0.1:6443 ', undefined],
    ['https://my cluster:6443', /spaces/],
    ['ftp://10.0.0.1', /not a scheme/],
    ['https://user:pw@10.0.0.1:6443', /user name or password/],
    ['https://10.0.0.1:6443/?x=1', /query string/],
    ['https://10.0.0.1:99999', /not a valid URL/],
  ])('says what is wrong with %j', (url, message) => {
    const problem = checkApiServerUrl(url);
    if (message === undefined) {
      expect(problem).toBeUndefined();
      return;
    }
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toMatch(message);
    expect(problem?.remedy.length).toBeGreaterThan(5);
  });

  it('suggests the https form of a URL without a scheme', () => {
    expect(checkApiServerUrl('10.0.0.1:6443')?.remedy).toContain('https://10.0.0.1:6443');
  });

  it('warns, without refusing, about plain HTTP across a network, but not on loopback (kubectl proxy)', () => {
    expect(checkApiServerUrl('http://10.0.0.1:8080')).toMatchObject({ severity: 'warning' });
    expect(checkApiServerUrl('http://127.0.0.1:8001')).toBeUndefined();
    expect(checkApiServerUrl('http://localhost:8001')).toBeUndefined();
  });
});
