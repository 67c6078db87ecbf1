/** A resource rule as a SelfSubjectRulesReview lists it. */
export interface ResourceRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface RulesReviewStatus {
  resourceRules?: ResourceRule[];
  incomplete?: boolean;
  evaluationError?: string;
}

/** Verbs that change the cluster; `*` includes them all. */
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', '*']);
/** Verbs that read; on Secrets they hand out every credential of the namespace. */
const READ_VERBS = new Set(['get', 'list', 'watch', '*']);

function resourcesText(rule: ResourceRule): string {
  const groups = (rule.apiGroups ?? []).map((g) => (g === '' ? 'core' : g)).join(', ');
  return `${(rule.resources ?? []).join(', ')} (${groups || 'core'})`;
}

/**
 * What a rules review says the identity can do beyond reading: every rule with a write verb, and any read
 * of Secrets. Each finding is a sentence that names the verbs and resources, so it can be found in RBAC.
 * Rules that list only the self-reviews (created, never stored: selfsubjectaccessreviews, selfsubjectrulesreviews,
 * selfsubjectreviews) are not findings: every authenticated user may create them (system:basic-user).
 */
export function riskyRules(status: RulesReviewStatus): string[] {
  const findings: string[] = [];
  for (const rule of status.resourceRules ?? []) {
    const verbs = rule.verbs ?? [];
    const resources = rule.resources ?? [];
    const onlyReviews = resources.length > 0 && resources.every((r) => /^selfsubject\w*reviews$/.test(r));
    const writes = verbs.filter((v) => WRITE_VERBS.has(v));
    if (writes.length && !onlyReviews) {
      findings.push(`can ${writes.join(', ')} ${resourcesText(rule)}`);
      continue;
    }
    const readsSecrets = resources.some((r) => r === 'secrets' || r === '*') && verbs.some((v) => READ_VERBS.has(v));
    const coreGroup = (rule.apiGroups ?? []).some((g) => g === '' || g === '*');
    if (readsSecrets && coreGroup) {
      findings.push(`can read Secrets (${verbs.filter((v) => READ_VERBS.has(v)).join(', ')} ${resourcesText(rule)})`);
    }
  }
  return findings;
}

export function rulesReviewFor(namespace: string) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    spec: { namespace },
  };
}
