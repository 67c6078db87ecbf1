/**
 * List options checked the way kube-apiserver checks them, in its order:
 * 1. the handler's ValidateListOptions (apimachinery pkg/apis/meta/internalversion/validation): 422
 *    `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: …`;
 * 2. where the list is served: from etcd for a continue token, a limit with a resourceVersion other than
 *    "0", or resourceVersionMatch=Exact (the cacher's shouldDelegateList), else from the watch cache;
 * 3. etcd (apiserver pkg/storage ValidateListOptions, DecodeContinue): a malformed continue token is 400
 *    `invalid continue token: continue key is not valid…`; a resourceVersion next to a continue token is
 *    400; a malformed resourceVersion is 400 `invalid resource version: …`; a token or an exact
 *    resourceVersion older than the last compaction is 410 Expired (storage/etcd3 errors.go), a token with
 *    a fresh one to resume from;
 * 4. the watch cache parses the resourceVersion itself and its error is not an API status, so a malformed
 *    one there is a 500 with no reason (kubernetes issues #101350, #139485).
 * The sim's etcd keeps only the current revision: listResourceVersion() moves on with
 * faults.expireContinueTokens(), which plays a compaction.
 */
import { type Reply, statusReply } from '../server/routesCommon';
import { type StatusBody, INCONSISTENT_CONTINUE, badRequest, expired, invalidQualified, status } from './status';

export interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export const EXPIRED_LIST = 'The resourceVersion for the provided list is too old.';

export function encodeContinue(rv: number, startKey: string): string {
  // storage.EncodeContinue: unpadded base64url of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${startKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** Go's path.Clean for an absolute path */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      out.pop();
    } else {
      out.push(part);
    }
  }
  return `/${out.join('/')}`;
}

const INVALID_KEY = 'continue key is not valid';

/** storage.DecodeContinue; the error text is what follows "invalid continue token: " */
export function decodeContinue(s: string): { ok: true; token: ContinueToken } | { ok: false; error: string } {
  // base64.RawURLEncoding: the URL alphabet, no padding, no stray characters
  const bad = /[^A-Za-z0-9_-]/.exec(s);
  if (bad || s.length % 4 === 1) {
    const at = bad ? bad.index : s.length - 1;
    return { ok: false, error: `${INVALID_KEY}: illegal base64 data at input byte ${at}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: `${INVALID_KEY}: invalid character looking for beginning of value` };
  }
  const t = (parsed ?? {}) as Record<string, unknown>;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      error: `${INVALID_KEY}: json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value of type storage.continueToken`,
    };
  }
  for (const [field, type] of [
    ['v', 'string'],
    ['rv', 'number'],
    ['start', 'string'],
  ] as const) {
    if (t[field] !== undefined && t[field] !== null && typeof t[field] !== type) {
      const goType = field === 'rv' ? 'int64' : 'string';
      return {
        ok: false,
        error: `${INVALID_KEY}: json: cannot unmarshal ${typeof t[field]} into Go struct field continueToken.${field} of type ${goType}`,
      };
    }
  }
  const v = typeof t.v === 'string' ? t.v : '';
  const rv = typeof t.rv === 'number' ? t.rv : 0;
  const start = typeof t.start === 'string' ? t.start : '';
  if (v !== 'meta.k8s.io/v1') {
    return { ok: false, error: `${INVALID_KEY}: server does not recognize this encoded version ${v}` };
  }
  if (rv === 0) {
    return { ok: false, error: `${INVALID_KEY}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)` };
  }
  if (start === '') {
    return { ok: false, error: `${INVALID_KEY}: encoded start key empty (version meta.k8s.io/v1)` };
  }
  const key = start.startsWith('/') ? start : `/${start}`;
  if (cleanPath(key) !== key) {
    return { ok: false, error: `${INVALID_KEY}: ${start}` };
  }
  return { ok: true, token: { v, rv, start } };
}

/** storage.APIObjectVersioner.ParseResourceVersion's error, a field.Invalid on resourceVersion */
function rvError(raw: string): string | undefined {
  if (raw === '' || raw === '0' || /^\d+$/.test(raw)) {
    return undefined;
  }
  return `resourceVersion: Invalid value: "${raw}": strconv.ParseUint: parsing "${raw}": invalid syntax`;
}

/** what the list handler does with limit, continue, resourceVersion and resourceVersionMatch */
export interface ListPlan {
  limit: number;
  /** the key to resume after, from a valid current continue token */
  startKey?: string;
}

function fail(s: StatusBody): { ok: false; reply: Reply } {
  return { ok: false, reply: statusReply(s) };
}

export function planList(
  query: URLSearchParams,
  currentRv: number
): { ok: true; plan: ListPlan } | { ok: false; reply: Reply } {
  const limitRaw = query.get('limit');
  let limit = 0;
  if (limitRaw !== null && limitRaw !== '') {
    if (!/^-?\d+$/.test(limitRaw)) {
      return fail(badRequest(`strconv.ParseInt: parsing "${limitRaw}": invalid syntax`));
    }
    limit = Math.max(0, Number(limitRaw));
  }
  const rv = query.get('resourceVersion') ?? '';
  const match = query.get('resourceVersionMatch') ?? '';
  const cont = query.get('continue') ?? '';

  const errs: Array<{ field: string; type: string; body: string }> = [];
  if (match !== '') {
    const forbidden = (body: string) =>
      errs.push({ field: 'resourceVersionMatch', type: 'FieldValueForbidden', body: `Forbidden: ${body}` });
    if (rv === '') {
      forbidden('resourceVersionMatch is forbidden unless resourceVersion is provided');
    }
    if (cont !== '') {
      forbidden('resourceVersionMatch is forbidden when continue is provided');
    }
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      errs.push({
        field: 'resourceVersionMatch',
        type: 'FieldValueNotSupported',
        body: `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`,
      });
    }
    if (match === 'Exact' && rv === '0') {
      forbidden('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    }
  }
  if (errs.length) {
    return fail(invalidQualified('meta.k8s.io', 'ListOptions', '', errs));
  }

  const fromEtcd = cont !== '' || (limit > 0 && rv !== '0') || match === 'Exact';
  if (!fromEtcd) {
    const e = rvError(rv);
    return e ? fail(status(500, '', e)) : { ok: true, plan: { limit } };
  }
  if (cont !== '') {
    const decoded = decodeContinue(cont);
    if (!decoded.ok) {
      return fail(badRequest(`invalid continue token: ${decoded.error}`));
    }
    if (rv !== '' && rv !== '0') {
      return fail(badRequest('specifying resource version is not allowed when using continue'));
    }
    const { token } = decoded;
    if (token.rv !== currentRv && token.rv !== -1) {
      // compacted: resume after the same key at the current revision (rv -1), as the apiserver offers
      return fail(expired(INCONSISTENT_CONTINUE, encodeContinue(-1, token.start.replace(/\u0000$/, ''))));
    }
    return { ok: true, plan: { limit, startKey: token.start } };
  }
  const e = rvError(rv);
  if (e) {
    return fail(badRequest(`invalid resource version: ${e}`));
  }
  // an exact read of a revision etcd has compacted away
  const exact = match === 'Exact' || (match === '' && rv !== '' && rv !== '0');
  if (exact && Number(rv) < currentRv) {
    return fail(expired(EXPIRED_LIST));
  }
  return { ok: true, plan: { limit } };
}
