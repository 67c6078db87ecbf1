/** @jest-environment jsdom */
import { fakeTemplateSrv, testContext } from '../../../tools/testing/queryContext';
import type { KubeletEndpoint } from '../types';
import { filterOptions } from '../editors/clusterOptions';
import { clusterOptionsFor, templateVariableOptions, toOption } from './clusterOptionsFor';
import { kubeSimForTests } from '../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 3, podsPerNode: 2, seed: 3 });

function templateSrv(vars: Record<string, string> = {}) {
  return { ...fakeTemplateSrv(vars), getVariables: () => Object.keys(vars).map((name) => ({ name })) };
}

function setup(vars: Record<string, string> = {}) {
  let now = 1_000_000;
  const { ctx } = testContext(sim());
  const srv = templateSrv(vars) as unknown as Parameters<typeof clusterOptionsFor>[1];
  const options = clusterOptionsFor({ client: ctx.client }, srv, () => now);
  return { options, advance: (ms: number) => (now += ms), client: ctx.client };
}

describe('clusterOptionsFor', () => {
  it('offers the names a variable query lists, interpolating the dashboard’s variables', async () => {
    const { options } = setup({ ns: 'kube-system' });
    const pods = await options.names({ kind: 'pods', namespace: '$ns' });
    const expected = sim()
      .cluster.pods.filter((p) => p.namespace === 'kube-system')
      .map((p) => p.name);
    expect(pods.map((o) => o.value).sort()).toEqual([...new Set(expected)].sort());
    expect(options.variables()).toEqual([{ value: '$ns', label: '$ns', group: 'Variables' }]);
  });

  it('reuses a recent answer and asks again once it is old', async () => {
    const { options, advance } = setup();
    await options.names({ kind: 'nodes' });
    await options.names({ kind: 'nodes' });
    expect(sim().faults.requestsTo('/api/v1/nodes')).toHaveLength(1);
    advance(31_000);
    await options.names({ kind: 'nodes' });
    expect(sim().faults.requestsTo('/api/v1/nodes')).toHaveLength(2);
  });

  it('shows a failure as one info row that says what is wrong', async () => {
    sim().faults.deny('namespaces');
    const { options } = setup();
    const rows = await options.names({ kind: 'namespaces' });
    expect(rows).toHaveLength(1);
    expect(rows[0].infoOption).toBe(true);
    expect(rows[0].label).toMatch(/namespaces/);
  });

  it('lists kubelet metrics only when the data source can', async () => {
    const { client } = setup();
    expect(clusterOptionsFor({ client }).kubeletMetrics('node-1', 'metrics/resource')).toBeUndefined();

    const getKubeletMetricNames = jest.fn(async (_node: string | undefined, _endpoint: KubeletEndpoint) => [
      'node_cpu_usage_seconds_total',
    ]);
    const withMetrics = clusterOptionsFor(Object.assign({ client }, { getKubeletMetricNames }));
    await expect(withMetrics.kubeletMetrics('$node', 'metrics/cadvisor')).resolves.toEqual([
      { value: 'node_cpu_usage_seconds_total', label: 'node_cpu_usage_seconds_total' },
    ]);
    expect(getKubeletMetricNames).toHaveBeenCalledWith('$node', 'metrics/cadvisor');
  });
});

describe('templateVariableOptions', () => {
  it('is empty where no template service exists', () => {
    expect(templateVariableOptions()).toEqual([]);
  });
});

describe('filterOptions', () => {
  it('keeps what contains the typed text, in label or value, ignoring case', () => {
    const options = [
      { value: 'web', label: 'Deployment/web' },
      { value: 'db', label: 'StatefulSet/db' },
      { value: '', label: 'a note', infoOption: true },
    ];
    expect(filterOptions(options, 'DEPLOY').map((o) => o.value)).toEqual(['web', '']);
    expect(filterOptions(options, ' ')).toHaveLength(3);
  });
});

describe('toOption', () => {
  it('shows a sidecar or init container by name with its role as the description', () => {
    expect(
      toOption({ text: 'istio-proxy (sidecar)', value: 'istio-proxy', properties: { description: 'sidecar' } })
    ).toEqual({ value: 'istio-proxy', label: 'istio-proxy', description: 'sidecar' });
    expect(toOption({ text: 'web', value: 'web' })).toEqual({ value: 'web', label: 'web' });
    expect(toOption({ text: 'Deployment/web', value: 'web' })).toEqual({
      value: 'web',
      label: 'Deployment/web',
      description: 'web',
    });
  });
});
