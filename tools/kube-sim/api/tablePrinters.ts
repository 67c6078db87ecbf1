/**
 * kube-apiserver's Table columns and cells for the kinds the sim serves, after the column definitions and
 * print functions of kubernetes pkg/printers/internalversion/printers.go (1.31/1.32): names, types,
 * formats, priorities (1 = only with -o wide) and cell formats. The server always fills every column, wide
 * ones included; kubectl hides priority-1 columns unless asked. Cells are computed from the object as
 * served. Descriptions are those of printers.go; the API field docs it quotes are given in short.
 */
import { age, humanDuration } from '../cluster/humanDuration';
import { printPod } from './podPrint';

type Obj = Record<string, unknown>;

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export interface RowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface Printer {
  columns: Column[];
  cells(o: Obj, nowMs: number): unknown[];
  conditions?(o: Obj): RowCondition[] | undefined;
}

const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';
const CONTAINERS_DOC = 'Names of each container in the template.';
const IMAGES_DOC = 'Images referenced by each container in the template.';

function col(name: string, type: Column['type'], description: string, priority = 0, format = ''): Column {
  return { name, type, format, description, priority };
}
const nameCol = (priority = 0) => col('Name', 'string', NAME_DOC, priority, 'name');
const ageCol = () => col('Age', 'string', AGE_DOC);

function obj(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}
function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map(obj) : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
const meta = (o: Obj) => obj(o.metadata);
const spec = (o: Obj) => obj(o.spec);
const status = (o: Obj) => obj(o.status);
const created = (o: Obj, nowMs: number) => age(meta(o).creationTimestamp, nowMs);

/** labels.FormatLabels: sorted k=v pairs, "<none>" when empty */
export function formatLabels(m: unknown): string {
  const entries = Object.entries(obj(m)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${str(v)}`).join(',') : '<none>';
}

/** metav1.FormatLabelSelector for matchLabels selectors: sorted requirements, "<none>" when empty */
function formatSelector(sel: unknown): string {
  return formatLabels(obj(sel).matchLabels);
}

/** layoutContainerCells: names and images of the template's containers, comma-separated */
function containerCells(o: Obj): [string, string] {
  const cs = arr(obj(obj(spec(o).template).spec).containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

const pods: Printer = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'
    ),
    ageCol(),
    col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster.', 1),
    col('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
    col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
    col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  cells(o, nowMs) {
    const row = printPod(o, nowMs);
    const ip = str(arr(status(o).podIPs)[0]?.ip) || '<none>';
    const gates = arr(spec(o).readinessGates);
    const conds = arr(status(o).conditions);
    const gateText = gates.length
      ? `${gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length}/${gates.length}`
      : '<none>';
    return [
      str(meta(o).name),
      row.ready,
      row.status,
      row.restarts,
      created(o, nowMs),
      ip,
      str(spec(o).nodeName) || '<none>',
      str(status(o).nominatedNodeName) || '<none>',
      gateText,
    ];
  },
  conditions(o) {
    const phase = status(o).phase;
    if (phase === 'Succeeded') {
      return [
        { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
      ];
    }
    if (phase === 'Failed') {
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    }
    return undefined;
  },
};

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted */
function nodeRoles(labels: Obj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) {
      roles.add(k.slice('node-role.kubernetes.io/'.length));
    } else if (k === 'kubernetes.io/role' && str(v)) {
      roles.add(str(v));
    }
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(o: Obj, type: string): string {
  return str(arr(status(o).addresses).find((a) => a.type === type)?.address) || '<none>';
}

const nodes: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    col(
      'OS-Image',
      'string',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1
    ),
    col(
      'Kernel-Version',
      'string',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1
    ),
    col(
      'Container-Runtime',
      'string',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1
    ),
  ],
  cells(o, nowMs) {
    // the last Ready condition counts; NotReady for False and Unknown alike, Unknown without one
    let ready: Obj | undefined;
    for (const c of arr(status(o).conditions)) {
      if (c.type === 'Ready') {
        ready = c;
      }
    }
    const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
    if (spec(o).unschedulable === true) {
      parts.push('SchedulingDisabled');
    }
    const info = obj(status(o).nodeInfo);
    return [
      str(meta(o).name),
      parts.join(','),
      nodeRoles(obj(meta(o).labels)),
      created(o, nowMs),
      str(info.kubeletVersion),
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};

const namespaces: Printer = {
  columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  cells: (o, nowMs) => [str(meta(o).name), str(status(o).phase), created(o, nowMs)],
};

/** formatEventSource: component (or reportingController), then ", host" (or reportingInstance) when set */
function eventSource(o: Obj): string {
  const src = obj(o.source);
  const component = str(src.component) || str(o.reportingController) || str(o.reportingComponent);
  const host = str(src.host) || str(o.reportingInstance);
  return host ? `${component}, ${host}` : component;
}

const events: Printer = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."
    ),
    col('Object', 'string', 'The object that this event is about.'),
    col(
      'Subobject',
      'string',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
      1
    ),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      'string',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      1
    ),
    col('Count', 'string', 'The number of times this event has occurred.', 1),
    nameCol(1),
  ],
  cells(o, nowMs) {
    const first = o.firstTimestamp ? age(o.firstTimestamp, nowMs) : age(o.eventTime, nowMs);
    const last = o.lastTimestamp ? age(o.lastTimestamp, nowMs) : first;
    const involved = obj(o.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
    const count = int(o.count) || 1;
    return [
      last,
      str(o.type),
      str(o.reason),
      target,
      str(involved.fieldPath),
      eventSource(o),
      str(o.message).trim(),
      first,
      count,
      str(meta(o).name),
    ];
  },
};

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order */
function accessModes(modes: unknown): string {
  const have = new Set(Array.isArray(modes) ? modes : []);
  const short: Array<[string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => have.has(m))
    .map(([, s]) => s)
    .join(',');
}

const persistentvolumeclaims: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const bound = str(s.volumeName) !== '';
    const phase = meta(o).deletionTimestamp ? 'Terminating' : str(status(o).phase);
    return [
      str(meta(o).name),
      phase,
      str(s.volumeName),
      bound ? str(obj(status(o).capacity).storage) : '',
      bound ? accessModes(status(o).accessModes) : '',
      str(s.storageClassName),
      str(s.volumeAttributesClassName) || '<unset>',
      created(o, nowMs),
      str(s.volumeMode) || '<unset>',
    ];
  },
};

const wideTemplate = (withSelector = true): Column[] => [
  col('Containers', 'string', CONTAINERS_DOC, 1),
  col('Images', 'string', IMAGES_DOC, 1),
  ...(withSelector
    ? [col('Selector', 'string', 'A label query over pods that should match the replica count.', 1)]
    : []),
];

const deployments: Printer = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'string',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'
    ),
    col(
      'Available',
      'string',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'
    ),
    ageCol(),
    ...wideTemplate(),
  ],
  cells(o, nowMs) {
    const st = status(o);
    const [names, images] = containerCells(o);
    const sel = formatSelector(spec(o).selector);
    return [
      str(meta(o).name),
      `${int(st.readyReplicas)}/${int(spec(o).replicas)}`,
      int(st.updatedReplicas),
      int(st.availableReplicas),
      created(o, nowMs),
      names,
      images,
      sel === '<none>' ? '' : sel,
    ];
  },
};

const replicasets: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageCol(),
    ...wideTemplate(),
  ],
  cells(o, nowMs) {
    const st = status(o);
    const [names, images] = containerCells(o);
    return [
      str(meta(o).name),
      int(spec(o).replicas),
      int(st.replicas),
      int(st.readyReplicas),
      created(o, nowMs),
      names,
      images,
      formatSelector(spec(o).selector),
    ];
  },
};

const statefulsets: Printer = {
  columns: [nameCol(), col('Ready', 'string', 'Number of the pod with ready state'), ageCol(), ...wideTemplate(false)],
  cells(o, nowMs) {
    const [names, images] = containerCells(o);
    return [
      str(meta(o).name),
      `${int(status(o).readyReplicas)}/${int(spec(o).replicas)}`,
      created(o, nowMs),
      names,
      images,
    ];
  },
};

const daemonsets: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    col(
      'Current',
      'integer',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'
    ),
    col(
      'Ready',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'
    ),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col(
      'Available',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'
    ),
    col('Node Selector', 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    ageCol(),
    ...wideTemplate(),
  ],
  cells(o, nowMs) {
    const st = status(o);
    const [names, images] = containerCells(o);
    return [
      str(meta(o).name),
      int(st.desiredNumberScheduled),
      int(st.currentNumberScheduled),
      int(st.numberReady),
      int(st.updatedNumberScheduled),
      int(st.numberAvailable),
      formatLabels(obj(obj(spec(o).template).spec).nodeSelector),
      created(o, nowMs),
      names,
      images,
      formatSelector(spec(o).selector),
    ];
  },
};

function conditionTrue(o: Obj, type: string): boolean {
  return arr(status(o).conditions).find((c) => c.type === type)?.status === 'True';
}

const jobs: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    ...wideTemplate(),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const st = status(o);
    const completions =
      typeof s.completions === 'number'
        ? `${int(st.succeeded)}/${s.completions}`
        : int(s.parallelism) > 1
          ? `${int(st.succeeded)}/1 of ${int(s.parallelism)}`
          : `${int(st.succeeded)}/1`;
    const start = typeof st.startTime === 'string' ? Date.parse(st.startTime) : NaN;
    const end = typeof st.completionTime === 'string' ? Date.parse(st.completionTime) : NaN;
    const duration = Number.isNaN(start) ? '' : humanDuration((Number.isNaN(end) ? nowMs : end) - start);
    const state = conditionTrue(o, 'Complete')
      ? 'Complete'
      : conditionTrue(o, 'Failed')
        ? 'Failed'
        : meta(o).deletionTimestamp
          ? 'Terminating'
          : conditionTrue(o, 'Suspended')
            ? 'Suspended'
            : conditionTrue(o, 'FailureTarget')
              ? 'FailureTarget'
              : 'Running';
    const [names, images] = containerCells(o);
    return [
      str(meta(o).name),
      state,
      completions,
      duration,
      created(o, nowMs),
      names,
      images,
      formatSelector(s.selector),
    ];
  },
};

/** getServiceExternalIP for the types the sim serves */
function externalIp(o: Obj): string {
  const s = spec(o);
  const external = Array.isArray(s.externalIPs) ? (s.externalIPs as string[]) : [];
  if (s.type === 'LoadBalancer') {
    const ingress = arr(obj(status(o).loadBalancer).ingress)
      .map((i) => str(i.ip) || str(i.hostname))
      .filter(Boolean);
    const all = [...[...new Set(ingress)].sort(), ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  if (s.type === 'ExternalName') {
    return str(s.externalName);
  }
  return external.length ? external.join(',') : '<none>';
}

const services: Printer = {
  columns: [
    nameCol(),
    col('Type', 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col(
      'External-IP',
      'string',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'
    ),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageCol(),
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const ports = arr(s.ports)
      .map((p) =>
        int(p.nodePort) > 0
          ? `${int(p.port)}:${int(p.nodePort)}/${str(p.protocol)}`
          : `${int(p.port)}/${str(p.protocol)}`
      )
      .join(',');
    const ips = Array.isArray(s.clusterIPs) ? (s.clusterIPs as string[]) : [];
    return [
      str(meta(o).name),
      str(s.type),
      ips[0] ?? '<none>',
      externalIp(o),
      ports || '<none>',
      created(o, nowMs),
      formatLabels(s.selector),
    ];
  },
};

/** formatEndpoints: ready addresses with each port, the first three, then "+ N more..." */
function formatEndpoints(o: Obj): string {
  const subsets = arr(o.subsets);
  if (subsets.length === 0) {
    return '<none>';
  }
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    const addrs = arr(ss.addresses);
    const ports = arr(ss.ports);
    const pairs =
      ports.length === 0
        ? addrs.map((a) => str(a.ip))
        : ports.flatMap((p) => addrs.map((a) => `${str(a.ip)}:${int(p.port)}`));
    for (const p of pairs) {
      count++;
      if (list.length < 3) {
        list.push(p);
      } else {
        more = true;
      }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** listWithMoreString: the first three, "+ N more...", "<unset>" for none */
function firstThree(items: string[]): string {
  if (items.length > 3) {
    return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
  }
  return items.length ? items.join(',') : '<unset>';
}

const endpoints: Printer = {
  columns: [nameCol(), col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), ageCol()],
  cells: (o, nowMs) => [str(meta(o).name), formatEndpoints(o), created(o, nowMs)],
};

const endpointslices: Printer = {
  columns: [
    nameCol(),
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const ports = arr(o.ports).map((p) => (typeof p.port === 'number' ? String(p.port) : str(p.name) || '*'));
    const addrs = arr(o.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? (e.addresses as string[]) : []));
    return [str(meta(o).name), str(o.addressType), firstThree(ports), firstThree(addrs), created(o, nowMs)];
  },
};

const configmaps: Printer = {
  columns: [nameCol(), col('Data', 'string', 'Data contains the configuration data.'), ageCol()],
  cells: (o, nowMs) => [
    str(meta(o).name),
    Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length,
    created(o, nowMs),
  ],
};

const leases: Printer = {
  columns: [
    nameCol(),
    col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [str(meta(o).name), str(spec(o).holderIdentity), created(o, nowMs)],
};

export const PRINTERS = {
  pods,
  nodes,
  namespaces,
  events,
  persistentvolumeclaims,
  deployments,
  replicasets,
  statefulsets,
  daemonsets,
  jobs,
  services,
  endpoints,
  endpointslices,
  configmaps,
  leases,
};
