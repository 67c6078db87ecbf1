/** @jest-environment jsdom */
// jsdom: the client imports @grafana/runtime, which needs `window`; the sim answers over real HTTP
import { firstValueFrom, lastValueFrom } from 'rxjs';

import { KubeSim, startKubeSim } from '../../../tools/kube-sim';
import { testContext } from '../../../tools/testing/queryContext';
import { KubeError } from './kubeError';
import { RetryLog } from './retryLog';
import {
  chooseMetricsVersion,
  forgetMetricsVersion,
  metricsVersion,
  servedVersions,
  withMetricsVersion,
} from './metricsDiscovery';
import { nodeMetricsPath } from './paths';

const gv = (v: string) => ({ groupVersion: `metrics.k8s.io/${v}`, version: v });

describe('chooseMetricsVersion (pure)', () => {
  it('prefers v1, falls back to v1beta1, whatever the preferred version says', () => {
    expect(chooseMetricsVersion({ versions: [gv('v1'), gv('v1beta1')], preferredVersion: gv('v1') })).toBe('v1');
    expect(chooseMetricsVersion({ versions: [gv('v1beta1'), gv('v1')], preferredVersion: gv('v1beta1') })).toBe('v1');
    expect(chooseMetricsVersion({ versions: [gv('v1beta1')], preferredVersion: gv('v1beta1') })).toBe('v1beta1');
    expect(chooseMetricsVersion({ versions: [gv('v1')] })).toBe('v1');
    // only a preferred version
    expect(chooseMetricsVersion({ preferredVersion: gv('v1beta1') })).toBe('v1beta1');
  });

  it('neither version, or not an APIGroup: undefined', () => {
    expect(chooseMetricsVersion({ versions: [gv('v2alpha1')] })).toBeUndefined();
    expect(chooseMetricsVersion({ versions: 'v1' })).toBeUndefined();
    expect(chooseMetricsVersion(null)).toBeUndefined();
    expect(chooseMetricsVersion('<html>')).toBeUndefined();
    expect(servedVersions({ versions: [{ version: 3 }, gv('v1')] })).toEqual(['v1']);
  });
});

describe.each([
  ['v1beta1 only (metrics-server today)', ['v1beta1'] as Array<'v1' | 'v1beta1'>, 'v1beta1'],
  ['v1 and v1beta1 (1.37)', undefined, 'v1'],
  ['v1 only', ['v1'] as Array<'v1' | 'v1beta1'>, 'v1'],
])('against kube-sim serving %s', (_name, metricsVersions, expected) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 2, podsPerNode: 2, metricsVersions });
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.reset());

  it(`chooses ${expected}, once per client (its views share the choice)`, async () => {
    const { client } = testContext(sim).ctx;
    expect(await firstValueFrom(metricsVersion(client))).toBe(expected);
    expect(await firstValueFrom(metricsVersion(client.withRetryLog(new RetryLog())))).toBe(expected);
    expect(await firstValueFrom(metricsVersion(client))).toBe(expected);
    expect(sim.faults.requests.filter((r) => r.path === '/apis/metrics.k8s.io')).toHaveLength(1);
    // a read with it reaches that version
    const body = await lastValueFrom(
      withMetricsVersion(client, (v) => client.getJson<{ apiVersion: string }>(nodeMetricsPath(undefined, v)))
    );
    expect(body.apiVersion).toBe(`metrics.k8s.io/${expected}`);
  });

  it('a 404 discovery: metrics-server is absent, with the clear error; nothing is cached', async () => {
    sim.faults.metricsServer('absent');
    const { client } = testContext(sim).ctx;
    const err = await firstValueFrom(metricsVersion(client)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ kind: 'metricsApiMissing', status: 404 });
    expect((err as KubeError).message).toMatch(/metrics-server is not installed/);
    expect(client.discovery.metricsVersion).toBeUndefined();
    // installed again: the next read discovers
    sim.faults.metricsServer('present');
    expect(await firstValueFrom(metricsVersion(client))).toBe(expected);
  });
});

describe('a 404 on the chosen version', () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 2, podsPerNode: 2, metricsVersions: ['v1beta1'] });
  });
  afterAll(() => sim.stop());

  it('forgets the choice, so the next read discovers again and falls back to v1beta1', async () => {
    const { client } = testContext(sim).ctx;
    // as if the cluster served v1 when the data source discovered it, and then stopped
    client.discovery.metricsVersion = 'v1';
    const read = () =>
      withMetricsVersion(client, (v) => client.getJson<{ apiVersion: string }>(nodeMetricsPath(undefined, v)));
    const err = await lastValueFrom(read()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404 });
    expect(client.discovery.metricsVersion).toBeUndefined();
    expect((await lastValueFrom(read())).apiVersion).toBe('metrics.k8s.io/v1beta1');
    expect(client.discovery.metricsVersion).toBe('v1beta1');
    forgetMetricsVersion(client);
    expect(client.discovery.metricsVersion).toBeUndefined();
  });
});
