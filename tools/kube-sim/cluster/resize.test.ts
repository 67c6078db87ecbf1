/** @jest-environment node */
/**
 * In-place resize (KEP-1287, GA in 1.35) and pod-level resources (KEP-2837, beta in 1.34) as the API
 * serves them: the spec holds the desired resources, status.containerStatuses[].resources what the
 * kubelet has in effect and .allocatedResources the requests it allocated (pkg/kubelet/kubelet_pods.go),
 * with PodResizePending (Deferred/Infeasible, the kubelet's admission message) or PodResizeInProgress.
 * The kubelet's cgroup limits (its stats) follow what is in effect.
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { containerMemAt, podMemoryLimit } from '../kubelet/stats';
import type { SimPod } from './model';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
type Obj = Record<string, any>;

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 4, podsPerNode: 8, seed: 4, clock: () => T });
});
afterAll(() => sim.stop());

async function podObject(p: SimPod): Promise<Obj> {
  const r = await simGet(`${sim.url}/api/v1/namespaces/${p.namespace}/pods/${p.name}`, { token: sim.token });
  return JSON.parse(r.body);
}
const frontends = () => sim.cluster.pods.filter((p) => p.labels.app === 'frontend' && p.nodeName);
const named = (o: Obj, list: string, name: string) => (o[list] as Obj[]).find((c) => c.name === name)!;
const conditions = (o: Obj, prefix: string) => (o.status.conditions as Obj[]).filter((c) => c.type.startsWith(prefix));

describe('a resize in progress (accepted, not yet actuated)', () => {
  it('shows the desired resources in the spec, them allocated, the old ones in effect, and PodResizeInProgress', async () => {
    const o = await podObject(frontends()[0]);
    expect(named(o.spec, 'containers', 'app').resources).toEqual({
      limits: { memory: '768Mi' },
      requests: { cpu: '500m', memory: '256Mi' },
    });
    const s = named(o.status, 'containerStatuses', 'app');
    expect(s.allocatedResources).toEqual({ cpu: '500m', memory: '256Mi' });
    expect(s.resources).toEqual({ limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect(conditions(o, 'PodResize')).toEqual([
      { type: 'PodResizeInProgress', status: 'True', lastProbeTime: null, lastTransitionTime: expect.any(String) },
    ]);
  });

  it('keeps the cgroup memory limit at what is in effect until the kubelet actuates it', () => {
    const p = frontends()[0];
    const app = p.containers.find((c) => c.name === 'app')!;
    const mem = containerMemAt(p, app, T);
    expect(mem.available).toBe(512 * 1024 * 1024 - mem.workingSet);
  });
});

describe('the kubelet endpoints of a resize in progress', () => {
  // cAdvisor's container_spec_memory_limit_bytes is the cgroup's memory.max, which the kubelet changes only
  // when it actuates the resize: 512Mi in effect, not the spec's 768Mi
  it('serve container_spec_memory_limit_bytes at the limit in effect', async () => {
    const p = frontends()[0];
    const r = await simGet(`${sim.url}/api/v1/nodes/${p.nodeName}/proxy/metrics/cadvisor`, { token: sim.token });
    const line = r.body
      .split('\n')
      .find((l) => l.startsWith('container_spec_memory_limit_bytes{container="app",') && l.includes(`pod="${p.name}"`));
    expect(line).toBeDefined();
    expect(Number(line!.split(' ').at(-1))).toBe(512 * 1024 * 1024);
  });
});

describe('the Deployment of a resized pod', () => {
  // a resize goes through the pod's resize subresource; the controller's template is untouched
  it('keeps the resources from before the resize in its pod template', async () => {
    const r = await simGet(`${sim.url}/apis/apps/v1/namespaces/shop/deployments/frontend`, { token: sim.token });
    const app = named(JSON.parse(r.body).spec.template.spec, 'containers', 'app');
    expect(app.resources).toEqual({ limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
  });
});

describe('a resize the kubelet has not accepted', () => {
  it('Deferred: the old requests stay allocated, with the kubelet message naming cpu in millicores', async () => {
    const o = await podObject(frontends()[1]);
    const s = named(o.status, 'containerStatuses', 'app');
    expect(s.allocatedResources).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(s.resources.requests.cpu).toBe('250m');
    expect(named(o.spec, 'containers', 'app').resources.requests.cpu).not.toBe('250m');
    const [pending] = conditions(o, 'PodResize');
    expect(pending).toMatchObject({ type: 'PodResizePending', status: 'True', reason: 'Deferred' });
    expect(pending.message).toMatch(
      /^Node didn't have enough resource: cpu, requested: \d+, used: \d+, capacity: \d+$/
    );
    const [, requested, used, capacity] = pending.message.match(/(\d+), used: (\d+), capacity: (\d+)/).map(Number);
    expect(requested + used).toBeGreaterThan(capacity);
    expect(requested).toBeLessThanOrEqual(capacity);
  });

  it('Infeasible: postgres-0 asked for more memory than its node has', async () => {
    const p = sim.cluster.pods.find((x) => x.name === 'postgres-0')!;
    const node = sim.cluster.nodes.find((n) => n.name === p.nodeName)!;
    const o = await podObject(p);
    const [pending] = conditions(o, 'PodResize');
    expect(pending).toMatchObject({ type: 'PodResizePending', reason: 'Infeasible' });
    const requested = Number(/requested: (\d+)/.exec(pending.message)![1]);
    expect(pending.message).toBe(
      `Node didn't have enough capacity: memory, requested: ${requested}, capacity: ${node.allocatable.memory}`
    );
    expect(requested).toBeGreaterThan(node.allocatable.memory);
    expect(named(o.status, 'containerStatuses', 'postgres').resources.limits.memory).toBe('2Gi');
  });
});

describe('pod-level resources (monitoring/prometheus-0)', () => {
  it('are in spec.resources, set the QoS class and bound the pod cgroup', async () => {
    const p = sim.cluster.pods.find((x) => x.name === 'prometheus-0')!;
    const o = await podObject(p);
    expect(o.spec.resources).toEqual({ limits: { memory: '6Gi' }, requests: { cpu: '1', memory: '3Gi' } });
    expect(o.status.qosClass).toBe('Burstable');
    expect(podMemoryLimit(p)).toBe(6 * 1024 ** 3);
  });
});

describe('pods without a resize', () => {
  it('report the spec resources in effect and allocated, and no resize condition', async () => {
    const p = sim.cluster.pods.find((x) => x.labels.app === 'coredns')!;
    const o = await podObject(p);
    const s = o.status.containerStatuses[0];
    expect(s.resources).toEqual(o.spec.containers[0].resources);
    expect(s.allocatedResources).toEqual(o.spec.containers[0].resources.requests);
    expect(conditions(o, 'PodResize')).toEqual([]);
  });
});
