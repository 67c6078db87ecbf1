import type { UpstreamResponse } from './upstream';

/** What Grafana's writeJSONErr / JsonApiErr send: `{"message": ...}` as JSON. */
export function grafanaJsonError(status: number, statusText: string, message: string): UpstreamResponse {
  const body = JSON.stringify({ message });
  return {
    status,
    statusText,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

/** Go's net/http server answer to a request URI it cannot parse (e.g. a bad % escape): the handler never runs. */
export function goBadRequest(): UpstreamResponse {
  const body = '400 Bad Request';
  return { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

const UNAUTHORIZED_TEXT = 'Authentication to data source failed';

/**
 * The reverse proxy's ModifyResponse: ds_proxy.go HandleRequest turns an upstream 401 into a 400 with a fixed
 * text (so the browser does not sign the user out), then proxyutil's modifyResponse drops Set-Cookie and sets
 * `Content-Security-Policy: sandbox` (pkg/util/proxyutil/reverse_proxy.go).
 */
export function modifyResponse(res: UpstreamResponse): UpstreamResponse {
  const sandbox = { 'content-security-policy': 'sandbox' };
  if (res.status === 401) {
    return {
      status: 400,
      statusText: 'Bad Request',
      // no Content-Type from Grafana: Go's server sniffs one from the text
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(UNAUTHORIZED_TEXT.length),
        ...sandbox,
      },
      body: UNAUTHORIZED_TEXT,
    };
  }
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'set-cookie'));
  return { ...res, headers: { ...headers, ...sandbox } };
}
