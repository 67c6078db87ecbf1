/** @jest-environment jsdom */
// the pods query against kube-sim serving metrics.k8s.io v1beta1 only, v1 and v1beta1 (1.37), or v1 only
import { DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { KubeSim, manualClock, startKubeSim } from '../../../../tools/kube-sim';
import { podHasMetrics } from '../../../../tools/kube-sim/api/metricsApi';
import { testContext } from '../../../../tools/testing/queryContext';
import { PodsQuery } from '../../types';
import { podsModule } from './podsQuery';

const START = Date.UTC(2025, 2, 1, 12, 0, 0);

describe.each([
  ['v1beta1 only', ['v1beta1'] as Array<'v1' | 'v1beta1'>, 'v1beta1'],
  ['v1 and v1beta1', undefined, 'v1'],
  ['v1 only', ['v1'] as Array<'v1' | 'v1beta1'>, 'v1'],
])('pods query, metrics.k8s.io %s', (_name, metricsVersions, expected) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 3, podsPerNode: 3, seed: 5, clock: manualClock(START), metricsVersions });
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.reset());

  it(`reads usage from ${expected} for every namespace asked, after one discovery`, async () => {
    const query = { refId: 'A', queryType: 'pods', namespace: 'shop,kube-system' } as PodsQuery;
    const { ctx, vars } = testContext(sim);
    const res = await lastValueFrom(podsModule.run(ctx, podsModule.resolve(query, vars), query));
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    const cpu = frame.fields.find((f) => f.name === 'cpu')!.values;
    const withMetrics = sim.cluster.pods.filter(
      (p) => (p.namespace === 'shop' || p.namespace === 'kube-system') && podHasMetrics(p)
    );
    expect(withMetrics.length).toBeGreaterThan(0);
    expect(cpu.filter((v) => typeof v === 'number').length).toBeGreaterThanOrEqual(withMetrics.length);
    const metricsPaths = sim.faults.requests
      .map((r) => r.path)
      .filter((p) => p.startsWith('/apis/metrics.k8s.io'))
      .sort();
    expect(metricsPaths).toEqual([
      '/apis/metrics.k8s.io',
      `/apis/metrics.k8s.io/${expected}/namespaces/kube-system/pods`,
      `/apis/metrics.k8s.io/${expected}/namespaces/shop/pods`,
    ]);
  });

  it('metrics-server absent: pods still show, with the clear error', async () => {
    sim.faults.metricsServer('absent');
    const query = { refId: 'A', queryType: 'pods' } as PodsQuery;
    const { ctx, vars } = testContext(sim);
    const res = await lastValueFrom(podsModule.run(ctx, podsModule.resolve(query, vars), query));
    const text = [
      ...(res.errors ?? []).map((e) => e.message),
      ...((res.data[0] as DataFrame | undefined)?.meta?.notices ?? []).map((n) => n.text),
    ].join('\n');
    expect(text).toMatch(/metrics-server is not installed/);
    expect((res.data[0] as DataFrame).length).toBeGreaterThan(0);
  });
});
