/**
 * A pod's row in `kubectl get pods`: STATUS, READY, RESTARTS and AGE, with the semantics of kubectl's printPod
 * (kubernetes pkg/printers/internalversion/printers.go). Pure, and it checks what it reads: any Pod-shaped
 * object will do, typed or straight from JSON.
 */
import { humanDuration } from './k8sAge';
import { parseKubeTime } from './kubeTime';

interface PrintableState {
  waiting?: { reason?: unknown } | null;
  running?: unknown;
  terminated?: { reason?: unknown; exitCode?: unknown; signal?: unknown; finishedAt?: unknown } | null;
}

interface PrintableContainerStatus {
  name?: unknown;
  ready?: unknown;
  started?: unknown;
  restartCount?: unknown;
  state?: PrintableState | null;
  lastState?: PrintableState | null;
}

interface PrintableCondition {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
}

type List<T> = ReadonlyArray<T | null | undefined> | null;

/** The parts of a core/v1 Pod kubectl's printer reads. */
export interface PrintablePod {
  metadata?: { creationTimestamp?: unknown; deletionTimestamp?: unknown } | null;
  spec?: {
    containers?: List<unknown>;
    initContainers?: List<{ name?: unknown; restartPolicy?: unknown }>;
  } | null;
  status?: {
    phase?: unknown;
    reason?: unknown;
    conditions?: List<PrintableCondition>;
    initContainerStatuses?: List<PrintableContainerStatus>;
    containerStatuses?: List<PrintableContainerStatus>;
  } | null;
}

export interface PodPrint {
  /** STATUS; '' for a pod with neither phase nor reason, where kubectl prints an empty cell */
  status: string;
  readyContainers: number;
  /** app containers and sidecars (init containers with restartPolicy Always) */
  totalContainers: number;
  /** READY: `readyContainers/totalContainers` */
  ready: string;
  /** RESTARTS, counted as kubectl counts them (see printPod) */
  restarts: number;
  /** when the newest counted restart's previous instance finished, for "(5m ago)" */
  lastRestartMs?: number;
  creationMs?: number;
}

/** The node controller's pod reason when the pod's node stopped answering. */
const NODE_LOST = 'NodeLost';

function list<T>(v: List<T> | undefined): ReadonlyArray<T | null | undefined> {
  return Array.isArray(v) ? v : [];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Go's zero value for an absent or non-numeric int field. */
function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function time(v: unknown): number | undefined {
  return typeof v === 'string' ? parseKubeTime(v) : undefined;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function lastFinishedMs(c: PrintableContainerStatus): number | undefined {
  return time(c.lastState?.terminated?.finishedAt);
}

/** "Signal:9" or "ExitCode:1": what kubectl prints for a terminated container that gave no reason. */
function exitText(t: NonNullable<PrintableState['terminated']>): string {
  const signal = int(t.signal);
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(t.exitCode)}`;
}

/**
 * kubectl's STATUS, READY and RESTARTS for a pod:
 * - STATUS starts as status.reason or the phase, `SchedulingGated` when the PodScheduled condition says so;
 * - init containers are read in order up to the first that has not finished: `Init:<reason>` for a failed one
 *   (`Init:Signal:N`/`Init:ExitCode:N` without a reason), `Init:<waiting reason>`, else `Init:<index>/<count>`.
 *   A started sidecar does not block and counts in READY when ready;
 * - once initialised (or with the Initialized condition True), app containers from last to first: the first
 *   waiting or terminated reason wins (`Signal:N`/`ExitCode:N` without one); ready running ones count in READY.
 *   `Completed` with a container still running becomes `Running`, or `NotReady` without the Ready condition;
 * - a pod being deleted is `Unknown` if its node was lost (reason NodeLost), else `Terminating` unless it has
 *   already Succeeded or Failed;
 * - RESTARTS adds the init containers read while initialising; once initialised it is the sidecars' restarts
 *   plus the app containers', so finished init containers' restarts drop out, as in kubectl.
 */
export function printPod(pod: PrintablePod): PodPrint {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase = text(status.phase);
  const conditions = list(status.conditions);
  let reason = text(status.reason) || phase;
  if (conditions.some((c) => c?.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = list(spec.initContainers);
  const sidecars = new Set<string>();
  let totalContainers = list(spec.containers).length;
  for (const c of initSpecs) {
    if (c?.restartPolicy === 'Always') {
      totalContainers++;
      if (typeof c.name === 'string') {
        sidecars.add(c.name);
      }
    }
  }
  const isSidecar = (c: PrintableContainerStatus) => typeof c.name === 'string' && sidecars.has(c.name);

  let readyContainers = 0;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  let sidecarRestarts = 0;
  let sidecarLastRestartMs: number | undefined;
  let initializing = false;
  const initStatuses = list(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] ?? {};
    const sidecar = isSidecar(c);
    restarts += int(c.restartCount);
    lastRestartMs = later(lastRestartMs, lastFinishedMs(c));
    if (sidecar) {
      sidecarRestarts += int(c.restartCount);
      sidecarLastRestartMs = later(sidecarLastRestartMs, lastFinishedMs(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && int(terminated.exitCode) === 0) {
      continue;
    }
    if (sidecar && c.started === true) {
      if (c.ready === true) {
        readyContainers++;
      }
      continue;
    }
    if (terminated) {
      reason = `Init:${text(terminated.reason) || exitText(terminated)}`;
    } else if (waiting && text(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${text(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  // kubectl reads the first Initialized condition only, but any True Ready condition
  const initialized = conditions.find((c) => c?.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestartMs = sidecarLastRestartMs;
    let hasRunning = false;
    const statuses = list(status.containerStatuses);
    // from the last container to the first, so the first container's reason wins
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      restarts += int(c.restartCount);
      lastRestartMs = later(lastRestartMs, lastFinishedMs(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting && text(waiting.reason)) {
        reason = text(waiting.reason);
      } else if (terminated && text(terminated.reason)) {
        reason = text(terminated.reason);
      } else if (terminated) {
        reason = exitText(terminated);
      } else if (c.ready === true && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = conditions.some((c) => c?.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === NODE_LOST) {
      reason = 'Unknown';
    } else if (phase !== 'Succeeded' && phase !== 'Failed') {
      reason = 'Terminating';
    }
  }

  return {
    status: reason,
    readyContainers,
    totalContainers,
    ready: `${readyContainers}/${totalContainers}`,
    restarts,
    lastRestartMs,
    creationMs: time(pod.metadata?.creationTimestamp),
  };
}

/** RESTARTS as kubectl prints it: "4 (5m ago)", or just the count when none restarted or no time is known. */
export function printRestarts(p: PodPrint, nowMs: number): string {
  return p.restarts !== 0 && p.lastRestartMs !== undefined
    ? `${p.restarts} (${humanDuration(nowMs - p.lastRestartMs)} ago)`
    : String(p.restarts);
}

/** AGE as kubectl prints it ("3d4h"), or "<unknown>" without a creation time. */
export function printAge(creationMs: number | undefined, nowMs: number): string {
  return creationMs === undefined ? '<unknown>' : humanDuration(nowMs - creationMs);
}
