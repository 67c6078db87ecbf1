/**
 * /apis/metrics.k8s.io/{v1,v1beta1} (the versions in ctx.metricsVersions) as served through the aggregator by metrics-server: absent (404 text)
 * or unavailable (503 text) on demand; no paging; fieldSelector limited to metadata.name/namespace.
 */
import { type RouteContext, type Reply, json, pageNotFound, statusReply, text } from '../server/routesCommon';
import type { SimNode, SimPod } from '../cluster/model';
import { clusterIndex, sortedByKey } from '../cluster/clusterIndex';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { badRequest, forbidden, notFound, status } from './status';
import { nodeHasMetrics, nodeMetricsItem, podHasMetrics, podMetricsItem } from './metricsApi';
import { podExists } from '../cluster/nodeLifecycle';
import { METRICS_V1BETA1, apiResourceList } from './routesDiscovery';

const GROUP = 'metrics.k8s.io';

function metaFieldSelector(
  ctx: RouteContext
): { ok: true; get: (name: string, ns: string) => boolean } | { ok: false; reply: Reply } {
  const labels = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  if (!labels.ok) {
    return { ok: false, reply: statusReply(badRequest(labels.message)) };
  }
  const fields = parseFieldSelector(ctx.query.get('fieldSelector') ?? '');
  if (!fields.ok) {
    return { ok: false, reply: statusReply(badRequest(fields.message)) };
  }
  for (const f of fields.value) {
    if (f.field !== 'metadata.name' && f.field !== 'metadata.namespace') {
      return {
        ok: false,
        reply: statusReply(
          badRequest(`"${f.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`)
        ),
      };
    }
  }
  return {
    ok: true,
    get: (name, ns) => matchFields(fields.value, (f) => (f === 'metadata.name' ? name : ns)),
  };
}

function labelMatcher(ctx: RouteContext): (l: Record<string, string>) => boolean {
  // already validated by metaFieldSelector
  const parsed = parseLabelSelector(ctx.query.get('labelSelector') ?? '');
  const reqs = parsed.ok ? parsed.value : [];
  return (l) => reqs.length === 0 || matchLabels(reqs, l);
}

function nodeOk(ctx: RouteContext, node: SimNode | undefined): boolean {
  return !!node && nodeHasMetrics(node, ctx.now, ctx.faults.nodesWithoutMetrics);
}

/** an evicted pod that its kubelet removed has no metrics: it no longer exists */
function podOk(ctx: RouteContext, pod: SimPod): boolean {
  const node = clusterIndex(ctx.cluster).nodeByName.get(pod.nodeName);
  return (
    podHasMetrics(pod) &&
    !ctx.faults.podsWithoutMetrics.has(`${pod.namespace}/${pod.name}`) &&
    nodeOk(ctx, node) &&
    podExists(pod, node, ctx.now)
  );
}

export function metricsRoute(ctx: RouteContext): Reply | undefined {
  const s = ctx.segments;
  if (s[0] !== 'apis' || s[1] !== GROUP) {
    return undefined;
  }
  // RBAC runs in the apiserver before the request is proxied to metrics-server
  const rest = s.slice(3);
  const resource = rest[0] === 'namespaces' ? rest[2] : rest[0];
  const served = (ctx.metricsVersions as string[]).includes(s[2] ?? '');
  if (served && (resource === 'nodes' || resource === 'pods')) {
    const namespace = rest[0] === 'namespaces' ? rest[1] : undefined;
    const name = rest[0] === 'namespaces' ? rest[3] : rest[1];
    const verb = name ? 'get' : 'list';
    if (ctx.faults.isDenied(GROUP, resource, undefined, verb, namespace)) {
      return statusReply(forbidden({ user: ctx.user, verb, group: GROUP, resource, namespace, name }));
    }
  }
  const mode = ctx.faults.metricsServer();
  if (mode === 'absent') {
    return pageNotFound();
  }
  if (mode === 'unavailable') {
    return text('service unavailable\n', 503);
  }
  if (s.length === 2) {
    const versions = ctx.metricsVersions.map((version) => ({ groupVersion: `${GROUP}/${version}`, version }));
    return json({ kind: 'APIGroup', apiVersion: 'v1', name: GROUP, versions, preferredVersion: versions[0] });
  }
  if (!served) {
    return pageNotFound();
  }
  const gv = `${GROUP}/${s[2]}`;
  if (rest.length === 0) {
    return json(apiResourceList(gv, METRICS_V1BETA1));
  }
  if (rest[0] === 'nodes' && rest.length <= 2) {
    return nodes(ctx, gv, rest[1]);
  }
  if (rest[0] === 'pods' && rest.length === 1) {
    return pods(ctx, gv, undefined, undefined);
  }
  if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest.length <= 4) {
    return pods(ctx, gv, rest[1], rest[3]);
  }
  return statusReply(status(404, 'NotFound', 'the server could not find the requested resource', {}));
}

function nodes(ctx: RouteContext, gv: string, name: string | undefined): Reply {
  const idx = clusterIndex(ctx.cluster);
  if (name !== undefined) {
    const node = idx.nodeByName.get(name);
    if (!node) {
      // the informer lister's own NotFound (core "node", singular)
      return statusReply(notFound('node', '', name));
    }
    if (!nodeOk(ctx, node)) {
      return statusReply(notFound('nodemetrics', GROUP, name));
    }
    return json({
      kind: 'NodeMetrics',
      apiVersion: gv,
      ...nodeMetricsItem(node, idx.podsByNode.get(node.name) ?? [], ctx.now, { swap: ctx.metricsSwap }),
    });
  }
  const sel = metaFieldSelector(ctx);
  if (!sel.ok) {
    return sel.reply;
  }
  const labelsOk = labelMatcher(ctx);
  const items = sortedByKey(ctx.cluster.nodes)
    .filter((n) => sel.get(n.name, '') && labelsOk(n.labels) && nodeOk(ctx, n))
    .map((n) => nodeMetricsItem(n, idx.podsByNode.get(n.name) ?? [], ctx.now, { swap: ctx.metricsSwap }));
  return json({ kind: 'NodeMetricsList', apiVersion: gv, metadata: {}, items });
}

function pods(ctx: RouteContext, gv: string, namespace: string | undefined, name: string | undefined): Reply {
  const idx = clusterIndex(ctx.cluster);
  if (namespace !== undefined && name !== undefined) {
    const pod = idx.podByKey.get(`${namespace}/${name}`);
    if (!pod) {
      return statusReply(notFound('pod', '', name));
    }
    if (!podOk(ctx, pod)) {
      return statusReply(notFound('podmetrics', GROUP, `${namespace}/${name}`));
    }
    return json({
      kind: 'PodMetrics',
      apiVersion: gv,
      ...podMetricsItem(pod, ctx.now, ctx.requestSeq, { swap: ctx.metricsSwap }, idx.nodeByName.get(pod.nodeName)),
    });
  }
  const sel = metaFieldSelector(ctx);
  if (!sel.ok) {
    return sel.reply;
  }
  const labelsOk = labelMatcher(ctx);
  const items = sortedByKey(ctx.cluster.pods)
    .filter(
      (p) =>
        (namespace === undefined || p.namespace === namespace) &&
        sel.get(p.name, p.namespace) &&
        labelsOk(p.labels) &&
        podOk(ctx, p)
    )
    .map((p) => podMetricsItem(p, ctx.now, ctx.requestSeq, { swap: ctx.metricsSwap }, idx.nodeByName.get(p.nodeName)));
  return json({ kind: 'PodMetricsList', apiVersion: gv, metadata: {}, items });
}
