/**
 * The bits of Go's net/url (and Grafana's util.JoinURLFragments) that decide which path and query the data
 * proxy sends upstream. Node's URL class would resolve `.`/`..` segments and re-encode, which Go does not.
 */

const HEX = /^[0-9A-Fa-f]{2}$/;
// bytes Go leaves unescaped in a path (shouldEscape with encodePath): unreserved plus $&+,/:;=@
const PATH_SAFE = /[A-Za-z0-9\-_.~$&+,/:;=@]/;
// validEncoded also accepts these as they are in a RawPath
const RAW_PATH_EXTRA = /[!'()*[\]%]/;

/** Go's url.PathUnescape; throws on a malformed escape as Go returns an error. */
export function pathUnescape(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!HEX.test(hex)) {
        throw new URIError(`invalid URL escape "${raw.slice(i, i + 3)}"`);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(raw[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function escapePath(path: string): string {
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && PATH_SAFE.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function validEncoded(raw: string): boolean {
  return [...raw].every((ch) => PATH_SAFE.test(ch) || RAW_PATH_EXTRA.test(ch));
}

/**
 * Go's URL.EscapedPath: what goes on the wire. The RawPath when it is a valid encoding of Path (so `%2F` stays
 * `%2F`), otherwise Path escaped afresh (e.g. after ApplyRoute replaced Path).
 */
export function escapedPath(path: string, rawPath: string): string {
  if (rawPath !== '' && validEncoded(rawPath)) {
    try {
      if (pathUnescape(rawPath) === path) {
        return rawPath;
      }
    } catch {
      // fall through to escaping Path
    }
  }
  return escapePath(path);
}

/** Go's util.JoinURLFragments. */
export function joinUrlFragments(a: string, b: string): string {
  if (b.length === 0) {
    return a;
  }
  const aSlash = a.endsWith('/');
  const bSlash = b.startsWith('/');
  if (aSlash && bSlash) {
    return a + b.slice(1);
  }
  if (!aSlash && !bSlash) {
    return `${a}/${b}`;
  }
  return a + b;
}

function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function queryUnescape(s: string): string {
  return pathUnescape(s.replace(/\+/g, ' '));
}

/**
 * ApplyRoute's addQueryString: Go parses the query (req.URL.Query()), adds the route's params and re-encodes it
 * with Values.Encode, which sorts by key. Without params the raw query is left as it came.
 */
export function addQueryParams(rawQuery: string, params: Array<[string, string]>): string {
  if (params.length === 0) {
    return rawQuery;
  }
  const values = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '' || part.includes(';')) {
      continue; // Go drops pairs with a semicolon (and logs it)
    }
    const eq = part.indexOf('=');
    try {
      const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : queryUnescape(part.slice(eq + 1));
      values.set(key, [...(values.get(key) ?? []), value]);
    } catch {
      // Go skips a pair it cannot unescape
    }
  }
  for (const [key, value] of params) {
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return [...values.keys()]
    .sort()
    .flatMap((key) => values.get(key)!.map((v) => `${queryEscape(key)}=${queryEscape(v)}`))
    .join('&');
}
