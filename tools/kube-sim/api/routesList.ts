/**
 * GET list / GET one for object resources: selectors, limit/continue paging with etcd-like continue
 * tokens, RBAC-style denials and NotFound, and lists streamed in chunks.
 */
import { type RouteContext, type Reply, json, statusReply } from '../server/routesCommon';
import type { AnyResourceDef, NamedObject } from './routesResources';
import { sortedByKey, objectKey } from '../cluster/clusterIndex';
import {
  matchFields,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
  FieldRequirement,
  LabelRequirement,
} from './selectors';
import { badRequest, forbidden, notAcceptable, notFound } from './status';
import { withKind } from './objects';
import { encodeContinue, planList } from './listOptions';
import { listRepresentation } from './accept';
import { type IncludeObject, TABLE_CONTENT_TYPE, includeObject, tableHead, tableRow } from './table';

export function apiVersionOf(def: AnyResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** The list resourceVersion: moves on when tokens are expired, as after an etcd compaction. */
export function listResourceVersion(ctx: RouteContext): number {
  return (ctx.cluster.resourceVersion ?? 1_000_000) + ctx.faults.continueGeneration;
}

export { encodeContinue } from './listOptions';

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

/** JSON or a Table, as the Accept header asks (406 when neither is acceptable) */
function representation(
  ctx: RouteContext
): { ok: true; table?: { version: string; include: IncludeObject } } | { ok: false; reply: Reply } {
  const rep = listRepresentation(ctx.accept);
  if (rep.kind === 'none') {
    return { ok: false, reply: statusReply(notAcceptable()) };
  }
  if (rep.kind === 'json') {
    return { ok: true };
  }
  const include = includeObject(ctx.query);
  if (!include.ok) {
    return { ok: false, reply: statusReply(include.status) };
  }
  return { ok: true, table: { version: rep.version, include: include.value } };
}

export function listResource(ctx: RouteContext, def: AnyResourceDef, namespace?: string): Reply {
  const deny = denied(ctx, def, 'list', namespace);
  if (deny) {
    return deny;
  }
  const rep = representation(ctx);
  if (!rep.ok) {
    return rep.reply;
  }
  const sel = parseSelectors(ctx, def);
  if (!sel.ok) {
    return sel.reply;
  }
  const { labels, fields } = sel.value;
  const rv = listResourceVersion(ctx);
  const planned = planList(ctx.query, rv);
  if (!planned.ok) {
    return planned.reply;
  }
  const { limit, startKey } = planned.plan;
  const all = sortedByKey(def.items(ctx.cluster) as NamedObject[]);
  let from = 0;
  let to = all.length;
  if (namespace !== undefined && def.namespaced) {
    from = lowerBound(all, `${namespace}/`);
    to = lowerBound(all, `${namespace}0`); // '0' follows '/' in ASCII: the end of the namespace's range
  }
  if (startKey !== undefined) {
    from = Math.max(from, lowerBound(all, startKey));
  }
  const filtered = labels.length > 0 || fields.length > 0;
  const { cluster, now } = ctx;
  const live = def.live;
  const exists = (it: NamedObject) => !live || live(cluster, it, now);
  const matches = (it: NamedObject) =>
    exists(it) &&
    (labels.length === 0 || matchLabels(labels, def.labels(it))) &&
    (fields.length === 0 || matchFields(fields, (f) => def.fields[f](it)));

  const picked: NamedObject[] = [];
  let i = from;
  for (; i < to && (limit === 0 || picked.length < limit); i++) {
    if (matches(all[i])) {
      picked.push(all[i]);
    }
  }
  let remaining = 0;
  if (limit > 0) {
    // etcd counts what is left of the range; objects that are gone are no longer in it
    for (let j = i; j < to && (remaining === 0 || !filtered); j++) {
      if (filtered ? matches(all[j]) : exists(all[j])) {
        remaining++;
      }
    }
  }
  const listMeta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (remaining > 0) {
    listMeta.continue = encodeContinue(rv, objectKey(picked[picked.length - 1]));
    if (!filtered) {
      listMeta.remainingItemCount = remaining;
    }
  }
  const table = rep.table;
  const apiVersion = apiVersionOf(def);
  const head = table
    ? tableHead(table.version, listMeta, def.printer)
    : `${JSON.stringify({ kind: `${def.kind}List`, apiVersion, metadata: listMeta }).slice(0, -1)},"items":[`;
  const render = (it: NamedObject): unknown => {
    const obj = def.toJson(cluster, it, now);
    return table ? tableRow(def.printer, withKind(def.kind, apiVersion, obj), now, table.include, table.version) : obj;
  };
  return {
    kind: 'chunks',
    status: 200,
    contentType: table ? TABLE_CONTENT_TYPE(table.version) : undefined,
    chunks: function* () {
      yield head;
      for (let k = 0; k < picked.length; k += CHUNK) {
        const part = picked.slice(k, k + CHUNK).map((it) => JSON.stringify(render(it)));
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
  const found = at < all.length && objectKey(all[at]) === key ? all[at] : undefined;
  return found && (!def.live || def.live(ctx.cluster, found, ctx.now)) ? found : undefined;
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
  const rep = representation(ctx);
  if (!rep.ok) {
    return rep.reply;
  }
  const found = findObject(ctx, def, namespace, name);
  if (!found) {
    return statusReply(notFound(def.resource, def.group, name));
  }
  const obj = withKind(def.kind, apiVersionOf(def), def.toJson(ctx.cluster, found, ctx.now));
  const table = rep.table;
  if (!table) {
    return json(obj);
  }
  const rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const body = {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${table.version}`,
    metadata: rv ? { resourceVersion: rv } : {},
    columnDefinitions: def.printer.columns,
    rows: [tableRow(def.printer, obj, ctx.now, table.include, table.version)],
  };
  return { kind: 'json', status: 200, body, headers: { 'Content-Type': TABLE_CONTENT_TYPE(table.version) } };
}
