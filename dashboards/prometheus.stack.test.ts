/** @jest-environment node */
/**
 * Every PromQL expression of the Prometheus dashboard, run on a real Prometheus that scrapes kube-sim with
 * the demo stack's scrape jobs (tools/stack-checks), must return data: a renamed metric or a label the
 * relabelling does not produce would otherwise only show as an empty panel.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { type KubeSim, startKubeSim } from '../tools/kube-sim';
import { type NodeSd, startNodeSd } from '../tools/stack-checks/nodeSd';
import { promQuery, type RunningPrometheus, startPrometheus, waitFor } from '../tools/stack-checks/prometheus';
import { parsePrometheusConfig, pointConfigAt } from '../tools/stack-checks/prometheusConfig';
import { REPO_ROOT } from './catalog';
import { loadDashboards, targetsOfType } from './checks/model';
import { withPlaceholders } from './checks/placeholders';
import { UIDS } from './lib/refs';

jest.setTimeout(120_000);

const stackConfig = fs.readFileSync(path.join(REPO_ROOT, 'provisioning', 'prometheus', 'prometheus.yml'), 'utf8');
const jobCount = parsePrometheusConfig(stackConfig).scrape_configs.length;

const dashboard = loadDashboards().find((d) => d.json.uid === UIDS.prometheusCluster)!.json;
const exprs = targetsOfType(dashboard, 'prometheus').map(
  (t) => [`${t.panel.title} ${t.target.refId}`, String(t.target.expr)] as const
);
// The sim's cAdvisor stamps its samples every 10 s: a 1m window holds several, as $__rate_interval would.
const INTERVAL = '1m';

let sim: KubeSim;
let sd: NodeSd;
let prom: RunningPrometheus;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeglance-dashboards-'));
  sim = await startKubeSim({ tls: true, nodes: 3, podsPerNode: 6, seed: 4 });
  const tokenFile = path.join(dir, 'token');
  const caFile = path.join(dir, 'ca.crt');
  fs.writeFileSync(tokenFile, sim.token);
  fs.writeFileSync(caFile, sim.caCert!);
  sd = await startNodeSd({ apiServer: sim.url, token: sim.token, ca: sim.caCert });
  prom = await startPrometheus(
    pointConfigAt(stackConfig, { apiServer: sim.url, tokenFile, caFile, nodeSdUrl: sd.url, scrapeInterval: '2s' })
  );
  // Two samples of every series of every counter the dashboard uses: cAdvisor stamps each cgroup's samples
  // on its own phase, so one series' rate says nothing about another's.
  const counters = [...new Set(exprs.flatMap(([, e]) => [...e.matchAll(/\b\w+_total\b/g)].map((m) => m[0])))];
  await waitFor(
    `every scrape job up on every node, and a rate for every series of ${counters.join(', ')}`,
    async () => {
      const up = await promQuery(prom.url, 'up == 1');
      if (up.length !== jobCount * sim.cluster.nodes.length) {
        return undefined;
      }
      for (const counter of counters) {
        const [all] = await promQuery(prom.url, `count(${counter})`);
        const [rated] = await promQuery(prom.url, `count(rate(${counter}[${INTERVAL}]))`);
        if (!all || all.value[1] !== rated?.value[1]) {
          return undefined;
        }
      }
      return true;
    },
    { timeoutMs: 90_000, intervalMs: 1000 }
  ).catch((e: Error) => {
    throw new Error(`${e.message}\nPrometheus said:\n${prom.logs()}`);
  });
});

afterAll(async () => {
  await prom?.stop();
  await sd?.stop();
  await sim?.stop();
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the Prometheus dashboard against a scraped kube-sim', () => {
  it('has expressions to run', () => {
    expect(exprs.length).toBeGreaterThan(15);
  });

  it.each(exprs)('%s returns data with every node and namespace', async (_panel, expr) => {
    const result = await promQuery(prom.url, withPlaceholders(expr, { interval: INTERVAL, fallback: '.*' }));
    expect(result.length).toBeGreaterThan(0);
  });

  it.each(exprs)('%s returns data for one node and one namespace', async (_panel, expr) => {
    // kube-proxy is a DaemonSet: kube-system has containers on every node
    const values = { node: sim.cluster.nodes[1].name, namespace: 'kube-system' };
    const result = await promQuery(prom.url, withPlaceholders(expr, { interval: INTERVAL, values, fallback: '.*' }));
    expect(result.length).toBeGreaterThan(0);
    for (const s of result) {
      if (s.metric.node !== undefined) {
        expect(s.metric.node).toBe(values.node);
      }
      if (s.metric.namespace !== undefined) {
        expect(s.metric.namespace).toBe(values.namespace);
      }
    }
  });

  it.each(
    dashboard.templating.list
      .filter((v) => v.datasource?.type === 'prometheus')
      .map((v) => [v.name, String((v.query as { query: string }).query)] as const)
  )('$%s lists values', async (_name, query) => {
    const [, selector, label] = /^label_values\((.+),\s*(\w+)\)$/.exec(query)!;
    const result = await promQuery(
      prom.url,
      withPlaceholders(`count by (${label}) (${selector})`, { interval: INTERVAL, fallback: '.*' })
    );
    expect(result.map((s) => s.metric[label]).filter(Boolean).length).toBeGreaterThan(0);
  });
});
