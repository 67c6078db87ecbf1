/**
 * Right-sizing a container from its recent usage: the usage quantiles, the suggested requests and limits,
 * and a ready `kubectl patch --subresource=resize` command. Pure.
 *
 * Rules (docs/rightsizing-query.md):
 * - request = p95 × 1.15 (15 % headroom over what the container uses 95 % of the time), rounded up;
 * - memory limit = max × 1.3, and at least the suggested request;
 * - CPU limit: only where the container has one now (a CPU limit throttles bursts without protecting the
 *   node, so none is added), then max × 1.3 and at least the suggested request;
 * - a resource whose request equals its limit now keeps them equal, at the larger suggestion;
 * - CPU rounds up to 5m (below 1 core) or 50m, memory to 16 MiB (below 1 GiB) or 128 MiB; never below 10m / 16 MiB.
 */
import { Resources } from '../pods/resources';
import { quantileSorted, sortedFinite } from '../shared/robustStats';

export const REQUEST_QUANTILE = 0.95;
export const REQUEST_HEADROOM = 1.15;
export const LIMIT_HEADROOM = 1.3;
/** Fewer samples than this give usage figures but no suggestion: a p95 of a handful of points is not a p95. */
export const MIN_SAMPLES = 10;
export const MIN_CPU = 0.01;
export const MIN_MEMORY = 16 * 2 ** 20;

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export interface UsageQuantiles {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export function usageQuantiles(values: readonly number[]): UsageQuantiles | undefined {
  const sorted = sortedFinite(values);
  if (!sorted.length) {
    return undefined;
  }
  return {
    p50: quantileSorted(sorted, 0.5)!,
    p95: quantileSorted(sorted, REQUEST_QUANTILE)!,
    max: sorted[sorted.length - 1],
    samples: sorted.length,
  };
}

/** Up to the next step of whole millicores: 5m below 1 core, 50m above. */
export function roundCpuUp(cores: number): number {
  const step = cores < 1 ? 5 : 50;
  const milli = Math.ceil(Math.round(cores * 1e6) / 1e3 / step) * step;
  return Math.max(MIN_CPU * 1000, milli) / 1000;
}

/** Up to the next 16 MiB below 1 GiB, the next 128 MiB above. */
export function roundMemoryUp(bytes: number): number {
  const step = bytes < GiB ? 16 * MiB : 128 * MiB;
  return Math.max(MIN_MEMORY, Math.ceil(bytes / step) * step);
}

/** A CPU amount as Kubernetes writes it: "250m", "2". */
export function cpuQuantity(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A memory amount as Kubernetes writes it: "256Mi", "2Gi" (whole MiB always, after rounding up). */
export function memoryQuantity(bytes: number): string {
  const mi = Math.ceil(bytes / MiB);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

export interface ContainerToSize {
  namespace: string;
  pod: string;
  container: string;
  /** a restartable init container: patched under initContainers */
  sidecar: boolean;
  cpu?: UsageQuantiles;
  memory?: UsageQuantiles;
  /** requests and limits in effect */
  current: Resources;
}

export interface Suggestion extends Resources {
  /** the command that applies the suggestion to the running pod; absent with a reason in `note` */
  command?: string;
  note?: string;
}

/** A request and limit pair for one resource, after the rules above. */
function sizeResource(
  q: UsageQuantiles | undefined,
  request: number | undefined,
  limit: number | undefined,
  round: (v: number) => number,
  suggestLimit: boolean
): { request?: number; limit?: number } {
  if (!q) {
    return {};
  }
  const req = round(q.p95 * REQUEST_HEADROOM);
  const lim = suggestLimit ? Math.max(req, round(q.max * LIMIT_HEADROOM)) : undefined;
  if (request !== undefined && limit !== undefined && request === limit) {
    const both = Math.max(req, lim ?? req);
    return { request: both, limit: both };
  }
  return { request: req, limit: lim };
}

export function suggest(c: ContainerToSize): Suggestion {
  const samples = Math.max(c.cpu?.samples ?? 0, c.memory?.samples ?? 0);
  if (samples < MIN_SAMPLES) {
    return { note: `${samples} of the ${MIN_SAMPLES} samples a suggestion needs` };
  }
  const cur = c.current;
  const cpu = sizeResource(c.cpu, cur.cpuRequest, cur.cpuLimit, roundCpuUp, cur.cpuLimit !== undefined);
  const memory = sizeResource(c.memory, cur.memoryRequest, cur.memoryLimit, roundMemoryUp, true);
  const s: Suggestion = {
    cpuRequest: cpu.request,
    cpuLimit: cpu.limit,
    memoryRequest: memory.request,
    memoryLimit: memory.limit,
  };
  const patch = resizePatch(c, s);
  if (patch) {
    s.command = resizeCommand(c, patch);
  } else {
    s.note = 'No requests or limits are set (BestEffort): a resize cannot add them; set them in the workload';
  }
  return s;
}

type Amounts = { cpu?: string; memory?: string };

/**
 * The resources to patch: only those the container sets now, so a resize never adds or removes a request or
 * limit (which would change the pod's QoS class, and the API server refuses that).
 */
function resizePatch(c: ContainerToSize, s: Suggestion): { requests?: Amounts; limits?: Amounts } | undefined {
  const requests: Amounts = {};
  const limits: Amounts = {};
  const cur = c.current;
  if (cur.cpuRequest !== undefined && s.cpuRequest !== undefined) {
    requests.cpu = cpuQuantity(s.cpuRequest);
  }
  if (cur.memoryRequest !== undefined && s.memoryRequest !== undefined) {
    requests.memory = memoryQuantity(s.memoryRequest);
  }
  if (cur.cpuLimit !== undefined && s.cpuLimit !== undefined) {
    limits.cpu = cpuQuantity(s.cpuLimit);
  }
  if (cur.memoryLimit !== undefined && s.memoryLimit !== undefined) {
    limits.memory = memoryQuantity(s.memoryLimit);
  }
  const out: { requests?: Amounts; limits?: Amounts } = {};
  if (Object.keys(requests).length) {
    out.requests = requests;
  }
  if (Object.keys(limits).length) {
    out.limits = limits;
  }
  return out.requests || out.limits ? out : undefined;
}

/** One argument for a POSIX shell: single-quoted, a quote inside closed, escaped and reopened. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.split("'").join(`'\\''`)}'`;
}

/** `kubectl patch pod <p> -n <ns> --subresource=resize --patch '<json>'` (kubectl 1.32 or later). */
export function resizeCommand(c: ContainerToSize, resources: { requests?: Amounts; limits?: Amounts }): string {
  const list = c.sidecar ? 'initContainers' : 'containers';
  const patch = JSON.stringify({ spec: { [list]: [{ name: c.container, resources }] } });
  return [
    'kubectl patch pod',
    shellQuote(c.pod),
    '-n',
    shellQuote(c.namespace),
    '--subresource=resize --patch',
    shellQuote(patch),
  ].join(' ');
}
