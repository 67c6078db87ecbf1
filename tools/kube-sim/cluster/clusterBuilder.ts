/**
 * The cluster builder: nodes, workloads, pods and events with seeded names and uids, placed
 * round-robin on the workers. cluster.ts (the default cluster) and clusterTriage.ts (the triage
 * scenarios) build with it.
 */
import type { OwnerRef, SimCluster, SimContainer, SimNode, SimPod, SimVolume, SimWorkload } from './model';
import { type KubeVersion, DEFAULT_KUBE_VERSION, gitVersionOf, skewedKubeletVersion } from './versions';
import { Rand } from './clusterRandom';
import { ContainerSpec, Gi, Mi, makeContainer } from './clusterPods';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export type PodMaker = (
  replica: number,
  podName: string
) => {
  containers: ContainerSpec[];
  init?: ContainerSpec[];
  volumes?: SimVolume[];
  /** pod-level spec.resources */
  resources?: SimPod['resources'];
};

export class Builder {
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

  /** troubled: from 8 nodes up, a lost node (and from 12 a NotReady one), as bigger clusters have */
  nodes(count: number, podsPerNode: number, troubled = true): void {
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
      if (troubled && count >= 8 && i === count - 1) {
        node.ready = false;
        node.readyStatus = 'Unknown';
        node.notReadySinceMs = this.startMs - 11 * MIN;
      } else if (troubled && count >= 12 && i === count - 2) {
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

export function ownerOf(w: SimWorkload): OwnerRef {
  return { kind: w.kind, name: w.name, uid: w.uid, controller: true };
}

export function phaseOf(node: SimNode | undefined, containers: SimContainer[]): SimPod['phase'] {
  if (!node) {
    return 'Pending';
  }
  // on its node but no container ever started (an image that cannot be pulled): still Pending
  if (containers.length > 0 && containers.every((c) => c.state === 'waiting' && !c.hasPrevious && !c.startedAtMs)) {
    return 'Pending';
  }
  if (containers.length > 0 && containers.every((c) => c.state === 'terminated')) {
    return containers.every((c) => c.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  return 'Running';
}
