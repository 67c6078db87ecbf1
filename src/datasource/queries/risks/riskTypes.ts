/**
 * What the risks query finds and reads. The wire shapes are the parts of the objects the checks read, all
 * optional: the checks look at what arrives instead of trusting it.
 */
import { Condition, EventObject, KubeObject, NodeObject, PodObject } from '../../decode/apiTypes';
import { RiskSeverity } from '../../types';

/** apps/v1 Deployment */
export interface DeploymentObject extends KubeObject {
  spec?: { replicas?: number; paused?: boolean; progressDeadlineSeconds?: number };
  status?: {
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[] | null;
  };
}

/** apps/v1 StatefulSet */
export interface StatefulSetObject extends KubeObject {
  spec?: { replicas?: number };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
  };
}

/** apps/v1 DaemonSet */
export interface DaemonSetObject extends KubeObject {
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberMisscheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    updatedNumberScheduled?: number;
  };
}

/** batch/v1 Job */
export interface JobObject extends KubeObject {
  status?: { conditions?: Condition[] | null; failed?: number; startTime?: string | null };
}

/** core/v1 PersistentVolumeClaim */
export interface PvcObject extends KubeObject {
  spec?: { storageClassName?: string | null; resources?: { requests?: Record<string, unknown> } };
  status?: { phase?: string };
}

/** autoscaling/v2 HorizontalPodAutoscaler */
export interface HpaObject extends KubeObject {
  spec?: { minReplicas?: number; maxReplicas?: number; scaleTargetRef?: { kind?: string; name?: string } };
  status?: { currentReplicas?: number; desiredReplicas?: number; conditions?: Condition[] | null };
}

/** Everything the checks look at; a resource that could not be read is an empty list (and a notice). */
export interface RiskObjects {
  pods: PodObject[];
  nodes: NodeObject[];
  deployments: DeploymentObject[];
  statefulSets: StatefulSetObject[];
  daemonSets: DaemonSetObject[];
  jobs: JobObject[];
  pvcs: PvcObject[];
  hpas: HpaObject[];
  events: EventObject[];
}

/** One thing wrong now: a table row. */
export interface Finding {
  severity: RiskSeverity;
  /** the object's kind: Pod, Node, Deployment, … */
  kind: string;
  /** empty for cluster-scoped objects (nodes) */
  namespace: string;
  object: string;
  /** when the problem began, as far as the objects tell (epoch ms); undefined when they do not */
  sinceMs?: number;
  /** the kubernetes-mixin alert it matches (KubePodCrashLooping, …), or our own name where the mixin has none */
  check: string;
  /** what is wrong and what to do, in plain words */
  reason: string;
  /** the pod to open for logs and events (the pod itself, or one of a workload's) */
  pod?: string;
  /** the container the finding is about */
  container?: string;
  /** the node concerned (the node itself, or the pod's) */
  node?: string;
}

export const SEVERITY_RANK: Readonly<Record<RiskSeverity, number>> = { critical: 0, warning: 1, info: 2 };

export const SEVERITIES: readonly RiskSeverity[] = ['critical', 'warning', 'info'];

export function isSeverity(value: unknown): value is RiskSeverity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
