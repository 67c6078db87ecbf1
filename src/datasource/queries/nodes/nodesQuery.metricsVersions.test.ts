/** @jest-environment jsdom */
// the nodes query against kube-sim serving metrics.k8s.io v1beta1 only, v1 and v1beta1 (1.37), or v1 only
import { DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { KubeSim, manualClock, startKubeSim } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { NodesQuery } from '../../types';
import { nodesModule } from './nodesQuery';

const START = Date.UTC(2025, 2, 1, 12, 0, 0);

describe.each([
  ['v1beta1 only', ['v1beta1'] as Array<'v1' | 'v1beta1'>, 'v1beta1'],
  ['v1 and v1beta1', undefined, 'v1'],
  ['v1 only', ['v1'] as Array<'v1' | 'v1beta1'>, 'v1'],
])('nodes query, metrics.k8s.io %s', (_name, metricsVersions, expected) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 3, podsPerNode: 2, seed: 5, clock: manualClock(START), metricsVersions });
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.reset());

  const query = { refId: 'A', queryType: 'nodes' } as NodesQuery;

  it(`reads usage from ${expected}, after one discovery`, async () => {
    const { ctx, vars } = testContext(sim);
    const res = await lastValueFrom(nodesModule.run(ctx, nodesModule.resolve(query, vars), query));
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    const cpu = frame.fields.find((f) => f.name === 'cpu')!.values;
    expect(cpu.length).toBe(sim.cluster.nodes.length);
    expect(cpu.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    // a snapshot with the same client: the choice is cached
    const snap = await lastValueFrom(nodesModule.snapshot!(ctx, nodesModule.resolve(query, vars)));
    expect(snap.errors).toBeUndefined();
    expect(snap.samples.some((s) => s.metric === 'cpu')).toBe(true);
    const metricsPaths = sim.faults.requests.map((r) => r.path).filter((p) => p.startsWith('/apis/metrics.k8s.io'));
    expect(metricsPaths).toEqual([
      '/apis/metrics.k8s.io',
      `/apis/metrics.k8s.io/${expected}/nodes`,
      `/apis/metrics.k8s.io/${expected}/nodes`,
    ]);
  });

  it('metrics-server absent: the Node objects still show, with the clear error', async () => {
    sim.faults.metricsServer('absent');
    const { ctx, vars } = testContext(sim);
    const res = await lastValueFrom(nodesModule.run(ctx, nodesModule.resolve(query, vars), query));
    expect(res.errors?.[0].message).toMatch(/metrics-server is not installed/);
    expect((res.data[0] as DataFrame).length).toBe(sim.cluster.nodes.length);
  });
});
