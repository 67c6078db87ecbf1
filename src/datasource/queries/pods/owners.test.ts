import { PodInfo } from './podObjects';
import { describeKubeError, KubeError } from '../../kube/errors';
import { ALL, decodeParentOwners, deploymentNameFromReplicaSet, OwnerIndex, ownerNotices, workloadOf } from './owners';

function pod(name: string, owner?: { kind: string; name: string }, extra: Partial<PodInfo> = {}): PodInfo {
  return {
    namespace: 'shop',
    name,
    status: 'Running',
    ready: '0/0',
    restarts: 0,
    owner,
    containers: [],
    initContainers: [],
    resources: {},
    ...extra,
  };
}

const rsList = [
  {
    metadata: {
      name: 'web-7c9f8d6b5',
      namespace: 'shop',
      ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }],
    },
  },
  { metadata: { name: 'bare-rs', namespace: 'shop' } },
  {
    metadata: {
      name: 'canary-6b4d9',
      namespace: 'shop',
      ownerReferences: [{ kind: 'Rollout', name: 'canary', controller: true }],
    },
  },
];
const jobList = [
  {
    metadata: {
      name: 'report-29012345',
      namespace: 'shop',
      ownerReferences: [{ kind: 'CronJob', name: 'report', controller: true }],
    },
  },
];

const readable: OwnerIndex = {
  replicaSets: { owners: decodeParentOwners(rsList), unread: new Set() },
  jobs: { owners: decodeParentOwners(jobList), unread: new Set() },
};

describe('workloadOf', () => {
  it.each<[string, PodInfo, { kind: string; name: string }]>([
    [
      'a Deployment through its ReplicaSet',
      pod('web-7c9f8d6b5-x', { kind: 'ReplicaSet', name: 'web-7c9f8d6b5' }),
      { kind: 'Deployment', name: 'web' },
    ],
    [
      'any controller of a ReplicaSet',
      pod('canary-6b4d9-x', { kind: 'ReplicaSet', name: 'canary-6b4d9' }),
      { kind: 'Rollout', name: 'canary' },
    ],
    [
      'a ReplicaSet without an owner as itself',
      pod('bare-rs-x', { kind: 'ReplicaSet', name: 'bare-rs' }),
      { kind: 'ReplicaSet', name: 'bare-rs' },
    ],
    [
      'a CronJob through its Job',
      pod('report-29012345-q', { kind: 'Job', name: 'report-29012345' }),
      { kind: 'CronJob', name: 'report' },
    ],
    ['a Job of its own', pod('once-q', { kind: 'Job', name: 'once' }), { kind: 'Job', name: 'once' }],
    ['a StatefulSet', pod('db-0', { kind: 'StatefulSet', name: 'db' }), { kind: 'StatefulSet', name: 'db' }],
    ['a DaemonSet', pod('agent-x', { kind: 'DaemonSet', name: 'agent' }), { kind: 'DaemonSet', name: 'agent' }],
    [
      'a static pod (owned by its Node) as the pod',
      pod('etcd-cp', { kind: 'Node', name: 'cp' }),
      { kind: 'Pod', name: 'etcd-cp' },
    ],
    ['a bare pod as itself', pod('debug'), { kind: 'Pod', name: 'debug' }],
  ])('%s', (_what, p, expected) => {
    expect(workloadOf(p, readable)).toEqual(expected);
  });

  it('names the Deployment from the ReplicaSet name when ReplicaSets are unreadable, and marks it inferred', () => {
    const index: OwnerIndex = { replicaSets: { owners: new Map(), unread: new Set([ALL]) } };
    const p = pod('web-7c9f8d6b5-x', { kind: 'ReplicaSet', name: 'web-7c9f8d6b5' }, { templateHash: '7c9f8d6b5' });
    expect(workloadOf(p, index)).toEqual({ kind: 'Deployment', name: 'web', inferred: true });
  });

  it('keeps the Job when Jobs are unreadable', () => {
    const index: OwnerIndex = { jobs: { owners: new Map(), unread: new Set(['shop']) } };
    expect(workloadOf(pod('r-1-q', { kind: 'Job', name: 'r-1' }), index)).toEqual({ kind: 'Job', name: 'r-1' });
  });
});

describe('deploymentNameFromReplicaSet', () => {
  it('strips the pod-template-hash suffix', () => {
    expect(deploymentNameFromReplicaSet('my-app-7c9f8d6b5', '7c9f8d6b5')).toBe('my-app');
    expect(deploymentNameFromReplicaSet('my-app-5d4bc', undefined)).toBe('my-app');
  });

  it('gives nothing when the name does not end in the hash', () => {
    expect(deploymentNameFromReplicaSet('my-app-7c9f8d6b5', 'zzzzz')).toBeUndefined();
    expect(deploymentNameFromReplicaSet('standalone', undefined)).toBeUndefined();
    // "e", "a", "1" are not in the hash alphabet
    expect(deploymentNameFromReplicaSet('my-release', undefined)).toBeUndefined();
  });
});

describe('ownerNotices', () => {
  const denied = new KubeError({
    kind: 'forbidden',
    status: 403,
    message: 'Permission denied: u may not list replicasets in API group "apps" in namespace "shop"',
    remedy: 'Add the rule {apiGroups: ["apps"], resources: ["replicasets"], verbs: ["list"]}.',
  });

  it('names the namespaces and the missing permission when ReplicaSets were unreadable', () => {
    const index: OwnerIndex = { replicaSets: { owners: new Map(), unread: new Set(['shop']), error: denied } };
    const notices = ownerNotices([pod('w-1', { kind: 'ReplicaSet', name: 'w' })], index, describeKubeError);
    expect(notices).toHaveLength(1);
    expect(notices[0].severity).toBe('warning');
    expect(notices[0].text).toContain('shop');
    expect(notices[0].text).toContain('pod-template-hash');
    expect(notices[0].text).toContain('replicasets');
  });

  it('says nothing when every owner could be followed', () => {
    expect(
      ownerNotices([pod('w-1', { kind: 'ReplicaSet', name: 'web-7c9f8d6b5' })], readable, describeKubeError)
    ).toEqual([]);
  });
});
