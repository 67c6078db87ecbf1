/**
 * GET {list path}?watch=true: the watch half of client-go's list+watch (informers, Prometheus'
 * kubernetes_sd_configs). The simulated cluster is static, so a watch sends ADDED events for the objects
 * newer than the requested resourceVersion (all of them for none or "0", as the apiserver's watch cache
 * does) and then stays open, as a real watch does while nothing changes, until timeoutSeconds, the client
 * leaves or the sim stops. Events are JSON lines whatever Accept asks for (client-go may prefer protobuf):
 * client-go decodes by the response's Content-Type, and JSON is always in its Accept list.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { holdOpen, type RouteContext, type Reply, statusReply } from '../server/routesCommon';
import type { AnyResourceDef, NamedObject } from './routesResources';
import { apiVersionOf, denied, listResourceVersion, parseSelectors } from './routesList';
import { sortedByKey } from '../cluster/clusterIndex';
import { matchFields, matchLabels } from './selectors';
import { badRequest, status } from './status';
import { withKind } from './objects';

/** query booleans as apimachinery converts them: anything but false/f/0 (or empty) is true */
export function isWatch(q: URLSearchParams): boolean {
  const v = q.get('watch');
  return v !== null && !['', 'false', 'f', '0'].includes(v.toLowerCase());
}

export interface WatchEvent {
  type: 'ADDED';
  object: Record<string, unknown>;
}

/** The events a watch from `fromRv` starts with: every matching object whose resourceVersion is newer. */
export function initialEvents(ctx: RouteContext, def: AnyResourceDef, namespace: string | undefined, fromRv: number) {
  const sel = parseSelectors(ctx, def);
  if (!sel.ok) {
    return sel;
  }
  const { labels, fields } = sel.value;
  const events: WatchEvent[] = [];
  for (const it of sortedByKey(def.items(ctx.cluster) as NamedObject[])) {
    if (namespace !== undefined && def.namespaced && it.namespace !== namespace) {
      continue;
    }
    if (def.live && !def.live(ctx.cluster, it, ctx.now)) {
      continue;
    }
    if (labels.length > 0 && !matchLabels(labels, def.labels(it))) {
      continue;
    }
    if (fields.length > 0 && !matchFields(fields, (f) => def.fields[f](it))) {
      continue;
    }
    const obj = def.toJson(ctx.cluster, it, ctx.now);
    const meta = obj.metadata as { resourceVersion?: string } | undefined;
    if (Number(meta?.resourceVersion ?? 0) > fromRv) {
      // watch events carry kind and apiVersion on the object, unlike list items
      events.push({ type: 'ADDED', object: withKind(def.kind, apiVersionOf(def), obj) });
    }
  }
  return { ok: true as const, events };
}

export function watchResource(ctx: RouteContext, def: AnyResourceDef, namespace?: string): Reply {
  // The sim models get/list denials only; a watch is refused when the list would be.
  const deny = denied(ctx, def, 'list', namespace);
  if (deny) {
    return deny;
  }
  const rvRaw = ctx.query.get('resourceVersion') ?? '';
  if (rvRaw !== '' && !/^\d+$/.test(rvRaw)) {
    // the watch cache's parse error is no API status, so kube-apiserver answers 500 (kubernetes#139485)
    return statusReply(
      status(
        500,
        '',
        `resourceVersion: Invalid value: "${rvRaw}": strconv.ParseUint: parsing "${rvRaw}": invalid syntax`
      )
    );
  }
  const timeoutRaw = ctx.query.get('timeoutSeconds');
  if (timeoutRaw !== null && !/^\d+$/.test(timeoutRaw)) {
    return statusReply(badRequest(`strconv.ParseInt: parsing "${timeoutRaw}": invalid syntax`));
  }
  // "" and "0" mean "any": the apiserver replays the current state as ADDED events
  const fromRv = rvRaw === '' || rvRaw === '0' ? 0 : Math.min(Number(rvRaw), listResourceVersion(ctx));
  const first = initialEvents(ctx, def, namespace, fromRv);
  if (!first.ok) {
    return first.reply;
  }
  const timeoutMs = timeoutRaw !== null && Number(timeoutRaw) > 0 ? Number(timeoutRaw) * 1000 : undefined;
  // allowWatchBookmarks is accepted; the cluster's resourceVersion never moves, so a bookmark would say nothing
  return {
    kind: 'stream',
    status: 200,
    contentType: 'application/json',
    start: (req, res) => stream(ctx, first.events, timeoutMs, req, res),
  };
}

/** Writes the events as JSON lines, then holds the response open until the timeout, the client or stop(). */
function stream(
  ctx: RouteContext,
  events: WatchEvent[],
  timeoutMs: number | undefined,
  req: IncomingMessage,
  res: ServerResponse
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = holdOpen(ctx, req, res, () => clearTimeout(timer));
  if (timeoutMs !== undefined) {
    timer = setTimeout(finish, timeoutMs);
  }
  for (const e of events) {
    res.write(`${JSON.stringify(e)}\n`);
  }
}
