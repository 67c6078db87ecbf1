/**
 * metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics the way metrics-server builds them: usage is the
 * average over the last scrape window (15s resolution, per-node scrape phase), memory is the working
 * set in BinarySI, metadata.creationTimestamp is "now", and a pod's container order is random.
 */
import {
  type SimNode,
  type SimPod,
  containerCpuSecondsAt,
  containerUsageAt,
  nodeSystemCpuSecondsAt,
  nodeSystemUsageAt,
} from '../cluster/model';
import { hashString, mulberry32 } from '../cluster/clusterRandom';
import { kubeletDown } from '../cluster/nodeLifecycle';
import { goDuration, rfc3339 } from '../cluster/clock';
import { binaryQuantity, nanoQuantity } from '../cluster/quantity';
import type { Json } from './objects';
import { containerSwapAt, nodeSwapAt, type PressureOptions } from '../kubelet/pressure';
import { runningContainers } from '../kubelet/stats';

/**
 * What a metrics API that reports swap would add (`kubectl top --show-swap` reads usage.swap): off by default,
 * as metrics-server does not report swap. Swap comes from kubelet/pressure.ts, so only swap nodes have it.
 */
export interface SwapMetricsOptions extends PressureOptions {
  swap?: boolean;
}

export const METRIC_RESOLUTION_MS = 15_000;

export interface ScrapeWindow {
  /** the last scrape, which metrics-server reports as `timestamp` */
  timestampMs: number;
  windowMs: number;
}

/** Each node is scraped at its own phase within the resolution; the window wobbles by a few ms like real scrapes. */
export function scrapeWindow(nodeName: string, nowMs: number): ScrapeWindow {
  const offset = hashString(nodeName) % METRIC_RESOLUTION_MS;
  const tick = Math.floor((nowMs - offset) / METRIC_RESOLUTION_MS);
  const timestampMs = tick * METRIC_RESOLUTION_MS + offset;
  const h = hashString(`${nodeName}#${tick}`);
  const jitter = h % 3 === 0 ? 0 : (h >>> 4) % 60;
  return { timestampMs, windowMs: METRIC_RESOLUTION_MS + jitter };
}

/**
 * metrics-server needs two scrapes of a node before it reports it; a kubelet that stopped answering yields
 * none (its node and pods drop out of the next scrape).
 */
export function nodeHasMetrics(node: SimNode, nowMs: number, without: ReadonlySet<string>): boolean {
  if (without.has(node.name) || kubeletDown(node, nowMs)) {
    return false;
  }
  return nowMs - node.bootMs >= 2 * METRIC_RESOLUTION_MS;
}

/**
 * A pod has metrics only when it runs and every app container runs (each needs two data points). A native
 * sidecar that is not running does not hold the pod back; it is just missing from the pod's containers.
 */
export function podHasMetrics(pod: SimPod): boolean {
  return (
    pod.phase === 'Running' &&
    !!pod.nodeName &&
    pod.containers.length > 0 &&
    pod.containers.every((c) => c.state === 'running')
  );
}

/** working-set bytes come in whole pages, which also makes them print as Ki */
function pages(bytes: number): number {
  return Math.round(bytes / 4096) * 4096;
}

export function nodeUsage(node: SimNode, pods: SimPod[], w: ScrapeWindow): { cpuNanos: number; memory: number } {
  const t1 = w.timestampMs;
  const t0 = t1 - w.windowMs;
  let cpuSeconds = nodeSystemCpuSecondsAt(node, t0, t1);
  let memory = nodeSystemUsageAt(node, t1).memory;
  for (const p of pods) {
    // the node's own cgroup holds every running container, native sidecars included
    for (const ct of runningContainers(p)) {
      cpuSeconds += containerCpuSecondsAt(ct, t0, t1);
      memory += containerUsageAt(ct, t1).memory;
    }
  }
  return { cpuNanos: (cpuSeconds / (w.windowMs / 1000)) * 1e9, memory: pages(memory) };
}

export function nodeMetricsItem(node: SimNode, pods: SimPod[], nowMs: number, opts: SwapMetricsOptions = {}): Json {
  const w = scrapeWindow(node.name, nowMs);
  const u = nodeUsage(node, pods, w);
  const usage: Record<string, string> = { cpu: nanoQuantity(u.cpuNanos), memory: binaryQuantity(u.memory) };
  const swap = opts.swap
    ? nodeSwapAt(
        node,
        pods.filter((p) => p.phase === 'Running'),
        w.timestampMs,
        opts
      )
    : undefined;
  if (swap) {
    usage.swap = binaryQuantity(swap.usage);
  }
  return {
    metadata: { name: node.name, creationTimestamp: rfc3339(nowMs), labels: node.labels },
    timestamp: rfc3339(w.timestampMs),
    window: goDuration(w.windowMs),
    usage,
  };
}

/**
 * orderSeed varies per request so container order is not stable, as with metrics-server's map iteration.
 * `swapOn` is the pod's node, needed only when opts.swap asks for usage.swap.
 */
export function podMetricsItem(
  pod: SimPod,
  nowMs: number,
  orderSeed: number,
  opts: SwapMetricsOptions = {},
  swapOn?: SimNode
): Json {
  const w = scrapeWindow(pod.nodeName, nowMs);
  const t1 = w.timestampMs;
  const t0 = t1 - w.windowMs;
  // metrics-server reports every container the kubelet's /metrics/resource has, native sidecars (init
  // containers with restartPolicy Always) included, as the kubelet's own endpoints do
  const containers = runningContainers(pod).map((ct) => {
    const usage: Record<string, string> = {
      cpu: nanoQuantity((containerCpuSecondsAt(ct, t0, t1) / (w.windowMs / 1000)) * 1e9),
      memory: binaryQuantity(pages(containerUsageAt(ct, t1).memory)),
    };
    const swap = opts.swap && swapOn ? containerSwapAt(swapOn, pod, ct, t1, opts) : undefined;
    if (swap) {
      usage.swap = binaryQuantity(swap.usage);
    }
    return { name: ct.name, usage };
  });
  const rnd = mulberry32(orderSeed ^ hashString(pod.uid));
  for (let i = containers.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [containers[i], containers[j]] = [containers[j], containers[i]];
  }
  return {
    metadata: { name: pod.name, namespace: pod.namespace, creationTimestamp: rfc3339(nowMs), labels: pod.labels },
    timestamp: rfc3339(w.timestampMs),
    window: goDuration(w.windowMs),
    containers,
  };
}
