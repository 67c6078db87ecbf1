/**
 * The parts of the objects `kubectl get` prints that the column builders read. Everything is optional:
 * the builders check what arrives instead of trusting it.
 */

export interface KubeMeta {
  name?: string;
  namespace?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  metadata?: KubeMeta;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

export interface NodeObj extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: Condition[];
    addresses?: Array<{ type?: string; address?: string }>;
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

export interface NamespaceObj extends KubeObject {
  status?: { phase?: string };
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string | null };
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
  };
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodObj extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: Array<{ name?: string }>;
    /** restartPolicy Always marks a sidecar (restartable init container) */
    initContainers?: Array<{ name?: string; restartPolicy?: string }>;
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

export interface DeploymentObj extends KubeObject {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

export interface StatefulSetObj extends KubeObject {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}

export interface DaemonSetObj extends KubeObject {
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

export interface JobObj extends KubeObject {
  spec?: { completions?: number | null; parallelism?: number | null };
  status?: {
    conditions?: Condition[];
    startTime?: string | null;
    completionTime?: string | null;
    succeeded?: number;
  };
}

export interface PvcObj extends KubeObject {
  spec?: {
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string;
    resources?: { requests?: Record<string, unknown> };
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, unknown> };
}

export interface EventObj extends KubeObject {
  involvedObject?: { kind?: string; namespace?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string | null } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}
