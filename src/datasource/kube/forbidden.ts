/** What an RBAC denial says was missing, read from the API server's or the kubelet's Forbidden message. */
export interface DeniedPermission {
  /** who was denied, e.g. `system:serviceaccount:monitoring:grafana` */
  user?: string;
  verb: string;
  /** `nodes`, `pods/log`, `nodes/proxy`; absent for a non-resource URL */
  resource?: string;
  /** '' is the core API group */
  group?: string;
  namespace?: string;
  /** a non-resource URL such as `/version` */
  nonResourceUrl?: string;
  /** 'kubelet' when the kubelet refused the API server (the user is then the API server's own identity) */
  source: 'apiserver' | 'kubelet';
}

// apiserver endpoints/handlers/responsewriters/errors.go forbiddenMessage
const RESOURCE_DENIED =
  /User "([^"]*)" cannot ([\w*-]+) resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]+)"| at the cluster scope)?/;
const PATH_DENIED = /User "([^"]*)" cannot ([\w*-]+) path "([^"]+)"/;
// kubelet server.go: Forbidden (user=%s, verb=%s, resource=%s, subresource(s)=%v)
const KUBELET_DENIED = /Forbidden \(user=([^,]*), verb=([\w*-]+), resource=([\w.-]+), subresource\(s\)=\[([^\]]*)\]\)/;

export function parseForbidden(message: string): DeniedPermission | undefined {
  let m = RESOURCE_DENIED.exec(message);
  if (m) {
    return { user: m[1], verb: m[2], resource: m[3], group: m[4], namespace: m[5], source: 'apiserver' };
  }
  m = PATH_DENIED.exec(message);
  if (m) {
    return { user: m[1], verb: m[2], nonResourceUrl: m[3], source: 'apiserver' };
  }
  m = KUBELET_DENIED.exec(message);
  if (m) {
    const sub = m[4].trim().split(/\s+/).filter(Boolean);
    return { user: m[1], verb: m[2], resource: sub.length ? `${m[3]}/${sub[0]}` : m[3], group: '', source: 'kubelet' };
  }
  return undefined;
}

function what(p: DeniedPermission): string {
  if (p.nonResourceUrl) {
    return `${p.verb} ${p.nonResourceUrl}`;
  }
  const group = p.group ? ` in API group "${p.group}"` : ' in the core API group';
  const scope = p.namespace ? ` in namespace "${p.namespace}"` : ' at the cluster scope';
  return `${p.verb} ${p.resource}${group}${scope}`;
}

/** "what is wrong" for a denial. */
export function forbiddenMessage(p: DeniedPermission): string {
  if (p.source === 'kubelet') {
    return `The kubelet refused the API server's request: ${p.user || 'the API server'} may not ${p.verb} ${p.resource}`;
  }
  return `Permission denied: ${p.user || 'the data source'} may not ${what(p)}`;
}

/** "what to do": the exact RBAC rule to add, and a warning for the grants that give much more than they say. */
export function forbiddenRemedy(p: DeniedPermission): string {
  const who = p.user ? `bound to ${p.user}` : "bound to the data source's identity";
  let remedy: string;
  if (p.source === 'kubelet') {
    remedy =
      `Allow the API server's kubelet client (${p.user || 'see the kubelet log'}) to ${p.verb} ${p.resource}: ` +
      'bind it to the ClusterRole system:kubelet-api-admin, or check the kubelet authorization mode.';
  } else if (p.nonResourceUrl) {
    remedy = `Add the rule {nonResourceURLs: ["${p.nonResourceUrl}"], verbs: ["${p.verb}"]} to a ClusterRole ${who}.`;
  } else {
    const rule = `{apiGroups: ["${p.group ?? ''}"], resources: ["${p.resource}"], verbs: ["${p.verb}"]}`;
    const where = p.namespace
      ? `a Role in namespace "${p.namespace}" (or a ClusterRole) ${who}`
      : `a ClusterRole ${who}`;
    remedy = `Add the rule ${rule} to ${where}.`;
  }
  if (p.resource === 'nodes/proxy') {
    remedy +=
      ' Warning: nodes/proxy is a powerful grant, it opens every kubelet API on every node;' +
      ' give it only if you turn on kubelet access (see docs/rbac.md).';
  }
  return remedy;
}
