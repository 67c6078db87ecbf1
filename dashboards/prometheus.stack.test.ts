/** @jest-environment node */
/**
 * Every PromQL expression of the Prometheus dashboard, run on a real Prometheus that scrapes kube-sim with
 * the demo stack's scrape jobs (tools/stack-checks), must return data: a renamed metric or a label the
 * relabelling does not produce would otherwise only show as an empty panel.
 */
import { promQuery } from '../tools/stack-checks/prometheus';
import { type StackPrometheus, startStackPrometheus } from '../tools/stack-checks/stackPrometheus';
import { loadDashboards, targetsOfType } from './checks/model';
import { withPlaceholders } from './checks/placeholders';
import { UIDS } from './lib/refs';

jest.setTimeout(120_000);

const dashboard = loadDashboards().find((d) => d.json.uid === UIDS.prometheusCluster)!.json;
const exprs = targetsOfType(dashboard, 'prometheus').map(
  (t) => [`${t.panel.title} ${t.target.refId}`, String(t.target.expr)] as const
);
// The sim's cAdvisor stamps its samples every 10 s: a 1m window holds several, as $__rate_interval would.
const INTERVAL = '1m';

let stack: StackPrometheus;

beforeAll(async () => {
  stack = await startStackPrometheus();
  const { prom, sim, jobs } = stack;
  // Two samples of every series of every counter the dashboard uses: cAdvisor stamps each cgroup's samples
  // on its own phase, so one series' rate says nothing about another's.
  const counters = [...new Set(exprs.flatMap(([, e]) => [...e.matchAll(/\b\w+_total\b/g)].map((m) => m[0])))];
  await stack.waitUntil(
    `every scrape job up on every node, and a rate for every series of ${counters.join(', ')}`,
    async () => {
      const up = await promQuery(prom.url, 'up == 1');
      if (up.length !== jobs.length * sim.cluster.nodes.length) {
        return false;
      }
      for (const counter of counters) {
        const [all] = await promQuery(prom.url, `count(${counter})`);
        const [rated] = await promQuery(prom.url, `count(rate(${counter}[${INTERVAL}]))`);
        if (!all || all.value[1] !== rated?.value[1]) {
          return false;
        }
      }
      return true;
    },
    90_000
  );
});

afterAll(async () => {
  await stack?.stop();
});

describe('the Prometheus dashboard against a scraped kube-sim', () => {
  it('has expressions to run', () => {
    expect(exprs.length).toBeGreaterThan(15);
  });

  it.each(exprs)('%s returns data with every node and namespace', async (_panel, expr) => {
    const result = await promQuery(stack.prom.url, withPlaceholders(expr, { interval: INTERVAL, fallback: '.*' }));
    expect(result.length).toBeGreaterThan(0);
  });

  it.each(exprs)('%s returns data for one node and one namespace', async (_panel, expr) => {
    // kube-proxy is a DaemonSet: kube-system has containers on every node. Swap series exist only on a node
    // with swap (kube-sim's node-2): those expressions are checked on it.
    const node = /container_swap_/.test(expr) ? 'node-2' : stack.sim.cluster.nodes[1].name;
    const values = { node, namespace: 'kube-system' };
    const result = await promQuery(
      stack.prom.url,
      withPlaceholders(expr, { interval: INTERVAL, values, fallback: '.*' })
    );
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
      stack.prom.url,
      withPlaceholders(`count by (${label}) (${selector})`, { interval: INTERVAL, fallback: '.*' })
    );
    expect(result.map((s) => s.metric[label]).filter(Boolean).length).toBeGreaterThan(0);
  });
});
