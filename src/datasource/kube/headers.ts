/**
 * The response headers error decoding reads (Retry-After, Server). Grafana's FetchError carries no headers, so
 * through Grafana these are usually absent; test doubles and other fetches may pass either a plain record or a
 * `Headers`.
 */
export type ResponseHeaders = Record<string, string> | { get(name: string): string | null };

function isHeadersLike(headers: ResponseHeaders): headers is { get(name: string): string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/** A header's value, whatever the case of its name. */
export function headerValue(headers: ResponseHeaders | undefined, name: string): string | undefined {
  if (!headers) {
    return undefined;
  }
  if (isHeadersLike(headers)) {
    return headers.get(name) ?? undefined;
  }
  const lower = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/** The headers on an error object, if it has any we can read (FetchError has none; some doubles do). */
export function headersOf(err: unknown): ResponseHeaders | undefined {
  const headers = typeof err === 'object' && err !== null ? (err as { headers?: unknown }).headers : undefined;
  if (typeof headers !== 'object' || headers === null) {
    return undefined;
  }
  return headers as ResponseHeaders;
}

/**
 * Retry-After in whole seconds: delta-seconds, or an HTTP date counted from `nowMs` (a date in the past is 0).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  // an HTTP date has a clock time; without this check Date.parse reads "-3" as the year 3 BC
  const at = /\d{1,2}:\d{2}:\d{2}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
