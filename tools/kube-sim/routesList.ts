/**
 * GET list / GET one for object resources: selectors, limit/continue paging with etcd-like continue
 * tokens, RBAC-style denials and NotFound, and lists streamed in chunks.
 */
import { type RouteContext, type Reply, json, statusReply } from './routesCommon';
import type { AnyResourceDef, NamedObject } from './routesResources';
import { sortedByKey, objectKey } from './clusterIndex';
import {
  matchFields,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
  FieldRequirement,
  LabelRequirement,
} from './selectors';
import { INCONSISTENT_CONTINUE, badRequest, expired, forbidden, notFound } from './status';
import { withKind } from './objects';

export function apiVersionOf(def: AnyResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** The list resourceVersion: moves on when tokens are expired, as after an etcd compaction. */
export function listResourceVersion(ctx: RouteContext): number {
  return (ctx.cluster.resourceVersion ?? 1_000_000) + ctx.faults.continueGeneration;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

export function encodeContinue(rv: number, startKey: string): string {
  // like apiserver's storage.EncodeContinue: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${startKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') {
      return undefined;
    }
    return t as ContinueToken;
  } catch {
    return undefined;
  }
}

/** first index whose key is >= key, in a list sorted by key */
function lowerBound(items: NamedObject[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (objectKey(items[mid]) < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export interface Selectors {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

export function parseSelectors(
  ctx: RouteContext,
  def: AnyResourceDef
): { ok: true; value: Selectors } | { ok: false; reply: Reply } {
  const labels = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  if (!labels.ok) {
    return { ok: false, reply: statusReply(badRequest(labels.message)) };
  }
  const fields = parseFieldSelector(ctx.query.get('fieldSelector') ?? '');
  if (!fields.ok) {
    return { ok: false, reply: statusReply(badRequest(fields.message)) };
  }
  for (const f of fields.value) {
    if (!(f.field in def.fields)) {
      const message = def.customFieldConversion
        ? `field label not supported: ${f.field}`
        : `"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
      return { ok: false, reply: statusReply(badRequest(message)) };
    }
  }
  return { ok: true, value: { labels: labels.value, fields: fields.value } };
}

export function denied(
  ctx: RouteContext,
  def: AnyResourceDef,
  verb: 'get' | 'list',
  namespace?: string,
  name?: string,
  subresource?: string
): Reply | undefined {
  if (!ctx.faults.isDenied(def.group, def.resource, subresource, verb, namespace)) {
    return undefined;
  }
  return statusReply(
    forbidden({ user: ctx.user, verb, group: def.group, resource: def.resource, subresource, namespace, name })
  );
}

const CHUNK = 256;

export function listResource(ctx: RouteContext, def: AnyResourceDef, namespace?: string): Reply {
  const deny = denied(ctx, def, 'list', namespace);
  if (deny) {
    return deny;
  }
  const sel = parseSelectors(ctx, def);
  if (!sel.ok) {
    return sel.reply;
  }
  const { labels, fields } = sel.value;
  const limitRaw = ctx.query.get('limit');
  let limit = 0;
  if (limitRaw !== null && limitRaw !== '') {
    if (!/^-?\d+$/.test(limitRaw)) {
      return statusReply(badRequest(`strconv.ParseInt: parsing "${limitRaw}": invalid syntax`));
    }
    limit = Math.max(0, Number(limitRaw));
  }
  const rv = listResourceVersion(ctx);
  const all = sortedByKey(def.items(ctx.cluster) as NamedObject[]);
  let from = 0;
  let to = all.length;
  if (namespace !== undefined && def.namespaced) {
    from = lowerBound(all, `${namespace}/`);
    to = lowerBound(all, `${namespace}0`); // '0' follows '/' in ASCII: the end of the namespace's range
  }
  const cont = ctx.query.get('continue');
  if (cont) {
    const token = decodeContinue(cont);
    if (!token || (token.rv !== rv && token.rv !== -1)) {
      // hand out a token that resumes after the same key at the current revision, as the apiserver does
      const resume = token ? encodeContinue(-1, token.start.replace(/\u0000$/, '')) : undefined;
      return statusReply(expired(INCONSISTENT_CONTINUE, resume));
    }
    from = Math.max(from, lowerBound(all, token.start));
  }
  const filtered = labels.length > 0 || fields.length > 0;
  const matches = (it: NamedObject) =>
    (labels.length === 0 || matchLabels(labels, def.labels(it))) &&
    (fields.length === 0 || matchFields(fields, (f) => def.fields[f](it)));

  const picked: NamedObject[] = [];
  let i = from;
  for (; i < to && (limit === 0 || picked.length < limit); i++) {
    if (matches(all[i])) {
      picked.push(all[i]);
    }
  }
  let more = false;
  if (limit > 0) {
    for (let j = i; j < to; j++) {
      if (matches(all[j])) {
        more = true;
        break;
      }
    }
  }
  const listMeta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (more) {
    listMeta.continue = encodeContinue(rv, objectKey(picked[picked.length - 1]));
    if (!filtered) {
      listMeta.remainingItemCount = to - i;
    }
  }
  const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: listMeta }).slice(
    0,
    -1
  );
  const { cluster, now } = ctx;
  return {
    kind: 'chunks',
    status: 200,
    chunks: function* () {
      yield `${head},"items":[`;
      for (let k = 0; k < picked.length; k += CHUNK) {
        const part = picked.slice(k, k + CHUNK).map((it) => JSON.stringify(def.toJson(cluster, it, now)));
        yield (k > 0 ? ',' : '') + part.join(',');
      }
      yield ']}';
    },
  };
}

export function findObject(
  ctx: RouteContext,
  def: AnyResourceDef,
  namespace: string | undefined,
  name: string
): NamedObject | undefined {
  const all = sortedByKey(def.items(ctx.cluster) as NamedObject[]);
  const key = `${def.namespaced ? (namespace ?? '') : ''}/${name}`;
  const at = lowerBound(all, key);
  return at < all.length && objectKey(all[at]) === key ? all[at] : undefined;
}

export function getResource(
  ctx: RouteContext,
  def: AnyResourceDef,
  namespace: string | undefined,
  name: string
): Reply {
  const deny = denied(ctx, def, 'get', namespace, name);
  if (deny) {
    return deny;
  }
  const found = findObject(ctx, def, namespace, name);
  if (!found) {
    return statusReply(notFound(def.resource, def.group, name));
  }
  return json(withKind(def.kind, apiVersionOf(def), def.toJson(ctx.cluster, found, ctx.now)));
}
