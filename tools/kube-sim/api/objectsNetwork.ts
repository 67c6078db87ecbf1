/**
 * Services and what the endpoints controllers derive from them: core/v1 Endpoints (ready addresses and
 * notReadyAddresses, no terminating pods) and discovery.k8s.io/v1 EndpointSlices (every pod with its
 * ready/serving/terminating conditions), from the pods of the service's workload at nowMs.
 */
import type { SimCluster, SimPod, SimService } from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { Json, meta } from './objects';
import { workloadPods } from './objectsWorkloads';
import { podNodeEffects, podReadyAt } from '../cluster/nodeLifecycle';

export function serviceJson(c: SimCluster, s: SimService): Json {
  const ports = s.ports.map((p) => {
    const out: Json = {};
    if (p.name) {
      out.name = p.name;
    }
    out.protocol = p.protocol;
    out.port = p.port;
    out.targetPort = p.targetPort;
    if (p.nodePort !== undefined) {
      out.nodePort = p.nodePort;
    }
    return out;
  });
  const spec: Json = { ports };
  if (s.selector) {
    spec.selector = s.selector;
  }
  spec.clusterIP = s.clusterIP;
  spec.clusterIPs = [s.clusterIP];
  spec.type = s.type;
  spec.sessionAffinity = 'None';
  if (s.type !== 'ClusterIP') {
    spec.externalTrafficPolicy = 'Cluster';
  }
  spec.ipFamilies = ['IPv4'];
  spec.ipFamilyPolicy = 'SingleStack';
  spec.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts = true;
  }
  // a LoadBalancer whose cloud controller has not provisioned it yet has an empty ingress
  return { metadata: meta(c, s), spec, status: { loadBalancer: {} } };
}

interface Backend {
  ip: string;
  nodeName?: string;
  pod?: SimPod;
  ready: boolean;
  terminating: boolean;
}

/** the addresses behind a service at nowMs: its workload's scheduled pods, or its fixed endpoints */
export function serviceBackends(c: SimCluster, s: SimService, nowMs: number): Backend[] {
  if (s.staticEndpoints) {
    return s.staticEndpoints.map((e) => ({ ip: e.ip, nodeName: e.nodeName, ready: true, terminating: false }));
  }
  const idx = clusterIndex(c);
  const w = s.workloadUid ? idx.workloadByUid.get(s.workloadUid) : undefined;
  if (!w) {
    return [];
  }
  const out: Backend[] = [];
  for (const pod of workloadPods(c, w)) {
    if (!pod.ip || pod.phase === 'Succeeded' || pod.phase === 'Failed') {
      continue;
    }
    const node = idx.nodeByName.get(pod.nodeName);
    const effects = podNodeEffects(pod, node, nowMs);
    if (effects.goneAtMs !== undefined) {
      continue;
    }
    out.push({
      ip: pod.ip,
      nodeName: pod.nodeName,
      pod,
      ready: podReadyAt(pod, node, nowMs),
      terminating: effects.evictedAtMs !== undefined,
    });
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

function targetRef(p: SimPod): Json {
  return { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid };
}

function endpointPorts(s: SimService): Json[] {
  return s.ports.map((p) => {
    const out: Json = {};
    if (p.name) {
      out.name = p.name;
    }
    out.port = p.targetPort;
    out.protocol = p.protocol;
    return out;
  });
}

export function endpointsJson(c: SimCluster, s: SimService, nowMs: number): Json {
  const backends = serviceBackends(c, s, nowMs).filter((b) => !b.terminating);
  const address = (b: Backend): Json => {
    const a: Json = { ip: b.ip };
    if (b.nodeName) {
      a.nodeName = b.nodeName;
    }
    if (b.pod) {
      a.targetRef = targetRef(b.pod);
    }
    return a;
  };
  const metadata = meta(c, { ...s, labels: s.labels });
  const out: Json = { metadata };
  if (backends.length > 0) {
    const subset: Json = {};
    const ready = backends.filter((b) => b.ready);
    const notReady = backends.filter((b) => !b.ready);
    if (ready.length) {
      subset.addresses = ready.map(address);
    }
    if (notReady.length) {
      subset.notReadyAddresses = notReady.map(address);
    }
    subset.ports = endpointPorts(s);
    out.subsets = [subset];
  }
  return out;
}

/** the slice's name: `<service>-<suffix>` from generateName, or the apiserver's own `kubernetes` */
export function sliceName(s: SimService): string {
  return s.staticEndpoints ? s.name : `${s.name}-${s.sliceSuffix}`;
}

export function endpointSliceJson(c: SimCluster, s: SimService, nowMs: number): Json {
  const idx = clusterIndex(c);
  const metadata = meta(
    c,
    {
      name: sliceName(s),
      namespace: s.namespace,
      uid: `${s.uid.slice(0, 24)}${s.sliceSuffix.padEnd(12, '0').slice(0, 12)}`,
      creationMs: s.creationMs + 1000,
      labels: {
        ...s.labels,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': s.name,
      },
    },
    {
      generateName: s.staticEndpoints ? undefined : `${s.name}-`,
      generation: 1,
      owner: { kind: 'Service', name: s.name, uid: s.uid, controller: true },
    }
  );
  const endpoints = serviceBackends(c, s, nowMs).map((b) => {
    const e: Json = {
      addresses: [b.ip],
      conditions: { ready: b.ready && !b.terminating, serving: b.ready, terminating: b.terminating },
    };
    if (b.pod) {
      e.targetRef = targetRef(b.pod);
    }
    if (b.nodeName) {
      e.nodeName = b.nodeName;
      const zone = idx.nodeByName.get(b.nodeName)?.labels['topology.kubernetes.io/zone'];
      if (zone) {
        e.zone = zone;
      }
    }
    return e;
  });
  return { metadata, addressType: 'IPv4', endpoints, ports: endpointPorts(s) };
}
