/**
 * GET /metrics/resource: the kubelet's resource metrics collector (pkg/kubelet/metrics/collectors/
 * resource_metrics.go), which reads the cpu-and-memory summary. Same numbers and sample times as
 * /stats/summary?only_cpu_and_memory=true; swap series only on nodes with swap (kubelet/pressure.ts), and
 * no deprecated scrape_error, which current kubelets hide.
 */
import type { SimCluster, SimNode } from '../cluster/model';
import { renderFamilies, type PromFamily, type PromSample } from './promtext';
import {
  HOUSEKEEPING_MS,
  containerCpuAt,
  containerMemAt,
  nodeCpuAt,
  nodeMemAt,
  nodePods,
  podCpuAt,
  podMemAt,
  runningContainers,
  sampleTime,
} from './stats';
import { containerSwapAt, nodeSwapAt, podSwapAt, type PressureOptions } from './pressure';

const NS_PER_S = 1e9;

function family(
  name: string,
  stability: 'STABLE' | 'ALPHA',
  help: string,
  type: 'counter' | 'gauge',
  samples: PromSample[]
): PromFamily {
  return { name, help: `[${stability}] ${help}`, type, samples };
}

const SWAP_HELP = 'Reported only on non-windows systems';

export function metricsResourceText(
  cluster: SimCluster,
  node: SimNode,
  nowMs: number,
  opts: PressureOptions = {}
): string {
  const pods = nodePods(cluster, node);
  const tNode = sampleTime(`node/${node.name}`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const nodeCpu = nodeCpuAt(node, pods, tNode);
  const nodeMem = nodeMemAt(node, pods, tNode);

  const containerCpu: PromSample[] = [];
  const containerMem: PromSample[] = [];
  const containerStart: PromSample[] = [];
  const containerSwap: PromSample[] = [];
  const containerSwapLimit: PromSample[] = [];
  const podCpu: PromSample[] = [];
  const podMem: PromSample[] = [];
  const podSwap: PromSample[] = [];
  for (const pod of pods) {
    for (const c of runningContainers(pod)) {
      const labels = { container: c.name, namespace: pod.namespace, pod: pod.name };
      const t = sampleTime(`ctr/${pod.uid}/${c.name}`, nowMs, HOUSEKEEPING_MS, c.startedAtMs);
      // float64(StartTime.UnixNano())/1e9, written without a timestamp
      containerStart.push({ labels, value: c.startedAtMs / 1000 });
      containerCpu.push({ labels, value: Number(containerCpuAt(c, t).coreNanos) / NS_PER_S, tsMs: t });
      containerMem.push({ labels, value: containerMemAt(pod, c, t).workingSet, tsMs: t });
      const swap = containerSwapAt(node, pod, c, t, opts);
      if (swap) {
        containerSwap.push({ labels, value: swap.usage, tsMs: swap.tMs });
        if (swap.available !== undefined) {
          containerSwapLimit.push({ labels, value: swap.available + swap.usage, tsMs: swap.tMs });
        }
      }
    }
    const labels = { namespace: pod.namespace, pod: pod.name };
    const t = sampleTime(`pod/${pod.uid}`, nowMs, HOUSEKEEPING_MS, pod.startMs);
    podCpu.push({ labels, value: Number(podCpuAt(pod, t).coreNanos) / NS_PER_S, tsMs: t });
    podMem.push({ labels, value: podMemAt(pod, t).workingSet, tsMs: t });
    const swap = podSwapAt(node, pod, t, opts);
    if (swap) {
      podSwap.push({ labels, value: swap.usage, tsMs: swap.tMs });
    }
  }
  const nodeSwap = nodeSwapAt(node, pods, tNode, opts);

  return renderFamilies([
    family(
      'container_cpu_usage_seconds_total',
      'STABLE',
      'Cumulative cpu time consumed by the container in core-seconds',
      'counter',
      containerCpu
    ),
    family(
      'container_memory_working_set_bytes',
      'STABLE',
      'Current working set of the container in bytes',
      'gauge',
      containerMem
    ),
    family(
      'container_swap_limit_bytes',
      'ALPHA',
      `Current amount of the container swap limit in bytes. ${SWAP_HELP}`,
      'gauge',
      containerSwapLimit
    ),
    family(
      'container_swap_usage_bytes',
      'ALPHA',
      `Current amount of the container swap usage in bytes. ${SWAP_HELP}`,
      'gauge',
      containerSwap
    ),
    family(
      'container_start_time_seconds',
      'STABLE',
      'Start time of the container since unix epoch in seconds',
      'gauge',
      containerStart
    ),
    family(
      'node_cpu_usage_seconds_total',
      'STABLE',
      'Cumulative cpu time consumed by the node in core-seconds',
      'counter',
      [{ labels: {}, value: Number(nodeCpu.coreNanos) / NS_PER_S, tsMs: nodeCpu.tMs }]
    ),
    family('node_memory_working_set_bytes', 'STABLE', 'Current working set of the node in bytes', 'gauge', [
      { labels: {}, value: nodeMem.workingSet, tsMs: nodeMem.tMs },
    ]),
    // the kubelet stamps the node's swap with its memory sample's time
    family(
      'node_swap_usage_bytes',
      'ALPHA',
      `Current swap usage of the node in bytes. ${SWAP_HELP}`,
      'gauge',
      nodeSwap ? [{ labels: {}, value: nodeSwap.usage, tsMs: nodeMem.tMs }] : []
    ),
    family(
      'pod_cpu_usage_seconds_total',
      'STABLE',
      'Cumulative cpu time consumed by the pod in core-seconds',
      'counter',
      podCpu
    ),
    family('pod_memory_working_set_bytes', 'STABLE', 'Current working set of the pod in bytes', 'gauge', podMem),
    family(
      'pod_swap_usage_bytes',
      'ALPHA',
      `Current amount of the pod swap usage in bytes. ${SWAP_HELP}`,
      'gauge',
      podSwap
    ),
    family(
      'resource_scrape_error',
      'STABLE',
      '1 if there was an error while getting container metrics, 0 otherwise',
      'gauge',
      [{ labels: {}, value: 0 }]
    ),
  ]);
}

/** The body a kubelet serves when it cannot build the summary (for fault injection): only the error gauge, set to 1. */
export function metricsResourceScrapeErrorText(): string {
  return renderFamilies([
    family(
      'resource_scrape_error',
      'STABLE',
      '1 if there was an error while getting container metrics, 0 otherwise',
      'gauge',
      [{ labels: {}, value: 1 }]
    ),
  ]);
}
