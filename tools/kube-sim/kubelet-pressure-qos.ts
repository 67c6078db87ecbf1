/** A pod's QoS class: it names the pod's cgroup (cAdvisor's `id`) and decides who may swap under LimitedSwap. */
import type { SimPod } from './model';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** The pod's QoS class, as the kubelet computes it over all containers. */
export function podQos(pod: SimPod): QosClass {
  const all = [...pod.initContainers, ...pod.containers];
  const any = all.some((c) => c.requests.cpu || c.requests.memory || c.limits.cpu || c.limits.memory);
  if (!any) {
    return 'BestEffort';
  }
  const guaranteed = all.every((c) => {
    const cpuReq = c.requests.cpu ?? c.limits.cpu;
    const memReq = c.requests.memory ?? c.limits.memory;
    return !!c.limits.cpu && !!c.limits.memory && cpuReq === c.limits.cpu && memReq === c.limits.memory;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
