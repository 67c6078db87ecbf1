/**
 * A pod's QoS class, the one function behind status.qosClass (objects.ts), the pod's cgroup (cAdvisor's
 * `id`) and who may swap under LimitedSwap (kubelet/pressure.ts).
 */
import type { ResourceAmounts, SimPod } from '../cluster/model';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * As ComputePodQOS (pkg/apis/core/v1/helper/qos/qos.go) computes it from the spec: only positive cpu and memory
 * quantities count; with pod-level resources (KEP-2837; the sim sets them only where the version has them on)
 * they alone decide, else every init and app container does. Guaranteed needs a cpu and a memory limit on
 * each (or on the pod), and the summed requests equal to the summed limits; an unset request defaults to its
 * limit, as API defaulting does. The spec is what counts: an in-place resize cannot change the class.
 */
export function podQos(pod: SimPod): QosClass {
  const sets: Array<{ requests: ResourceAmounts; limits: ResourceAmounts }> = pod.resources
    ? [pod.resources]
    : [...pod.containers, ...pod.initContainers];
  const requests: ResourceAmounts = {};
  const limits: ResourceAmounts = {};
  let guaranteed = true;
  const add = (into: ResourceAmounts, k: keyof ResourceAmounts, v: number | undefined) => {
    if (v !== undefined && v > 0) {
      into[k] = (into[k] ?? 0) + v;
    }
  };
  for (const s of sets) {
    for (const k of ['cpu', 'memory'] as const) {
      add(requests, k, s.requests[k] ?? s.limits[k]);
      add(limits, k, s.limits[k]);
    }
    if (!(s.limits.cpu && s.limits.cpu > 0 && s.limits.memory && s.limits.memory > 0)) {
      guaranteed = false;
    }
  }
  const reqKeys = Object.keys(requests) as Array<keyof ResourceAmounts>;
  if (reqKeys.length === 0 && Object.keys(limits).length === 0) {
    return 'BestEffort';
  }
  if (guaranteed && reqKeys.every((k) => limits[k] === requests[k]) && reqKeys.length === Object.keys(limits).length) {
    return 'Guaranteed';
  }
  return 'Burstable';
}
