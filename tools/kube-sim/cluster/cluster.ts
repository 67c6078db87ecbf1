/**
 * buildCluster: a deterministic synthetic cluster for a seed. Control plane + workers, system
 * DaemonSets and static pods, a handful of "interesting" workloads (sidecars, init containers, a
 * CrashLoopBackOff, a Pending pod, StatefulSets with PVCs, a finished Job), then filler Deployments
 * until every worker holds about podsPerNode pods. Linear in the number of pods.
 */
import type { OwnerRef, SimCluster, SimContainer, SimNode, SimPod, SimVolume, SimWorkload } from './model';
import {
  type KubeVersion,
  DEFAULT_KUBE_VERSION,
  featuresOf,
  gitVersionOf,
  minorOf,
  skewedKubeletVersion,
} from './versions';
import { applyResizes } from './clusterResize';
import { Rand } from './clusterRandom';
import { ContainerSpec, Gi, Mi, SIDECARS, makeContainer, randomResources } from './clusterPods';
import { lifecycleEvents } from './nodeLifecycle';
import { addServicesConfigAndLeases } from './clusterServices';

/** the API server's version when none is asked for (versions.ts) */
export const SIM_GIT_VERSION = gitVersionOf(DEFAULT_KUBE_VERSION);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type PodMaker = (
  replica: number,
  podName: string
) => {
  containers: ContainerSpec[];
  init?: ContainerSpec[];
  volumes?: SimVolume[];
  /** pod-level spec.resources */
  resources?: SimPod['resources'];
};

class Builder {
  readonly r: Rand;
  readonly c: SimCluster;
  private readonly slots: number[] = [];
  private workers: number[] = [];
  private isWorker: boolean[] = [];
  private cursor = 0;
  freeSlots = 0;

  readonly gitVersion: string;

  constructor(
    seed: number,
    readonly startMs: number,
    readonly version: KubeVersion = DEFAULT_KUBE_VERSION
  ) {
    this.gitVersion = gitVersionOf(version);
    this.r = new Rand(seed);
    this.c = {
      seed,
      startMs,
      namespaces: [],
      nodes: [],
      workloads: [],
      pods: [],
      pvcs: [],
      events: [],
      services: [],
      configMaps: [],
      leases: [],
      resourceVersion: 1_000_000 + this.r.int(0, 899_999),
      gitVersion: this.gitVersion,
    };
  }

  namespace(name: string, ageMs: number, labels: Record<string, string> = {}): void {
    this.c.namespaces.push({
      name,
      uid: this.r.uid(),
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
      creationMs: this.startMs - ageMs,
    });
  }

  nodes(count: number, podsPerNode: number): void {
    const r = this.r;
    const clusterAge = r.int(60, 400) * DAY;
    for (let i = 0; i < count; i++) {
      const cp = i === 0;
      const name = cp ? 'control-plane-1' : `node-${i}`;
      const cores = cp ? 4 : r.pick([4, 8, 8, 16, 16]);
      const memGi = cores * 4;
      const memory = (memGi * Gi) / 1024 - r.int(40_000, 300_000); // in Ki: firmware and kernel take a bit
      const ephemeralKi = r.pick([101_430_960, 203_056_560, 61_202_244]);
      const labels: Record<string, string> = {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': cores === 4 ? 'm6i.xlarge' : cores === 8 ? 'm6i.2xlarge' : 'm6i.4xlarge',
        'topology.kubernetes.io/region': 'sim-east-1',
        'topology.kubernetes.io/zone': `sim-east-1${'abc'[i % 3]}`,
      };
      if (cp) {
        labels['node-role.kubernetes.io/control-plane'] = '';
        labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
      } else {
        labels[i % 10 === 9 ? 'node-role.kubernetes.io/infra' : 'node-role.kubernetes.io/worker'] = '';
      }
      const ip = 10 + i;
      const node: SimNode = {
        name,
        uid: r.uid(),
        labels,
        creationMs: this.startMs - clusterAge + i * 1000,
        bootMs: this.startMs - r.int(2, 30 * 24) * HOUR,
        capacity: { cpu: cores, memory: memory * 1024, pods: 110, ephemeralStorage: ephemeralKi * 1024 },
        allocatable: {
          cpu: cores - (cp ? 0.2 : 0.1),
          memory: memory * 1024 - 100 * Mi,
          pods: 110,
          ephemeralStorage: Math.floor(ephemeralKi * 1024 * 0.9),
        },
        // a little version skew, as during a rolling upgrade
        kubeletVersion: i > 0 && i % 7 === 2 ? skewedKubeletVersion(this.version) : this.gitVersion,
        osImage: i % 4 === 3 ? 'Debian GNU/Linux 12 (bookworm)' : 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'containerd://1.7.22',
        internalIP: `10.0.${ip >> 8}.${ip & 255}`,
        ready: true,
        readyStatus: 'True',
        systemUsage: {
          cpuBase: cp ? r.range(0.25, 0.45) : r.range(0.04, 0.2),
          cpuWave: r.range(0.005, 0.03),
          memBase: Math.round(r.range(450, 1100) * Mi),
          memWave: Math.round(r.range(20, 80) * Mi),
          periodSec: r.int(120, 600),
          phase: r.range(0, Math.PI * 2),
          bursty: false,
        },
      };
      // bigger clusters always have a node or two in trouble
      // (the kubelet of the last stopped posting 11 minutes ago, so its pods are already being evicted;
      // the other reports NotReady since 2 minutes, so its pods are NotReady and evicted 3 minutes on)
      if (count >= 8 && i === count - 1) {
        node.ready = false;
        node.readyStatus = 'Unknown';
        node.notReadySinceMs = this.startMs - 11 * MIN;
      } else if (count >= 12 && i === count - 2) {
        node.ready = false;
        node.readyStatus = 'False';
        node.notReadySinceMs = this.startMs - 2 * MIN;
      }
      this.c.nodes.push(node);
      this.slots.push(podsPerNode);
    }
    // the control plane is tainted, so only a single-node cluster schedules apps on it
    this.workers = count === 1 ? [0] : this.c.nodes.map((_, i) => i).slice(1);
    this.isWorker = this.c.nodes.map((_, i) => count === 1 || i > 0);
    this.freeSlots = this.workers.reduce((s, i) => s + this.slots[i], 0);
  }

  /** round-robin over workers with room left */
  private schedule(): SimNode | undefined {
    for (let k = 0; k < this.workers.length; k++) {
      const i = this.workers[this.cursor];
      this.cursor = (this.cursor + 1) % this.workers.length;
      if (this.slots[i] > 0) {
        return this.c.nodes[i];
      }
    }
    return undefined;
  }

  private take(node: SimNode): void {
    const i = this.nodeIndex(node);
    this.slots[i]--;
    if (this.isWorker[i]) {
      this.freeSlots--;
    }
  }

  private nodeIndex(node: SimNode): number {
    // node names are control-plane-1 and node-<i>
    return node.name.startsWith('node-') ? Number(node.name.slice(5)) : 0;
  }

  workload(w: Omit<SimWorkload, 'uid' | 'creationMs'>, ageMs: number): SimWorkload {
    const full: SimWorkload = { ...w, uid: this.r.uid(), creationMs: this.startMs - ageMs };
    this.c.workloads.push(full);
    return full;
  }

  pod(args: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    owner?: OwnerRef;
    node?: SimNode | 'schedule' | 'pending';
    ageMs: number;
    make: ReturnType<PodMaker>;
  }): SimPod | undefined {
    let node: SimNode | undefined;
    if (args.node === 'pending') {
      node = undefined;
    } else if (args.node === undefined || args.node === 'schedule') {
      node = this.schedule();
      if (!node) {
        return undefined;
      }
    } else {
      node = args.node;
    }
    if (node) {
      this.take(node);
    }
    const creationMs = this.startMs - args.ageMs;
    const podStart = creationMs + this.r.int(200, 2500);
    const fate = (s: ContainerSpec): ContainerSpec => (node ? s : { ...s, fate: 'unscheduled' });
    const init = (args.make.init ?? []).map((s) =>
      makeContainer(this.r, fate({ ...s, init: true }), podStart, this.startMs)
    );
    const containers = args.make.containers.map((s) => makeContainer(this.r, fate(s), podStart, this.startMs));
    const nodeIdx = node ? this.nodeIndex(node) : 0;
    const podCount = this.c.pods.length;
    const pod: SimPod = {
      namespace: args.namespace,
      name: args.name,
      uid: this.r.uid(),
      labels: args.labels,
      nodeName: node ? node.name : '',
      phase: phaseOf(node, containers),
      creationMs,
      startMs: node ? podStart : creationMs,
      ip: node ? `10.${64 + ((nodeIdx >> 8) & 63)}.${nodeIdx & 255}.${2 + (podCount % 250)}` : '',
      owner: args.owner,
      initContainers: init,
      containers,
      volumes: args.make.volumes ?? [],
    };
    if (args.make.resources) {
      pod.resources = args.make.resources;
    }
    this.c.pods.push(pod);
    return pod;
  }

  event(e: {
    namespace: string;
    kind: string;
    name: string;
    uid: string;
    type: 'Normal' | 'Warning';
    reason: string;
    message: string;
    count?: number;
    firstAgoMs: number;
    lastAgoMs?: number;
    component: string;
    host?: string;
    /** the container a kubelet event is about: `spec.containers{app}` */
    fieldPath?: string;
  }): void {
    this.c.events.push({
      namespace: e.namespace,
      name: `${e.name}.${this.r.hex(16)}`,
      uid: this.r.uid(),
      type: e.type,
      reason: e.reason,
      message: e.message,
      involvedObject: {
        kind: e.kind,
        namespace: e.kind === 'Node' ? undefined : e.namespace,
        name: e.name,
        uid: e.uid,
        ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      },
      count: e.count ?? 1,
      firstMs: this.startMs - e.firstAgoMs,
      lastMs: this.startMs - (e.lastAgoMs ?? e.firstAgoMs),
      component: e.component,
      host: e.host,
    });
  }

  /** Deployment -> ReplicaSet -> pods */
  deployment(
    ns: string,
    name: string,
    replicas: number,
    ageMs: number,
    make: PodMaker,
    extraLabels: Record<string, string> = {},
    placement: 'schedule' | 'pending' = 'schedule'
  ): SimPod[] {
    const labels = { app: name, 'app.kubernetes.io/name': name, ...extraLabels };
    const dep = this.workload(
      { kind: 'Deployment', namespace: ns, name, labels, selector: { app: name }, replicas },
      ageMs
    );
    const hash = this.r.suffix(10);
    const rsName = `${name}-${hash}`;
    const rs = this.workload(
      {
        kind: 'ReplicaSet',
        namespace: ns,
        name: rsName,
        labels: { ...labels, 'pod-template-hash': hash },
        selector: { app: name, 'pod-template-hash': hash },
        replicas,
        owner: ownerOf(dep),
      },
      ageMs - 1000
    );
    const pods: SimPod[] = [];
    for (let i = 0; i < replicas; i++) {
      const podName = `${rsName}-${this.r.suffix()}`;
      const p = this.pod({
        namespace: ns,
        name: podName,
        labels: { ...labels, 'pod-template-hash': hash },
        owner: ownerOf(rs),
        node: placement,
        ageMs: ageMs - 2000,
        make: make(i, podName),
      });
      if (p) {
        pods.push(p);
      }
    }
    return pods;
  }

  statefulSet(ns: string, name: string, replicas: number, ageMs: number, storageGi: number, make: PodMaker): SimPod[] {
    const labels = { app: name, 'app.kubernetes.io/name': name };
    const sts = this.workload(
      { kind: 'StatefulSet', namespace: ns, name, labels, selector: { app: name }, replicas },
      ageMs
    );
    const rev = `${name}-${this.r.suffix(10)}`;
    const pods: SimPod[] = [];
    for (let i = 0; i < replicas; i++) {
      const podName = `${name}-${i}`;
      const pvcName = `data-${podName}`;
      const pvcUid = this.r.uid();
      this.c.pvcs.push({
        namespace: ns,
        name: pvcName,
        uid: pvcUid,
        capacityBytes: storageGi * Gi,
        storageClass: 'standard',
        volumeName: `pvc-${pvcUid}`,
        creationMs: this.startMs - ageMs + 500,
        phase: 'Bound',
      });
      const made = make(i, podName);
      const p = this.pod({
        namespace: ns,
        name: podName,
        labels: {
          ...labels,
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': rev,
          'statefulset.kubernetes.io/pod-name': podName,
        },
        owner: ownerOf(sts),
        node: 'schedule',
        ageMs: ageMs - 2000 - i * 30_000,
        make: { ...made, volumes: [{ name: 'data', pvcName, capacityBytes: storageGi * Gi }, ...(made.volumes ?? [])] },
      });
      if (p) {
        pods.push(p);
      }
    }
    return pods;
  }

  daemonSet(ns: string, name: string, ageMs: number, make: PodMaker, labelKey = 'k8s-app'): void {
    const labels = { [labelKey]: name };
    const ds = this.workload(
      { kind: 'DaemonSet', namespace: ns, name, labels, selector: labels, replicas: this.c.nodes.length },
      ageMs
    );
    const rev = this.r.suffix(10);
    this.c.nodes.forEach((node, i) => {
      const podName = `${name}-${this.r.suffix()}`;
      this.pod({
        namespace: ns,
        name: podName,
        labels: { ...labels, 'controller-revision-hash': rev, 'pod-template-generation': '1' },
        owner: ownerOf(ds),
        node,
        ageMs: Math.min(ageMs - 5000, this.startMs - node.creationMs - 5000),
        make: make(i, podName),
      });
    });
  }
}

function ownerOf(w: SimWorkload): OwnerRef {
  return { kind: w.kind, name: w.name, uid: w.uid, controller: true };
}

function phaseOf(node: SimNode | undefined, containers: SimContainer[]): SimPod['phase'] {
  if (!node) {
    return 'Pending';
  }
  if (containers.length > 0 && containers.every((c) => c.state === 'terminated')) {
    return containers.every((c) => c.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  return 'Running';
}

const APP_NAMES = [
  'api',
  'auth',
  'catalog',
  'search',
  'orders',
  'inventory',
  'notifications',
  'recommendations',
  'shipping',
  'reviews',
  'gateway',
  'worker',
  'billing',
  'ledger',
  'email',
  'media',
  'thumbnailer',
  'sessions',
  'pricing',
  'geo',
];
const LOG_STYLES = ['plain', 'json', 'json', 'logfmt', 'java', 'ansi'] as const;

/**
 * The cluster for a seed, as a cluster of `version` (versions.ts) would show it: the newer pod features
 * (pod-level resources, in-place resize) appear only where that version has them on by default.
 */
export function buildCluster(
  seed: number,
  nodes: number,
  podsPerNode: number,
  startMs: number,
  version: KubeVersion = DEFAULT_KUBE_VERSION
): SimCluster {
  const b = new Builder(seed, startMs, version);
  const features = featuresOf(minorOf(version));
  const gitVersion = b.gitVersion;
  const r = b.r;
  const nodeCount = Math.max(1, Math.floor(nodes));
  const ppn = Math.max(1, Math.floor(podsPerNode));
  const total = nodeCount * ppn;
  const nsAge = r.int(60, 400) * DAY;
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    b.namespace(ns, nsAge);
  }
  b.namespace('monitoring', nsAge - 2 * DAY, { 'pod-security.kubernetes.io/enforce': 'privileged' });
  b.namespace('shop', nsAge - 5 * DAY, { team: 'shop', 'istio-injection': 'enabled' });
  b.namespace('payments', nsAge - 9 * DAY, { team: 'payments' });
  b.namespace('batch', nsAge - 12 * DAY, { team: 'data' });
  const appNamespaces = ['shop', 'payments', 'default'];
  // at scale, spread apps so no namespace exceeds the 3,000 pods/namespace threshold
  const teamCount = total > 6000 ? Math.ceil(total / 2500) : 0;
  for (let t = 1; t <= teamCount; t++) {
    const name = `team-${String(t).padStart(3, '0')}`;
    b.namespace(name, nsAge - (14 + t) * DAY, { team: name });
    appNamespaces.push(name);
  }
  b.nodes(nodeCount, ppn);
  const cp = b.c.nodes[0];

  // system pods: per-node DaemonSets and the control plane's static pods
  b.daemonSet('kube-system', 'kube-proxy', nsAge, () => ({
    containers: [
      {
        name: 'kube-proxy',
        image: `registry.k8s.io/kube-proxy:${gitVersion}`,
        cpuRequest: 0.02,
        memRequest: 32 * Mi,
        logStyle: 'plain',
        logRate: 0.05,
      },
    ],
  }));
  if (ppn >= 5) {
    b.daemonSet(
      'monitoring',
      'node-exporter',
      nsAge - 2 * DAY,
      () => ({
        containers: [
          {
            name: 'node-exporter',
            image: 'quay.io/prometheus/node-exporter:v1.8.2',
            cpuRequest: 0.05,
            memRequest: 32 * Mi,
            memLimit: 64 * Mi,
            logStyle: 'logfmt',
            logRate: 0.02,
          },
        ],
      }),
      'app.kubernetes.io/name'
    );
  }
  if (ppn >= 6) {
    for (const comp of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const res =
        comp === 'kube-apiserver' ? 0.25 : comp === 'etcd' ? 0.1 : comp === 'kube-controller-manager' ? 0.2 : 0.1;
      b.pod({
        namespace: 'kube-system',
        name: `${comp}-${cp.name}`,
        labels: { component: comp, tier: 'control-plane' },
        owner: { kind: 'Node', name: cp.name, uid: cp.uid, controller: true },
        node: cp,
        ageMs: startMs - cp.bootMs - 5000,
        make: {
          containers: [
            {
              name: comp,
              image: `registry.k8s.io/${comp}:${comp === 'etcd' ? '3.5.15-0' : gitVersion}`,
              cpuRequest: res,
              memRequest: comp === 'etcd' ? 100 * Mi : undefined,
              logStyle: 'plain',
            },
          ],
        },
      });
    }
  }

  // interesting workloads, in order of importance for small clusters
  b.deployment(
    'kube-system',
    'coredns',
    2,
    nsAge - HOUR,
    () => ({
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          cpuRequest: 0.1,
          memRequest: 70 * Mi,
          memLimit: 170 * Mi,
          logStyle: 'plain',
          logRate: 0.1,
        },
      ],
    }),
    { 'k8s-app': 'kube-dns' }
  );

  const frontend = b.deployment(
    'shop',
    'frontend',
    3,
    3 * DAY,
    () => ({
      // istio's native sidecar mode: istio-proxy is an init container with restartPolicy Always
      init: [{ ...SIDECARS[0], restartPolicy: 'Always' }],
      containers: [
        {
          name: 'app',
          image: 'ghcr.io/kubeglance-sim/shop-frontend:2.4.1',
          cpuRequest: 0.25,
          memRequest: 256 * Mi,
          memLimit: 512 * Mi,
          logStyle: 'json',
        },
      ],
    }),
    { tier: 'web', 'app.kubernetes.io/version': '2.4.1' }
  );

  const cart = b.deployment(
    'shop',
    'cart',
    2,
    6 * DAY,
    (i) => ({
      init: [
        {
          name: 'migrate',
          image: 'ghcr.io/kubeglance-sim/cart:1.9.0',
          cpuRequest: 0.1,
          memRequest: 64 * Mi,
          logStyle: 'plain',
        },
      ],
      containers: [
        {
          name: 'cart',
          image: 'ghcr.io/kubeglance-sim/cart:1.9.0',
          cpuRequest: 0.2,
          memRequest: 192 * Mi,
          memLimit: 256 * Mi,
          logStyle: 'logfmt',
          fate: i === 0 ? 'restarted' : 'running',
          restarts: 2,
          lastReason: 'OOMKilled',
          lastExitCode: 137,
        },
        { ...SIDECARS[0] },
      ],
    }),
    { tier: 'backend' }
  );

  const checkout = b.deployment(
    'shop',
    'checkout',
    1,
    2 * HOUR,
    () => ({
      containers: [
        {
          name: 'checkout',
          image: 'ghcr.io/kubeglance-sim/checkout:3.0.0-rc1',
          cpuRequest: 0.5,
          memRequest: 512 * Mi,
          memLimit: 1 * Gi,
          logStyle: 'java',
          fate: 'crashloop',
        },
      ],
    }),
    { tier: 'backend' }
  );

  b.deployment('default', 'legacy-batch-ui', 1, 90 * DAY, () => ({
    containers: [
      { name: 'ui', image: 'docker.io/library/httpd:2.4', cpuRequest: 0.05, memRequest: 64 * Mi, logStyle: 'ansi' },
    ],
  }));

  const postgres = b.statefulSet('shop', 'postgres', ppn >= 10 || nodeCount >= 4 ? 2 : 1, 20 * DAY, 20, () => ({
    containers: [
      {
        name: 'postgres',
        image: 'docker.io/library/postgres:16.4',
        cpuRequest: 0.5,
        memRequest: 1 * Gi,
        memLimit: 2 * Gi,
        logStyle: 'plain',
      },
    ],
    init: [{ name: 'init-permissions', image: 'docker.io/library/busybox:1.36', logStyle: 'quiet' }],
  }));

  b.statefulSet('monitoring', 'prometheus', 1, 30 * DAY, 50, () => ({
    // one budget for prometheus and its reloader (pod-level resources), where the version has them
    resources: features.podLevelResources
      ? { requests: { cpu: 1, memory: 3 * Gi }, limits: { memory: 6 * Gi } }
      : undefined,
    containers: [
      {
        name: 'prometheus',
        image: 'quay.io/prometheus/prometheus:v2.54.1',
        cpuRequest: 0.5,
        memRequest: 2 * Gi,
        memLimit: 4 * Gi,
        logStyle: 'logfmt',
        logRate: 0.3,
      },
      {
        name: 'config-reloader',
        image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
        cpuRequest: 0.01,
        memRequest: 16 * Mi,
        memLimit: 32 * Mi,
        logStyle: 'quiet',
      },
    ],
  }));

  // a finished Job: its pod Succeeded and its container is terminated/Completed
  const jobName = 'nightly-report-28840320';
  const job = b.workload(
    {
      kind: 'Job',
      namespace: 'batch',
      name: jobName,
      labels: { 'job-name': jobName },
      selector: { 'batch.kubernetes.io/job-name': jobName },
      replicas: 1,
      completions: 1,
    },
    7 * HOUR
  );
  const jobPod = b.pod({
    namespace: 'batch',
    name: `${jobName}-${r.suffix()}`,
    labels: {
      'batch.kubernetes.io/job-name': jobName,
      'job-name': jobName,
      'batch.kubernetes.io/controller-uid': job.uid,
      'controller-uid': job.uid,
    },
    owner: ownerOf(job),
    node: 'schedule',
    ageMs: 7 * HOUR - 1000,
    make: {
      containers: [
        {
          name: 'report',
          image: 'ghcr.io/kubeglance-sim/reporter:0.7.3',
          cpuRequest: 1,
          memRequest: 512 * Mi,
          logStyle: 'plain',
          fate: 'completed',
        },
      ],
    },
  });

  // a pod nobody can schedule: it asks for more CPU than any node has
  const pending = b.deployment(
    'default',
    'ml-trainer',
    1,
    40 * MIN,
    () => ({
      containers: [
        {
          name: 'trainer',
          image: 'ghcr.io/kubeglance-sim/trainer:0.3.0',
          cpuRequest: 64,
          memRequest: 128 * Gi,
          logStyle: 'plain',
        },
      ],
    }),
    { 'app.kubernetes.io/component': 'training' },
    'pending'
  )[0];

  // one unbound claim, waiting for a storage class that provisions late
  b.c.pvcs.push({
    namespace: 'shop',
    name: 'uploads',
    uid: r.uid(),
    capacityBytes: 100 * Gi,
    storageClass: 'fast-ssd',
    volumeName: '',
    creationMs: startMs - 25 * MIN,
    phase: 'Pending',
  });

  // filler Deployments until the workers are full
  const used = new Map<string, number>();
  let fillerPods = 0;
  while (b.freeSlots > 0) {
    const ns = appNamespaces[fillerPods === 0 ? 0 : r.int(0, appNamespaces.length - 1)];
    const base = r.pick(APP_NAMES);
    const key = `${ns}/${base}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    const name = n === 1 ? base : `${base}-${n}`;
    const replicas = Math.min(b.freeSlots, r.int(1, total > 1000 ? 8 : 4));
    const res = randomResources(r);
    const style = r.pick(LOG_STYLES);
    const appVersion = `1.${r.int(0, 30)}.${r.int(0, 9)}`;
    const sidecar = r.chance(0.3) ? r.pick(SIDECARS) : undefined;
    const init = r.chance(0.15)
      ? [{ name: 'wait-for-deps', image: 'docker.io/library/busybox:1.36', logStyle: 'quiet' as const }]
      : undefined;
    // fluent-bit runs as a native sidecar (so it ships the init containers' logs too); the proxies stay
    // classic second containers, so both shapes exist
    const native = sidecar?.name === 'log-shipper';
    const pods = b.deployment(ns, name, replicas, r.int(1, 60 * 24) * MIN * 30, () => ({
      init: native ? [{ ...sidecar, restartPolicy: 'Always' as const }, ...(init ?? [])] : init,
      containers: [
        {
          name,
          image: `ghcr.io/kubeglance-sim/${base}:${appVersion}`,
          ...res,
          logStyle: style,
          fate: r.chance(0.05) ? 'restarted' : 'running',
        },
        ...(sidecar && !native ? [{ ...sidecar }] : []),
      ],
    }));
    for (const p of pods) {
      fillerPods++;
      if (fillerPods % 25 === 1) {
        podLifecycleEvents(b, p);
      }
    }
    if (pods.length === 0) {
      break;
    }
  }

  // events that make the interesting workloads look the way they would in a real cluster
  for (const p of frontend.slice(0, 1)) {
    podLifecycleEvents(b, p);
  }
  if (frontend.length > 0) {
    const dep = b.c.workloads.find((w) => w.kind === 'Deployment' && w.name === 'frontend');
    const rs = b.c.workloads.find((w) => w.kind === 'ReplicaSet' && w.owner?.name === 'frontend');
    if (dep && rs) {
      b.event({
        namespace: 'shop',
        kind: 'Deployment',
        name: dep.name,
        uid: dep.uid,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${rs.name} to ${rs.replicas}`,
        firstAgoMs: 3 * DAY - 5000,
        component: 'deployment-controller',
      });
    }
  }
  for (const p of checkout) {
    const c = p.containers[0];
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${c.image}" already present on machine`,
      fieldPath: `spec.containers{${c.name}}`,
      count: c.restartCount,
      firstAgoMs: 2 * HOUR - 10_000,
      lastAgoMs: 4 * MIN,
      component: 'kubelet',
      host: p.nodeName,
    });
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
      fieldPath: `spec.containers{${c.name}}`,
      count: c.restartCount * 11,
      firstAgoMs: 2 * HOUR - 60_000,
      lastAgoMs: 20_000,
      component: 'kubelet',
      host: p.nodeName,
    });
  }
  for (const p of cart.slice(0, 1)) {
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      count: 3,
      firstAgoMs: 3 * HOUR,
      lastAgoMs: 50 * MIN,
      component: 'kubelet',
      host: p.nodeName,
    });
  }
  if (pending) {
    const n = nodeCount;
    const msg =
      n === 1
        ? '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'
        : `0/${n} nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ${n - 1} Insufficient cpu, ${n - 1} Insufficient memory. preemption: 0/${n} nodes are available: 1 Preemption is not helpful for scheduling, ${n - 1} No preemption victims found for incoming pod.`;
    b.event({
      namespace: pending.namespace,
      kind: 'Pod',
      name: pending.name,
      uid: pending.uid,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: msg,
      count: 9,
      firstAgoMs: 40 * MIN - 3000,
      lastAgoMs: 4 * MIN,
      component: 'default-scheduler',
    });
  }
  if (jobPod) {
    b.event({
      namespace: 'batch',
      kind: 'Job',
      name: job.name,
      uid: job.uid,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${jobPod.name}`,
      firstAgoMs: 7 * HOUR - 500,
      component: 'job-controller',
    });
    b.event({
      namespace: 'batch',
      kind: 'Job',
      name: job.name,
      uid: job.uid,
      type: 'Normal',
      reason: 'Completed',
      message: 'Job completed',
      firstAgoMs: 6 * HOUR,
      component: 'job-controller',
    });
  }
  for (const p of postgres.slice(0, 1)) {
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${p.namespace}/${p.name} to ${p.nodeName}`,
      firstAgoMs: startMs - p.creationMs - 500,
      component: 'default-scheduler',
    });
  }
  // what the node lifecycle and taint eviction controllers write about the nodes in trouble
  for (const node of b.c.nodes) {
    if (node.notReadySinceMs !== undefined) {
      const pods = b.c.pods.filter((p) => p.nodeName === node.name);
      b.c.events.push(...lifecycleEvents(node, pods, node.notReadySinceMs));
    }
  }
  if (features.resizeStatus) {
    applyResizes(b.c);
  }
  addServicesConfigAndLeases(b.c, r);
  return b.c;
}

function podLifecycleEvents(b: Builder, p: SimPod): void {
  if (!p.nodeName) {
    return;
  }
  const ago = b.startMs - p.creationMs;
  const main = p.containers[0];
  const base = {
    namespace: p.namespace,
    kind: 'Pod',
    name: p.name,
    uid: p.uid,
    type: 'Normal' as const,
    host: p.nodeName,
  };
  b.event({
    ...base,
    reason: 'Scheduled',
    message: `Successfully assigned ${p.namespace}/${p.name} to ${p.nodeName}`,
    firstAgoMs: ago - 100,
    component: 'default-scheduler',
    host: undefined,
  });
  b.event({
    ...base,
    reason: 'Pulled',
    message: `Successfully pulled image "${main.image}" in 2.113s (2.113s including waiting). Image size: 48213557 bytes.`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2500,
    component: 'kubelet',
  });
  b.event({
    ...base,
    reason: 'Created',
    message: `Created container ${main.name}`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2600,
    component: 'kubelet',
  });
  b.event({
    ...base,
    reason: 'Started',
    message: `Started container ${main.name}`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2700,
    component: 'kubelet',
  });
  if (main.hasPrevious) {
    b.event({
      ...base,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${main.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
      fieldPath: `spec.containers{${main.name}}`,
      count: main.restartCount,
      firstAgoMs: Math.max(1000, b.startMs - main.startedAtMs + 5000),
      component: 'kubelet',
    });
  }
}
