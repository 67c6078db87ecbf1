/**
 * The sim's permission model, as kube-apiserver's authorizer chain would hold it, for the
 * authorization.k8s.io reviews:
 *
 * - identity 'reader' (default): the Kubeglance tiers bound to the caller, with the verbs the sim
 *   serves (discovery): kubeglance-read (objects and metrics.k8s.io), kubeglance-logs (pods/log) and
 *   kubeglance-kubelet (nodes/proxy). Nothing else: no writes, no secrets. A `faults.deny` rule is a
 *   permission the role lacks, so it is missing from the rules and a review says allowed: false with
 *   no reason, as RBAC's NoOpinion does.
 * - identity 'cluster-admin': the cluster-admin ClusterRole (`*` everywhere). RBAC then allows
 *   everything, so the only way a real cluster answers 403 is an authorizer ahead of RBAC that
 *   explicitly denies (a webhook): `faults.deny` rules play that authorizer. A review of a denied
 *   action says denied: true, and a rules review is incomplete, as the webhook authorizer cannot
 *   enumerate rules.
 * - both: the bootstrap bindings every authenticated user has (system:basic-user, system:discovery,
 *   system:public-info-viewer).
 *
 * Rule matching follows plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and the rbac helpers
 * (`*` in a rule matches anything, `*` in a request matches only `*`, `*\/sub` matches a subresource,
 * a trailing `*` in a nonResourceURL matches a prefix); reasons are those of rbac.go
 * (`RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "u"`) and of
 * pkg/registry/rbac/validation/rule.go describeSubject.
 */
import { type DenyRule, denyCovers } from './denyRules';
import type { Faults } from '../faults/faults';
import { AUTHORIZATION_GROUP, type DiscoveryResource, SERVED_GROUPS } from '../api/discoveryResources';

export type Identity = 'reader' | 'cluster-admin';

export const IDENTITIES: readonly Identity[] = ['reader', 'cluster-admin'];

/** rbac/v1 PolicyRule; fields in Go's order, empty lists left out as omitempty does */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** authorization/v1 ResourceAttributes (selectors are dropped: AuthorizeWithSelectors is off in 1.31) */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** authorization/v1 SubjectAccessReviewStatus */
export interface ReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

/** authorization/v1 SubjectRulesReviewStatus */
export interface RulesStatus {
  resourceRules: Array<Pick<PolicyRule, 'verbs' | 'apiGroups' | 'resources' | 'resourceNames'>>;
  nonResourceRules: Array<Pick<PolicyRule, 'verbs' | 'nonResourceURLs'>>;
  incomplete: boolean;
  evaluationError?: string;
}

interface Binding {
  /** "ClusterRoleBinding "x" of ClusterRole "y" to …", as the RBAC authorizer describes a rule's source */
  source: string;
  rules: PolicyRule[];
}

export interface AuthorizerInput {
  identity: Identity;
  user: string;
  faults: Faults;
}

const AUTHENTICATED = 'Group "system:authenticated"';

/** rule.go describeSubject: service accounts as "name/namespace", everyone else as a User */
export function describeSubject(user: string): string {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  return sa ? `ServiceAccount "${sa[2]}/${sa[1]}"` : `User "${user}"`;
}

function clusterBinding(name: string, role: string, subject: string, rules: PolicyRule[]): Binding {
  return { source: `ClusterRoleBinding "${name}" of ClusterRole "${role}" to ${subject}`, rules };
}

/** the groups and resources the sim serves, from the discovery documents */
const SERVED: Array<{ group: string; resources: DiscoveryResource[] }> = SERVED_GROUPS.filter(
  (g) => g.group !== AUTHORIZATION_GROUP
);

/** one rule per group and verb set, in discovery order */
function groupRules(entries: Array<{ group: string; r: DiscoveryResource }>): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const { group, r } of entries) {
    const verbs = [...r.verbs];
    const same = out.find((x) => x.apiGroups![0] === group && x.verbs.join() === verbs.join());
    if (same) {
      same.resources!.push(r.name);
    } else {
      out.push({ verbs, apiGroups: [group], resources: [r.name] });
    }
  }
  return out;
}

const servedEntries = SERVED.flatMap(({ group, resources }) => resources.map((r) => ({ group, r })));
const READ_RULES = groupRules(servedEntries.filter((e) => !e.r.name.includes('/')));
const LOG_RULES = groupRules(servedEntries.filter((e) => e.r.name === 'pods/log'));
const KUBELET_RULES = groupRules(servedEntries.filter((e) => e.r.name === 'nodes/proxy'));

const CLUSTER_ADMIN_RULES: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** bootstrappolicy: what every authenticated user may do */
const SYSTEM_BINDINGS: Binding[] = [
  clusterBinding('system:basic-user', 'system:basic-user', AUTHENTICATED, [
    {
      verbs: ['create'],
      apiGroups: [AUTHORIZATION_GROUP],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    },
    { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
  ]),
  clusterBinding('system:discovery', 'system:discovery', AUTHENTICATED, [
    {
      verbs: ['get'],
      nonResourceURLs: [
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
        '/healthz',
        '/livez',
        '/openapi',
        '/openapi/*',
        '/readyz',
        '/version',
        '/version/',
      ],
    },
  ]),
  clusterBinding('system:public-info-viewer', 'system:public-info-viewer', AUTHENTICATED, [
    { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
  ]),
];

function identityBindings(identity: Identity, user: string): Binding[] {
  const subject = describeSubject(user);
  if (identity === 'cluster-admin') {
    return [clusterBinding('kube-sim-cluster-admin', 'cluster-admin', subject, CLUSTER_ADMIN_RULES)];
  }
  return [
    clusterBinding('kubeglance-read', 'kubeglance-read', subject, READ_RULES),
    clusterBinding('kubeglance-logs', 'kubeglance-logs', subject, LOG_RULES),
    clusterBinding('kubeglance-kubelet', 'kubeglance-kubelet', subject, KUBELET_RULES),
  ];
}

const CLUSTER_SCOPED = new Set([
  ...servedEntries.filter((e) => !e.r.namespaced).map((e) => `${e.r.name.split('/')[0]}.${e.group}`),
  `selfsubjectaccessreviews.${AUTHORIZATION_GROUP}`,
  `selfsubjectrulesreviews.${AUTHORIZATION_GROUP}`,
  'selfsubjectreviews.authentication.k8s.io',
]);

/** the namespace a GET of this resource is checked in: none for cluster-scoped resources */
function scopedNamespace(group: string, resource: string, namespace: string | undefined): string | undefined {
  return CLUSTER_SCOPED.has(`${resource}.${group}`) || !namespace ? undefined : namespace;
}

/** a reader's rule without the verbs deny rules take away, split by the verb sets that remain */
function subtractDenies(rule: PolicyRule, denies: readonly DenyRule[], namespace: string | undefined): PolicyRule[] {
  if (!rule.resources || denies.length === 0) {
    return [rule];
  }
  const group = rule.apiGroups![0];
  const out: PolicyRule[] = [];
  for (const res of rule.resources) {
    const [resource, subresource] = res.split('/');
    const verbs = rule.verbs.filter(
      (verb) =>
        !denies.some((d) =>
          denyCovers(d, { group, resource, subresource, verb, namespace: scopedNamespace(group, resource, namespace) })
        )
    );
    if (verbs.length === 0) {
      continue;
    }
    const same = out.find((x) => x.verbs.join() === verbs.join());
    if (same) {
      same.resources!.push(res);
    } else {
      out.push({ ...rule, verbs, resources: [res] });
    }
  }
  return out;
}

/** the bindings in force for this caller; namespace is the review's (deny rules can be per namespace) */
function bindings(input: AuthorizerInput, namespace: string | undefined): Binding[] {
  const all = [...identityBindings(input.identity, input.user), ...SYSTEM_BINDINGS];
  if (input.identity === 'cluster-admin') {
    return all;
  }
  const denies = input.faults.denyRules();
  return all.map((b) => ({ ...b, rules: b.rules.flatMap((r) => subtractDenies(r, denies, namespace)) }));
}

const matchOne = (values: string[] | undefined, v: string) => !!values && (values.includes('*') || values.includes(v));

/** rbac helpers ResourceMatches: exact, `*`, or `*\/subresource` */
function resourceMatches(rule: PolicyRule, full: string, subresource: string): boolean {
  return (rule.resources ?? []).some((r) => r === '*' || r === full || (!!subresource && r === `*/${subresource}`));
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1)))
  );
}

function ruleAllows(
  rule: PolicyRule,
  attrs: { resource?: ResourceAttributes; nonResource?: NonResourceAttributes }
): boolean {
  if (attrs.resource) {
    const a = attrs.resource;
    const sub = a.subresource ?? '';
    const full = sub ? `${a.resource ?? ''}/${sub}` : (a.resource ?? '');
    const names = rule.resourceNames ?? [];
    return (
      matchOne(rule.verbs, a.verb ?? '') &&
      matchOne(rule.apiGroups, a.group ?? '') &&
      resourceMatches(rule, full, sub) &&
      (names.length === 0 || names.includes(a.name ?? ''))
    );
  }
  const n = attrs.nonResource ?? {};
  return matchOne(rule.verbs, n.verb ?? '') && nonResourceURLMatches(rule, n.path ?? '');
}

/** the reviewed action's status: the deny authorizer (cluster-admin only), then RBAC */
export function authorize(
  input: AuthorizerInput,
  attrs: { resource?: ResourceAttributes; nonResource?: NonResourceAttributes }
): ReviewStatus {
  const a = attrs.resource;
  if (a && input.identity === 'cluster-admin') {
    const target = {
      group: a.group ?? '',
      resource: a.resource ?? '',
      subresource: a.subresource || undefined,
      verb: a.verb ?? '',
      namespace: scopedNamespace(a.group ?? '', a.resource ?? '', a.namespace || undefined),
    };
    const d = input.faults.denyRules().find((x) => denyCovers(x, target));
    if (d) {
      return { allowed: false, denied: true, reason: `kube-sim: denied by faults.deny(${JSON.stringify(d.resource)})` };
    }
  }
  const ns = a ? scopedNamespace(a.group ?? '', a.resource ?? '', a.namespace) : undefined;
  for (const b of bindings(input, ns)) {
    if (b.rules.some((r) => ruleAllows(r, attrs))) {
      return { allowed: true, reason: `RBAC: allowed by ${b.source}` };
    }
  }
  // RBAC's NoOpinion: not allowed, not denied, no reason
  return { allowed: false };
}

/** SelfSubjectRulesReview status for a namespace: every rule that applies, in binding order */
export function rulesReview(input: AuthorizerInput, namespace: string): RulesStatus {
  const rules = bindings(input, namespace).flatMap((b) => b.rules);
  const status: RulesStatus = {
    resourceRules: rules
      .filter((r) => r.resources)
      .map((r) => {
        const out: RulesStatus['resourceRules'][number] = {
          verbs: r.verbs,
          apiGroups: r.apiGroups,
          resources: r.resources,
        };
        if (r.resourceNames?.length) {
          out.resourceNames = r.resourceNames;
        }
        return out;
      }),
    nonResourceRules: rules
      .filter((r) => r.nonResourceURLs)
      .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
    incomplete: false,
  };
  if (input.identity === 'cluster-admin' && input.faults.denyRules().length > 0) {
    // the webhook authorizer's RulesFor: it cannot list rules, so the union marks the answer incomplete
    status.incomplete = true;
    status.evaluationError = 'webhook authorizer does not support user rule resolution';
  }
  return status;
}
