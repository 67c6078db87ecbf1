/** @jest-environment node */
/**
 * The demo stack's prometheus.yml, run for real: Debian's Prometheus scrapes kube-sim over HTTPS with the
 * stack's scrape jobs and relabelling (only the API server, token and CA are the test's), and the queries
 * the dashboards build on return data.
 */
import fs from 'fs';
import path from 'path';

import { promQuery, promtoolCheckConfig } from './prometheus';
import { type StackPrometheus, startStackPrometheus } from './stackPrometheus';

jest.setTimeout(120_000);

let stack: StackPrometheus;
let testConfig: string;
let dir: string;

beforeAll(async () => {
  stack = await startStackPrometheus();
  ({ config: testConfig, dir } = stack);
  // every job scraped every node, and counters have two samples for rate() (the sim's cAdvisor stamps
  // samples every 10 s)
  await stack.waitUntil(
    'both kubelet jobs to scrape every node, twice',
    async () => {
      const up = await promQuery(stack.prom.url, 'up == 1');
      const rates = await promQuery(stack.prom.url, 'rate(container_cpu_usage_seconds_total[1m])');
      return up.length === stack.jobs.length * stack.sim.cluster.nodes.length && rates.length > 0;
    },
    60_000
  );
});

afterAll(async () => {
  await stack?.stop();
});

describe('promtool', () => {
  it('accepts the test copy of prometheus.yml, token and CA files included', () => {
    const file = path.join(dir, 'check.yml');
    fs.writeFileSync(file, testConfig);
    expect(promtoolCheckConfig(file)).toMatch(/SUCCESS/);
  });

  it('rejects a broken copy (the check can fail)', () => {
    const file = path.join(dir, 'broken.yml');
    fs.writeFileSync(file, testConfig.replace('scrape_configs:', 'scrape_configz:'));
    expect(() => promtoolCheckConfig(file)).toThrow(/scrape_configz/);
  });
});

describe('Prometheus with the stack scrape jobs, against kube-sim', () => {
  it('has the cAdvisor and resource jobs up for every node', async () => {
    const up = await promQuery(stack.prom.url, 'up == 1');
    const seen = up.map((s) => `${s.metric.job}/${s.metric.node}`).sort();
    const expected = stack.jobs.flatMap((j) => stack.sim.cluster.nodes.map((n) => `${j}/${n.name}`)).sort();
    expect(seen).toEqual(expected);
    expect(await promQuery(stack.prom.url, 'up{job=~".*cadvisor.*"} == 1')).toHaveLength(
      stack.sim.cluster.nodes.length
    );
  });

  it('scraped through the API server node proxy with the bearer token', () => {
    const proxied = stack.sim.faults.requests.filter((r) => /^\/api\/v1\/nodes\/[^/]+\/proxy\/metrics\//.test(r.path));
    const paths = new Set(proxied.map((r) => r.path));
    for (const node of stack.sim.cluster.nodes) {
      expect(paths).toContain(`/api/v1/nodes/${node.name}/proxy/metrics/cadvisor`);
      expect(paths).toContain(`/api/v1/nodes/${node.name}/proxy/metrics/resource`);
    }
    expect(proxied.every((r) => r.headers.authorization === `Bearer ${stack.sim.token}`)).toBe(true);
  });

  it.each([
    'container_cpu_usage_seconds_total',
    'rate(container_cpu_usage_seconds_total[1m])',
    'container_memory_working_set_bytes',
    'node_cpu_usage_seconds_total',
    'container_network_receive_bytes_total',
  ])('%s returns data', async (expr) => {
    const result = await promQuery(stack.prom.url, expr);
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((s) => Number.isFinite(Number(s.value[1])))).toBe(true);
  });

  it('labels container series with namespace, pod and container', async () => {
    const result = await promQuery(stack.prom.url, 'container_memory_working_set_bytes{container!=""}');
    const pods = new Set(result.map((s) => `${s.metric.namespace}/${s.metric.pod}`));
    const running = stack.sim.cluster.pods.filter((p) => p.phase === 'Running').map((p) => `${p.namespace}/${p.name}`);
    expect(running.filter((p) => pods.has(p)).length).toBeGreaterThan(0);
  });
});
