/** @jest-environment node */
import { join } from 'path';

import { type KubeSim, startKubeSim } from '../kube-sim';
import { readRoutes } from '../proxy-harness/routes';
import type { StoredDataSource } from './dataSourceStore';
import { proxyRequest } from './proxy';

const routes = readRoutes(join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json'));
let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({ nodes: 2, podsPerNode: 3 });
});

afterAll(async () => {
  await sim.stop();
});

function ds(token: string): StoredDataSource {
  return { uid: 'u', name: 'n', url: sim.url, jsonData: {}, secureJsonData: { token } };
}

const ask = (token: string, method: string, pathAndQuery: string) =>
  proxyRequest({
    ds: ds(token),
    routes,
    method,
    pathAndQuery,
    headers: { accept: 'application/json' },
    signal: new AbortController().signal,
  });

test("a route of plugin.json adds the stored token, so the API server answers the browser's request", async () => {
  const res = await ask(sim.token, 'GET', 'api/v1/namespaces?limit=1');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body).kind).toBe('NamespaceList');
});

test('a rejected token reaches the browser as Grafana rewrites it: 400, not 401', async () => {
  const res = await ask('wrong-token', 'GET', 'api/v1/namespaces');
  expect(res.status).toBe(400);
  expect(res.body).toBe('Authentication to data source failed');
});

test('a write is refused by the proxy before the API server (the refusal route of plugin.json)', async () => {
  const before = sim.faults.requests.length;
  const res = await ask(sim.token, 'DELETE', 'api/v1/namespaces/default');
  expect(res.status).toBe(403);
  expect(JSON.parse(res.body).message).toBe('plugin proxy route access denied');
  expect(sim.faults.requests).toHaveLength(before);
});

test('the raw path goes upstream as Grafana sends it, and a path outside the routes is refused', async () => {
  const ok = await ask(sim.token, 'GET', './api/v1/namespaces?limit=1');
  expect(ok.status).toBe(200);
  expect((await ask(sim.token, 'GET', 'healthz')).status).toBe(403);
});
