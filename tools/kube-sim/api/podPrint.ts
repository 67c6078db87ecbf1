/**
 * The pod row of kube-apiserver's Table (printPod in kubernetes pkg/printers/internalversion/printers.go),
 * written from its documented behaviour and computed from the Pod as served, as the server does. It must
 * agree with the data source's src/datasource/decode/podPrinter.ts (a differential test compares them);
 * the sim keeps its own copy because it plays the server and imports nothing from src/.
 *
 * - STATUS starts as status.reason or the phase; `SchedulingGated` when PodScheduled says so.
 * - Init containers in order until one has not finished: a restartable (sidecar) one that started does not
 *   block and counts in READY when ready; a failed one gives `Init:<reason>` (`Init:Signal:N`,
 *   `Init:ExitCode:N`), a waiting one `Init:<reason>` (not PodInitializing), else `Init:<i>/<n>`.
 * - When initialised (or the first Initialized condition is True): app containers from last to first, the
 *   first container's waiting or terminated reason wins (`Signal:N`/`ExitCode:N` without one); ready and
 *   running ones count in READY; `Completed` with one still running is `Running` (Ready condition True) or
 *   `NotReady`.
 * - Being deleted: `Unknown` when status.reason is NodeLost, else `Terminating` unless Succeeded or Failed.
 * - RESTARTS: init restarts while initialising, else sidecar plus app restarts, with "(<age> ago)" of the
 *   newest lastState.terminated.finishedAt.
 */
import { humanDuration } from '../cluster/humanDuration';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function finishedAt(c: Obj): number | undefined {
  const t = obj(obj(c.lastState).terminated).finishedAt;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function newer(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function exitText(t: Obj): string {
  return num(t.signal) !== 0 ? `Signal:${num(t.signal)}` : `ExitCode:${num(t.exitCode)}`;
}

export interface PodRow {
  ready: string;
  status: string;
  restarts: string;
}

export function printPod(pod: Obj, nowMs: number): PodRow {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const meta = obj(pod.metadata);
  const conditions = arr(status.conditions);
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const initSpecs = arr(spec.initContainers);
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  const total = arr(spec.containers).length + sidecars.size;

  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let sidecarLastRestart: number | undefined;
  let initializing = false;
  const inits = arr(status.initContainerStatuses);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const sidecar = sidecars.has(str(c.name));
    restarts += num(c.restartCount);
    lastRestart = newer(lastRestart, finishedAt(c));
    if (sidecar) {
      sidecarRestarts += num(c.restartCount);
      sidecarLastRestart = newer(sidecarLastRestart, finishedAt(c));
    }
    const state = obj(c.state);
    const terminated = state.terminated ? obj(state.terminated) : undefined;
    const waiting = state.waiting ? obj(state.waiting) : undefined;
    if (terminated && num(terminated.exitCode) === 0) {
      continue;
    }
    if (sidecar && c.started === true) {
      if (c.ready === true) {
        ready++;
      }
      continue;
    }
    if (terminated) {
      reason = `Init:${str(terminated.reason) || exitText(terminated)}`;
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let running = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += num(c.restartCount);
      lastRestart = newer(lastRestart, finishedAt(c));
      const state = obj(c.state);
      const waiting = state.waiting ? obj(state.waiting) : undefined;
      const terminated = state.terminated ? obj(state.terminated) : undefined;
      if (waiting && str(waiting.reason)) {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason)) {
        reason = str(terminated.reason);
      } else if (terminated) {
        reason = exitText(terminated);
      } else if (c.ready === true && state.running) {
        running = true;
        ready++;
      }
    }
    if (reason === 'Completed' && running) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (meta.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (meta.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }
  const restartText =
    restarts !== 0 && lastRestart !== undefined
      ? `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`
      : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}
