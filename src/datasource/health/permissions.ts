/** One permission a feature needs, as a SelfSubjectAccessReview asks it, and where Kubeglance grants it. */
export interface Permission {
  verb: 'get' | 'list';
  group: string;
  resource: string;
  subresource?: string;
  /** the feature that needs it, in the user's words */
  feature: string;
  /** the manifest under provisioning/kubernetes that grants it */
  grantedBy: 'rbac-read.yaml' | 'rbac-logs.yaml' | 'rbac-kubelet.yaml';
}

const read = (group: string, resource: string, feature: string): Permission => ({
  verb: 'list',
  group,
  resource,
  feature,
  grantedBy: 'rbac-read.yaml',
});

/** What the object, metrics and event queries read (the ClusterRole kubeglance-read). */
export const READ_PERMISSIONS: readonly Permission[] = [
  read('', 'namespaces', 'namespace pickers and the objects query'),
  read('', 'nodes', 'the nodes query'),
  read('', 'pods', 'the pods, objects and logs queries'),
  read('', 'events', 'the events query and annotations'),
  read('', 'persistentvolumeclaims', 'the objects query (PVCs)'),
  read('apps', 'deployments', 'workload grouping and the objects query'),
  read('apps', 'replicasets', 'grouping pods by Deployment'),
  read('apps', 'statefulsets', 'the objects query (StatefulSets)'),
  read('apps', 'daemonsets', 'the objects query (DaemonSets)'),
  read('batch', 'jobs', 'the objects query (Jobs) and the risks query'),
  read('autoscaling', 'horizontalpodautoscalers', 'the risks query (HPAs at their maximum)'),
  read('metrics.k8s.io', 'nodes', 'CPU and memory of nodes'),
  read('metrics.k8s.io', 'pods', 'CPU and memory of pods'),
];

export const LOGS_PERMISSION: Permission = {
  verb: 'get',
  group: '',
  resource: 'pods',
  subresource: 'log',
  feature: 'pod logs',
  grantedBy: 'rbac-logs.yaml',
};

export const KUBELET_PERMISSION: Permission = {
  verb: 'get',
  group: '',
  resource: 'nodes',
  subresource: 'proxy',
  feature: 'the kubelet queries (Summary API, kubelet metrics)',
  grantedBy: 'rbac-kubelet.yaml',
};

/** The permissions the enabled features need, in the order they are reported. */
export function neededPermissions(opts: { kubeletAccess: boolean }): Permission[] {
  return [...READ_PERMISSIONS, LOGS_PERMISSION, ...(opts.kubeletAccess ? [KUBELET_PERMISSION] : [])];
}

/** `list pods/log` style, with the API group when it is not the core group: how kubectl auth can-i names it. */
export function describePermission(p: Permission): string {
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return p.group ? `${p.verb} ${resource}.${p.group}` : `${p.verb} ${resource}`;
}

/** The review body for one permission, cluster-wide (namespace "" means every namespace). */
export function accessReviewFor(p: Pick<Permission, 'verb' | 'group' | 'resource' | 'subresource'>) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: p.verb,
        group: p.group,
        resource: p.resource,
        ...(p.subresource ? { subresource: p.subresource } : {}),
      },
    },
  };
}
