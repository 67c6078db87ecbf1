/**
 * The parts of Kubernetes API objects the decoders read. Everything is optional because the decoders
 * check what arrives instead of trusting it.
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
}

export interface NodeMetricsItem {
  metadata?: ObjectMeta;
  timestamp?: string;
  window?: string;
  usage?: Record<string, unknown>;
}

export interface NodeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface NodeObject {
  metadata?: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: Array<{ key?: string; effect?: string }> };
  status?: {
    capacity?: Record<string, unknown>;
    allocatable?: Record<string, unknown>;
    conditions?: NodeCondition[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; containerRuntimeVersion?: string };
  };
}
