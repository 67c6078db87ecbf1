import { riskyRules } from './writeAccess';

// the rules a SelfSubjectRulesReview returns for Kubeglance's own read tier (provisioning/kubernetes/rbac-read.yaml)
// plus what every authenticated user gets from system:basic-user
const READ_TIER = [
  { verbs: ['get', 'list'], apiGroups: [''], resources: ['namespaces', 'nodes', 'pods', 'events'] },
  { verbs: ['get', 'list'], apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'] },
  {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  },
];

describe('riskyRules', () => {
  it('finds nothing in the read-only tiers', () => {
    expect(riskyRules({ resourceRules: READ_TIER })).toEqual([]);
  });

  it('names the verbs and resources of a rule that writes', () => {
    const findings = riskyRules({
      resourceRules: [
        ...READ_TIER,
        { verbs: ['get', 'patch', 'delete'], apiGroups: ['apps'], resources: ['deployments'] },
      ],
    });
    expect(findings).toEqual(['can patch, delete deployments (apps)']);
  });

  it('sees cluster-admin in its wildcard', () => {
    expect(riskyRules({ resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] })).toEqual([
      'can * * (*)',
    ]);
  });

  it('flags reading Secrets, which hands out every credential of a namespace', () => {
    expect(riskyRules({ resourceRules: [{ verbs: ['list'], apiGroups: [''], resources: ['secrets'] }] })).toEqual([
      'can read Secrets (list secrets (core))',
    ]);
    // another group's "secrets" is not the core Secret
    expect(
      riskyRules({ resourceRules: [{ verbs: ['list'], apiGroups: ['example.io'], resources: ['secrets'] }] })
    ).toEqual([]);
  });

  it('answers an empty status with no findings', () => {
    expect(riskyRules({})).toEqual([]);
  });
});
