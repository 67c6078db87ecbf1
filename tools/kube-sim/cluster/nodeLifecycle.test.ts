/** @jest-environment node */
/**
 * The node lifecycle as kube-controller-manager runs it (pkg/controller/nodelifecycle: Unknown after
 * --node-monitor-grace-period, MarkPodsNotReady in pkg/controller/util/node/controller_utils.go, the
 * NoExecute taints; pkg/controller/tainteviction: deletion after tolerationSeconds with DisruptionTarget
 * and TaintManagerEviction; the DefaultTolerationSeconds admission plugin's 300 s; DaemonSet pods
 * tolerating the taints for ever), and metrics-server dropping a node whose kubelet stopped answering.
 */
import { KubeSim, manualClock, startKubeSim, ManualClock } from '../index';
import { simGet } from '../server/client';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
let sim: KubeSim;
let clock: ManualClock;

async function get<T = Record<string, any>>(path: string): Promise<{ status: number; body: T }> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token });
  return { status: r.status, body: JSON.parse(r.body) as T };
}

type Pod = { metadata: Record<string, any>; status: { conditions: Array<Record<string, string>> } };
const ready = (p: Pod) => p.status.conditions.find((c) => c.type === 'Ready');

beforeEach(async () => {
  clock = manualClock(T0);
  sim = await startKubeSim({ nodes: 3, podsPerNode: 6, seed: 4, clock });
});
afterEach(() => sim.stop());

function podsOn(node: string) {
  return sim.cluster.pods.filter((p) => p.nodeName === node);
}

describe('a node whose kubelet stops posting status', () => {
  it('stays Ready through the 40 s grace period, then is Unknown with the unreachable taints', async () => {
    sim.nodeLost('node-2');
    clock.advance(39_000);
    expect((await get('/api/v1/nodes/node-2')).body.status.conditions.at(-1).status).toBe('True');
    clock.advance(2_000);
    const node = (await get('/api/v1/nodes/node-2')).body;
    expect(node.status.conditions.at(-1)).toMatchObject({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      lastHeartbeatTime: iso(T0),
      lastTransitionTime: iso(T0 + 40_000),
    });
    expect(node.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: iso(T0 + 40_000) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(T0 + 40_000) },
    ]);
  });

  it("sets its pods' Ready condition False (MarkPodsNotReady) and records NodeNotReady events", async () => {
    sim.nodeLost('node-2');
    clock.advance(60_000);
    const pods = (await get<{ items: Pod[] }>('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2')).body.items;
    expect(pods.length).toBe(podsOn('node-2').length);
    for (const p of pods) {
      expect(ready(p)?.status).toBe('False');
    }
    const running = pods.filter((p) => (p as any).status.phase === 'Running');
    expect(ready(running[0])?.lastTransitionTime).toBe(iso(T0 + 40_000));
    const events = (
      await get<{ items: Array<Record<string, any>> }>('/api/v1/events?fieldSelector=reason%3DNodeNotReady')
    ).body.items;
    expect(events.filter((e) => e.involvedObject.kind === 'Pod').map((e) => e.message)).toContain('Node is not ready');
    expect(
      events.some((e) => e.involvedObject.kind === 'Node' && e.message === 'Node node-2 status is now: NodeNotReady')
    ).toBe(true);
  });

  it("loses its metrics and its pods' metrics once the kubelet stops answering", async () => {
    expect((await get('/apis/metrics.k8s.io/v1beta1/nodes/node-2')).status).toBe(200);
    sim.nodeLost('node-2');
    clock.advance(1_000);
    expect((await get('/apis/metrics.k8s.io/v1beta1/nodes/node-2')).status).toBe(404);
    const pods = (await get<{ items: Array<{ metadata: { name: string } }> }>('/apis/metrics.k8s.io/v1beta1/pods')).body
      .items;
    const lost = new Set(podsOn('node-2').map((p) => p.name));
    expect(pods.filter((p) => lost.has(p.metadata.name))).toEqual([]);
  });

  it('evicts its pods 300 s after the taint, except DaemonSet pods; they stay Terminating', async () => {
    sim.nodeLost('node-2');
    const tainted = T0 + 40_000;
    clock.advance(40_000 + 299_000);
    let pods = (await get<{ items: Pod[] }>('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2')).body.items;
    expect(pods.every((p) => p.metadata.deletionTimestamp === undefined)).toBe(true);
    clock.advance(2_000);
    pods = (await get<{ items: Pod[] }>('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2')).body.items;
    expect(pods.length).toBe(podsOn('node-2').length);
    const daemon = pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet');
    const evictable = pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet');
    expect(daemon.length).toBeGreaterThan(0);
    expect(evictable.length).toBeGreaterThan(0);
    for (const p of daemon) {
      expect(p.metadata.deletionTimestamp).toBeUndefined();
    }
    for (const p of evictable) {
      expect(p.metadata).toMatchObject({
        deletionTimestamp: iso(tainted + 300_000 + 30_000),
        deletionGracePeriodSeconds: 30,
      });
      expect(p.status.conditions[0]).toMatchObject({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
    }
    // nobody confirms the deletion on an unreachable kubelet: still there an hour later
    clock.advance(3_600_000);
    expect((await get<{ items: Pod[] }>('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-2')).body.items.length).toBe(
      podsOn('node-2').length
    );
    const events = (
      await get<{ items: Array<Record<string, any>> }>('/api/v1/events?fieldSelector=reason%3DTaintManagerEviction')
    ).body.items;
    expect(events.map((e) => e.message).sort()).toEqual(
      evictable.map((p) => `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`).sort()
    );
    expect(events[0].source).toEqual({ component: 'taint-eviction-controller' });
  });
});

describe('a node whose kubelet reports NotReady', () => {
  it('gets the not-ready taint at once; its evicted pods go when their grace period ends', async () => {
    const victims = podsOn('node-1').filter((p) => p.owner?.kind !== 'DaemonSet');
    const pod = victims[0];
    sim.nodeNotReady('node-1');
    clock.advance(1_000);
    const node = (await get('/api/v1/nodes/node-1')).body;
    expect(node.status.conditions.at(-1)).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(node.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
    ]);
    clock.advance(300_000 + 30_000);
    expect((await get(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`)).status).toBe(404);
    const left = (await get<{ items: Pod[] }>('/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1')).body.items;
    expect(left.length).toBe(podsOn('node-1').length - victims.length);
    // the owning ReplicaSet no longer counts the pod (the sim starts no replacement)
    const rs = sim.cluster.workloads.find((w) => w.uid === pod.owner?.uid);
    if (rs?.kind === 'ReplicaSet') {
      const body = (await get(`/apis/apps/v1/namespaces/${rs.namespace}/replicasets/${rs.name}`)).body;
      expect(body.status.replicas).toBeLessThan(rs.replicas);
    }
  });
});

describe('the generated cluster', () => {
  // from 8 nodes the last node lost its kubelet 11 minutes before the clock's start
  it("starts with the lost node's pods evicted and Terminating", async () => {
    const big = await startKubeSim({ nodes: 8, podsPerNode: 6, seed: 4, clock: manualClock(T0) });
    try {
      const r = await simGet(`${big.url}/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-7`, { token: big.token });
      const pods: Pod[] = JSON.parse(r.body).items;
      const evictable = pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet');
      expect(evictable.length).toBeGreaterThan(0);
      expect(evictable.every((p) => p.metadata.deletionTimestamp !== undefined && ready(p)?.status === 'False')).toBe(
        true
      );
    } finally {
      await big.stop();
    }
  });
});
