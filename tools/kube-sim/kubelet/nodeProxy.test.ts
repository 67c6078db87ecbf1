/** @jest-environment node */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

let sim: KubeSim;
beforeAll(async () => {
  // 8 nodes: the generator makes the last one stop reporting (Ready=Unknown)
  sim = await startKubeSim({ nodes: 8, podsPerNode: 4, seed: 2, clock: () => Date.UTC(2025, 0, 1) });
});
afterAll(() => sim.stop());

const get = (path: string) => simGet(`${sim.url}${path}`, { token: sim.token });

describe('node proxy to the kubelet', () => {
  it('serves the Summary API as JSON, with only_cpu_and_memory', async () => {
    const node = sim.cluster.nodes[1].name;
    const r = await get(`/api/v1/nodes/${node}/proxy/stats/summary`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const summary = JSON.parse(r.body);
    expect(summary.node.nodeName).toBe(node);
    const small = await get(`/api/v1/nodes/${node}/proxy/stats/summary?only_cpu_and_memory=true`);
    expect(small.body.length).toBeLessThan(r.body.length);
  });

  it('serves /metrics/resource and /metrics/cadvisor as Prometheus text 0.0.4', async () => {
    const node = sim.cluster.nodes[1].name;
    for (const path of ['metrics/resource', 'metrics/cadvisor']) {
      const r = await get(`/api/v1/nodes/${node}/proxy/${path}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(r.body).toMatch(/container_cpu_usage_seconds_total\{/);
    }
  });

  it('404s an unknown node and answers 503 for a node whose kubelet stopped reporting', async () => {
    const missing = await get('/api/v1/nodes/nope/proxy/metrics/resource');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('nodes "nope" not found');
    const dead = sim.cluster.nodes.find((n) => n.readyStatus === 'Unknown')!;
    const r = await get(`/api/v1/nodes/${dead.name}/proxy/stats/summary`);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).message).toMatch(/^error trying to reach service: dial tcp /);
  });
});
