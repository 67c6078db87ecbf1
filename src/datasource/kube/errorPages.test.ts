import { lastValueFrom, of } from 'rxjs';

import { KubeClient } from './client';
import { describeKubeError, kubeErrorFromResponse, toKubeError } from './errors';
import { okResponse } from './testFetch';

// What a load balancer, an ingress or an SSO proxy in front of the API server answers, as Grafana hands it on:
// backendSrv wraps a text body as {message, error: statusText, response}.
const wrapped = (text: string, statusText: string) => ({ message: text, error: statusText, response: text });
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const HAPROXY_503 =
  '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n';
const GFE_502 =
  '<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error 502 (Server Error)!!1</title>' +
  '<style>*{margin:0;padding:0}html{background:#fff}</style><a href=//www.google.com/><span id=logo></span></a>' +
  '<p><b>502.</b> <ins>That’s an error.</ins><p>The server encountered a temporary error and could not complete ' +
  'your request.<p>Please try again in 30 seconds. <ins>That’s all we know.</ins>';

describe('an HTML page in place of a Status', () => {
  it('nginx 502: names the front and the status, quotes no markup', () => {
    const err = kubeErrorFromResponse(
      502,
      wrapped(NGINX_502, 'Bad Gateway'),
      '/api/v1/nodes',
      undefined,
      'Bad Gateway'
    );
    expect(err).toMatchObject({ kind: 'serverError', status: 502, path: '/api/v1/nodes' });
    expect(err.message).toBe("The API server's front (nginx) answered 502 Bad Gateway");
    expect(err.remedy).toMatch(/backend/);
    expect(describeKubeError(err)).not.toMatch(/[<>]/);
  });

  it('HAProxy 503 without a server name: a proxy, the status and its sentence; unavailable, so it is retried', () => {
    const err = kubeErrorFromResponse(503, HAPROXY_503, '/api/v1/pods');
    expect(err).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(err.message).toBe(
      'A proxy in front of the API server answered 503 Service Unavailable: No server is available to handle this request.'
    );
    expect(err.remedy).toMatch(/rollout/);
  });

  it('an HTML 503 on metrics.k8s.io is the proxy, not metrics-server', () => {
    expect(kubeErrorFromResponse(503, HAPROXY_503, '/apis/metrics.k8s.io/v1beta1/nodes').kind).toBe('unavailable');
  });

  it('a heading that says more than the status is kept, before the first line', () => {
    const err = kubeErrorFromResponse(502, GFE_502, '/version', { Server: 'GFE/2.0' }, '');
    expect(err.message).toBe(
      "The API server's front (GFE/2.0) answered 502 Bad Gateway: Error 502 (Server Error)!!1: 502. That’s an error."
    );
  });

  it.each([
    [400, 'badRequest'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [429, 'tooManyRequests'],
    [500, 'serverError'],
    [504, 'timeout'],
    [418, 'unknown'],
  ])('an HTML %i keeps the kind of its status (%s)', (code, kind) => {
    const page = `<html><head><title>${code} Oops</title></head><body><h1>${code} Oops</h1><p>Go away.</p></body></html>`;
    const err = kubeErrorFromResponse(code, page, '/api/v1/pods');
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(new RegExp(`answered ${code}.*: Go away\\.$`));
  });

  it('an HTML 401 from an SSO proxy is still a credentials problem', () => {
    expect(kubeErrorFromResponse(401, '<html><body>Sign in</body></html>', '/version').kind).toBe('unauthorized');
  });

  it('an HTML 429 or 503 still carries Retry-After for the retry', () => {
    const err = kubeErrorFromResponse(429, '<html><body>slow down</body></html>', '/api', { 'Retry-After': '2' });
    expect(err).toMatchObject({ kind: 'tooManyRequests', retryAfterSeconds: 2 });
  });

  it('through toKubeError, with the FetchError’s status text', () => {
    const err = toKubeError(
      { status: 502, statusText: 'Bad Gateway', data: wrapped(NGINX_502, 'Bad Gateway'), config: { url: '/x' } },
      '/api/v1/nodes'
    );
    expect(err.message).toBe("The API server's front (nginx) answered 502 Bad Gateway");
  });
});

describe('an oversized body', () => {
  it('plain text over 2 KB is cut to its first line', () => {
    const body = `etcdserver: request timed out\n${'trace line\n'.repeat(500)}`;
    const err = kubeErrorFromResponse(500, body, '/api/v1/pods');
    expect(err.kind).toBe('serverError');
    expect(err.message).toBe('The API server failed (500): etcdserver: request timed out');
  });

  it('a single huge line is cut at 200 characters', () => {
    const err = kubeErrorFromResponse(500, 'x'.repeat(5000), '/api/v1/pods');
    expect(err.message.length).toBeLessThan(260);
    expect(err.message.endsWith('…')).toBe(true);
  });

  it('a Status keeps its whole message, however long', () => {
    const message = `Internal error occurred: ${'cause; '.repeat(400)}`.trim();
    const body = { kind: 'Status', status: 'Failure', reason: 'InternalError', code: 500, message };
    expect(kubeErrorFromResponse(500, JSON.stringify(body), '/api/v1/pods').message).toContain(message);
  });

  it('a short plain text is quoted as before', () => {
    expect(kubeErrorFromResponse(500, 'etcd down', '/api/v1/pods').message).toBe(
      'The API server failed (500): etcd down'
    );
  });
});

describe('a page where JSON belongs (200)', () => {
  it('says it is a web page and which, rather than where the parser stopped', async () => {
    const page =
      '<!doctype html><html><head><title>Sign in – Example SSO</title></head><body><form></form></body></html>';
    const client = new KubeClient({ baseUrl: '/api/datasources/proxy/uid/k', fetch: () => of(okResponse(page)) });
    const err = await lastValueFrom(client.getJson('/api/v1/nodes')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'malformed', path: '/api/v1/nodes' });
    expect((err as Error).message).toBe(
      'The response from /api/v1/nodes is not valid JSON: it is a web page (Sign in – Example SSO)'
    );
  });
});
