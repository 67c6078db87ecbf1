/** @jest-environment node */
/**
 * metrics.k8s.io in v1beta1 only (metrics-server today), v1 and v1beta1 (Kubernetes 1.37, KEP-5207, the default)
 * or v1 only: the metrics routes and every discovery document follow `metricsVersions`.
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { parseArgs } from '../cli';
import { normalizeMetricsVersions } from './discoveryResources';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

type Mode = Array<'v1' | 'v1beta1'> | undefined;

const MODES: Array<[string, Mode, string[]]> = [
  ['v1beta1 only', ['v1beta1'], ['v1beta1']],
  ['both (default)', undefined, ['v1', 'v1beta1']],
  ['v1 only', ['v1'], ['v1']],
];

describe.each(MODES)('metricsVersions: %s', (_name, metricsVersions, served) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 2, podsPerNode: 2, metricsVersions });
  });
  afterAll(() => sim.stop());

  async function get(path: string, accept?: string) {
    const r = await simGet(`${sim.url}${path}`, { token: sim.token, headers: accept ? { Accept: accept } : {} });
    // an unserved version answers the aggregator's plain-text 404, as for an absent metrics-server
    const json = r.status === 200 ? (JSON.parse(r.body) as Record<string, unknown>) : undefined;
    return { status: r.status, body: json, text: r.body };
  }

  it('the APIGroup lists the served versions, the first preferred', async () => {
    const { body } = await get('/apis/metrics.k8s.io');
    expect(body).toMatchObject({
      kind: 'APIGroup',
      name: 'metrics.k8s.io',
      versions: served.map((v) => ({ groupVersion: `metrics.k8s.io/${v}`, version: v })),
      preferredVersion: { version: served[0] },
    });
  });

  it('legacy /apis lists the same versions', async () => {
    const { body } = await get('/apis');
    const group = (body!.groups as Array<{ name: string }>).find((g) => g.name === 'metrics.k8s.io');
    expect(group).toEqual({
      name: 'metrics.k8s.io',
      versions: served.map((v) => ({ groupVersion: `metrics.k8s.io/${v}`, version: v })),
      preferredVersion: { groupVersion: `metrics.k8s.io/${served[0]}`, version: served[0] },
    });
  });

  it('aggregated /apis lists the versions in preference order', async () => {
    const { body } = await get('/apis', AGGREGATED);
    const items = body!.items as Array<{
      metadata: { name: string };
      versions: Array<{ version: string; resources: Array<{ resource: string; responseKind: { version: string } }> }>;
    }>;
    const metrics = items.find((i) => i.metadata.name === 'metrics.k8s.io')!;
    expect(metrics.versions.map((v) => v.version)).toEqual(served);
    for (const v of metrics.versions) {
      expect(v.resources.map((r) => r.resource).sort()).toEqual(['nodes', 'pods']);
      expect(v.resources.every((r) => r.responseKind.version === v.version)).toBe(true);
    }
  });

  it.each(['v1', 'v1beta1'])('%s: served or 404', async (version) => {
    const nodes = await get(`/apis/metrics.k8s.io/${version}/nodes`);
    const pods = await get(`/apis/metrics.k8s.io/${version}/namespaces/shop/pods`);
    const list = await get(`/apis/metrics.k8s.io/${version}`);
    if (served.includes(version)) {
      expect(nodes.status).toBe(200);
      expect(nodes.body).toMatchObject({ kind: 'NodeMetricsList', apiVersion: `metrics.k8s.io/${version}` });
      expect((nodes.body!.items as unknown[]).length).toBeGreaterThan(0);
      expect(pods.body).toMatchObject({ kind: 'PodMetricsList', apiVersion: `metrics.k8s.io/${version}` });
      expect(list.body).toMatchObject({ kind: 'APIResourceList', groupVersion: `metrics.k8s.io/${version}` });
    } else {
      expect([nodes.status, pods.status, list.status]).toEqual([404, 404, 404]);
      expect(nodes.text).toContain('404 page not found');
    }
  });
});

describe('metricsVersions option and flag', () => {
  it('orders v1 first and refuses an empty or unknown list', () => {
    expect(normalizeMetricsVersions(undefined)).toEqual(['v1', 'v1beta1']);
    expect(normalizeMetricsVersions(['v1beta1', 'v1'])).toEqual(['v1', 'v1beta1']);
    expect(() => normalizeMetricsVersions([])).toThrow(/at least one/);
    expect(() => normalizeMetricsVersions(['v2'])).toThrow(/v2/);
  });

  it('--metrics-versions', () => {
    expect(parseArgs(['--metrics-versions=v1beta1']).sim.metricsVersions).toEqual(['v1beta1']);
    expect(parseArgs(['--metrics-versions', 'v1beta1,v1']).sim.metricsVersions).toEqual(['v1', 'v1beta1']);
    expect(() => parseArgs(['--metrics-versions=v2'])).toThrow(/v2/);
  });
});
