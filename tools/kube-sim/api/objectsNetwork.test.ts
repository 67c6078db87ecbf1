/** @jest-environment node */
/**
 * Services with their Endpoints and EndpointSlices (the endpoints and endpointslice controllers: ready
 * pods as addresses, not-ready ones apart, terminating ones only in slices), ConfigMaps without data, and
 * Leases: the kubelet renews its node lease every 10 s (leaseDurationSeconds 40) until it stops.
 */
import { KubeSim, manualClock, startKubeSim, ManualClock } from '../index';
import { simGet } from '../server/client';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
let sim: KubeSim;
let clock: ManualClock;

beforeAll(async () => {
  clock = manualClock(T0);
  sim = await startKubeSim({ nodes: 3, podsPerNode: 8, seed: 2, clock });
});
afterAll(() => sim.stop());

async function get(path: string): Promise<Record<string, any>> {
  return JSON.parse((await simGet(`${sim.url}${path}`, { token: sim.token })).body);
}

describe('services and endpoints', () => {
  it("backs a Deployment's service with its pods, in Endpoints and EndpointSlices", async () => {
    const pods = sim.cluster.pods
      .filter((p) => p.name.startsWith('frontend-'))
      .map((p) => p.ip)
      .sort();
    const ep = await get('/api/v1/namespaces/shop/endpoints/frontend');
    expect(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual(pods);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const slices = await get(
      '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dfrontend'
    );
    expect(slices.items).toHaveLength(1);
    expect(slices.items[0]).toMatchObject({
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    expect(slices.items[0].endpoints.map((e: { addresses: string[] }) => e.addresses[0])).toEqual(pods);
    expect(slices.items[0].endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('keeps a pod that is not ready in notReadyAddresses', async () => {
    const ep = await get('/api/v1/namespaces/shop/endpoints/checkout');
    expect(ep.subsets[0].addresses).toBeUndefined();
    expect(ep.subsets[0].notReadyAddresses).toHaveLength(1);
  });

  it('serves configmaps as names and metadata only', async () => {
    const cm = await get('/api/v1/namespaces/kube-system/configmaps/coredns');
    expect(Object.keys(cm)).toEqual(['kind', 'apiVersion', 'metadata']);
  });
});

describe('node leases', () => {
  it('renews every 10 s with the clock, and stops when the kubelet does', async () => {
    const renew = async () => (await get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1')).spec;
    const first = await renew();
    expect(first).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(first.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    clock.advance(10_000);
    const second = await renew();
    expect(Date.parse(second.renewTime) - Date.parse(first.renewTime)).toBe(10_000);
    sim.nodeLost('node-1');
    clock.advance(120_000);
    expect((await renew()).renewTime).toBe(second.renewTime);
  });
});
