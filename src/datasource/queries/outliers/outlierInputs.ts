/**
 * What the outlier scoring compares: each workload's pods with their mean CPU and memory over the history
 * held (containers summed) and their restarts now. Pure.
 */
import { OutlierSignal } from '../../types';
import { OwnerIndex, workloadOf } from '../pods/owners';
import { PodInfo } from '../pods/podObjects';
import { containerKey, UsageWindow } from '../shared/containerUsage';
import { mean } from '../shared/robustStats';
import { PodValues, WorkloadPods } from './outlierScoring';

/** The controllers whose pods are meant to be alike. */
export const COMPARED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/** A pod's usage: the sum over its containers of each one's mean; absent when no container has a value. */
function podMean(pod: PodInfo, window: UsageWindow, metric: 'cpu' | 'memory'): number | undefined {
  let sum: number | undefined;
  for (const c of pod.containers) {
    const m = mean(window.containers.get(containerKey(pod.namespace, pod.name, c.name))?.[metric] ?? []);
    if (m !== undefined) {
      sum = (sum ?? 0) + m;
    }
  }
  return sum;
}

function podValues(pod: PodInfo, window: UsageWindow, signals: readonly OutlierSignal[]): PodValues {
  const values: PodValues['values'] = {};
  for (const signal of signals) {
    // a pod that is not Running (an image that will not pull) reports no usage worth comparing
    const v =
      signal === 'cpu' || signal === 'memory'
        ? pod.phase === 'Running'
          ? podMean(pod, window, signal)
          : undefined
        : signal === 'restarts'
          ? pod.restarts
          : undefined;
    if (v !== undefined) {
      values[signal] = v;
    }
  }
  return { pod: pod.name, values };
}

/**
 * Pods grouped by the workload that controls them, in name order; other pods (bare, static) are left out. A
 * Deployment's pods are grouped per ReplicaSet: during a rollout the old and the new version's pods are not
 * siblings, and a new version that differs is a rollout to look at, not an outlier.
 */
export function workloadsOf(
  pods: readonly PodInfo[],
  index: OwnerIndex,
  window: UsageWindow,
  signals: readonly OutlierSignal[]
): WorkloadPods[] {
  const groups = new Map<string, WorkloadPods>();
  for (const pod of pods) {
    // finished pods of a Job used nothing lately: only their restarts mean anything
    const w = workloadOf(pod, index);
    if (!COMPARED_KINDS.has(w.kind)) {
      continue;
    }
    const workload = `${w.kind}/${w.name}`;
    const revision = pod.owner?.kind === 'ReplicaSet' ? pod.owner.name : '';
    const key = `${pod.namespace}/${workload}/${revision}`;
    let g = groups.get(key);
    if (!g) {
      g = { namespace: pod.namespace, workload, pods: [] };
      groups.set(key, g);
    }
    g.pods.push(podValues(pod, window, signals));
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}
