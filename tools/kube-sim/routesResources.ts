/** The object resources kube-sim serves: where their items live, how they render, which fields select. */
import type { SimCluster, SimEvent, SimNamespace, SimNode, SimPVC, SimPod, SimWorkload } from './model';
import { clusterIndex } from './clusterIndex';
import { Json, eventJson, namespaceJson, nodeJson, podJson, podRestartPolicy, pvcJson } from './objects';
import { daemonSetJson, deploymentJson, jobJson, replicaSetJson, statefulSetJson } from './objectsWorkloads';

/** a method-typed getter is bivariant, so ResourceDef<SimPod> can be used as ResourceDef<NamedObject> */
type FieldGetter<T> = { get(item: T): string }['get'];

export interface NamedObject {
  name: string;
  namespace?: string;
}

export interface ResourceDef<T extends { name: string; namespace?: string }> {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  items(c: SimCluster): T[];
  toJson(c: SimCluster, item: T, nowMs: number): Json;
  labels(item: T): Record<string, string>;
  /** selectable fields -> value; a field not listed is rejected */
  fields: Record<string, FieldGetter<T>>;
  /**
   * Kinds with their own field-label conversion answer `field label not supported: X`; the rest use
   * apimachinery's DefaultMetaV1FieldSelectorConversion message.
   */
  customFieldConversion: boolean;
}

const metaFields = {
  'metadata.name': (o: { name: string }) => o.name,
  'metadata.namespace': (o: { namespace?: string }) => o.namespace ?? '',
};

export const podsDef: ResourceDef<SimPod> = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  items: (c) => c.pods,
  toJson: (c, p) => podJson(c, p, p.nodeName ? clusterIndex(c).nodeByName.get(p.nodeName) : undefined),
  labels: (p) => p.labels,
  fields: {
    ...metaFields,
    'spec.nodeName': (p) => p.nodeName,
    'spec.restartPolicy': (p) => podRestartPolicy(p),
    'spec.schedulerName': () => 'default-scheduler',
    'spec.serviceAccountName': () => 'default',
    'spec.hostNetwork': () => 'false',
    'status.phase': (p) => p.phase,
    'status.podIP': (p) => p.ip,
    'status.nominatedNodeName': () => '',
  },
  customFieldConversion: true,
};

export const nodesDef: ResourceDef<SimNode> = {
  group: '',
  version: 'v1',
  resource: 'nodes',
  kind: 'Node',
  namespaced: false,
  items: (c) => c.nodes,
  toJson: (c, n, now) => nodeJson(c, n, now),
  labels: (n) => n.labels,
  fields: { 'metadata.name': (n) => n.name, 'spec.unschedulable': (n) => String(!!n.unschedulable) },
  customFieldConversion: true,
};

export const namespacesDef: ResourceDef<SimNamespace> = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  namespaced: false,
  items: (c) => c.namespaces,
  toJson: (c, ns) => namespaceJson(c, ns),
  labels: (ns) => ns.labels,
  fields: { 'metadata.name': (ns) => ns.name, 'status.phase': () => 'Active' },
  customFieldConversion: true,
};

export const eventsDef: ResourceDef<SimEvent> = {
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  namespaced: true,
  items: (c) => c.events,
  toJson: (c, e) => eventJson(c, e),
  labels: () => ({}),
  fields: {
    ...metaFields,
    'involvedObject.kind': (e) => e.involvedObject.kind,
    'involvedObject.namespace': (e) => e.involvedObject.namespace ?? '',
    'involvedObject.name': (e) => e.involvedObject.name,
    'involvedObject.uid': (e) => e.involvedObject.uid,
    'involvedObject.apiVersion': (e) =>
      e.involvedObject.kind === 'Pod' || e.involvedObject.kind === 'Node' ? 'v1' : '',
    'involvedObject.resourceVersion': () => '',
    'involvedObject.fieldPath': () => '',
    reason: (e) => e.reason,
    reportingComponent: (e) => e.component ?? '',
    source: (e) => e.component ?? '',
    type: (e) => e.type,
  },
  customFieldConversion: true,
};

export const pvcsDef: ResourceDef<SimPVC> = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
  kind: 'PersistentVolumeClaim',
  namespaced: true,
  items: (c) => c.pvcs,
  toJson: (c, p) => pvcJson(c, p),
  labels: () => ({}),
  fields: { ...metaFields },
  customFieldConversion: false,
};

function workloadDef(
  group: 'apps' | 'batch',
  resource: string,
  kind: SimWorkload['kind'],
  toJson: (c: SimCluster, w: SimWorkload) => Json,
  extraFields: Record<string, (w: SimWorkload) => string> = {}
): ResourceDef<SimWorkload> {
  // filtering the shared workloads array per request is linear; cache per array+length like clusterIndex
  let cacheKey: unknown[] = [];
  let cached: SimWorkload[] = [];
  return {
    group,
    version: 'v1',
    resource,
    kind,
    namespaced: true,
    items: (c) => {
      if (cacheKey[0] !== c.workloads || cacheKey[1] !== c.workloads.length) {
        cacheKey = [c.workloads, c.workloads.length];
        cached = c.workloads.filter((w) => w.kind === kind);
      }
      return cached;
    },
    toJson,
    labels: (w) => w.labels,
    fields: { ...metaFields, ...extraFields },
    customFieldConversion: Object.keys(extraFields).length > 0,
  };
}

export const deploymentsDef = workloadDef('apps', 'deployments', 'Deployment', deploymentJson);
export const replicaSetsDef = workloadDef('apps', 'replicasets', 'ReplicaSet', replicaSetJson, {
  'status.replicas': (w) => String(w.replicas),
});
export const statefulSetsDef = workloadDef('apps', 'statefulsets', 'StatefulSet', statefulSetJson, {
  'status.successful': () => '',
});
export const daemonSetsDef = workloadDef('apps', 'daemonsets', 'DaemonSet', daemonSetJson);
export const jobsDef = workloadDef('batch', 'jobs', 'Job', jobJson, { 'status.successful': () => '' });

export type AnyResourceDef = ResourceDef<NamedObject>;

export const CORE_RESOURCES: Record<string, AnyResourceDef> = {
  pods: podsDef,
  nodes: nodesDef,
  namespaces: namespacesDef,
  events: eventsDef,
  persistentvolumeclaims: pvcsDef,
};

export const APPS_RESOURCES: Record<string, AnyResourceDef> = {
  deployments: deploymentsDef,
  replicasets: replicaSetsDef,
  statefulsets: statefulSetsDef,
  daemonsets: daemonSetsDef,
};

export const BATCH_RESOURCES: Record<string, AnyResourceDef> = { jobs: jobsDef };
