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
  lastTransitionTime?: string | null;
}

/** Requests and limits by resource name (`cpu`, `memory`, ...), values as Quantity strings. */
export interface ResourceRequirements {
  requests?: Record<string, unknown> | null;
  limits?: Record<string, unknown> | null;
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
      /** NodeSwapStatus (1.30+): the swap device's size in bytes, on nodes with swap */
      swap?: { capacity?: number };
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
  /** the requests the kubelet admitted (in-place resize, GA 1.35): may trail the spec while a resize waits */
  allocatedResources?: Record<string, unknown> | null;
  /** the requests and limits applied to the running container (in-place resize) */
  resources?: ResourceRequirements | null;
}

export interface Container {
  name?: string;
  /** `Always` on an init container makes it a sidecar (restartable init container) */
  restartPolicy?: string;
  /** the desired requests and limits: mutable since in-place resize, so not always what is in effect */
  resources?: ResourceRequirements | null;
}

/** core/v1 Pod: what the pods, objects and logs queries read of it. */
export interface PodObject {
  metadata?: ObjectMeta;
  spec?: {
    nodeName?: string;
    containers?: Container[] | null;
    initContainers?: Container[] | null;
    overhead?: Record<string, unknown> | null;
    /** pod-level requests and limits (PodLevelResources, beta 1.34): cpu, memory and hugepages-* only */
    resources?: ResourceRequirements | null;
    /** the scheduler leaves the pod alone while any gate remains (GA 1.30) */
    schedulingGates?: Array<{ name?: string }> | null;
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    /** PodResizePending (reason Infeasible or Deferred) and PodResizeInProgress from 1.33 */
    conditions?: Condition[] | null;
    initContainerStatuses?: ContainerStatus[] | null;
    containerStatuses?: ContainerStatus[] | null;
    /** before 1.33 (removed then): Proposed, InProgress, Deferred or Infeasible */
    resize?: string;
    /** pod-level requests and limits applied (InPlacePodLevelResourcesVerticalScaling, beta 1.36) */
    resources?: ResourceRequirements | null;
    /** pod-level requests the kubelet admitted (same gate) */
    allocatedResources?: Record<string, unknown> | null;
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
