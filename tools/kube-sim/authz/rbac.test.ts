/** @jest-environment node */
import { Identity, KubeSim, startKubeSim } from '../index';
import { simGet, simPost } from '../server/client';
import { denyCovers } from './denyRules';
import { describeSubject } from './rbac';

const sims: Partial<Record<Identity, KubeSim>> = {};
beforeAll(async () => {
  for (const identity of ['reader', 'cluster-admin'] as const) {
    sims[identity] = await startKubeSim({
      nodes: 3,
      podsPerNode: 4,
      seed: 5,
      identity,
      clock: () => Date.UTC(2025, 0, 1),
    });
  }
});
afterAll(() => Promise.all(Object.values(sims).map((s) => s!.stop())));
afterEach(() => Object.values(sims).forEach((s) => s!.faults.reset()));

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

type Attrs = Record<string, string | undefined>;

async function can(sim: KubeSim, resourceAttributes: Attrs) {
  const r = await simPost(`${sim.url}${SSAR}`, { spec: { resourceAttributes } }, { token: sim.token });
  expect(r.status).toBe(201);
  return JSON.parse(r.body).status as { allowed: boolean; denied?: boolean; reason?: string };
}

async function getStatus(sim: KubeSim, path: string): Promise<number> {
  return (await simGet(`${sim.url}${path}`, { token: sim.token })).status;
}

interface Case {
  deny: [string, { verb?: 'get' | 'list'; namespace?: string }?];
  /** GETs and the reviews of the same actions (for a pod in shop), and whether the deny forbids them */
  checks: (pod: string) => Array<{ path: string; attrs: Attrs; forbidden: boolean }>;
}

const CASES: Case[] = [
  {
    deny: ['pods'],
    checks: (pod) => [
      {
        path: '/api/v1/namespaces/shop/pods',
        attrs: { verb: 'list', resource: 'pods', namespace: 'shop' },
        forbidden: true,
      },
      { path: '/api/v1/nodes', attrs: { verb: 'list', resource: 'nodes' }, forbidden: false },
    ],
  },
  {
    deny: ['pods', { verb: 'get' }],
    checks: (pod) => [
      {
        path: `/api/v1/namespaces/shop/pods/${pod}`,
        attrs: { verb: 'get', resource: 'pods', namespace: 'shop', name: pod },
        forbidden: true,
      },
      {
        path: '/api/v1/namespaces/shop/pods',
        attrs: { verb: 'list', resource: 'pods', namespace: 'shop' },
        forbidden: false,
      },
    ],
  },
  {
    // the watch route checks list, so a list deny covers watch too
    deny: ['pods', { verb: 'list' }],
    checks: (pod) => [
      { path: '/api/v1/pods?watch=true', attrs: { verb: 'watch', resource: 'pods' }, forbidden: true },
      {
        path: `/api/v1/namespaces/shop/pods/${pod}`,
        attrs: { verb: 'get', resource: 'pods', namespace: 'shop' },
        forbidden: false,
      },
    ],
  },
  {
    deny: ['pods', { namespace: 'shop' }],
    checks: (pod) => [
      {
        path: '/api/v1/namespaces/shop/pods',
        attrs: { verb: 'list', resource: 'pods', namespace: 'shop' },
        forbidden: true,
      },
      {
        path: '/api/v1/namespaces/default/pods',
        attrs: { verb: 'list', resource: 'pods', namespace: 'default' },
        forbidden: false,
      },
      // all namespaces: the namespaced deny does not apply to the cluster-wide list
      { path: '/api/v1/pods', attrs: { verb: 'list', resource: 'pods' }, forbidden: false },
    ],
  },
  {
    // RBAC keeps subresources apart from their resource
    deny: ['pods/log'],
    checks: (pod) => [
      {
        path: `/api/v1/namespaces/shop/pods/${pod}/log`,
        attrs: { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop', name: pod },
        forbidden: true,
      },
      {
        path: `/api/v1/namespaces/shop/pods/${pod}`,
        attrs: { verb: 'get', resource: 'pods', namespace: 'shop', name: pod },
        forbidden: false,
      },
    ],
  },
  {
    deny: ['nodes/proxy'],
    checks: (pod) => [
      {
        path: '/api/v1/nodes/node-1/proxy/stats/summary',
        attrs: { verb: 'get', resource: 'nodes', subresource: 'proxy', name: 'node-1' },
        forbidden: true,
      },
      { path: '/api/v1/nodes/node-1', attrs: { verb: 'get', resource: 'nodes', name: 'node-1' }, forbidden: false },
    ],
  },
  {
    deny: ['nodes.metrics.k8s.io'],
    checks: (pod) => [
      {
        path: '/apis/metrics.k8s.io/v1beta1/nodes',
        attrs: { verb: 'list', group: 'metrics.k8s.io', resource: 'nodes' },
        forbidden: true,
      },
      {
        path: '/apis/metrics.k8s.io/v1beta1/pods',
        attrs: { verb: 'list', group: 'metrics.k8s.io', resource: 'pods' },
        forbidden: false,
      },
      { path: '/api/v1/nodes', attrs: { verb: 'list', resource: 'nodes' }, forbidden: false },
    ],
  },
  {
    deny: ['pods.metrics.k8s.io', { namespace: 'shop' }],
    checks: (pod) => [
      {
        path: '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
        attrs: { verb: 'list', group: 'metrics.k8s.io', resource: 'pods', namespace: 'shop' },
        forbidden: true,
      },
      {
        path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods',
        attrs: { verb: 'list', group: 'metrics.k8s.io', resource: 'pods', namespace: 'default' },
        forbidden: false,
      },
    ],
  },
  {
    deny: ['deployments'],
    checks: (pod) => [
      {
        path: '/apis/apps/v1/deployments',
        attrs: { verb: 'list', group: 'apps', resource: 'deployments' },
        forbidden: true,
      },
      {
        path: '/apis/apps/v1/replicasets',
        attrs: { verb: 'list', group: 'apps', resource: 'replicasets' },
        forbidden: false,
      },
    ],
  },
];

describe.each(['reader', 'cluster-admin'] as const)('with identity %s', (identity) => {
  // the project's contract: a review says allowed: false exactly when the same GET gets the sim's 403
  it.each(CASES.map((c) => [JSON.stringify(c.deny), c] as const))(
    'agrees with the 403 a GET gets, with deny %s',
    async (_name, c) => {
      const sim = sims[identity]!;
      sim.faults.deny(c.deny[0], c.deny[1]);
      const pod = sim.cluster.pods.find((p) => p.namespace === 'shop')!.name;
      for (const check of c.checks(pod)) {
        const got = await getStatus(sim, check.path);
        const review = await can(sim, check.attrs);
        expect({ path: check.path, got403: got === 403, allowed: review.allowed }).toEqual({
          path: check.path,
          got403: check.forbidden,
          allowed: !check.forbidden,
        });
      }
    }
  );

  it('allows get, list and watch on what the sim serves when nothing is denied', async () => {
    const sim = sims[identity]!;
    for (const attrs of [
      { verb: 'watch', resource: 'events', namespace: 'default' },
      { verb: 'list', group: 'batch', resource: 'jobs' },
      { verb: 'get', group: 'apps', resource: 'statefulsets', namespace: 'shop', name: 'postgres' },
      { verb: 'list', resource: 'persistentvolumeclaims' },
      { verb: 'get', group: 'metrics.k8s.io', resource: 'pods', namespace: 'shop' },
    ]) {
      expect([attrs, (await can(sim, attrs)).allowed]).toEqual([attrs, true]);
    }
  });
});

describe('the read-only identity', () => {
  // secrets are not served and not granted (provisioning's tiers grant no Secrets either)
  it('may not read secrets or write anything', async () => {
    const sim = sims.reader!;
    for (const attrs of [
      { verb: 'get', resource: 'secrets', namespace: 'default' },
      { verb: 'list', resource: 'secrets' },
      { verb: 'create', resource: 'pods', namespace: 'default' },
      { verb: 'update', group: 'apps', resource: 'deployments', namespace: 'shop' },
      { verb: 'patch', resource: 'nodes', name: 'node-1' },
      { verb: 'delete', resource: 'pods', namespace: 'shop' },
      { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop' },
    ]) {
      expect([attrs, await can(sim, attrs)]).toEqual([attrs, { allowed: false }]);
    }
  });

  it('names the tier that allows each action', async () => {
    const sim = sims.reader!;
    const subject = 'to ServiceAccount "kubeglance/kubeglance"';
    expect((await can(sim, { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop' })).reason).toBe(
      `RBAC: allowed by ClusterRoleBinding "kubeglance-logs" of ClusterRole "kubeglance-logs" ${subject}`
    );
    expect((await can(sim, { verb: 'get', resource: 'nodes', subresource: 'proxy' })).reason).toBe(
      `RBAC: allowed by ClusterRoleBinding "kubeglance-kubelet" of ClusterRole "kubeglance-kubelet" ${subject}`
    );
  });

  // a deny rule is a permission the role lacks: the rules review leaves it out, still complete
  it('drops denied verbs from the rules review, per namespace', async () => {
    const sim = sims.reader!;
    sim.faults.deny('pods', { verb: 'list', namespace: 'shop' }).deny('pods/log');
    const rules = async (namespace: string) => {
      const r = await simPost(`${sim.url}${SSRR}`, { spec: { namespace } }, { token: sim.token });
      return JSON.parse(r.body).status;
    };
    const shop = await rules('shop');
    expect(shop.incomplete).toBe(false);
    expect(shop.resourceRules.slice(0, 2)).toEqual([
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: ['configmaps', 'endpoints', 'events', 'namespaces', 'nodes', 'persistentvolumeclaims', 'services'],
      },
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    ]);
    expect(JSON.stringify(shop.resourceRules)).not.toContain('pods/log');
    const other = await rules('default');
    expect(other.resourceRules[0].resources).toContain('pods');
  });
});

describe('the cluster-admin identity', () => {
  it('may do anything, as the cluster-admin ClusterRole', async () => {
    const sim = sims['cluster-admin']!;
    for (const attrs of [
      { verb: 'create', resource: 'pods', namespace: 'default' },
      { verb: 'get', resource: 'secrets', namespace: 'kube-system' },
      { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'shop' },
      { verb: '*', group: '*', resource: '*' },
    ]) {
      expect([attrs, await can(sim, attrs)]).toEqual([
        attrs,
        {
          allowed: true,
          reason:
            'RBAC: allowed by ClusterRoleBinding "kube-sim-cluster-admin" of ClusterRole "cluster-admin" to ServiceAccount "kubeglance/kubeglance"',
        },
      ]);
    }
  });

  it('lists the * rules in the rules review', async () => {
    const sim = sims['cluster-admin']!;
    const r = await simPost(`${sim.url}${SSRR}`, { spec: { namespace: 'default' } }, { token: sim.token });
    const status = JSON.parse(r.body).status;
    expect(status.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(status.nonResourceRules[0]).toEqual({ verbs: ['*'], nonResourceURLs: ['*'] });
    expect(status.incomplete).toBe(false);
  });

  // RBAC allows everything, so a 403 can only come from an authorizer ahead of it that denies (a
  // webhook): the review says denied, and the webhook authorizer makes a rules review incomplete
  it('reports a deny rule as an explicit denial, and the rules review as incomplete', async () => {
    const sim = sims['cluster-admin']!;
    sim.faults.deny('pods');
    expect(await can(sim, { verb: 'create', resource: 'pods', namespace: 'default' })).toEqual({
      allowed: false,
      denied: true,
      reason: 'kube-sim: denied by faults.deny("pods")',
    });
    expect((await can(sim, { verb: '*', group: '*', resource: '*' })).allowed).toBe(false);
    const r = await simPost(`${sim.url}${SSRR}`, { spec: { namespace: 'default' } }, { token: sim.token });
    expect(JSON.parse(r.body).status).toMatchObject({
      incomplete: true,
      evaluationError: 'webhook authorizer does not support user rule resolution',
    });
  });
});

describe('rbac helpers', () => {
  // pkg/registry/rbac/validation/rule.go describeSubject
  it('describes service accounts as name/namespace and everyone else as a User', () => {
    expect(describeSubject('system:serviceaccount:kubeglance:grafana')).toBe('ServiceAccount "grafana/kubeglance"');
    expect(describeSubject('https://idp.example#alice')).toBe('User "https://idp.example#alice"');
  });

  it('matches deny rules as Faults.isDenied does, plus the review wildcards', () => {
    const d = { resource: 'nodes.metrics.k8s.io', verb: 'list' as const };
    expect(denyCovers(d, { group: 'metrics.k8s.io', resource: 'nodes', verb: 'watch' })).toBe(true);
    expect(denyCovers(d, { group: 'metrics.k8s.io', resource: 'nodes', verb: 'get' })).toBe(false);
    expect(denyCovers(d, { group: '', resource: 'nodes', verb: 'list' })).toBe(false);
    expect(denyCovers(d, { group: '*', resource: '*', verb: '*' })).toBe(true);
    expect(denyCovers({ resource: 'jobs' }, { group: 'batch', resource: 'jobs', verb: 'delete' })).toBe(true);
  });
});
