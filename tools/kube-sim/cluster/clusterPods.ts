/** Builds containers with plausible resources, usage profiles and histories for the synthetic cluster. */
import type { LogStyle, SimContainer, UsageProfile } from './model';
import type { Rand } from './clusterRandom';

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

export type ContainerFate =
  'running' | 'restarted' | 'crashloop' | 'completed' | 'unscheduled' | 'failed' | 'imagePullBackOff';

export interface ContainerSpec {
  name: string;
  image: string;
  init?: boolean;
  /** with init: a native sidecar (KEP-753), running for the pod's life rather than completing */
  restartPolicy?: 'Always';
  /** cores */
  cpuRequest?: number;
  memRequest?: number;
  cpuLimit?: number;
  memLimit?: number;
  logStyle: LogStyle;
  logRate?: number;
  fate?: ContainerFate;
  restarts?: number;
  lastReason?: string;
  lastExitCode?: number;
}

/** A usage profile around the container's request, with cpuBase >= cpuWave so CPU counters stay monotonic. */
export function usageFor(
  r: Rand,
  cpuRequest: number | undefined,
  memRequest: number | undefined,
  memLimit?: number
): UsageProfile {
  const cpuBase = cpuRequest ? cpuRequest * r.range(0.15, 1.1) : r.range(0.003, 0.04);
  const cpuWave = cpuBase * r.range(0.05, 0.6);
  let memBase = memRequest ? memRequest * r.range(0.35, 0.9) : r.range(12, 90) * Mi;
  let memWave = memBase * r.range(0.03, 0.25);
  if (memLimit && memBase + memWave > memLimit * 0.95) {
    memBase = memLimit * 0.7;
    memWave = memLimit * 0.2;
  }
  return {
    cpuBase,
    cpuWave,
    memBase: Math.round(memBase),
    memWave: Math.round(memWave),
    periodSec: r.int(60, 900),
    phase: r.range(0, Math.PI * 2),
    bursty: r.chance(0.15),
  };
}

const DEFAULT_RATES: Record<LogStyle, [number, number]> = {
  plain: [0.2, 2],
  json: [0.5, 5],
  logfmt: [0.5, 3],
  ansi: [0.2, 1.5],
  java: [0.2, 1],
  quiet: [0, 0],
};

/**
 * One container of a pod that started at podStartMs; clusterStartMs is "now" at build time, so
 * restarted containers get a recent start before it.
 */
export function makeContainer(r: Rand, spec: ContainerSpec, podStartMs: number, clusterStartMs: number): SimContainer {
  const sidecar = !!spec.init && spec.restartPolicy === 'Always';
  const fate = spec.fate ?? (spec.init && !sidecar ? 'completed' : 'running');
  const requests = { cpu: spec.cpuRequest, memory: spec.memRequest };
  const limits = { cpu: spec.cpuLimit, memory: spec.memLimit };
  const [lo, hi] = DEFAULT_RATES[spec.logStyle];
  const c: SimContainer = {
    name: spec.name,
    image: spec.image,
    init: !!spec.init,
    requests: stripUndefined(requests),
    limits: stripUndefined(limits),
    restartCount: 0,
    state: 'running',
    ready: true,
    startedAtMs: podStartMs + (spec.init ? r.int(500, 3000) : r.int(3000, 20000)),
    hasPrevious: false,
    usage: usageFor(r, spec.cpuRequest, spec.memRequest, spec.memLimit),
    logStyle: spec.logStyle,
    logRate: spec.logRate ?? (hi > 0 ? Math.round(r.range(lo, hi) * 10) / 10 : 0),
  };
  if (sidecar) {
    c.restartPolicy = 'Always';
  }
  switch (fate) {
    case 'completed':
      c.state = 'terminated';
      c.reason = 'Completed';
      c.exitCode = 0;
      c.finishedAtMs = c.startedAtMs + r.int(800, spec.init ? 8000 : 120000);
      // the kubelet reports a successfully finished init container as ready
      c.ready = !!spec.init;
      break;
    case 'restarted': {
      c.restartCount = spec.restarts ?? r.int(1, 4);
      c.hasPrevious = true;
      c.lastReason = spec.lastReason ?? r.pick(['Error', 'OOMKilled']);
      c.lastExitCode = spec.lastExitCode ?? (c.lastReason === 'OOMKilled' ? 137 : 1);
      c.startedAtMs = Math.max(podStartMs + 60000, clusterStartMs - r.int(10, 600) * 60000);
      break;
    }
    case 'crashloop':
      c.state = 'waiting';
      c.reason = 'CrashLoopBackOff';
      c.ready = false;
      c.restartCount = spec.restarts ?? r.int(8, 40);
      c.hasPrevious = true;
      c.lastReason = spec.lastReason ?? 'Error';
      c.lastExitCode = spec.lastExitCode ?? 1;
      // the last instance ran for a few seconds, a couple of minutes ago
      c.startedAtMs = clusterStartMs - r.int(60, 280) * 1000;
      c.finishedAtMs = c.startedAtMs + r.int(2000, 9000);
      break;
    case 'failed':
      // ran once and exited non-zero (a Job's pod under restartPolicy Never)
      c.state = 'terminated';
      c.reason = 'Error';
      c.exitCode = spec.lastExitCode ?? 1;
      c.ready = false;
      c.finishedAtMs = c.startedAtMs + r.int(5000, 60000);
      break;
    case 'imagePullBackOff':
      // never started: the kubelet cannot pull the image and backs off
      c.state = 'waiting';
      c.reason = 'ImagePullBackOff';
      c.message = `Back-off pulling image "${spec.image}": ErrImagePull: ${pullError(spec.image)}`;
      c.ready = false;
      c.startedAtMs = 0;
      break;
    case 'unscheduled':
      c.state = 'waiting';
      c.reason = undefined;
      c.ready = false;
      c.startedAtMs = 0;
      break;
    case 'running':
      break;
  }
  if (c.startedAtMs > clusterStartMs) {
    c.startedAtMs = clusterStartMs - 1000;
  }
  return c;
}

/** containerd's error for a tag the registry does not have, as the kubelet passes it on */
export function pullError(image: string): string {
  const ref = image.includes('.') && image.split('/')[0].includes('.') ? image : `docker.io/${image}`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

function stripUndefined(a: { cpu?: number; memory?: number }): { cpu?: number; memory?: number } {
  const out: { cpu?: number; memory?: number } = {};
  if (a.cpu !== undefined) {
    out.cpu = a.cpu;
  }
  if (a.memory !== undefined) {
    out.memory = a.memory;
  }
  return out;
}

/** Typical request/limit combinations: Burstable mostly, some Guaranteed, a few BestEffort. */
export function randomResources(r: Rand): Pick<ContainerSpec, 'cpuRequest' | 'memRequest' | 'cpuLimit' | 'memLimit'> {
  const roll = r.next();
  if (roll < 0.08) {
    return {};
  }
  const cpuRequest = r.pick([0.05, 0.1, 0.1, 0.25, 0.25, 0.5, 1]);
  const memRequest = r.pick([64, 128, 128, 256, 256, 512, 1024]) * Mi;
  if (roll < 0.25) {
    return { cpuRequest, memRequest, cpuLimit: cpuRequest, memLimit: memRequest };
  }
  return {
    cpuRequest,
    memRequest,
    cpuLimit: r.chance(0.35) ? cpuRequest * 2 : undefined,
    memLimit: r.chance(0.7) ? memRequest * 2 : undefined,
  };
}

export const SIDECARS: ContainerSpec[] = [
  {
    name: 'istio-proxy',
    image: 'docker.io/istio/proxyv2:1.23.2',
    cpuRequest: 0.1,
    memRequest: 128 * Mi,
    memLimit: 1 * Gi,
    logStyle: 'plain',
  },
  {
    name: 'log-shipper',
    image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
    cpuRequest: 0.05,
    memRequest: 64 * Mi,
    memLimit: 128 * Mi,
    logStyle: 'quiet',
  },
  {
    name: 'envoy',
    image: 'docker.io/envoyproxy/envoy:v1.31.2',
    cpuRequest: 0.1,
    memRequest: 64 * Mi,
    memLimit: 256 * Mi,
    logStyle: 'plain',
  },
];

export { Mi, Gi };
