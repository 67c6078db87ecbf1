import { FieldType } from '@grafana/data';

import { parseKubeTime } from '../../decode/kubeTime';
import { secondsBetween } from '../../decode/k8sAge';
import { ageSpec, buildColumns, ColumnSpec, count, nameSpec, namespaceSpec, ObjectColumn, text } from './columns';
import { Condition, ContainerStatus, PodObj } from './kubeObjects';

/** What `kubectl get pods -o wide` prints for one pod, before it becomes cells. */
export interface PodSummary {
  pod: PodObj;
  readyContainers: number;
  totalContainers: number;
  /** null when the pod has no phase yet */
  status: string | null;
  restarts: number;
  /** when the most recent restart's previous instance ended, if any */
  lastRestartMs?: number;
}

/** `NodeLost`: the node controller's reason for pods on a node that stopped answering. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

function conditionTrue(conditions: Condition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c?.type === type && c.status === 'True');
}

function lastTerminatedMs(status: ContainerStatus): number | undefined {
  return parseKubeTime(status.lastState?.terminated?.finishedAt);
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** "Signal:9" / "ExitCode:1" for a terminated container that gave no reason. */
function exitText(t: NonNullable<ContainerStatus['state']>['terminated']): string {
  return t?.signal ? `Signal:${t.signal}` : `ExitCode:${t?.exitCode ?? 0}`;
}

/**
 * kubectl's pod row (printPod in kubernetes pkg/printers/internalversion): the phase, overridden by the
 * first init container that has not finished (`Init:1/2`, `Init:CrashLoopBackOff`), then by app container
 * waiting/terminated reasons (`CrashLoopBackOff`, `Completed`, `ContainerCreating`), and by deletion
 * (`Terminating`). Sidecars (init containers with restartPolicy Always) count as containers once started.
 */
export function summarizePod(pod: PodObj): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  if ((status.conditions ?? []).some((c) => c?.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c?.restartPolicy === 'Always').map((c) => c.name));
  const totalContainers = (spec.containers ?? []).length + sidecars.size;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  let sidecarRestarts = 0;
  let sidecarLastRestartMs: number | undefined;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] ?? {};
    const isSidecar = sidecars.has(c.name);
    restarts += count(c.restartCount);
    lastRestartMs = later(lastRestartMs, lastTerminatedMs(c));
    if (isSidecar) {
      sidecarRestarts += count(c.restartCount);
      sidecarLastRestartMs = later(sidecarLastRestartMs, lastTerminatedMs(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) {
      continue;
    }
    if (isSidecar && c.started === true) {
      if (c.ready) {
        readyContainers++;
      }
      continue;
    }
    if (terminated) {
      reason = terminated.reason ? `Init:${terminated.reason}` : `Init:${exitText(terminated)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestartMs = sidecarLastRestartMs;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // backwards, as kubectl does: the first container's reason wins
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      restarts += count(c.restartCount);
      lastRestartMs = later(lastRestartMs, lastTerminatedMs(c));
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = exitText(terminated);
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // a pod whose finished container left "Completed" while another still runs is not complete
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp) {
    if (status.reason === NODE_UNREACHABLE_REASON) {
      reason = 'Unknown';
    } else if (phase !== 'Succeeded' && phase !== 'Failed') {
      reason = 'Terminating';
    }
  }
  return { pod, readyContainers, totalContainers, status: reason || null, restarts, lastRestartMs };
}

const SPECS: ReadonlyArray<ColumnSpec<PodSummary>> = [
  namespaceSpec((s) => s.pod),
  nameSpec((s) => s.pod),
  {
    name: 'ready',
    displayName: 'Ready',
    type: FieldType.string,
    value: (s) => `${s.readyContainers}/${s.totalContainers}`,
  },
  { name: 'status', displayName: 'Status', type: FieldType.string, value: (s) => s.status },
  { name: 'restarts', displayName: 'Restarts', type: FieldType.number, value: (s) => s.restarts },
  {
    name: 'lastRestart',
    displayName: 'Last restart',
    type: FieldType.number,
    unit: 'dtdurations',
    value: (s, nowMs) => (s.restarts > 0 ? secondsBetween(s.lastRestartMs, nowMs) : null),
  },
  ageSpec((s) => s.pod),
  { name: 'ip', displayName: 'IP', type: FieldType.string, value: (s) => text(s.pod.status?.podIP) },
  { name: 'node', displayName: 'Node', type: FieldType.string, value: (s) => text(s.pod.spec?.nodeName) },
];

/** `kubectl get pods -o wide`: namespace, name, ready, status, restarts, last restart, age, IP, node. */
export function podColumns(pods: readonly PodObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, pods.map(summarizePod), nowMs);
}
