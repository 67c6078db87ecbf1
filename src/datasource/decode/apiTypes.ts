/**
 * The parts of Kubernetes API objects the decoders and column builders read: one declaration per wire shape.
 * Everything is optional because the readers check what arrives instead of trusting it; lists the API server
 * may write as `null` say so.
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[] | null;
}

export interface OwnerReference {
  kind?: string;
  name?: string;
  controller?: boolean;
}

/** Any object: what the name, namespace and age columns read. */
export interface KubeObject {
  metadata?: ObjectMeta;
}

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface NodeMetricsItem {
  metadata?: ObjectMeta;
  timestamp?: string;
  window?: string;
  usage?: Record<string, unknown>;
}

/** core/v1 Node */
export interface NodeObject {
  metadata?: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: Array<{ key?: string; effect?: string }> };
  status?: {
    capacity?: Record<string, unknown>;
    allocatable?: Record<string, unknown>;
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

export interface ContainerState {
  waiting?: { reason?: string; message?: string } | null;
  running?: { startedAt?: string | null } | null;
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    startedAt?: string | null;
    finishedAt?: string | null;
  } | null;
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  /** changes when the container is recreated (the live log tail compares it between polls) */
  containerID?: string;
  state?: ContainerState | null;
  lastState?: ContainerState | null;
}

export interface Container {
  name?: string;
  /** `Always` on an init container makes it a sidecar (restartable init container) */
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** core/v1 Pod: what the pods, objects and logs queries read of it. */
export interface PodObject {
  metadata?: ObjectMeta;
  spec?: {
    nodeName?: string;
    containers?: Container[] | null;
    initContainers?: Container[] | null;
    overhead?: Record<string, unknown> | null;
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    conditions?: Condition[] | null;
    initContainerStatuses?: ContainerStatus[] | null;
    containerStatuses?: ContainerStatus[] | null;
  };
}

/** core/v1 Event, as the events query and `kubectl get events` read it. */
export interface EventObject extends KubeObject {
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
