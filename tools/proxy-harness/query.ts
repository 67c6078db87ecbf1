import type { BackendSrvRequest } from '@grafana/runtime';

/**
 * backendSrv's parseUrlFromOptions + serializeParams: undefined and empty values are dropped, arrays repeat
 * the key, everything is URI-encoded.
 */
export function urlWithParams(url: string, params: BackendSrvRequest['params']): string {
  if (!params) {
    return url;
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || (value !== null && (value as { length?: number }).length === 0)) {
      continue;
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  if (!parts.length) {
    return url;
  }
  return `${url}${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
