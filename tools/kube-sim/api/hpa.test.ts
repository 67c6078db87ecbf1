/** @jest-environment node */
/**
 * autoscaling/v2 HorizontalPodAutoscalers: list, get, watch, kubectl's Table (printers.go), discovery
 * with the `hpa` short name, and RBAC deny rules, over the triage scenarios' two HPAs.
 */
import { KubeSim, TRIAGE, TriageTruth, manualClock, startKubeSim } from '../index';
import { simGet } from '../server/client';

const T0 = Date.UTC(2026, 2, 3, 9, 30, 0);
const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
type Obj = Record<string, any>;

let sim: KubeSim;
let truth: TriageTruth;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 3, seed: 6, clock: manualClock(T0), scenarios: 'triage' });
  truth = sim.cluster.triage as TriageTruth;
});
afterAll(() => sim.stop());

async function get(path: string, accept = 'application/json'): Promise<{ status: number; body: Obj }> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token, headers: { Accept: accept } });
  return { status: r.status, body: JSON.parse(r.body) };
}

const HPAS = '/apis/autoscaling/v2/horizontalpodautoscalers';
const cond = (o: Obj, type: string) => (o.status.conditions as Obj[]).find((c) => c.type === type);

describe('HorizontalPodAutoscalers', () => {
  it('lists both across namespaces and by namespace, with kind and apiVersion on the list', async () => {
    const all = (await get(HPAS)).body;
    expect(all).toMatchObject({ kind: 'HorizontalPodAutoscalerList', apiVersion: 'autoscaling/v2' });
    expect(all.items.map((h: Obj) => `${h.metadata.namespace}/${h.metadata.name}`).sort()).toEqual(
      [
        `${truth.hpaAtMax.namespace}/${truth.hpaAtMax.name}`,
        `${truth.hpaHealthy.namespace}/${truth.hpaHealthy.name}`,
      ].sort()
    );
    const other = (await get('/apis/autoscaling/v2/namespaces/kube-system/horizontalpodautoscalers')).body;
    expect(other.items).toEqual([]);
  });

  it('serves the one at its maximum with ScalingLimited=True (TooManyReplicas)', async () => {
    const m = truth.hpaAtMax;
    const r = await get(`/apis/autoscaling/v2/namespaces/${m.namespace}/horizontalpodautoscalers/${m.name}`);
    expect(r.status).toBe(200);
    const h = r.body;
    expect(h).toMatchObject({ kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2' });
    expect(h.spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: m.target, apiVersion: 'apps/v1' },
      minReplicas: m.minReplicas,
      maxReplicas: m.maxReplicas,
    });
    expect(h.status.currentReplicas).toBe(m.maxReplicas);
    expect(cond(h, 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
      lastTransitionTime: new Date(m.limitedSinceMs).toISOString().replace('.000Z', 'Z'),
    });
    expect(cond(h, 'AbleToScale')?.status).toBe('True');
    expect(cond(h, 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });
    // the Deployment it scales runs that many replicas
    const dep = (await get(`/apis/apps/v1/namespaces/${m.namespace}/deployments/${m.target}`)).body;
    expect(dep.spec.replicas).toBe(m.maxReplicas);
    // the pods it added then
    const pods = (await get(`/api/v1/namespaces/${m.namespace}/pods?labelSelector=app%3D${m.target}`)).body.items;
    const recent = pods.filter((p: Obj) => Date.parse(p.metadata.creationTimestamp) >= m.limitedSinceMs);
    expect(recent).toHaveLength(m.maxReplicas - TRIAGE.hpaAtMax.replicasBefore);
    // the controller's event when it scaled up to the limit
    const events = (
      await get(`/api/v1/namespaces/${m.namespace}/events?fieldSelector=involvedObject.kind%3DHorizontalPodAutoscaler`)
    ).body.items;
    expect(
      events.map((e: Obj) => [e.reason, e.involvedObject.name, e.involvedObject.apiVersion, e.firstTimestamp])
    ).toEqual([
      ['SuccessfulRescale', m.name, 'autoscaling/v2', new Date(m.limitedSinceMs).toISOString().replace('.000Z', 'Z')],
    ]);
  });

  it('serves the healthy one within range', async () => {
    const m = truth.hpaHealthy;
    const h = (await get(`/apis/autoscaling/v2/namespaces/${m.namespace}/horizontalpodautoscalers/${m.name}`)).body;
    expect(cond(h, 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });
    expect(h.status.currentReplicas).toBe(m.currentReplicas);
    expect(h.status.currentReplicas).toBeLessThan(m.maxReplicas);
  });

  it("prints kubectl's columns: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE", async () => {
    const m = truth.hpaAtMax;
    const t = (await get(`/apis/autoscaling/v2/namespaces/${m.namespace}/horizontalpodautoscalers`, KUBECTL_ACCEPT))
      .body;
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c: Obj) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Reference', 'string'],
      ['Targets', 'string'],
      ['MinPods', 'string'],
      ['MaxPods', 'integer'],
      ['Replicas', 'integer'],
      ['Age', 'string'],
    ]);
    const row = t.rows.find((x: Obj) => x.cells[0] === m.name);
    const h = (await get(`/apis/autoscaling/v2/namespaces/${m.namespace}/horizontalpodautoscalers/${m.name}`)).body;
    const current = h.status.currentMetrics[0].resource.current.averageUtilization;
    const target = h.spec.metrics[0].resource.target.averageUtilization;
    expect(row.cells.slice(0, 6)).toEqual([
      m.name,
      `Deployment/${m.target}`,
      `cpu: ${current}%/${target}%`,
      String(m.minReplicas),
      m.maxReplicas,
      m.maxReplicas,
    ]);
    expect(current).toBeGreaterThan(target);
  });

  it('watches: the initial ADDED events, then the end at timeoutSeconds', async () => {
    const r = await simGet(`${sim.url}${HPAS}?watch=true&timeoutSeconds=1`, { token: sim.token });
    const events = r.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e: Obj) => [e.type, e.object.kind, e.object.metadata.name]).sort()).toEqual(
      [
        ['ADDED', 'HorizontalPodAutoscaler', truth.hpaAtMax.name],
        ['ADDED', 'HorizontalPodAutoscaler', truth.hpaHealthy.name],
      ].sort()
    );
  });

  it('is discoverable as hpa in the all category, and a deny rule refuses it', async () => {
    const gv = (await get('/apis/autoscaling/v2')).body;
    expect(gv.resources).toContainEqual({
      name: 'horizontalpodautoscalers',
      singularName: 'horizontalpodautoscaler',
      namespaced: true,
      kind: 'HorizontalPodAutoscaler',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['hpa'],
      categories: ['all'],
    });
    const group = (await get('/apis/autoscaling')).body;
    expect(group.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    sim.faults.deny('horizontalpodautoscalers');
    try {
      const r = await get(HPAS);
      expect(r.status).toBe(403);
      expect(r.body.message).toContain('"horizontalpodautoscalers" in API group "autoscaling"');
    } finally {
      sim.faults.allow('horizontalpodautoscalers');
    }
  });

  it('serves none in a default cluster, and the list still answers', async () => {
    const plain = await startKubeSim({ nodes: 1, podsPerNode: 2, clock: manualClock(T0) });
    try {
      const r = await simGet(`${plain.url}${HPAS}`, { token: plain.token });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).items).toEqual([]);
    } finally {
      await plain.stop();
    }
  });
});
