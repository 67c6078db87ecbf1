/** The object resources kube-sim serves: where their items live, how they render, which fields select. */
import type {
  SimCluster,
  SimConfigMap,
  SimEvent,
  SimHpa,
  SimLease,
  SimNamespace,
  SimNode,
  SimPVC,
  SimPod,
  SimService,
  SimWorkload,
} from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { Json, eventJson, namespaceJson, nodeJson, podJson, podRestartPolicy, pvcJson } from './objects';
import { daemonSetJson, deploymentJson, jobJson, replicaSetJson, statefulSetJson } from './objectsWorkloads';
import { endpointSliceJson, endpointsJson, serviceJson, sliceName } from './objectsNetwork';
import { configMapJson, leaseJson } from './objectsConfig';
import { hpaJson, hpaPrinter } from './objectsAutoscaling';
import { podExists } from '../cluster/nodeLifecycle';
import { type Printer, PRINTERS } from './tablePrinters';

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
  /** whether the object exists at nowMs (evicted pods go, events appear at their time); default always */
  live?: { get(c: SimCluster, item: T, nowMs: number): boolean }['get'];
  /** the Table columns and cells kube-apiserver's printer gives this kind */
  printer: Printer;
}

const metaFields = {
  'metadata.name': (o: { name: string }) => o.name,
  'metadata.namespace': (o: { namespace?: string }) => o.namespace ?? '',
};

function podNode(c: SimCluster, p: SimPod): SimNode | undefined {
  return p.nodeName ? clusterIndex(c).nodeByName.get(p.nodeName) : undefined;
}

export const podsDef: ResourceDef<SimPod> = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  items: (c) => c.pods,
  toJson: (c, p, now) => podJson(c, p, podNode(c, p), now),
  live: (c, p, now) => podExists(p, podNode(c, p), now),
  printer: PRINTERS.pods,
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
  printer: PRINTERS.nodes,
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
  printer: PRINTERS.namespaces,
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
  live: (_c, e, now) => e.firstMs <= now,
  printer: PRINTERS.events,
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
  printer: PRINTERS.persistentvolumeclaims,
};

function workloadDef(
  group: 'apps' | 'batch',
  resource: string,
  kind: SimWorkload['kind'],
  toJson: (c: SimCluster, w: SimWorkload, nowMs: number) => Json,
  printer: Printer,
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
    printer,
  };
}

export const deploymentsDef = workloadDef('apps', 'deployments', 'Deployment', deploymentJson, PRINTERS.deployments);
export const replicaSetsDef = workloadDef('apps', 'replicasets', 'ReplicaSet', replicaSetJson, PRINTERS.replicasets, {
  'status.replicas': (w) => String(w.replicas),
});
export const statefulSetsDef = workloadDef(
  'apps',
  'statefulsets',
  'StatefulSet',
  statefulSetJson,
  PRINTERS.statefulsets,
  { 'status.successful': () => '' }
);
export const daemonSetsDef = workloadDef('apps', 'daemonsets', 'DaemonSet', daemonSetJson, PRINTERS.daemonsets);
export const jobsDef = workloadDef('batch', 'jobs', 'Job', jobJson, PRINTERS.jobs, { 'status.successful': () => '' });

export const servicesDef: ResourceDef<SimService> = {
  group: '',
  version: 'v1',
  resource: 'services',
  kind: 'Service',
  namespaced: true,
  items: (c) => c.services,
  toJson: (c, s) => serviceJson(c, s),
  labels: (s) => s.labels,
  fields: { ...metaFields, 'spec.clusterIP': (s) => s.clusterIP, 'spec.type': (s) => s.type },
  customFieldConversion: true,
  printer: PRINTERS.services,
};

export const endpointsDef: ResourceDef<SimService> = {
  group: '',
  version: 'v1',
  resource: 'endpoints',
  kind: 'Endpoints',
  namespaced: true,
  items: (c) => c.services,
  toJson: (c, s, now) => endpointsJson(c, s, now),
  labels: (s) => s.labels,
  fields: { ...metaFields },
  customFieldConversion: false,
  printer: PRINTERS.endpoints,
};

/** one slice per service, named `<service>-<suffix>`, so the items are the services under their slice names */
interface SliceItem {
  name: string;
  namespace: string;
  service: SimService;
}
const sliceCache = new WeakMap<SimService[], { length: number; items: SliceItem[] }>();

export const endpointSlicesDef: ResourceDef<SliceItem> = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resource: 'endpointslices',
  kind: 'EndpointSlice',
  namespaced: true,
  items: (c) => {
    const hit = sliceCache.get(c.services);
    if (hit && hit.length === c.services.length) {
      return hit.items;
    }
    const items = c.services.map((s) => ({ name: sliceName(s), namespace: s.namespace, service: s }));
    sliceCache.set(c.services, { length: c.services.length, items });
    return items;
  },
  toJson: (c, it, now) => endpointSliceJson(c, it.service, now),
  labels: (it) => ({
    ...it.service.labels,
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    'kubernetes.io/service-name': it.service.name,
  }),
  fields: { ...metaFields, addressType: () => 'IPv4' },
  customFieldConversion: true,
  printer: PRINTERS.endpointslices,
};

export const configMapsDef: ResourceDef<SimConfigMap> = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespaced: true,
  items: (c) => c.configMaps,
  toJson: (c, cm) => configMapJson(c, cm),
  labels: (cm) => cm.labels,
  fields: { ...metaFields },
  customFieldConversion: false,
  printer: PRINTERS.configmaps,
};

export const leasesDef: ResourceDef<SimLease> = {
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  kind: 'Lease',
  namespaced: true,
  items: (c) => c.leases,
  toJson: (c, l, now) => leaseJson(c, l, now),
  labels: (l) => l.labels,
  fields: { ...metaFields },
  customFieldConversion: false,
  printer: PRINTERS.leases,
};

const NO_HPAS: SimHpa[] = [];

export const hpasDef: ResourceDef<SimHpa> = {
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
  items: (c) => c.hpas ?? NO_HPAS,
  toJson: (c, h) => hpaJson(c, h),
  labels: (h) => h.labels,
  fields: { ...metaFields },
  customFieldConversion: false,
  printer: hpaPrinter,
};

export type AnyResourceDef = ResourceDef<NamedObject>;

export const CORE_RESOURCES: Record<string, AnyResourceDef> = {
  pods: podsDef,
  nodes: nodesDef,
  namespaces: namespacesDef,
  events: eventsDef,
  persistentvolumeclaims: pvcsDef,
  services: servicesDef,
  endpoints: endpointsDef,
  configmaps: configMapsDef,
};

export const APPS_RESOURCES: Record<string, AnyResourceDef> = {
  deployments: deploymentsDef,
  replicasets: replicaSetsDef,
  statefulsets: statefulSetsDef,
  daemonsets: daemonSetsDef,
};

export const BATCH_RESOURCES: Record<string, AnyResourceDef> = { jobs: jobsDef };

export const AUTOSCALING_RESOURCES: Record<string, AnyResourceDef> = { horizontalpodautoscalers: hpasDef };

export const COORDINATION_RESOURCES: Record<string, AnyResourceDef> = { leases: leasesDef };

export const DISCOVERY_RESOURCES: Record<string, AnyResourceDef> = { endpointslices: endpointSlicesDef };
