/** @jest-environment node */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

interface Item {
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}
interface List {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: Item[];
}

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 6, podsPerNode: 10, seed: 21, clock: () => Date.UTC(2025, 0, 1) });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.reset());

async function get<T = List>(path: string): Promise<{ status: number; body: T }> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token });
  return { status: r.status, body: JSON.parse(r.body) as T };
}

const key = (i: Item) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`;

describe('lists', () => {
  it('returns a typed list whose items carry no kind, sorted by namespace and name', async () => {
    const { body } = await get('/api/v1/pods');
    expect(body.kind).toBe('PodList');
    expect(body.apiVersion).toBe('v1');
    expect(body.items).toHaveLength(sim.cluster.pods.length);
    expect(body.items.every((i) => i.kind === undefined)).toBe(true);
    const keys = body.items.map(key);
    expect(keys).toEqual([...keys].sort());
  });

  it('serves every resource type, all-namespaces and namespaced', async () => {
    const paths: Array<[string, string]> = [
      ['/api/v1/namespaces', 'NamespaceList'],
      ['/api/v1/events', 'EventList'],
      ['/api/v1/namespaces/shop/events', 'EventList'],
      ['/api/v1/persistentvolumeclaims', 'PersistentVolumeClaimList'],
      ['/api/v1/namespaces/shop/persistentvolumeclaims', 'PersistentVolumeClaimList'],
      ['/apis/apps/v1/deployments', 'DeploymentList'],
      ['/apis/apps/v1/namespaces/shop/replicasets', 'ReplicaSetList'],
      ['/apis/apps/v1/statefulsets', 'StatefulSetList'],
      ['/apis/apps/v1/daemonsets', 'DaemonSetList'],
      ['/apis/batch/v1/jobs', 'JobList'],
    ];
    for (const [path, kind] of paths) {
      const { status, body } = await get(path);
      expect([path, status, body.kind]).toEqual([path, 200, kind]);
      expect(body.items.length).toBeGreaterThan(0);
      if (path.includes('/namespaces/shop/')) {
        expect(body.items.every((i) => i.metadata.namespace === 'shop')).toBe(true);
      }
    }
  });

  it('gets one object with kind and apiVersion, and 404s with the apiserver Status', async () => {
    const pod = sim.cluster.pods[0];
    const one = await get<Item & { apiVersion: string }>(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`);
    expect(one.body).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: pod.name, namespace: pod.namespace },
    });
    const missing = await get(`/api/v1/namespaces/default/pods/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const dep = await get('/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(dep.body).toMatchObject({
      message: 'deployments.apps "nope" not found',
      details: { group: 'apps', kind: 'deployments' },
    });
  });

  it('pages with limit and continue until every item was seen once', async () => {
    const all = (await get('/api/v1/pods')).body.items.map(key);
    const seen: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const { body } = await get(`/api/v1/pods?limit=7${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...body.items.map(key));
      cont = body.metadata.continue ?? '';
      if (cont) {
        expect(body.metadata.remainingItemCount).toBe(all.length - seen.length);
      }
      pages++;
    } while (cont);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('keeps selectors across pages and omits remainingItemCount when filtering', async () => {
    const { body } = await get('/api/v1/pods?limit=2&labelSelector=app%3Dfrontend');
    expect(body.items).toHaveLength(2);
    expect(body.metadata.remainingItemCount).toBeUndefined();
    const next = await get(
      `/api/v1/pods?limit=2&labelSelector=app%3Dfrontend&continue=${encodeURIComponent(body.metadata.continue!)}`
    );
    expect(next.body.items.map((i) => i.metadata.labels?.app)).toEqual(['frontend']);
    expect(next.body.metadata.continue).toBeUndefined();
  });

  it('answers 410 Expired for a token after expireContinueTokens(), with a token to resume from', async () => {
    const first = await get('/api/v1/nodes?limit=2');
    sim.faults.expireContinueTokens();
    const stale = await get<{ code: number; reason: string; message: string; metadata: { continue?: string } }>(
      `/api/v1/nodes?limit=2&continue=${encodeURIComponent(first.body.metadata.continue!)}`
    );
    expect(stale.status).toBe(410);
    expect(stale.body.reason).toBe('Expired');
    expect(stale.body.message).toMatch(
      /^The provided continue parameter is too old to display a consistent list result\./
    );
    const resumed = await get(`/api/v1/nodes?limit=10&continue=${encodeURIComponent(stale.body.metadata.continue!)}`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.items.map(key)).toEqual((await get('/api/v1/nodes')).body.items.map(key).slice(2));
  });

  // apiserver pkg/storage continue.go DecodeContinue: a token that does not decode is a 400, not a 410
  it('answers 400 for a garbage continue token', async () => {
    const r = await get<{ code: number; reason: string; message: string }>('/api/v1/pods?limit=2&continue=not-a-token');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(r.body.message).toMatch(/^invalid continue token: continue key is not valid: /);
  });
});

describe('selectors over HTTP', () => {
  it('filters by equality and set-based label selectors', async () => {
    const eq = await get('/api/v1/pods?labelSelector=app%3Dcart');
    expect(eq.body.items.length).toBe(sim.cluster.pods.filter((p) => p.labels.app === 'cart').length);
    const setBased = await get(`/api/v1/pods?labelSelector=${encodeURIComponent('app in (cart,frontend),tier!=web')}`);
    expect(setBased.body.items.every((i) => i.metadata.labels!.app === 'cart')).toBe(true);
    expect(setBased.body.items.length).toBeGreaterThan(0);
    const cp = await get(`/api/v1/nodes?labelSelector=${encodeURIComponent('!node-role.kubernetes.io/control-plane')}`);
    expect(cp.body.items).toHaveLength(sim.cluster.nodes.length - 1);
  });

  it('filters pods by spec.nodeName and status.phase', async () => {
    const node = sim.cluster.nodes[1].name;
    const onNode = await get(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`);
    expect(onNode.body.items.length).toBe(sim.cluster.pods.filter((p) => p.nodeName === node).length);
    expect(onNode.body.items.every((i) => i.spec!.nodeName === node)).toBe(true);
    const notRunning = await get(`/api/v1/pods?fieldSelector=${encodeURIComponent('status.phase!=Running')}`);
    expect(notRunning.body.items.map((i) => i.status!.phase).sort()).toEqual(
      sim.cluster.pods
        .filter((p) => p.phase !== 'Running')
        .map((p) => p.phase)
        .sort()
    );
    const unscheduled = await get('/api/v1/pods?fieldSelector=spec.nodeName%3D');
    expect(unscheduled.body.items.every((i) => i.status!.phase === 'Pending')).toBe(true);
  });

  it('filters events by involvedObject and type', async () => {
    const warn = await get<{ items: Array<{ type: string; reason: string }> }>(
      '/api/v1/events?fieldSelector=type%3DWarning'
    );
    expect(warn.body.items.length).toBeGreaterThan(0);
    expect(warn.body.items.every((e) => e.type === 'Warning')).toBe(true);
  });

  it('rejects bad selectors with 400 BadRequest', async () => {
    const label = await get<{ code: number; reason: string; message: string }>(
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in (a')}`
    );
    expect(label.status).toBe(400);
    expect(label.body.reason).toBe('BadRequest');
    const field = await get<{ message: string }>('/api/v1/pods?fieldSelector=spec.foo%3Dx');
    expect(field.status).toBe(400);
    expect(field.body.message).toBe('field label not supported: spec.foo');
    const dep = await get<{ message: string }>('/apis/apps/v1/deployments?fieldSelector=spec.replicas%3D1');
    expect(dep.body.message).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'
    );
  });
});

describe('object shapes', () => {
  it('writes pods with resources as quantities, owner references and container states', async () => {
    const crash = sim.cluster.pods.find((p) => p.containers.some((c) => c.reason === 'CrashLoopBackOff'))!;
    const { body } = await get<{
      metadata: { ownerReferences: Array<{ kind: string }>; creationTimestamp: string };
      spec: { containers: Array<{ resources: { requests?: Record<string, string> } }> };
      status: {
        containerStatuses: Array<{
          state: { waiting?: { reason: string } };
          lastState: { terminated?: { exitCode: number } };
          restartCount: number;
          ready: boolean;
        }>;
      };
    }>(`/api/v1/namespaces/${crash.namespace}/pods/${crash.name}`);
    expect(body.metadata.ownerReferences[0].kind).toBe('ReplicaSet');
    expect(body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
    const st = body.status.containerStatuses[0];
    expect(st.state.waiting!.reason).toBe('CrashLoopBackOff');
    expect(st.lastState.terminated!.exitCode).not.toBe(0);
    expect(st.restartCount).toBeGreaterThan(0);
    expect(st.ready).toBe(false);
  });

  it('writes nodes with capacity quantities, a Ready condition, kubelet version and roles', async () => {
    const { body } = await get<{
      items: Array<{
        metadata: { labels: Record<string, string> };
        status: {
          capacity: Record<string, string>;
          conditions: Array<{ type: string; status: string }>;
          nodeInfo: { kubeletVersion: string };
          addresses: Array<{ type: string }>;
        };
      }>;
    }>('/api/v1/nodes');
    for (const n of body.items) {
      expect(n.status.capacity.cpu).toMatch(/^\d+$/);
      expect(n.status.capacity.memory).toMatch(/^\d+(Ki|Mi|Gi)$/);
      expect(n.status.conditions.find((c) => c.type === 'Ready')!.status).toMatch(/^(True|False|Unknown)$/);
      expect(n.status.nodeInfo.kubeletVersion).toMatch(/^v1\.\d+\.\d+$/);
      expect(n.status.addresses.map((a) => a.type)).toContain('InternalIP');
      expect(Object.keys(n.metadata.labels).some((k) => k.startsWith('node-role.kubernetes.io/'))).toBe(true);
    }
  });
});
