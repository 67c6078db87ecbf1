/** @jest-environment node */
/**
 * The scenarios option: 'healthy' serves nothing to find (every pod Running and ready, no restarts, no
 * Pending pod or claim, every node Ready, siblings alike); 'triage' is the default cluster plus the
 * triage scenarios; 'default' carries no ground truth.
 */
import { KubeSim, buildCluster, manualClock, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { parseScenarios } from './triageScenarios';

const T0 = Date.UTC(2026, 2, 3, 9, 30, 0);
type Obj = Record<string, any>;

describe("scenarios: 'healthy'", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    // 12 nodes: the default cluster would have a lost and a NotReady node
    sim = await startKubeSim({ nodes: 12, podsPerNode: 4, seed: 3, clock: manualClock(T0), scenarios: 'healthy' });
  });
  afterAll(() => sim.stop());

  async function list(path: string): Promise<Obj[]> {
    const r = await simGet(`${sim.url}${path}`, { token: sim.token });
    return (JSON.parse(r.body) as { items: Obj[] }).items;
  }

  it('serves every node Ready, with no pressure condition', async () => {
    for (const n of await list('/api/v1/nodes')) {
      const conds = n.status.conditions as Obj[];
      expect({ node: n.metadata.name, ready: conds.find((c) => c.type === 'Ready')?.status }).toEqual({
        node: n.metadata.name,
        ready: 'True',
      });
      expect(conds.filter((c) => c.type !== 'Ready' && c.status !== 'False')).toEqual([]);
    }
  });

  it('serves every pod Running and ready (or a finished Job), with no restarts or waiting containers', async () => {
    const pods = await list('/api/v1/pods');
    expect(pods.length).toBeGreaterThan(40);
    for (const p of pods) {
      const finished = p.status.phase === 'Succeeded';
      const statuses = (p.status.containerStatuses ?? []) as Obj[];
      expect({
        pod: p.metadata.name,
        phase: finished ? 'Running' : p.status.phase,
        restarts: statuses.reduce((n, c) => n + c.restartCount, 0),
        waiting: statuses.filter((c) => c.state.waiting).length,
        unready: finished ? 0 : statuses.filter((c) => !c.ready).length,
        resize: (p.status.conditions as Obj[]).filter((c) => c.type.startsWith('PodResize')).length,
      }).toEqual({ pod: p.metadata.name, phase: 'Running', restarts: 0, waiting: 0, unready: 0, resize: 0 });
    }
    expect(await list('/api/v1/events?fieldSelector=type%3DWarning')).toEqual([]);
  });

  it('binds every claim', async () => {
    const pvcs = await list('/api/v1/persistentvolumeclaims');
    expect(pvcs.length).toBeGreaterThan(0);
    expect(pvcs.filter((c) => c.status.phase !== 'Bound').map((c) => c.metadata.name)).toEqual([]);
  });

  it("keeps each workload's pods alike: memory within ±5% of the median", async () => {
    const pods = await list('/api/v1/pods');
    const owner = new Map(pods.map((p) => [p.metadata.name, p.metadata.ownerReferences?.[0]?.uid as string]));
    const metrics = await list('/apis/metrics.k8s.io/v1beta1/pods');
    const byOwner = new Map<string, number[]>();
    for (const m of metrics) {
      const key = `${owner.get(m.metadata.name)}/${m.containers.map((c: Obj) => c.name).join(',')}`;
      const ki = (m.containers as Obj[]).reduce((s, c) => s + Number(String(c.usage.memory).replace(/Ki$/, '')), 0);
      byOwner.set(key, [...(byOwner.get(key) ?? []), ki]);
    }
    let groups = 0;
    for (const [key, values] of byOwner) {
      if (values.length < 3 || key.startsWith('undefined')) {
        continue;
      }
      groups++;
      const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      for (const v of values) {
        expect(Math.abs(v - median) / median).toBeLessThan(0.05);
      }
    }
    expect(groups).toBeGreaterThan(0);
  });
});

describe("scenarios: 'triage' and 'default'", () => {
  it('adds the triage scenarios to the default cluster, whose pods stay as they were', () => {
    const def = buildCluster(4, 3, 6, T0);
    const tri = buildCluster(4, 3, 6, T0, undefined, 'triage');
    expect(def.triage).toBeUndefined();
    const triPods = new Map(tri.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    for (const p of def.pods) {
      expect(triPods.get(`${p.namespace}/${p.name}`)?.uid).toBe(p.uid);
    }
    expect(tri.pods.length).toBeGreaterThan(def.pods.length);
    const t = tri.triage;
    expect(t?.startMs).toBe(T0);
    for (const name of [t?.rollout.newPods[0], t?.stuckRollout.newPods[0], t?.eviction.pod, t?.outliers[0].outlier]) {
      expect(def.pods.some((p) => p.name === name)).toBe(false);
      expect(tri.pods.some((p) => p.name === name)).toBe(true);
    }
  });

  it('is the same for the same seed and clock start', () => {
    const a = buildCluster(8, 4, 5, T0, undefined, 'triage');
    const b = buildCluster(8, 4, 5, T0, undefined, 'triage');
    expect(b.triage).toEqual(a.triage);
  });

  it('rejects an unknown scenarios name with the ones it knows', () => {
    expect(() => parseScenarios('chaos')).toThrow('unknown scenarios "chaos": use one of default, healthy, triage');
  });
});
