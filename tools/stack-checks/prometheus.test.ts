/** @jest-environment node */
/**
 * The demo stack's prometheus.yml, run for real: Debian's Prometheus scrapes kube-sim over HTTPS with the
 * stack's scrape jobs and relabelling (only the API server, token and CA are the test's), and the queries
 * the dashboards build on return data.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { KubeSim, startKubeSim } from '../kube-sim';
import { NodeSd, startNodeSd } from './nodeSd';
import { RunningPrometheus, promQuery, promtoolCheckConfig, startPrometheus, waitFor } from './prometheus';
import { parsePrometheusConfig, pointConfigAt } from './prometheusConfig';

jest.setTimeout(120_000);

const stackConfig = fs.readFileSync(path.resolve(__dirname, '../../provisioning/prometheus/prometheus.yml'), 'utf8');
const jobs = parsePrometheusConfig(stackConfig).scrape_configs.map((j) => j.job_name);

let sim: KubeSim;
let sd: NodeSd;
let prom: RunningPrometheus;
let dir: string;
let testConfig: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeglance-stack-'));
  sim = await startKubeSim({ tls: true, nodes: 3, podsPerNode: 6, seed: 4 });
  const tokenFile = path.join(dir, 'token');
  const caFile = path.join(dir, 'ca.crt');
  fs.writeFileSync(tokenFile, sim.token);
  fs.writeFileSync(caFile, sim.caCert!);
  sd = await startNodeSd({ apiServer: sim.url, token: sim.token, ca: sim.caCert });
  testConfig = pointConfigAt(stackConfig, {
    apiServer: sim.url,
    tokenFile,
    caFile,
    nodeSdUrl: sd.url,
    scrapeInterval: '2s',
  });
  prom = await startPrometheus(testConfig);
  // every job scraped every node, and counters have two samples for rate() (the sim's cAdvisor stamps
  // samples every 10 s)
  await waitFor(
    'both kubelet jobs to scrape every node, twice',
    async () => {
      const up = await promQuery(prom.url, 'up == 1');
      const rates = await promQuery(prom.url, 'rate(container_cpu_usage_seconds_total[1m])');
      return up.length === jobs.length * sim.cluster.nodes.length && rates.length > 0 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1000 }
  ).catch((e: Error) => {
    throw new Error(`${e.message}\nPrometheus said:\n${prom.logs()}`);
  });
});

afterAll(async () => {
  await prom?.stop();
  await sd?.stop();
  await sim?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
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
    const up = await promQuery(prom.url, 'up == 1');
    const seen = up.map((s) => `${s.metric.job}/${s.metric.node}`).sort();
    const expected = jobs.flatMap((j) => sim.cluster.nodes.map((n) => `${j}/${n.name}`)).sort();
    expect(seen).toEqual(expected);
    expect(await promQuery(prom.url, 'up{job=~".*cadvisor.*"} == 1')).toHaveLength(sim.cluster.nodes.length);
  });

  it('scraped through the API server node proxy with the bearer token', () => {
    const proxied = sim.faults.requests.filter((r) => /^\/api\/v1\/nodes\/[^/]+\/proxy\/metrics\//.test(r.path));
    const paths = new Set(proxied.map((r) => r.path));
    for (const node of sim.cluster.nodes) {
      expect(paths).toContain(`/api/v1/nodes/${node.name}/proxy/metrics/cadvisor`);
      expect(paths).toContain(`/api/v1/nodes/${node.name}/proxy/metrics/resource`);
    }
    expect(proxied.every((r) => r.headers.authorization === `Bearer ${sim.token}`)).toBe(true);
  });

  it.each([
    'container_cpu_usage_seconds_total',
    'rate(container_cpu_usage_seconds_total[1m])',
    'container_memory_working_set_bytes',
    'node_cpu_usage_seconds_total',
    'container_network_receive_bytes_total',
  ])('%s returns data', async (expr) => {
    const result = await promQuery(prom.url, expr);
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((s) => Number.isFinite(Number(s.value[1])))).toBe(true);
  });

  it('labels container series with namespace, pod and container', async () => {
    const result = await promQuery(prom.url, 'container_memory_working_set_bytes{container!=""}');
    const pods = new Set(result.map((s) => `${s.metric.namespace}/${s.metric.pod}`));
    const running = sim.cluster.pods.filter((p) => p.phase === 'Running').map((p) => `${p.namespace}/${p.name}`);
    expect(running.filter((p) => pods.has(p)).length).toBeGreaterThan(0);
  });
});
