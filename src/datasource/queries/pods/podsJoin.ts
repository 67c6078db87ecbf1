/**
 * Pod objects joined with their metrics.k8s.io usage into container and pod rows. PodMetrics list their
 * containers in random order (metrics-server ranges over a Go map), so containers are joined by name.
 * Pure.
 */
import { QueryResultMetaNotice } from '@grafana/data';

import { ContainerUsage, podKey, PodUsage } from './podMetrics';
import { PodInfo } from './podObjects';
import { listNames } from '../shared/format';
import { OwnerIndex, workloadOf } from './owners';
import { PodsRow } from './podsGroup';

export interface JoinedRows {
  containerRows: PodsRow[];
  podRows: PodsRow[];
  /** pods listed while their metrics were read, but which have none: `namespace/name` */
  runningWithoutMetrics: string[];
  notRunningWithoutMetrics: string[];
}

function usageByName(u: PodUsage | undefined, name: string): ContainerUsage | undefined {
  if (!u) {
    return undefined;
  }
  for (const c of u.containers) {
    if (c.name === name) {
      return c;
    }
  }
  return undefined;
}

/** Rows from usage alone, for when the Pod objects could not be read. */
function usageOnlyRows(usage: readonly PodUsage[], out: JoinedRows, containers: boolean) {
  for (const u of usage) {
    const key = podKey(u.namespace, u.name);
    out.podRows.push({
      key,
      namespace: u.namespace,
      pod: u.name,
      pods: 1,
      cpu: u.cpu,
      memory: u.memory,
      swap: u.swap,
      timestampMs: u.timestampMs,
    });
    if (containers) {
      for (const c of u.containers) {
        out.containerRows.push({
          key: `${key}/${c.name}`,
          namespace: u.namespace,
          pod: u.name,
          container: c.name,
          pods: 1,
          cpu: c.cpu,
          memory: c.memory,
          swap: c.swap,
          timestampMs: u.timestampMs,
        });
      }
    }
  }
}

/**
 * One scope's (namespace's, or the cluster's) pods and usage as rows. `pods` undefined: the objects could
 * not be read, so rows come from usage by name. `usage` undefined: metrics could not be read, so usage
 * stays absent. Usage of pods that are not in `pods` (filtered out by node or field selector) is dropped.
 */
export function joinPods(
  pods: readonly PodInfo[] | undefined,
  usage: readonly PodUsage[] | undefined,
  index: OwnerIndex,
  containers: boolean,
  out: JoinedRows = { containerRows: [], podRows: [], runningWithoutMetrics: [], notRunningWithoutMetrics: [] }
): JoinedRows {
  if (!pods) {
    usageOnlyRows(usage ?? [], out, containers);
    return out;
  }
  const byPod = new Map<string, PodUsage>();
  for (const u of usage ?? []) {
    byPod.set(podKey(u.namespace, u.name), u);
  }
  for (const pod of pods) {
    const key = podKey(pod.namespace, pod.name);
    const u = byPod.get(key);
    if (usage && !u) {
      (pod.phase === 'Running' ? out.runningWithoutMetrics : out.notRunningWithoutMetrics).push(key);
    }
    const workload = workloadOf(pod, index);
    out.podRows.push({
      key,
      namespace: pod.namespace,
      pod: pod.name,
      node: pod.node,
      workload,
      // kubectl's STATUS, READY and RESTARTS (a Pending pod without container statuses has 0 restarts)
      status: pod.status || undefined,
      ready: pod.ready,
      restarts: pod.restarts,
      pods: 1,
      cpu: u?.cpu,
      memory: u?.memory,
      swap: u?.swap,
      // in effect; pod-level resources, where the pod sets them, replace the containers' sum (see podObjects)
      cpuRequest: pod.resources.cpuRequest,
      memoryRequest: pod.resources.memoryRequest,
      cpuLimit: pod.resources.cpuLimit,
      memoryLimit: pod.resources.memoryLimit,
      desired: pod.desiredResources,
      resize: pod.resize,
      creationMs: pod.creationMs,
      timestampMs: u?.timestampMs,
    });
    if (!containers) {
      continue;
    }
    for (const c of pod.containers) {
      const cu = usageByName(u, c.name);
      // one literal, same keys in the same order for every row: 30,000 pods make ~100,000 of these
      out.containerRows.push({
        namespace: pod.namespace,
        pod: pod.name,
        node: pod.node,
        workload,
        pods: 1,
        key: `${key}/${c.name}`,
        container: c.name,
        // sidecars run for the pod's lifetime like app containers: their usage, restarts and state count
        containerType: c.sidecar ? 'sidecar' : 'app',
        status: c.state,
        ready: c.ready,
        restarts: c.restarts,
        cpu: cu?.cpu,
        memory: cu?.memory,
        swap: cu?.swap,
        // the container's own values, also under pod-level resources (which bound the pod, not each container)
        cpuRequest: c.cpuRequest,
        memoryRequest: c.memoryRequest,
        cpuLimit: c.cpuLimit,
        memoryLimit: c.memoryLimit,
        desired: c.desired,
        resize: pod.resize,
        creationMs: pod.creationMs,
        timestampMs: u?.timestampMs,
      });
    }
    // a container metrics-server reports that the spec does not list (should not happen): keep its usage
    for (const cu of u?.containers ?? []) {
      if (!pod.containers.some((c) => c.name === cu.name)) {
        out.containerRows.push({
          namespace: pod.namespace,
          pod: pod.name,
          node: pod.node,
          workload,
          pods: 1,
          key: `${key}/${cu.name}`,
          container: cu.name,
          cpu: cu.cpu,
          memory: cu.memory,
          swap: cu.swap,
          creationMs: pod.creationMs,
          timestampMs: u?.timestampMs,
        });
      }
    }
  }
  return out;
}

/** One notice for every pod listed without metrics: running ones wait for a scrape, the others never get any. */
export function withoutMetricsNotice(joined: JoinedRows): QueryResultMetaNotice[] {
  const running = joined.runningWithoutMetrics;
  const other = joined.notRunningWithoutMetrics;
  if (!running.length && !other.length) {
    return [];
  }
  const parts: string[] = [];
  if (running.length) {
    parts.push(
      `${running.length} running pod(s) have no metrics yet: ${listNames(running)}. metrics-server reports a pod ` +
        'after two scrapes with every container running (about a minute); one that stays without may be on a node ' +
        'whose kubelet metrics-server cannot reach.'
    );
  }
  if (other.length) {
    parts.push(`${other.length} pod(s) are not running (pending or finished) and have no usage: ${listNames(other)}.`);
  }
  return [{ severity: 'info', text: parts.join(' ') }];
}
