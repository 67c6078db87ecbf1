/** @jest-environment node */
/**
 * Discovery, legacy (APIResourceList with shortNames and categories) and aggregated (KEP-3352,
 * staging/src/k8s.io/api/apidiscovery/v2/types.go; client-go's Accept header for it), as kubectl
 * api-resources and `kubectl get all` read it.
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 1, podsPerNode: 1 });
});
afterAll(() => sim.stop());

async function get(path: string, accept?: string) {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token, headers: accept ? { Accept: accept } : {} });
  return { type: r.headers['content-type'], body: JSON.parse(r.body) };
}

interface Res {
  resource: string;
  shortNames?: string[];
  categories?: string[];
  scope: string;
  verbs: string[];
  subresources?: Array<{ subresource: string }>;
}

describe('aggregated discovery', () => {
  it('/api answers an APIGroupDiscoveryList v2 with its content type', async () => {
    const r = await get('/api', AGGREGATED);
    expect(r.type).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(r.body).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
    const [core] = r.body.items;
    expect(core.metadata.name).toBeUndefined();
    const resources: Res[] = core.versions[0].resources;
    const by = Object.fromEntries(resources.map((x) => [x.resource, x]));
    expect(by.pods).toMatchObject({
      shortNames: ['po'],
      categories: ['all'],
      scope: 'Namespaced',
      verbs: ['get', 'list', 'watch'],
    });
    expect(by.pods.subresources).toEqual([
      { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
    ]);
    expect(by.services).toMatchObject({ shortNames: ['svc'], categories: ['all'] });
    expect(by.nodes).toMatchObject({ shortNames: ['no'], scope: 'Cluster' });
    expect(Object.fromEntries(resources.map((x) => [x.resource, x.shortNames?.[0]]))).toMatchObject({
      configmaps: 'cm',
      endpoints: 'ep',
      events: 'ev',
      namespaces: 'ns',
      persistentvolumeclaims: 'pvc',
    });
  });

  it('/apis lists the named groups, the all category on the workloads', async () => {
    const r = await get('/apis', AGGREGATED);
    const groups = r.body.items.map((g: { metadata: { name: string } }) => g.metadata.name);
    expect(groups).toEqual([
      'apps',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
      'coordination.k8s.io',
      'discovery.k8s.io',
      'metrics.k8s.io',
    ]);
    const apps: Res[] = r.body.items[0].versions[0].resources;
    expect(apps.map((x) => [x.resource, x.shortNames, x.categories])).toEqual([
      ['daemonsets', ['ds'], ['all']],
      ['deployments', ['deploy'], ['all']],
      ['replicasets', ['rs'], ['all']],
      ['statefulsets', ['sts'], ['all']],
    ]);
    expect(r.body.items[2].versions[0].resources[0]).toMatchObject({
      resource: 'horizontalpodautoscalers',
      responseKind: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
      shortNames: ['hpa'],
      categories: ['all'],
    });
    expect(r.body.items[3].versions[0].resources[0]).toMatchObject({ resource: 'jobs', categories: ['all'] });
  });

  it('answers v2beta1 when asked for it first', async () => {
    const r = await get(
      '/apis',
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'
    );
    expect(r.body.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
  });

  // the aggregator keeps an unreachable APIService's last discovery, marked Stale; an absent one is gone
  it('marks metrics.k8s.io Stale while metrics-server is unavailable, drops it when absent', async () => {
    try {
      sim.faults.metricsServer('unavailable');
      const stale = (await get('/apis', AGGREGATED)).body.items.find(
        (g: { metadata: { name: string } }) => g.metadata.name === 'metrics.k8s.io'
      );
      expect(stale.versions[0].freshness).toBe('Stale');
      sim.faults.metricsServer('absent');
      const names = (await get('/apis', AGGREGATED)).body.items.map(
        (g: { metadata: { name: string } }) => g.metadata.name
      );
      expect(names).not.toContain('metrics.k8s.io');
    } finally {
      sim.faults.metricsServer('present');
    }
  });
});

describe('legacy discovery', () => {
  it('answers APIVersions, APIGroupList and APIResourceLists without the aggregated Accept', async () => {
    expect((await get('/api')).body.kind).toBe('APIVersions');
    expect((await get('/apis')).body.kind).toBe('APIGroupList');
    const core = (await get('/api/v1')).body.resources;
    expect(core.find((x: { name: string }) => x.name === 'services')).toEqual({
      name: 'services',
      singularName: 'service',
      namespaced: true,
      kind: 'Service',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['svc'],
      categories: ['all'],
    });
    for (const gv of ['coordination.k8s.io/v1', 'discovery.k8s.io/v1']) {
      expect((await get(`/apis/${gv}`)).body).toMatchObject({ kind: 'APIResourceList', groupVersion: gv });
    }
  });
});
