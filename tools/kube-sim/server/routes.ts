/** Maps a GET path (or a POST of an authorization review) to its handler. Unknown paths answer like the API server: Status 404 under a known group, text otherwise. */
import { type RouteContext, type Reply, pageNotFound, statusReply } from './routesCommon';
import { resourceNotFound } from '../api/status';
import { discoveryRoute } from '../api/routesDiscovery';
import { authorizationRoute } from '../authz/routesAuthorization';
import { metricsRoute } from '../api/routesMetrics';
import { nodeProxyRoute } from '../kubelet/routesNodeProxy';
import { logRoute } from '../logs/routesLogs';
import { getResource, listResource } from '../api/routesList';
import { isWatch, watchResource } from '../api/routesWatch';
import {
  APPS_RESOURCES,
  AUTOSCALING_RESOURCES,
  AnyResourceDef,
  BATCH_RESOURCES,
  COORDINATION_RESOURCES,
  CORE_RESOURCES,
  DISCOVERY_RESOURCES,
} from '../api/routesResources';
import { healthRoute } from '../api/routesHealth';

/** the named groups' object resources by group/version */
const NAMED: Record<string, Record<string, AnyResourceDef>> = {
  'apps/v1': APPS_RESOURCES,
  'autoscaling/v2': AUTOSCALING_RESOURCES,
  'batch/v1': BATCH_RESOURCES,
  'coordination.k8s.io/v1': COORDINATION_RESOURCES,
  'discovery.k8s.io/v1': DISCOVERY_RESOURCES,
};

/** resource routes under a group/version prefix: /{res}, /{res}/{name}, /namespaces/{ns}/{res}[/{name}] */
function resourceRoute(ctx: RouteContext, defs: Record<string, AnyResourceDef>, rest: string[]): Reply | undefined {
  const def = (name: string): AnyResourceDef | undefined =>
    Object.prototype.hasOwnProperty.call(defs, name) ? defs[name] : undefined;
  // ?watch=true on a list path turns the list into a watch, as on the apiserver
  const list = (d: AnyResourceDef, ns?: string) =>
    isWatch(ctx.query) ? watchResource(ctx, d, ns) : listResource(ctx, d, ns);
  if (rest.length === 1 && def(rest[0])) {
    return list(def(rest[0])!);
  }
  if (rest.length === 2 && def(rest[0]) && !def(rest[0])!.namespaced) {
    return getResource(ctx, def(rest[0])!, undefined, rest[1]);
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const d = def(rest[2]);
    if (d && d.namespaced && rest.length === 3) {
      return list(d, rest[1]);
    }
    if (d && d.namespaced && rest.length === 4) {
      return getResource(ctx, d, rest[1], rest[3]);
    }
  }
  return undefined;
}

export function route(ctx: RouteContext): Reply {
  const s = ctx.segments;
  const found = healthRoute(ctx) ?? discoveryRoute(ctx) ?? authorizationRoute(ctx) ?? metricsRoute(ctx);
  if (found) {
    return found;
  }
  if (s[0] === 'api' && s[1] === 'v1') {
    const rest = s.slice(2);
    if (rest[0] === 'nodes' && rest[2] === 'proxy' && rest.length >= 3) {
      return nodeProxyRoute(ctx, rest[1], rest.slice(3));
    }
    if (rest[0] === 'namespaces' && rest.length === 2) {
      return getResource(ctx, CORE_RESOURCES.namespaces, undefined, rest[1]);
    }
    if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest[4] === 'log' && rest.length === 5) {
      return logRoute(ctx, rest[1], rest[3]);
    }
    return resourceRoute(ctx, CORE_RESOURCES, rest) ?? statusReply(resourceNotFound());
  }
  const named = s[0] === 'apis' ? NAMED[`${s[1]}/${s[2]}`] : undefined;
  if (named) {
    return resourceRoute(ctx, named, s.slice(3)) ?? statusReply(resourceNotFound());
  }
  return pageNotFound();
}
