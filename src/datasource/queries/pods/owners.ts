/**
 * A pod's workload from its owner references: ReplicaSet -> its Deployment (or whatever controls it),
 * Job -> its CronJob when the Jobs are readable, StatefulSet and DaemonSet as they are, static and bare
 * pods as themselves. The parents' owners come from one list per query (or per namespace), never one
 * request per pod; when a list is forbidden the Deployment is named from the ReplicaSet's name.
 */
import type { QueryResultMetaNotice } from '@grafana/data';
import { map, Observable, of, switchMap } from 'rxjs';

import { podKey } from './podMetrics';
import { OwnerRef, PodInfo } from './podObjects';
// types only: this module stays free of @grafana/runtime so the benchmarks can load it in plain Node
import type { KubeClient } from '../../kube/client';
import type { KubeError } from '../../kube/kubeError';
import { workloadsPath } from '../../kube/paths';
import { listNames } from '../shared/format';

export interface Workload {
  kind: string;
  name: string;
  /** named from the ReplicaSet's name because the ReplicaSets could not be read */
  inferred?: boolean;
}

/** Controllers of ReplicaSets (or Jobs) by `namespace/name`; null for a parent without one. */
export interface ParentOwners {
  owners: Map<string, OwnerRef | null>;
  /** namespaces whose list failed; ALL when the cluster-wide list failed */
  unread: Set<string>;
  error?: KubeError;
}

export const ALL = '*';

export interface OwnerIndex {
  replicaSets?: ParentOwners;
  jobs?: ParentOwners;
}

interface ParentObject {
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    ownerReferences?: Array<{ kind?: unknown; name?: unknown; controller?: unknown }> | null;
  };
}

/** ReplicaSet or Job list items to their controllers. */
export function decodeParentOwners(items: readonly unknown[], into = new Map<string, OwnerRef | null>()) {
  for (const raw of items) {
    const meta = (raw as ParentObject | null)?.metadata;
    if (typeof meta?.name !== 'string' || typeof meta.namespace !== 'string') {
      continue;
    }
    const ref = Array.isArray(meta.ownerReferences)
      ? meta.ownerReferences.find((r) => r?.controller === true)
      : undefined;
    into.set(
      podKey(meta.namespace, meta.name),
      ref && typeof ref.kind === 'string' && typeof ref.name === 'string' ? { kind: ref.kind, name: ref.name } : null
    );
  }
  return into;
}

// the alphabet of rand.SafeEncodeString, which writes pod-template-hash values
const TEMPLATE_HASH = /-[bcdfghjklmnpqrstvwxz2456789]{5,10}$/;

/**
 * A Deployment's name from its ReplicaSet's (`<deployment>-<pod-template-hash>`): the pod's hash label
 * when it has one, else a trailing segment that looks like a hash. Undefined when neither matches.
 */
export function deploymentNameFromReplicaSet(rsName: string, templateHash?: string): string | undefined {
  if (templateHash) {
    const suffix = `-${templateHash}`;
    return rsName.endsWith(suffix) && rsName.length > suffix.length ? rsName.slice(0, -suffix.length) : undefined;
  }
  const m = TEMPLATE_HASH.exec(rsName);
  return m && m.index > 0 ? rsName.slice(0, m.index) : undefined;
}

function unread(p: ParentOwners | undefined, namespace: string): boolean {
  return !p || p.unread.has(ALL) || p.unread.has(namespace);
}

/** The workload a pod belongs to. */
export function workloadOf(pod: PodInfo, index: OwnerIndex): Workload {
  const owner = pod.owner;
  if (!owner || owner.kind === 'Node') {
    // bare pods, and static pods whose mirror is owned by the Node
    return { kind: 'Pod', name: pod.name };
  }
  const key = podKey(pod.namespace, owner.name);
  if (owner.kind === 'ReplicaSet') {
    const parent = index.replicaSets?.owners.get(key);
    if (parent !== undefined) {
      return parent ?? owner;
    }
    // unreadable, or created after the list: the name tells the Deployment
    const deployment = deploymentNameFromReplicaSet(owner.name, pod.templateHash);
    return deployment ? { kind: 'Deployment', name: deployment, inferred: true } : owner;
  }
  if (owner.kind === 'Job') {
    const parent = index.jobs?.owners.get(key);
    return parent ?? owner;
  }
  return owner;
}

/** Namespaces (or ALL) to list for the pods owned by `kind`; none when no pod needs it. */
function scopesFor(pods: readonly PodInfo[], kind: string, namespaces: readonly string[]): string[] {
  const needed = new Set<string>();
  for (const p of pods) {
    if (p.owner?.kind === kind) {
      needed.add(p.namespace);
    }
  }
  if (!needed.size) {
    return [];
  }
  return namespaces.length ? namespaces.filter((ns) => needed.has(ns)) : [ALL];
}

function readParents(
  client: KubeClient,
  resource: 'replicasets' | 'jobs',
  scopes: string[],
  concurrency: number
): Observable<ParentOwners | undefined> {
  if (!scopes.length) {
    return of(undefined);
  }
  return client
    .fanOut(
      scopes,
      (ns) =>
        client.list<unknown>(workloadsPath(resource, ns === ALL ? undefined : ns)).pipe(map((list) => list.items)),
      concurrency
    )
    .pipe(
      map((results) => {
        const parents: ParentOwners = { owners: new Map(), unread: new Set() };
        for (const r of results) {
          if (r.error) {
            parents.unread.add(r.key);
            parents.error ??= r.error;
          } else {
            decodeParentOwners(r.value ?? [], parents.owners);
          }
        }
        return parents;
      })
    );
}

/** The ReplicaSets and Jobs the pods need, one list each (per namespace when namespaces are named). */
export function readOwnerIndex(
  client: KubeClient,
  pods: readonly PodInfo[],
  namespaces: readonly string[],
  concurrency: number
): Observable<OwnerIndex> {
  const rs$ = readParents(client, 'replicasets', scopesFor(pods, 'ReplicaSet', namespaces), concurrency);
  const jobs$ = readParents(client, 'jobs', scopesFor(pods, 'Job', namespaces), concurrency);
  // one after the other, so the fan-out bound holds; the Jobs list is usually tiny or skipped
  return rs$.pipe(switchMap((replicaSets) => jobs$.pipe(map((jobs): OwnerIndex => ({ replicaSets, jobs })))));
}

/** Notices for owners that could not be followed, naming the missing permission (`describe`: describeKubeError). */
export function ownerNotices(
  pods: readonly PodInfo[],
  index: OwnerIndex,
  describe: (err: KubeError) => string
): QueryResultMetaNotice[] {
  const notices: QueryResultMetaNotice[] = [];
  const rsNamespaces = new Set<string>();
  const jobNamespaces = new Set<string>();
  for (const p of pods) {
    if (p.owner?.kind === 'ReplicaSet' && index.replicaSets && unread(index.replicaSets, p.namespace)) {
      rsNamespaces.add(p.namespace);
    } else if (p.owner?.kind === 'Job' && index.jobs && unread(index.jobs, p.namespace)) {
      jobNamespaces.add(p.namespace);
    }
  }
  const why = (p: ParentOwners | undefined) => (p?.error ? ` ${describe(p.error)}` : '');
  if (rsNamespaces.size) {
    notices.push({
      severity: 'warning',
      text:
        `ReplicaSets could not be read in ${listNames([...rsNamespaces].sort())}: their pods' Deployments are named ` +
        `from the ReplicaSet names (pod-template-hash removed).${why(index.replicaSets)}`,
    });
  }
  if (jobNamespaces.size) {
    notices.push({
      severity: 'info',
      text:
        `Jobs could not be read in ${listNames([...jobNamespaces].sort())}: pods of CronJobs show their Job ` +
        `instead.${why(index.jobs)}`,
    });
  }
  return notices;
}
