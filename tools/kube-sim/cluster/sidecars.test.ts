/** @jest-environment node */
/**
 * Native sidecars (KEP-753, GA in 1.33): init containers with restartPolicy Always, as the API server and
 * the kubelet show them (pkg/kubelet/status/generate.go for the conditions, pkg/registry/core/pod/strategy.go
 * for the log route's container choice).
 */
import { KubeSim, startKubeSim } from '../index';
import { manualClock } from './clock';
import { simGet } from '../server/client';
import { buildCluster } from './cluster';
import { chooseContainer } from '../logs/logs';
import { podReadyAt } from './nodeLifecycle';
import { type Json, podJson } from '../api/objects';
import type { SimPod } from './model';
import { T0, container, pod } from './testCluster';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const clock = manualClock(START);
let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 8, seed: 6, clock });
});
afterAll(() => sim.stop());

const get = (path: string) => simGet(`${sim.url}${path}`, { token: sim.token });
const frontend = () => sim.cluster.pods.find((p) => p.labels.app === 'frontend' && p.nodeName)!;
type Obj = Record<string, any>;

async function podObject(p: SimPod): Promise<Obj> {
  const r = await get(`/api/v1/namespaces/${p.namespace}/pods/${p.name}`);
  expect(r.status).toBe(200);
  return JSON.parse(r.body);
}

const cond = (o: Json, type: string) =>
  ((o.status as Obj).conditions as Obj[]).find((c) => c.type === type) as Obj | undefined;

describe('a native sidecar in the generated cluster (shop/frontend istio-proxy)', () => {
  it('is an init container with restartPolicy Always, beside one app container', async () => {
    const o = await podObject(frontend());
    expect(o.spec.initContainers.map((c: Obj) => [c.name, c.restartPolicy])).toEqual([['istio-proxy', 'Always']]);
    expect(o.spec.containers.map((c: Obj) => c.name)).toEqual(['app']);
  });

  it('reports it running, started and ready in initContainerStatuses, and the pod Initialized and Ready', async () => {
    const o = await podObject(frontend());
    const [s] = o.status.initContainerStatuses;
    expect(s).toMatchObject({ name: 'istio-proxy', ready: true, started: true, restartCount: 0, lastState: {} });
    expect(Object.keys(s.state)).toEqual(['running']);
    expect(s.containerID).toMatch(/^containerd:\/\//);
    expect(cond(o, 'Initialized')?.status).toBe('True');
    expect(cond(o, 'Ready')?.status).toBe('True');
  });

  it('keeps classic second-container sidecars elsewhere, so both shapes exist', () => {
    const c = buildCluster(6, 12, 10, START);
    const classic = c.pods.filter((p) => p.containers.some((x) => x.name === 'istio-proxy' || x.name === 'envoy'));
    const native = c.pods.filter((p) => p.initContainers.some((x) => x.restartPolicy === 'Always'));
    expect(classic.length).toBeGreaterThan(0);
    expect(new Set(native.flatMap((p) => p.initContainers.filter((x) => x.restartPolicy).map((x) => x.name)))).toEqual(
      new Set(['istio-proxy', 'log-shipper'])
    );
  });

  it('serves its log with ?container=istio-proxy, and defaults to the only app container', async () => {
    const p = frontend();
    const path = `/api/v1/namespaces/${p.namespace}/pods/${p.name}/log`;
    const proxy = await get(`${path}?container=istio-proxy&tailLines=5`);
    expect(proxy.status).toBe(200);
    expect(proxy.body.trimEnd().split('\n')).toHaveLength(5);
    const byDefault = await get(`${path}?tailLines=5`);
    const app = await get(`${path}?container=app&tailLines=5`);
    expect(byDefault.body).toBe(app.body);
    expect(byDefault.body).not.toBe(proxy.body);
  });

  // the kubelet's Summary API has a live cgroup for every running container, sidecars included
  it('appears in the Summary API with its usage', async () => {
    const p = frontend();
    const r = await get(`/api/v1/nodes/${p.nodeName}/proxy/stats/summary`);
    const stats = (JSON.parse(r.body).pods as Obj[]).find((x) => x.podRef.name === p.name)!;
    const proxy = (stats.containers as Obj[]).find((c) => c.name === 'istio-proxy');
    expect(proxy?.cpu.usageNanoCores).toBeGreaterThan(0);
    expect(proxy?.memory.workingSetBytes).toBeGreaterThan(0);
    expect((stats.containers as Obj[]).map((c) => c.name).sort()).toEqual(['app', 'istio-proxy']);
  });
});

describe('the log route names init containers first when a container must be chosen', () => {
  it('lists sidecars and init containers before the app containers (VisitContainers order)', () => {
    const p = pod({
      name: 'two-apps',
      initContainers: [
        container({ name: 'istio-proxy', init: true, restartPolicy: 'Always' }),
        container({ name: 'migrate', init: true, state: 'terminated', reason: 'Completed', exitCode: 0 }),
      ],
      containers: [container({ name: 'app' }), container({ name: 'worker' })],
    });
    expect(chooseContainer(p, undefined)).toMatchObject({
      ok: false,
      status: 400,
      message: 'a container name must be specified for pod two-apps, choose one of: [istio-proxy migrate app worker]',
    });
    expect(chooseContainer(p, 'istio-proxy')).toMatchObject({ ok: true, container: { name: 'istio-proxy' } });
  });
});

describe('readiness with a native sidecar', () => {
  // the kubelet's Ready condition needs ready sidecars too, so Endpoints and workload counts follow it
  it('is not ready while its sidecar is not', () => {
    const withSidecar = (ready: boolean) =>
      pod({
        name: `ready-${ready}`,
        initContainers: [container({ name: 'istio-proxy', init: true, restartPolicy: 'Always', ready })],
        containers: [container({ name: 'app' })],
      });
    expect([podReadyAt(withSidecar(true), undefined, T0), podReadyAt(withSidecar(false), undefined, T0)]).toEqual([
      true,
      false,
    ]);
  });
});

describe('Initialized, as the kubelet computes it', () => {
  const cluster = { ...buildCluster(1, 1, 1, T0), pods: [] };
  const status = (p: SimPod) => podJson(cluster, p, undefined, T0).status as Obj;
  const waitingApp = container({
    name: 'app',
    state: 'waiting',
    reason: 'PodInitializing',
    ready: false,
    startedAtMs: 0,
  });
  const done = container({ name: 'migrate', init: true, state: 'terminated', reason: 'Completed', exitCode: 0 });
  const sidecar = container({ name: 'istio-proxy', init: true, restartPolicy: 'Always' });

  it('is False while a regular init container runs, naming it, and Ready lists the unready sidecar first', () => {
    const p = pod({
      name: 'initialising',
      phase: 'Pending',
      initContainers: [{ ...sidecar, ready: false }, container({ name: 'warm', init: true, ready: false })],
      containers: [waitingApp],
    });
    const s = status(p);
    expect(s.conditions.find((c: Obj) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [warm]',
    });
    expect(s.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [istio-proxy app]',
    });
  });

  it('is False while a sidecar has not started, True once it has and the others completed', () => {
    const notStarted = pod({
      name: 'sidecar-waiting',
      phase: 'Pending',
      initContainers: [done, { ...sidecar, state: 'waiting', reason: undefined, ready: false, startedAtMs: 0 }],
      containers: [waitingApp],
    });
    expect(status(notStarted).conditions.find((c: Obj) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      message: 'containers with incomplete status: [istio-proxy]',
    });
    const running = pod({
      name: 'sidecar-running',
      initContainers: [done, sidecar],
      containers: [container({ name: 'app' })],
    });
    expect(status(running).conditions.find((c: Obj) => c.type === 'Initialized')?.status).toBe('True');
  });

  it('stays True when a sidecar restarts after the app containers ran', () => {
    const p = pod({
      name: 'sidecar-restarting',
      initContainers: [
        { ...sidecar, state: 'waiting', reason: 'CrashLoopBackOff', ready: false, restartCount: 3, hasPrevious: true },
      ],
      containers: [container({ name: 'app' })],
    });
    expect(status(p).conditions.find((c: Obj) => c.type === 'Initialized')?.status).toBe('True');
  });

  it('is False after a failed init container, and the app is not initialised', () => {
    const p = pod({
      name: 'init-failed',
      phase: 'Pending',
      initContainers: [
        container({ name: 'migrate', init: true, state: 'terminated', reason: 'Error', exitCode: 1, ready: false }),
      ],
      containers: [waitingApp],
    });
    expect(status(p).conditions.find((c: Obj) => c.type === 'Initialized')?.status).toBe('False');
  });
});
