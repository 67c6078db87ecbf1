/** @jest-environment node */
import { KubeSim, startKubeSim, SERVICE_ACCOUNT_USER } from '../index';
import { simGet } from './client';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 8, seed: 4, clock: () => Date.UTC(2025, 0, 1) });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.reset());

const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

describe('authentication', () => {
  it('answers 401 Status JSON without a token, with a wrong one, and with an empty bearer', async () => {
    for (const opts of [
      {},
      { token: 'wrong' },
      { authorization: 'Bearer ' },
      { authorization: 'Basic dXNlcjpwYXNz' },
    ]) {
      const r = await simGet(`${sim.url}/api/v1/nodes`, opts);
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toBe('application/json');
      expect(JSON.parse(r.body)).toEqual(UNAUTHORIZED);
    }
  });

  it('serves the list with the right token', async () => {
    const r = await simGet(`${sim.url}/api/v1/nodes`, { token: sim.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).items).toHaveLength(3);
  });

  it('serves /version without a token, but rejects a wrong token there too', async () => {
    expect((await simGet(`${sim.url}/version`)).status).toBe(200);
    expect(JSON.parse((await simGet(`${sim.url}/version`)).body).gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect((await simGet(`${sim.url}/version`, { token: 'wrong' })).status).toBe(401);
  });

  it('answers 405 MethodNotAllowed to anything but GET', async () => {
    const r = await simGet(`${sim.url}/api/v1/nodes`, { token: sim.token, method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
  });

  it('logs each request with its method, path, query and authorization header', async () => {
    await simGet(`${sim.url}/api/v1/pods?limit=2&labelSelector=app%3Dweb`, { token: sim.token });
    const [rec] = sim.faults.requestsTo('/api/v1/pods');
    expect(rec).toMatchObject({ method: 'GET', path: '/api/v1/pods', query: { limit: '2', labelSelector: 'app=web' } });
    expect(rec.headers.authorization).toBe(`Bearer ${sim.token}`);
  });
});

describe('RBAC denials', () => {
  const get = async (path: string) => {
    const r = await simGet(`${sim.url}${path}`, { token: sim.token });
    return { status: r.status, body: JSON.parse(r.body) };
  };

  it('forbids nodes/proxy with the apiserver message for a named node', async () => {
    sim.faults.deny('nodes/proxy');
    const r = await get('/api/v1/nodes/node-1/proxy/stats/summary');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `nodes "node-1" is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot get resource "nodes/proxy" in API group "" at the cluster scope`,
      reason: 'Forbidden',
      details: { name: 'node-1', kind: 'nodes' },
      code: 403,
    });
    // nodes themselves are still allowed: subresources are separate in RBAC
    expect((await get('/api/v1/nodes')).status).toBe(200);
  });

  it('forbids listing namespaces at the cluster scope', async () => {
    sim.faults.deny('namespaces');
    const r = await get('/api/v1/namespaces');
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(
      `namespaces is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot list resource "namespaces" in API group "" at the cluster scope`
    );
    expect(r.body.details).toEqual({ kind: 'namespaces' });
  });

  it('names the namespace for namespaced resources, and the group for apps', async () => {
    sim.faults.deny('pods/log').deny('deployments');
    const pod = sim.cluster.pods.find((p) => p.namespace === 'shop')!;
    const log = await get(`/api/v1/namespaces/shop/pods/${pod.name}/log`);
    expect(log.status).toBe(403);
    expect(log.body.message).toBe(
      `pods "${pod.name}" is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot get resource "pods/log" in API group "" in the namespace "shop"`
    );
    const deps = await get('/apis/apps/v1/namespaces/shop/deployments');
    expect(deps.body.message).toBe(
      `deployments.apps is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot list resource "deployments" in API group "apps" in the namespace "shop"`
    );
  });

  it('forbids metrics.k8s.io nodes with the group in the message', async () => {
    sim.faults.deny('nodes.metrics.k8s.io');
    const r = await get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({
      message: `nodes.metrics.k8s.io is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope`,
      reason: 'Forbidden',
      details: { group: 'metrics.k8s.io', kind: 'nodes' },
    });
    expect((await get('/apis/metrics.k8s.io/v1beta1/pods')).status).toBe(200);
  });

  it('allow() lifts a denial', async () => {
    sim.faults.deny('pods');
    expect((await get('/api/v1/pods')).status).toBe(403);
    sim.faults.allow('pods');
    expect((await get('/api/v1/pods')).status).toBe(200);
  });
});
