/**
 * Which (pod, container) pairs a logs query reads. The pods are fetched first (one GET per named pod, or a
 * label-selector list per namespace), so the containers are known before any log request and the API server's
 * "a container name must be specified" answer does not happen; the pod status also says which instance of each
 * container is running, which the live tail compares between polls to notice restarts.
 */
import { map, Observable, of } from 'rxjs';

import { ContainerStatus, PodObject } from '../../decode/apiTypes';
import { parseKubeTime } from '../../decode/kubeTime';
import { LogStreamLabels } from './logLines';
import { KubeClient } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { podPath, podsPath } from '../../kube/paths';
import { asKubeError } from '../../kube/queryError';

/** What to read, after variables and validation (the parts of ResolvedLogsQuery this file needs). */
export interface TargetSelection {
  /** empty: all namespaces (only with a label selector) */
  namespaces: string[];
  /** empty: every pod the selector matches */
  podNames: string[];
  labelSelector?: string;
  /** empty: every container that runs for the pod's lifetime (app containers and sidecars) */
  containers: string[];
  /** also the run-to-completion init containers */
  includeInit: boolean;
}

export interface PodRef {
  namespace: string;
  pod: string;
}

/** One log stream: a container of a pod. */
export interface LogTarget {
  /** `ns/pod/container`, unique per stream */
  key: string;
  namespace: string;
  pod: string;
  container: string;
  node?: string;
  /** a run-to-completion init container (a sidecar is not: it runs beside the app containers) */
  init: boolean;
  /** from the pod status: a higher restart count or another container ID means a new instance runs */
  restartCount?: number;
  containerId?: string;
  /** how the previous instance ended (status.lastState.terminated), for the restart marker in the stream */
  lastTermination?: Termination;
  /** one object per stream, shared by all its rows */
  labels: LogStreamLabels;
}

export interface TargetsRead {
  targets: LogTarget[];
  /** problems that leave something out (a named container missing, an unscheduled pod), for frame notices */
  notices: string[];
  /** pods that were asked for by name and do not exist (404) */
  gone: PodRef[];
  /** failures to read pods at all (403, network); the query fails if nothing else answers */
  errors: KubeError[];
  /** how many pods were found */
  podCount: number;
}

export interface Termination {
  reason?: string;
  exitCode?: number;
  signal?: number;
  finishedAtMs: number;
}

/** The previous instance's end, when the kubelet reports one with a time. */
function termination(status: ContainerStatus | undefined): Termination | undefined {
  const t = status?.lastState?.terminated;
  const finishedAtMs = parseKubeTime(t?.finishedAt);
  if (!t || finishedAtMs === undefined) {
    return undefined;
  }
  return { reason: t.reason || undefined, exitCode: t.exitCode, signal: t.signal || undefined, finishedAtMs };
}

/** More streams than this are not read at once: a selector over a big namespace must not open hundreds. */
export const MAX_LOG_STREAMS = 50;

/** The log streams of one pod, init containers first (the order the API server lists them in). */
export function podTargets(pod: PodObject, sel: TargetSelection): { targets: LogTarget[]; notices: string[] } {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const node = pod.spec?.nodeName || undefined;
  const where = `${namespace}/${name}`;
  if (!node) {
    // the API server answers an empty body for a pod no kubelet runs
    const phase = pod.status?.phase ?? 'Pending';
    return { targets: [], notices: [`Pod ${where} is not scheduled to a node yet (${phase}): it has no logs.`] };
  }
  const statuses = new Map<string, ContainerStatus>();
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    if (s.name) {
      statuses.set(s.name, s);
    }
  }
  const initSpecs = pod.spec?.initContainers ?? [];
  const init = initSpecs.map((c) => c.name).filter((n): n is string => !!n);
  // sidecars (restartable init containers, GA 1.33) run for the pod's lifetime: read like app containers
  const sidecars = initSpecs.filter((c) => c.restartPolicy === 'Always' && c.name).map((c) => c.name as string);
  const regular = (pod.spec?.containers ?? []).map((c) => c.name).filter((n): n is string => !!n);
  const all = [...init, ...regular];
  const initSet = new Set(init.filter((n) => !sidecars.includes(n)));
  const notices: string[] = [];
  let chosen: string[];
  if (sel.containers.length) {
    // a container named explicitly is read even if it is an init container
    chosen = all.filter((c) => sel.containers.includes(c));
    const missing = sel.containers.filter((c) => !all.includes(c));
    if (missing.length && (sel.podNames.length || !chosen.length)) {
      notices.push(
        `Pod ${where} has no container ${missing.join(', ')}; its containers are ${all.join(', ') || 'none'}.`
      );
    }
  } else {
    // the API server's order: init containers (sidecars among them) first
    chosen = sel.includeInit ? all : [...sidecars, ...regular];
  }
  const targets = chosen.map((container): LogTarget => {
    const status = statuses.get(container);
    return {
      key: `${where}/${container}`,
      namespace,
      pod: name,
      container,
      node,
      init: initSet.has(container),
      restartCount: status?.restartCount,
      containerId: status?.containerID || undefined,
      lastTermination: termination(status),
      labels: { namespace, pod: name, container, node },
    };
  });
  return { targets, notices };
}

type PodsOutcome = { pods: PodObject[]; gone: PodRef[]; errors: KubeError[] };

function namedPods(client: KubeClient, sel: TargetSelection, concurrency: number): Observable<PodsOutcome> {
  const keys = sel.namespaces.flatMap((ns) => sel.podNames.map((pod) => ({ ns, pod })));
  return client
    .fanOut(keys, (k) => client.getJson<PodObject>(podPath(k.ns, k.pod)), concurrency)
    .pipe(
      map((results) => {
        const out: PodsOutcome = { pods: [], gone: [], errors: [] };
        for (const r of results) {
          if (r.value) {
            out.pods.push(r.value);
          } else if (r.error?.kind === 'notFound') {
            out.gone.push({ namespace: r.key.ns, pod: r.key.pod });
          } else {
            out.errors.push(asKubeError(r.error, podPath(r.key.ns, r.key.pod)));
          }
        }
        return out;
      })
    );
}

function selectedPods(client: KubeClient, sel: TargetSelection, concurrency: number): Observable<PodsOutcome> {
  const namespaces: Array<string | undefined> = sel.namespaces.length ? sel.namespaces : [undefined];
  const params = { labelSelector: sel.labelSelector };
  const wanted = sel.podNames.length ? new Set(sel.podNames) : undefined;
  return client
    .fanOut(namespaces, (ns) => client.list<PodObject>(podsPath(ns), params).pipe(map((l) => l.items)), concurrency)
    .pipe(
      map((results) => {
        const out: PodsOutcome = { pods: [], gone: [], errors: [] };
        for (const r of results) {
          if (r.error) {
            out.errors.push(asKubeError(r.error, podsPath(r.key)));
          }
          for (const pod of r.value ?? []) {
            if (!wanted || wanted.has(pod.metadata?.name ?? '')) {
              out.pods.push(pod);
            }
          }
        }
        return out;
      })
    );
}

function podKey(p: PodObject): string {
  return `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
}

function byPodKey(a: PodObject, b: PodObject): number {
  const ka = podKey(a);
  const kb = podKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The pods a query names or selects, and the containers of each to read. */
export function readTargets(client: KubeClient, sel: TargetSelection, concurrency: number): Observable<TargetsRead> {
  const pods$ =
    sel.labelSelector !== undefined
      ? selectedPods(client, sel, concurrency)
      : sel.podNames.length
        ? namedPods(client, sel, concurrency)
        : of<PodsOutcome>({ pods: [], gone: [], errors: [] });
  return pods$.pipe(
    map(({ pods, gone, errors }): TargetsRead => {
      const notices: string[] = [];
      let targets: LogTarget[] = [];
      // pods in name order, each pod's containers in its own order: the merge keeps this order for ties
      for (const pod of [...pods].sort(byPodKey)) {
        const t = podTargets(pod, sel);
        targets.push(...t.targets);
        notices.push(...t.notices);
      }
      if (targets.length > MAX_LOG_STREAMS) {
        notices.push(
          `Reading the first ${MAX_LOG_STREAMS} of ${targets.length} containers; narrow the label selector, namespace or container.`
        );
        targets = targets.slice(0, MAX_LOG_STREAMS);
      }
      return { targets, notices, gone, errors, podCount: pods.length };
    })
  );
}
