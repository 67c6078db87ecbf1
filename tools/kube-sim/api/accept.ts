/**
 * Content negotiation on the Accept header, as kube-apiserver's negotiation does it: the media types in
 * the client's order (highest q first), each with its parameters; the first one the server can produce
 * wins. kubectl asks for a Table with JSON as the fallback, and client-go for aggregated discovery:
 *   application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json
 *   application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,…;v=v2beta1;…,application/json
 */

export interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) {
    return [];
  }
  const ranges = header.split(',').map((part, index) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) {
        params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
    }
    const q = params.q !== undefined ? Number(params.q) : 1;
    delete params.q;
    return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
  });
  // a stable sort by q keeps the client's order among equals
  return ranges
    .filter((r) => r.q > 0 && r.type !== '')
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ type, params, q }) => ({ type, params, q }));
}

function isJson(r: MediaRange): boolean {
  return r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*';
}

/** a plain JSON object (no `as=`), which every endpoint can produce */
function isPlainJson(r: MediaRange): boolean {
  return isJson(r) && r.params.as === undefined;
}

export type ListRepresentation = { kind: 'json' } | { kind: 'table'; version: 'v1' | 'v1beta1' } | { kind: 'none' };

/**
 * What a GET of an object or a list answers with: a meta.k8s.io Table (v1 or v1beta1) when asked for
 * first, else plain JSON. `none` when nothing acceptable is listed (kube-apiserver's 406).
 */
export function listRepresentation(header: string | undefined): ListRepresentation {
  const ranges = parseAccept(header);
  if (ranges.length === 0) {
    return { kind: 'json' };
  }
  for (const r of ranges) {
    if (isPlainJson(r)) {
      return { kind: 'json' };
    }
    if (isJson(r) && r.params.as === 'Table' && r.params.g === 'meta.k8s.io') {
      if (r.params.v === 'v1' || r.params.v === 'v1beta1') {
        return { kind: 'table', version: r.params.v };
      }
    }
  }
  // protobuf and YAML are what a real server also offers; the sim answers JSON to any other plain type
  return ranges.some((r) => r.params.as === undefined) ? { kind: 'json' } : { kind: 'none' };
}

/** apidiscovery.k8s.io v2 or v2beta1 when the client asks for aggregated discovery before plain JSON */
export function aggregatedDiscoveryVersion(header: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const r of parseAccept(header)) {
    if (isPlainJson(r)) {
      return undefined;
    }
    if (
      isJson(r) &&
      r.params.g === 'apidiscovery.k8s.io' &&
      r.params.as === 'APIGroupDiscoveryList' &&
      (r.params.v === 'v2' || r.params.v === 'v2beta1')
    ) {
      return r.params.v;
    }
  }
  return undefined;
}
