/** Small hand-built objects for the checks' tests: each states only what the check under test reads. */
import { Condition, ContainerStatus, EventObject, NodeObject, PodObject } from '../../decode/apiTypes';
import { RiskObjects } from './riskTypes';

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** metav1.Time `minutes` before NOW. */
export const minutesAgo = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();

export const cond = (type: string, status: string, minutes: number, extra: Partial<Condition> = {}): Condition => ({
  type,
  status,
  lastTransitionTime: minutesAgo(minutes),
  ...extra,
});

export function pod(
  name: string,
  opts: {
    namespace?: string;
    phase?: string;
    node?: string;
    ready?: boolean;
    readySince?: number;
    statuses?: ContainerStatus[];
    memoryLimit?: string;
    owner?: { kind: string; name: string };
    hash?: string;
    deletedMinutesAgo?: number;
    conditions?: Condition[];
  } = {}
): PodObject {
  const ready = opts.ready ?? true;
  const since = opts.readySince ?? 600;
  return {
    metadata: {
      name,
      namespace: opts.namespace ?? 'shop',
      creationTimestamp: minutesAgo(1000),
      deletionTimestamp: opts.deletedMinutesAgo === undefined ? undefined : minutesAgo(opts.deletedMinutesAgo),
      labels: opts.hash ? { 'pod-template-hash': opts.hash } : {},
      ownerReferences: opts.owner ? [{ ...opts.owner, controller: true }] : [],
    },
    spec: {
      nodeName: opts.node === undefined ? 'node-1' : opts.node,
      containers: [{ name: 'app', resources: opts.memoryLimit ? { limits: { memory: opts.memoryLimit } } : {} }],
    },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: opts.conditions ?? [
        cond('Ready', ready ? 'True' : 'False', since),
        cond('ContainersReady', ready ? 'True' : 'False', since),
      ],
      containerStatuses: opts.statuses ?? [{ name: 'app', ready, restartCount: 0, state: { running: {} } }],
    },
  };
}

export function node(
  name: string,
  conditions: Condition[] = [cond('Ready', 'True', 5000)],
  unschedulable = false
): NodeObject {
  return { metadata: { name }, spec: { unschedulable }, status: { conditions } };
}

export function event(
  kind: string,
  name: string,
  type: string,
  reason: string,
  message: string,
  minutes: number
): EventObject {
  return {
    metadata: { name: `${name}.${reason}.${minutes}`, namespace: 'shop' },
    involvedObject: { kind, namespace: 'shop', name },
    type,
    reason,
    message,
    lastTimestamp: minutesAgo(minutes),
  };
}

export function objects(parts: Partial<RiskObjects>): RiskObjects {
  return {
    pods: [],
    nodes: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    pvcs: [],
    hpas: [],
    events: [],
    ...parts,
  };
}
