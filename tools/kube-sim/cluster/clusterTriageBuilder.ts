/**
 * The triage scenarios' builder (clusterTriage.ts): pods placed round-robin on the Ready workers,
 * Deployments with their ReplicaSets, events at times before the clock's start, steady usage.
 */
import type { SimNode, SimPod, SimWorkload, UsageProfile } from './model';
import { type Builder, ownerOf } from './clusterBuilder';
import type { ContainerSpec } from './clusterPods';

/** constant usage, so a panel reads exactly these cores and bytes */
export function steadyUsage(cpu: number, memory: number): UsageProfile {
  return { cpuBase: cpu, cpuWave: 0, memBase: Math.round(memory), memWave: 0, periodSec: 600, phase: 0, bursty: false };
}

/** growth starts on a whole second, as the kubelet stamps its stats (growthAt) */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** siblings alike: within ±2% of each other, by replica index */
export function alike(i: number): number {
  return 1 + 0.01 * ((i % 5) - 2);
}

export interface DeploymentParts {
  dep: SimWorkload;
  rs: SimWorkload;
  pods: SimPod[];
}

export class TriageBuilder {
  private next = 0;
  readonly workers: SimNode[];

  constructor(readonly b: Builder) {
    const nodes = b.c.nodes;
    const ready = nodes.filter((n) => n.notReadySinceMs === undefined);
    const workers = nodes.length === 1 ? ready : ready.filter((n) => n.name !== 'control-plane-1');
    this.workers = workers.length ? workers : [nodes[0]];
  }

  get startMs(): number {
    return this.b.startMs;
  }

  /** the next Ready worker, round-robin */
  node(): SimNode {
    return this.workers[this.next++ % this.workers.length];
  }

  deploymentObject(ns: string, name: string, replicas: number, ageMs: number, extra: Partial<SimWorkload> = {}) {
    const labels = { app: name, 'app.kubernetes.io/name': name };
    return this.b.workload(
      { kind: 'Deployment', namespace: ns, name, labels, selector: { app: name }, replicas, ...extra },
      ageMs
    );
  }

  replicaSet(dep: SimWorkload, replicas: number, ageMs: number, revision: number): SimWorkload {
    const hash = this.b.r.suffix(10);
    return this.b.workload(
      {
        kind: 'ReplicaSet',
        namespace: dep.namespace,
        name: `${dep.name}-${hash}`,
        labels: { ...dep.labels, 'pod-template-hash': hash },
        selector: { ...dep.selector, 'pod-template-hash': hash },
        replicas,
        owner: ownerOf(dep),
        revision,
      },
      ageMs
    );
  }

  /** a pod of a ReplicaSet (or other owner), on the next worker unless a node is given */
  pod(
    owner: SimWorkload,
    ageMs: number,
    containers: ContainerSpec[],
    opts: { node?: SimNode; extraVolumes?: SimPod['volumes'] } = {}
  ): SimPod {
    const name =
      owner.kind === 'ReplicaSet' || owner.kind === 'Job' ? `${owner.name}-${this.b.r.suffix()}` : owner.name;
    const labels =
      owner.kind === 'Job'
        ? {
            'batch.kubernetes.io/controller-uid': owner.uid,
            'batch.kubernetes.io/job-name': owner.name,
            'controller-uid': owner.uid,
            'job-name': owner.name,
          }
        : { ...owner.labels };
    const p = this.b.pod({
      namespace: owner.namespace,
      name,
      labels,
      owner: ownerOf(owner),
      node: opts.node ?? this.node(),
      ageMs,
      make: { containers, volumes: opts.extraVolumes },
    });
    if (!p) {
      throw new Error(`kube-sim: no node for ${owner.namespace}/${name}`);
    }
    return p;
  }

  /** a Deployment with one ReplicaSet whose pods the caller shapes */
  deployment(
    ns: string,
    name: string,
    replicas: number,
    ageMs: number,
    spec: (i: number) => ContainerSpec[]
  ): DeploymentParts {
    const dep = this.deploymentObject(ns, name, replicas, ageMs);
    const rs = this.replicaSet(dep, replicas, ageMs - 1000, 1);
    const pods: SimPod[] = [];
    for (let i = 0; i < replicas; i++) {
      pods.push(this.pod(rs, ageMs - 2000 - i * 1000, spec(i)));
    }
    return { dep, rs, pods };
  }

  /** a template-only pod for a ReplicaSet scaled to 0 (the API shows its template) */
  templateOnly(rs: SimWorkload, ageMs: number, containers: ContainerSpec[]): void {
    const p = this.pod(rs, ageMs, containers);
    this.b.c.pods.pop();
    rs.templatePod = p;
  }

  event(e: Parameters<Builder['event']>[0]): void {
    this.b.event(e);
  }

  podEvent(
    p: SimPod,
    e: {
      type: 'Normal' | 'Warning';
      reason: string;
      message: string;
      atMs: number;
      lastMs?: number;
      count?: number;
      container?: string;
    }
  ): void {
    this.b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      firstAgoMs: this.startMs - e.atMs,
      lastAgoMs: this.startMs - (e.lastMs ?? e.atMs),
      component: 'kubelet',
      host: p.nodeName || undefined,
      fieldPath: e.container ? `spec.containers{${e.container}}` : undefined,
    });
  }

  workloadEvent(
    w: SimWorkload,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    atMs: number,
    component: string
  ): void {
    this.b.event({
      namespace: w.namespace,
      kind: w.kind,
      name: w.name,
      uid: w.uid,
      type,
      reason,
      message,
      firstAgoMs: this.startMs - atMs,
      component,
    });
  }
}

export function spec(name: string, image: string, res: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name, image, logStyle: 'json', ...res };
}

export function setUsage(p: SimPod, cpu: number, memory: number): void {
  p.containers[0].usage = steadyUsage(cpu, memory);
}

/** StatefulSet pods with their PVCs (data-<pod>), as Builder.statefulSet makes them, on the triage workers */
export function statefulPods(
  t: TriageBuilder,
  sts: SimWorkload,
  ageMs: number,
  storageGi: number,
  make: (i: number) => ContainerSpec[],
  extraVolumes: SimPod['volumes'] = []
): SimPod[] {
  const rev = `${sts.name}-${t.b.r.suffix(10)}`;
  const pods: SimPod[] = [];
  for (let i = 0; i < sts.replicas; i++) {
    const podName = `${sts.name}-${i}`;
    const pvcName = `data-${podName}`;
    const pvcUid = t.b.r.uid();
    const capacityBytes = storageGi * 1024 ** 3;
    t.b.c.pvcs.push({
      namespace: sts.namespace,
      name: pvcName,
      uid: pvcUid,
      capacityBytes,
      storageClass: 'standard',
      volumeName: `pvc-${pvcUid}`,
      creationMs: sts.creationMs + 500,
      phase: 'Bound',
    });
    const p = t.b.pod({
      namespace: sts.namespace,
      name: podName,
      labels: {
        ...sts.labels,
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': rev,
        'statefulset.kubernetes.io/pod-name': podName,
      },
      owner: ownerOf(sts),
      node: t.node(),
      ageMs: ageMs - 2000 - i * 30_000,
      make: { containers: make(i), volumes: [{ name: 'data', pvcName, capacityBytes }, ...extraVolumes] },
    });
    if (p) {
      pods.push(p);
    }
  }
  return pods;
}
