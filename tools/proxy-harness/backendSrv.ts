import type { BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

import type { UpstreamResponse } from './upstream';

/** A `Headers` where the platform has one (Node 18+), else a small stand-in with the read methods. */
function toHeaders(flat: Record<string, string>): Headers {
  if (typeof Headers !== 'undefined') {
    return new Headers(flat);
  }
  const lower = new Map(Object.entries(flat).map(([k, v]) => [k.toLowerCase(), v]));
  const stand = {
    get: (name: string) => lower.get(name.toLowerCase()) ?? null,
    has: (name: string) => lower.has(name.toLowerCase()),
    forEach: (cb: (value: string, key: string) => void) => lower.forEach((v, k) => cb(v, k)),
  };
  return stand as unknown as Headers;
}

function isJsonContentType(headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return /application\/(.+\+)?json/i.test(type);
}

/** backendSrv's parseResponseBody: json parses (and throws on bad JSON), text stays text, none guesses. */
function parseBody(res: UpstreamResponse, responseType: BackendSrvRequest['responseType']): unknown {
  const type = responseType ?? (isJsonContentType(res.headers) ? 'json' : undefined);
  switch (type) {
    case 'json':
      // an empty body declared with Content-Length 0 becomes {} rather than a parse error
      if (res.headers['content-length'] === '0') {
        return {};
      }
      return JSON.parse(res.body);
    case 'text':
      return res.body;
    case 'arraybuffer':
    case 'blob':
      throw new Error(`proxy harness: responseType ${type} is not supported`);
    default:
      try {
        return JSON.parse(res.body);
      } catch {
        return res.body;
      }
  }
}

/** backendSrv's processRequestError: `data` always becomes an object with a message. */
function processRequestError(err: FetchError): FetchError {
  let data = err.data ?? { message: 'Unexpected error' };
  if (typeof data === 'string') {
    data = { message: data, error: err.statusText, response: data };
  }
  if (data && !data.message && typeof data.error === 'string') {
    data.message = data.error;
  }
  err.data = data;
  return err;
}

/**
 * What `getBackendSrv().fetch` hands the caller for a response Grafana sent: a FetchResponse for 2xx,
 * a thrown FetchError-shaped object otherwise; a body that does not parse as asked throws the parse error
 * (a SyntaxError carrying `data`, as backendSrv leaves it).
 */
export function toFetchResult(res: UpstreamResponse, config: BackendSrvRequest, url: string): FetchResponse<unknown> {
  let data: unknown;
  try {
    data = parseBody(res, config.responseType);
  } catch (err) {
    if (err instanceof Error) {
      Object.assign(err, { data: { message: 'Unexpected error' } });
    }
    throw err;
  }
  const ok = res.status >= 200 && res.status < 300;
  if (!ok) {
    throw processRequestError({ status: res.status, statusText: res.statusText, data, config });
  }
  return {
    data,
    status: res.status,
    statusText: res.statusText,
    ok,
    headers: toHeaders(res.headers),
    redirected: false,
    type: 'basic',
    url,
    config,
  };
}
