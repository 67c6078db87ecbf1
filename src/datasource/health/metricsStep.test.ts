/** @jest-environment jsdom */
// the health check's metrics step names the metrics.k8s.io version the data source reads
import { KubeSim, startKubeSim } from '../../../tools/kube-sim';
import { testContext } from '../../../tools/testing/queryContext';
import { checkHealth } from './checkHealth';

describe.each([
  ['v1beta1 only', ['v1beta1'] as Array<'v1' | 'v1beta1'>, 'v1beta1'],
  ['v1 and v1beta1', undefined, 'v1'],
  ['v1 only', ['v1'] as Array<'v1' | 'v1beta1'>, 'v1'],
])('health metrics step, metrics.k8s.io %s', (_name, metricsVersions, expected) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 2, podsPerNode: 2, metricsVersions });
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.reset());

  const metricsStep = async () => {
    const { client } = testContext(sim).ctx;
    const report = await checkHealth(client, { kubeletAccess: false });
    return { step: report.steps.find((s) => s.step === 'metrics')!, client };
  };

  it(`says it uses ${expected}, and keeps the choice for the queries`, async () => {
    const { step, client } = await metricsStep();
    expect(step).toEqual({
      step: 'metrics',
      status: 'ok',
      text: `Metrics API (metrics.k8s.io/${expected}) available.`,
    });
    expect(client.discovery.metricsVersion).toBe(expected);
  });

  it('metrics-server absent: the clear error', async () => {
    sim.faults.metricsServer('absent');
    const { step } = await metricsStep();
    expect(step.status).toBe('error');
    expect(step.text).toMatch(/^Metrics API: .*metrics-server is not installed/);
  });
});
