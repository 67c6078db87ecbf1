/**
 * Services, ConfigMaps and Leases of the synthetic cluster, added after everything else so that the
 * generator's earlier draws (and so every pod and node name for a seed) stay what they were.
 * - Services: `default/kubernetes` (the apiserver), `kube-system/kube-dns`, one per Deployment (ClusterIP
 *   on 80 → 8080; `shop/frontend` a LoadBalancer still waiting for its address, `legacy-batch-ui` a
 *   NodePort), and a headless plus a client service per StatefulSet, as charts make them.
 * - ConfigMaps: `kube-root-ca.crt` in every namespace (the root-CA publisher), kubeadm's own in
 *   kube-system and kube-public, and one per app Deployment.
 * - Leases: one per node in kube-node-lease (the kubelet's heartbeat), the controller-manager's and
 *   scheduler's leader elections and the apiserver's identity lease in kube-system.
 */
import type { SimCluster, SimService, SimWorkload } from './model';
import type { Rand } from './clusterRandom';

const MIN = 60_000;

export function addServicesConfigAndLeases(c: SimCluster, r: Rand): void {
  addServices(c, r);
  addConfigMaps(c, r);
  addLeases(c, r);
}

function serviceIp(r: Rand): string {
  return `10.96.${r.int(1, 254)}.${r.int(2, 254)}`;
}

function addServices(c: SimCluster, r: Rand): void {
  const cp = c.nodes[0];
  const apiNs = c.namespaces.find((n) => n.name === 'default');
  const svc = (s: Omit<SimService, 'uid' | 'sliceSuffix'>) =>
    c.services.push({ ...s, uid: r.uid(), sliceSuffix: r.suffix() });
  svc({
    namespace: 'default',
    name: 'kubernetes',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    type: 'ClusterIP',
    clusterIP: '10.96.0.1',
    ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
    creationMs: apiNs?.creationMs ?? c.startMs,
    staticEndpoints: cp ? [{ ip: cp.internalIP }] : [],
  });
  for (const w of c.workloads) {
    if (w.kind === 'Deployment') {
      deploymentService(r, w, svc);
    } else if (w.kind === 'StatefulSet') {
      const base = { namespace: w.namespace, labels: w.labels, selector: w.selector, workloadUid: w.uid };
      const port = { name: 'tcp', port: w.name === 'postgres' ? 5432 : 9090, protocol: 'TCP' as const };
      svc({
        ...base,
        name: `${w.name}-headless`,
        type: 'ClusterIP',
        clusterIP: 'None',
        ports: [{ ...port, targetPort: port.port }],
        creationMs: w.creationMs,
      });
      svc({
        ...base,
        name: w.name,
        type: 'ClusterIP',
        clusterIP: serviceIp(r),
        ports: [{ ...port, targetPort: port.port }],
        creationMs: w.creationMs,
      });
    }
  }
}

function deploymentService(r: Rand, w: SimWorkload, svc: (s: Omit<SimService, 'uid' | 'sliceSuffix'>) => void): void {
  const base = {
    namespace: w.namespace,
    labels: { app: w.name },
    selector: { app: w.name },
    creationMs: w.creationMs,
    workloadUid: w.uid,
  };
  if (w.name === 'coredns') {
    svc({
      ...base,
      name: 'kube-dns',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
    });
    return;
  }
  const http = { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' as const };
  if (w.namespace === 'shop' && w.name === 'frontend') {
    svc({
      ...base,
      name: w.name,
      type: 'LoadBalancer',
      clusterIP: serviceIp(r),
      ports: [{ ...http, nodePort: r.int(30000, 32767) }],
    });
  } else if (w.name === 'legacy-batch-ui') {
    svc({ ...base, name: w.name, type: 'NodePort', clusterIP: serviceIp(r), ports: [{ ...http, nodePort: 30080 }] });
  } else {
    svc({ ...base, name: w.name, type: 'ClusterIP', clusterIP: serviceIp(r), ports: [http] });
  }
}

function addConfigMaps(c: SimCluster, r: Rand): void {
  const cm = (namespace: string, name: string, creationMs: number, labels: Record<string, string> = {}) =>
    c.configMaps.push({ namespace, name, uid: r.uid(), labels, creationMs });
  for (const ns of c.namespaces) {
    cm(ns.name, 'kube-root-ca.crt', ns.creationMs + 5000);
  }
  const sys = c.namespaces.find((n) => n.name === 'kube-system')?.creationMs ?? c.startMs;
  cm('kube-public', 'cluster-info', sys);
  for (const name of [
    'coredns',
    'extension-apiserver-authentication',
    'kube-apiserver-legacy-service-account-token-tracking',
    'kube-proxy',
    'kubeadm-config',
    'kubelet-config',
  ]) {
    cm('kube-system', name, sys + 1000);
  }
  for (const w of c.workloads) {
    if (w.kind === 'Deployment' && w.namespace !== 'kube-system') {
      cm(w.namespace, `${w.name}-config`, w.creationMs - 1000, { app: w.name });
    }
  }
}

function addLeases(c: SimCluster, r: Rand): void {
  const sys = c.namespaces.find((n) => n.name === 'kube-system')?.creationMs ?? c.startMs;
  for (const n of c.nodes) {
    c.leases.push({
      namespace: 'kube-node-lease',
      name: n.name,
      uid: r.uid(),
      labels: {},
      creationMs: n.creationMs + 2000,
      holder: n.name,
      durationSeconds: 40,
      renewEveryMs: 10_000,
      nodeName: n.name,
    });
  }
  const cp = c.nodes[0]?.name ?? 'control-plane-1';
  const bootMs = c.nodes[0]?.bootMs ?? c.startMs;
  for (const name of ['kube-controller-manager', 'kube-scheduler']) {
    c.leases.push({
      namespace: 'kube-system',
      name,
      uid: r.uid(),
      labels: {},
      creationMs: sys,
      holder: `${cp}_${r.uid()}`,
      durationSeconds: 15,
      renewEveryMs: 2000,
      acquireMs: bootMs + MIN,
      transitions: r.int(1, 9),
    });
  }
  const id = `apiserver-${r.hex(26)}`;
  c.leases.push({
    namespace: 'kube-system',
    name: id,
    uid: r.uid(),
    labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': cp },
    creationMs: bootMs + 20_000,
    holder: `${id}_${r.uid()}`,
    durationSeconds: 3600,
    renewEveryMs: 10_000,
  });
}
