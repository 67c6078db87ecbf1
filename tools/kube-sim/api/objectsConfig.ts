/** ConfigMaps (metadata only: the sim serves no data) and coordination.k8s.io/v1 Leases, renewed with the clock. */
import type { SimCluster, SimConfigMap, SimLease } from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { Json, meta } from './objects';
import { lastHeartbeatMs } from '../cluster/nodeLifecycle';

export function configMapJson(c: SimCluster, cm: SimConfigMap): Json {
  return { metadata: meta(c, cm) };
}

/** metav1.MicroTime: RFC3339 with six fractional digits */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** the holder renews every renewEveryMs; a stopped kubelet's node lease keeps its last renewal */
export function leaseRenewMs(c: SimCluster, l: SimLease, nowMs: number): number {
  const node = l.nodeName ? clusterIndex(c).nodeByName.get(l.nodeName) : undefined;
  const until = (node && lastHeartbeatMs(node, nowMs)) ?? nowMs;
  const start = l.acquireMs ?? l.creationMs;
  return until <= start ? start : start + Math.floor((until - start) / l.renewEveryMs) * l.renewEveryMs;
}

export function leaseJson(c: SimCluster, l: SimLease, nowMs: number): Json {
  const node = l.nodeName ? clusterIndex(c).nodeByName.get(l.nodeName) : undefined;
  const spec: Json = { holderIdentity: l.holder, leaseDurationSeconds: l.durationSeconds };
  if (l.acquireMs !== undefined) {
    spec.acquireTime = microTime(l.acquireMs);
  }
  spec.renewTime = microTime(leaseRenewMs(c, l, nowMs));
  if (l.transitions !== undefined) {
    spec.leaseTransitions = l.transitions;
  }
  return {
    metadata: meta(c, l, node ? { owner: { kind: 'Node', name: node.name, uid: node.uid, controller: false } } : {}),
    spec,
  };
}
