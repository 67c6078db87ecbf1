/**
 * Deny rules (`--deny=pods/log,nodes/proxy`): what they name and which requests they cover. One owner for
 * both readers, the request path (Faults.isDenied) and the authorization reviews (rbac.ts), so a denied
 * GET and `kubectl auth can-i` can never disagree.
 */

export interface DenyRule {
  /** "pods", "pods/log", "nodes/proxy", "deployments" (apps), "nodes.metrics.k8s.io", "pods.metrics.k8s.io" */
  resource: string;
  verb?: 'get' | 'list';
  namespace?: string;
}

/** what a review or a request asks; `*` appears only in reviews */
export interface DenyQuery {
  group: string;
  resource: string;
  subresource?: string;
  verb: string;
  /** already scoped: none for a cluster-scoped resource */
  namespace?: string;
}

const APPS = new Set(['deployments', 'statefulsets', 'daemonsets', 'replicasets']);

/** the API group a bare resource name lives in */
export function defaultGroup(resource: string): string {
  const base = resource.split('/')[0];
  if (APPS.has(base)) {
    return 'apps';
  }
  if (base === 'jobs' || base === 'cronjobs') {
    return 'batch';
  }
  if (base === 'horizontalpodautoscalers') {
    return 'autoscaling';
  }
  if (base === 'leases') {
    return 'coordination.k8s.io';
  }
  if (base === 'endpointslices') {
    return 'discovery.k8s.io';
  }
  return '';
}

/**
 * Whether a deny rule covers the query: a verb-less rule covers every verb, `list` also covers `watch`
 * (the watch route checks list), and a review's `*` is covered by any rule it overlaps.
 */
export function denyCovers(d: DenyRule, a: DenyQuery): boolean {
  if (d.verb) {
    const verbs = d.verb === 'list' ? ['list', 'watch', '*'] : [d.verb, '*'];
    if (!verbs.includes(a.verb)) {
      return false;
    }
  }
  if (d.namespace && d.namespace !== a.namespace) {
    return false;
  }
  const dot = d.resource.indexOf('.');
  const name = dot >= 0 ? d.resource.slice(0, dot) : d.resource;
  const group = dot >= 0 ? d.resource.slice(dot + 1) : defaultGroup(name);
  const full = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return (a.group === group || a.group === '*') && (full === name || a.resource === '*');
}
