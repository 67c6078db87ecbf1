/**
 * /api/v1/nodes/{node}/proxy/... : the API server relaying to the kubelet on :10250. Needs nodes/proxy;
 * an unreachable kubelet gives the proxy's 503 "error trying to reach service".
 */
import { kubeletDown } from '../cluster/nodeLifecycle';
import {
  type RouteContext,
  type Reply,
  PROMETHEUS_TEXT,
  json,
  pageNotFound,
  statusReply,
  text,
} from '../server/routesCommon';
import { clusterIndex } from '../cluster/clusterIndex';
import { forbidden, notFound, serviceUnavailable } from '../api/status';
import { metricsCadvisorText, metricsResourceText, summaryJson } from './index';
import { podJson } from '../api/objects';
import type { PressureOptions } from './pressure';
import { featuresOf, minorOfGitVersion } from '../cluster/versions';
import type { SimNode } from '../cluster/model';

/**
 * What the node's kubelet has on: KubeletPSI as the sim was told, else as its own version has it by default
 * (a kubelet one minor behind may still lack it). Swap nodes are kubelet/pressure.ts's default, the nodes whose
 * status.nodeInfo.swap objects.ts fills.
 */
export function kubeletPressureOptions(ctx: Pick<RouteContext, 'psi'>, node: SimNode): PressureOptions {
  return { psi: ctx.psi ?? featuresOf(minorOfGitVersion(node.kubeletVersion)).psi };
}

export function nodeProxyRoute(ctx: RouteContext, nodeName: string, rest: string[]): Reply {
  if (ctx.faults.isDenied('', 'nodes', 'proxy', 'get', undefined)) {
    return statusReply(
      forbidden({ user: ctx.user, verb: 'get', group: '', resource: 'nodes', subresource: 'proxy', name: nodeName })
    );
  }
  const node = clusterIndex(ctx.cluster).nodeByName.get(nodeName);
  if (!node) {
    return statusReply(notFound('nodes', '', nodeName));
  }
  if (ctx.faults.isUnreachable(node.name) || kubeletDown(node, ctx.now)) {
    return statusReply(
      serviceUnavailable(
        `error trying to reach service: dial tcp ${node.internalIP}:10250: connect: connection refused`
      )
    );
  }
  const path = rest.join('/');
  const pressure = kubeletPressureOptions(ctx, node);
  switch (path) {
    case 'stats/summary': {
      const only = ctx.query.get('only_cpu_and_memory') === 'true';
      return {
        kind: 'text',
        status: 200,
        body: summaryJson(ctx.cluster, node, ctx.now, { ...pressure, onlyCpuAndMemory: only }),
        contentType: 'application/json',
      };
    }
    case 'metrics/resource':
      return text(metricsResourceText(ctx.cluster, node, ctx.now, pressure), 200, PROMETHEUS_TEXT);
    case 'metrics/cadvisor':
      return text(metricsCadvisorText(ctx.cluster, node, ctx.now, pressure), 200, PROMETHEUS_TEXT);
    case 'healthz':
      return text('ok', 200);
    case 'pods': {
      const pods = clusterIndex(ctx.cluster).podsByNode.get(node.name) ?? [];
      const items = pods.map((p) => podJson(ctx.cluster, p, node));
      return json({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
    }
    default:
      return pageNotFound();
  }
}
