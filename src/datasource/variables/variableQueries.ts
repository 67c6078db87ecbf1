import type { MetricFindValue } from '@grafana/data';
import { defer, map, Observable } from 'rxjs';

import type { KubeClient } from '../kube/client';
import type { KubeParams } from '../kube/params';
import { namespacesPath, nodesPath, podsPath, pvcsPath, workloadsPath } from '../kube/paths';
import {
  type KubeVariableQuery,
  LABEL_RESOURCES,
  type LabelResource,
  VARIABLE_WORKLOAD_KINDS,
  type VariableKind,
  type VariableResolver,
  type VariableWorkloadKind,
} from '../variableTypes';
import { variableResolver } from './resolver';

/** A variable query after template variables, with every name validated. */
export interface ResolvedVariableQuery {
  kind: VariableKind;
  /** empty: all namespaces */
  namespaces: string[];
  /** empty: any node */
  nodes: string[];
  /** empty: any pod */
  pods: string[];
  labelSelector?: string;
  workloadKinds: VariableWorkloadKind[];
  resource: LabelResource;
  labelKeys: string[];
}

/** The parts of any listed object this module reads. */
export interface ListedObject {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    nodeName?: string;
    containers?: Array<{ name?: string }>;
    initContainers?: Array<{ name?: string; restartPolicy?: string }>;
  };
}

const WORKLOAD_KIND_VALUES: readonly VariableWorkloadKind[] = VARIABLE_WORKLOAD_KINDS.map((k) => k.value);
const WORKLOAD_TITLES: Record<VariableWorkloadKind, string> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
};

/** Used when no template service is at hand: names are taken as typed, and still validated. */
const LITERAL_VARS = variableResolver({ replace: (text: string) => text });

function csv(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    ),
  ];
}

/** A saved query's enumerations are checked too: they come from dashboard JSON, not from a typed union. */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`Unknown ${what} ${JSON.stringify(value)}; choose one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** Interpolates and validates every field; throws (before any request exists) on an invalid name. */
export function resolveVariableQuery(query: KubeVariableQuery, vars: VariableResolver): ResolvedVariableQuery {
  const workloadKind = oneOf(query.workloadKind, WORKLOAD_KIND_VALUES, 'workload kind');
  const resource =
    oneOf(
      query.resource,
      LABEL_RESOURCES.map((r) => r.value),
      'resource'
    ) ?? 'pods';
  return {
    kind: query.kind,
    namespaces: vars.names(query.namespace, 'namespace'),
    nodes: vars.names(query.node, 'node'),
    pods: vars.names(query.pod, 'pod'),
    labelSelector: vars.text(query.labelSelector),
    workloadKinds: workloadKind ? [workloadKind] : [...WORKLOAD_KIND_VALUES],
    resource,
    labelKeys: csv(vars.text(query.labelKey)),
  };
}

/**
 * Every item of several lists. A list that fails (RBAC on one namespace, one API group missing) drops out;
 * only when all fail is the first failure the answer, so one forbidden namespace never empties the variable.
 */
function listAll(client: KubeClient, paths: string[], params: KubeParams): Observable<ListedObject[]> {
  return client
    .fanOut(paths, (path) => client.list<ListedObject>(path, params))
    .pipe(
      map((results) => {
        const ok = results.filter((r) => !r.error);
        if (!ok.length && results.length) {
          throw results[0].error;
        }
        return ok.flatMap((r) => r.value?.items ?? []);
      })
    );
}

/** One path per namespace, or the cluster-wide path when no namespace is named. */
function perNamespace(namespaces: string[], path: (ns?: string) => string): string[] {
  return namespaces.length ? namespaces.map((ns) => path(ns)) : [path()];
}

/** Let the server filter when one name is asked for; several are filtered after listing. */
function fieldSelector(parts: Array<[string, string[]]>): string | undefined {
  const single = parts.filter(([, names]) => names.length === 1).map(([field, names]) => `${field}=${names[0]}`);
  return single.length ? single.join(',') : undefined;
}

function onlyNamed(names: string[], name: string | undefined): boolean {
  return names.length < 2 || (name !== undefined && names.includes(name));
}

function listPods(client: KubeClient, q: ResolvedVariableQuery): Observable<ListedObject[]> {
  const params = {
    labelSelector: q.labelSelector,
    fieldSelector: fieldSelector([
      ['metadata.name', q.pods],
      ['spec.nodeName', q.nodes],
    ]),
  };
  return listAll(client, perNamespace(q.namespaces, podsPath), params).pipe(
    map((pods) => pods.filter((p) => onlyNamed(q.pods, p.metadata?.name) && onlyNamed(q.nodes, p.spec?.nodeName)))
  );
}

function labelPaths(q: ResolvedVariableQuery): string[] {
  switch (q.resource) {
    case 'nodes':
      return [nodesPath()];
    case 'namespaces':
      return [namespacesPath()];
    case 'pods':
      return perNamespace(q.namespaces, podsPath);
    case 'persistentvolumeclaims':
      return perNamespace(q.namespaces, pvcsPath);
    default: {
      const kind = q.resource;
      return perNamespace(q.namespaces, (ns) => workloadsPath(kind, ns));
    }
  }
}

const names = (items: ListedObject[]): MetricFindValue[] =>
  items.flatMap((i) => (i.metadata?.name ? [{ text: i.metadata.name, value: i.metadata.name }] : []));

/**
 * One container name; a sidecar or init container says so: in its text for a dashboard's variable picker,
 * and as the description the query editors' pickers show under the name. App containers say nothing.
 */
function containerValue(name: string, role?: 'sidecar' | 'init'): MetricFindValue {
  return role
    ? { text: `${name} (${role})`, value: name, properties: { description: role } }
    : { text: name, value: name };
}

/** Every container of the pods, by name, marked by role (duplicates are left to sortedUnique). */
export function containerValues(pods: ListedObject[]): MetricFindValue[] {
  return pods.flatMap((p) => [
    ...(p.spec?.containers ?? []).flatMap((c) => (c.name ? [containerValue(c.name)] : [])),
    // sidecars (restartable init containers) run beside the app containers; other init containers only before
    ...(p.spec?.initContainers ?? []).flatMap((c) =>
      c.name ? [containerValue(c.name, c.restartPolicy === 'Always' ? 'sidecar' : 'init')] : []
    ),
  ]);
}

function listWorkloads(client: KubeClient, q: ResolvedVariableQuery): Observable<MetricFindValue[]> {
  const keys = q.workloadKinds.flatMap((kind) =>
    perNamespace(q.namespaces, (ns) => workloadsPath(kind, ns)).map((path) => ({ kind, path }))
  );
  return client
    .fanOut(keys, ({ path }) => client.list<ListedObject>(path, { labelSelector: q.labelSelector }))
    .pipe(
      map((results) => {
        const ok = results.filter((r) => !r.error);
        if (!ok.length && results.length) {
          throw results[0].error;
        }
        return ok.flatMap(({ key, value }) =>
          names(value?.items ?? []).map((v) => ({ value: v.value, text: `${WORKLOAD_TITLES[key.kind]}/${v.text}` }))
        );
      })
    );
}

function labelValues(items: ListedObject[], keys: string[] | undefined): MetricFindValue[] {
  return items.flatMap((item) => {
    const labels = item.metadata?.labels ?? {};
    return Object.keys(labels).flatMap((key) => {
      if (!keys) {
        return [{ text: key, value: key }];
      }
      return keys.includes(key) ? [{ text: labels[key], value: labels[key] }] : [];
    });
  });
}

function query(client: KubeClient, q: ResolvedVariableQuery): Observable<MetricFindValue[]> {
  switch (q.kind) {
    case 'namespaces':
      return listAll(client, [namespacesPath()], { labelSelector: q.labelSelector }).pipe(map(names));
    case 'nodes':
      return listAll(client, [nodesPath()], {
        labelSelector: q.labelSelector,
        fieldSelector: fieldSelector([['metadata.name', q.nodes]]),
      }).pipe(map((nodes) => names(nodes.filter((n) => onlyNamed(q.nodes, n.metadata?.name)))));
    case 'pods':
      return listPods(client, q).pipe(map(names));
    case 'containers':
      return listPods(client, q).pipe(map(containerValues));
    case 'workloads':
      return listWorkloads(client, q);
    case 'labelKeys':
      return listAll(client, labelPaths(q), { labelSelector: q.labelSelector }).pipe(
        map((items) => labelValues(items, undefined))
      );
    case 'labelValues':
      if (!q.labelKeys.length) {
        throw new Error('Choose the label key whose values the variable lists.');
      }
      return listAll(client, labelPaths(q), { labelSelector: q.labelSelector }).pipe(
        map((items) => labelValues(items, q.labelKeys))
      );
    default:
      throw new Error(`Unknown variable query kind ${JSON.stringify(q.kind)}; choose one in the variable editor.`);
  }
}

const collator = new Intl.Collator('en', { numeric: true });

/** Sorted by text (node-2 before node-10), one entry per value: the first in that order wins. */
export function sortedUnique(values: MetricFindValue[]): MetricFindValue[] {
  const sorted = [...values].sort((a, b) => collator.compare(a.text, b.text));
  const seen = new Set<string>();
  return sorted.filter((v) => {
    const key = String(v.value ?? v.text);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * What a variable query lists: names from the cluster as MetricFindValues (value = the plain name, so
 * multi-value and "All" interpolate as the csv the query resolver splits). Variables inside the query are
 * interpolated and validated first: an invalid name fails the observable before any request is made.
 */
export function listVariableValues(
  client: KubeClient,
  variableQuery: KubeVariableQuery,
  vars: VariableResolver = LITERAL_VARS
): Observable<MetricFindValue[]> {
  return defer(() => query(client, resolveVariableQuery(variableQuery, vars))).pipe(map(sortedUnique));
}
