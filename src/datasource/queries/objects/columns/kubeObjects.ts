/**
 * The parts of the objects only `kubectl get` prints that the column builders read (shapes other queries read
 * too are in decode/apiTypes.ts). Everything is optional: the builders check what arrives instead of trusting it.
 */
import { Condition, KubeObject } from '../../../decode/apiTypes';

export interface NamespaceObj extends KubeObject {
  status?: { phase?: string };
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
