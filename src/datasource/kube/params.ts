export type KubeParams = Record<string, string | number | boolean | undefined>;

/** Query parameters without the undefined ones, keys sorted so equal requests look equal. */
export function cleanParams(params: KubeParams | undefined): Record<string, string | number | boolean> {
  const clean: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(params ?? {}).sort()) {
    const value = params![key];
    if (value !== undefined) {
      clean[key] = value;
    }
  }
  return clean;
}

/** One string per distinct GET: what coalescing and Grafana's requestId are keyed on. */
export function requestKey(
  as: 'json' | 'text',
  url: string,
  params: Record<string, string | number | boolean>
): string {
  const query = Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
  return `${as}:GET ${url}${query ? `?${query}` : ''}`;
}
