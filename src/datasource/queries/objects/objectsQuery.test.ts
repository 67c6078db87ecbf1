/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, podNodeEffects, podReadyAt, SimPod } from '../../../../tools/kube-sim';
import { isSidecar } from '../../../../tools/kube-sim/cluster/model';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { KubeClient } from '../../kube/client';
import { ObjectResource, ObjectsQuery } from '../../types';
import { objectsModule } from './objectsQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 8, podsPerNode: 8, seed: 11, clock: manualClock(Date.UTC(2025, 0, 1)) });

async function run(q: Partial<ObjectsQuery>, opts: TestContextOptions = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = testContext(sim(), opts);
  const query: ObjectsQuery = { refId: 'A', queryType: 'objects', ...q };
  return lastValueFrom(objectsModule.run(ctx, objectsModule.resolve(query, vars), query));
}

async function table(resource: ObjectResource, q: Partial<ObjectsQuery> = {}): Promise<DataFrame> {
  const res = await run({ resource, ...q });
  expect(res.errors).toBeUndefined();
  expect(res.data).toHaveLength(1);
  return res.data[0];
}

const values = (frame: DataFrame, name: string): unknown[] => {
  const field = frame.fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(`no field ${name} in ${frame.fields.map((f) => f.name).join(', ')}`);
  }
  return field.values;
};

/** The row of one object, keyed by column name. */
function rowOf(frame: DataFrame, name: string, namespace?: string): Record<string, unknown> {
  const names = values(frame, 'name');
  const nss = frame.fields.some((f) => f.name === 'namespace') ? values(frame, 'namespace') : [];
  const i = names.findIndex((n, idx) => n === name && (namespace === undefined || nss[idx] === namespace));
  expect(i).toBeGreaterThanOrEqual(0);
  return Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]));
}

const simPod = (prefix: string): SimPod => sim().cluster.pods.find((p) => p.name.startsWith(prefix))!;

describe('objects query: pods', () => {
  it('lists every pod with ready counts matching the cluster', async () => {
    const frame = await table('pods');
    expect(frame.length).toBe(sim().cluster.pods.length);
    for (const p of sim().cluster.pods) {
      // native sidecars (restartable init containers) count as kubectl counts them
      const running = [...p.initContainers.filter(isSidecar), ...p.containers];
      const ready = running.filter((c) => c.ready && c.state === 'running').length;
      expect(rowOf(frame, p.name, p.namespace).ready).toBe(`${ready}/${running.length}`);
    }
  });

  it('shows the crash-looping, pending and completed pods as kubectl does', async () => {
    const frame = await table('pods');
    const checkout = simPod('checkout-');
    expect(rowOf(frame, checkout.name)).toMatchObject({
      status: 'CrashLoopBackOff',
      ready: '0/1',
      restarts: checkout.containers[0].restartCount,
    });
    expect(rowOf(frame, checkout.name).lastRestart).toEqual(expect.any(Number));

    const trainer = simPod('ml-trainer-');
    expect(rowOf(frame, trainer.name)).toMatchObject({ status: 'Pending', node: null, ip: null, restarts: 0 });

    const report = sim().cluster.pods.find((p) => p.phase === 'Succeeded')!;
    expect(rowOf(frame, report.name)).toMatchObject({ status: 'Completed', ready: '0/1' });

    const running = sim().cluster.pods.filter(
      (p) => p.nodeName && p.phase === 'Running' && p.containers.every((c) => c.state === 'running')
    );
    expect(running.length).toBeGreaterThan(10);
    const nodeOf = (p: SimPod) => sim().cluster.nodes.find((n) => n.name === p.nodeName);
    for (const p of running) {
      // the node lifecycle controller evicts the pods of a lost node: kubectl then prints Terminating
      const evicted = podNodeEffects(p, nodeOf(p), sim().now()).evictedAtMs !== undefined;
      expect(rowOf(frame, p.name, p.namespace).status).toBe(evicted ? 'Terminating' : 'Running');
    }
    expect(running.some((p) => podNodeEffects(p, nodeOf(p), sim().now()).evictedAtMs === undefined)).toBe(true);
  });

  it('adds up restarts and ages in seconds since creation', async () => {
    const frame = await table('pods');
    const restarted = sim().cluster.pods.find(
      (p) => p.name.startsWith('cart-') && p.containers.some((c) => c.restartCount)
    )!;
    const row = rowOf(frame, restarted.name);
    expect(row.restarts).toBe(restarted.containers.reduce((sum, c) => sum + c.restartCount, 0));
    expect(row.age).toBe(Math.floor((sim().now() - restarted.creationMs) / 1000));
    expect(frame.fields.find((f) => f.name === 'age')!.config.unit).toBe('dtdurations');
  });

  it('filters by label selector and field selector on the server', async () => {
    const byLabel = await table('pods', { labelSelector: 'app=frontend' });
    expect(byLabel.length).toBe(sim().cluster.pods.filter((p) => p.labels.app === 'frontend').length);
    expect(byLabel.length).toBeGreaterThan(0);

    const byField = await table('pods', { fieldSelector: 'spec.nodeName=node-1' });
    expect(values(byField, 'node').every((n) => n === 'node-1')).toBe(true);
    expect(byField.length).toBe(sim().cluster.pods.filter((p) => p.nodeName === 'node-1').length);
  });

  it('asks each named namespace on its own and keeps the others when one is forbidden', async () => {
    sim().faults.deny('pods', { namespace: 'payments' });
    const res = await run({ resource: 'pods', namespace: '$ns' }, { vars: { ns: ['shop', 'payments', 'default'] } });
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    const inNs = (ns: string) => sim().cluster.pods.filter((p) => p.namespace === ns).length;
    expect(frame.length).toBe(inNs('shop') + inNs('default'));
    expect(new Set(values(frame, 'namespace'))).toEqual(new Set(['shop', 'default']));
    const notice = frame.meta?.notices?.find((n) => n.severity === 'warning');
    expect(notice?.text).toContain('payments');
    expect(notice?.text).toMatch(/Permission denied: .* may not list pods/);
    expect(sim().faults.requestsTo('/api/v1/namespaces/shop/pods')).toHaveLength(1);
    expect(sim().faults.requestsTo('/api/v1/pods')).toHaveLength(0);
  });

  it('fails with a clear error per namespace when none can be read', async () => {
    sim().faults.deny('pods', { namespace: 'payments' });
    sim().faults.deny('pods', { namespace: 'shop' });
    const res = await run({ resource: 'pods', namespace: 'payments,shop' });
    expect(res.data).toHaveLength(0);
    expect(res.errors).toHaveLength(2);
    expect(res.errors![0].message).toMatch(/^Namespace "payments": Permission denied/);
    expect(res.errors![1].message).toMatch(/^Namespace "shop": /);
    expect(res.errors![0].status).toBe(403);
  });

  it('reads a long list page by page', async () => {
    const { ctx, vars, harness } = testContext(sim());
    const client = new KubeClient({ baseUrl: harness.baseUrl, fetch: harness.fetch, pageSize: 10 });
    const query: ObjectsQuery = { refId: 'A', queryType: 'objects', resource: 'pods' };
    const res = await lastValueFrom(objectsModule.run({ ...ctx, client }, objectsModule.resolve(query, vars), query));
    expect(res.data[0].length).toBe(sim().cluster.pods.length);
    const pages = sim().faults.requestsTo('/api/v1/pods');
    expect(pages.length).toBe(Math.ceil(sim().cluster.pods.length / 10));
    expect(pages.slice(1).every((r) => r.query.continue)).toBe(true);
  });

  it('says so when nothing matches instead of showing a bare empty table', async () => {
    const frame = await table('pods', { namespace: 'kube-public' });
    expect(frame.length).toBe(0);
    expect(frame.meta?.notices?.[0].text).toBe('No pods found in namespace kube-public.');
  });
});

describe('objects query: validation before any request', () => {
  it('rejects an invalid namespace from a variable', () => {
    const { vars } = testContext(sim(), { vars: { ns: ['shop', '../secrets'] } });
    expect(() =>
      objectsModule.resolve({ refId: 'A', queryType: 'objects', resource: 'pods', namespace: '$ns' }, vars)
    ).toThrow(/not a valid namespace name/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('rejects an unknown resource from saved JSON with the choices', () => {
    const { vars } = testContext(sim());
    const query = { refId: 'A', queryType: 'objects', resource: 'secrets' } as unknown as ObjectsQuery;
    expect(() => objectsModule.resolve(query, vars)).toThrow(/Unknown resource "secrets"/);
    expect(sim().faults.requests).toHaveLength(0);
  });
});

describe('objects query: other resources', () => {
  it('nodes: status, roles, version, internal IP like kubectl get nodes -o wide', async () => {
    const frame = await table('nodes');
    expect(frame.length).toBe(sim().cluster.nodes.length);
    for (const n of sim().cluster.nodes) {
      const status = (n.readyStatus ?? (n.ready ? 'True' : 'False')) === 'True' ? 'Ready' : 'NotReady';
      expect(rowOf(frame, n.name)).toMatchObject({
        status,
        version: n.kubeletVersion,
        internalIP: n.internalIP,
        osImage: n.osImage,
        containerRuntime: n.containerRuntimeVersion,
      });
    }
    expect(rowOf(frame, 'control-plane-1').roles).toBe('control-plane');
  });

  it('nodes ignore a namespace filter and say so', async () => {
    const frame = await table('nodes', { namespace: 'shop' });
    expect(frame.length).toBe(sim().cluster.nodes.length);
    expect(frame.meta?.notices?.[0].text).toMatch(/not namespaced/);
  });

  it('namespaces: every namespace Active, or only the named ones', async () => {
    const all = await table('namespaces');
    expect([...values(all, 'name')].sort()).toEqual(
      sim()
        .cluster.namespaces.map((n) => n.name)
        .sort()
    );
    expect(new Set(values(all, 'status'))).toEqual(new Set(['Active']));
    const some = await table('namespaces', { namespace: 'shop,batch' });
    expect([...values(some, 'name')].sort()).toEqual(['batch', 'shop']);
  });

  it('deployments: ready against desired replicas, the crash-looping one not ready', async () => {
    const frame = await table('deployments');
    const deployments = sim().cluster.workloads.filter((w) => w.kind === 'Deployment');
    expect(frame.length).toBe(deployments.length);
    for (const d of deployments) {
      expect(String(rowOf(frame, d.name, d.namespace).ready)).toMatch(new RegExp(`^\\d+/${d.replicas}$`));
    }
    expect(rowOf(frame, 'checkout', 'shop')).toMatchObject({ ready: '0/1', available: 0 });
    expect(rowOf(frame, 'frontend', 'shop')).toMatchObject({ ready: '3/3', upToDate: 3, available: 3 });
  });

  it('statefulsets and daemonsets', async () => {
    const sts = await table('statefulsets');
    expect(rowOf(sts, 'postgres', 'shop').ready).toBe('2/2');
    const ds = await table('daemonsets', { namespace: 'kube-system' });
    expect(rowOf(ds, 'kube-proxy')).toMatchObject({
      desired: sim().cluster.nodes.length,
      current: sim().cluster.nodes.length,
    });
    // a pod on a NotReady node loses its Ready condition (node lifecycle controller, MarkPodsNotReady)
    const readyPods = sim().cluster.pods.filter(
      (p) =>
        p.owner?.name === 'kube-proxy' &&
        podReadyAt(
          p,
          sim().cluster.nodes.find((n) => n.name === p.nodeName),
          sim().now()
        )
    ).length;
    expect(rowOf(ds, 'kube-proxy').ready).toBe(readyPods);
  });

  it('jobs: the finished job is Complete 1/1 with a duration', async () => {
    const frame = await table('jobs');
    const job = sim().cluster.workloads.find((w) => w.kind === 'Job')!;
    expect(rowOf(frame, job.name, job.namespace)).toMatchObject({ status: 'Complete', completions: '1/1' });
    expect(rowOf(frame, job.name, job.namespace).duration).toEqual(expect.any(Number));
  });

  it('persistentvolumeclaims: bound capacity in bytes, the pending claim without one', async () => {
    const frame = await table('persistentvolumeclaims');
    expect(frame.length).toBe(sim().cluster.pvcs.length);
    for (const p of sim().cluster.pvcs) {
      const row = rowOf(frame, p.name, p.namespace);
      if ((p.phase ?? 'Bound') === 'Bound') {
        expect(row).toMatchObject({
          status: 'Bound',
          capacity: p.capacityBytes,
          accessModes: 'RWO',
          storageClass: p.storageClass,
        });
      } else {
        expect(row).toMatchObject({ status: 'Pending', capacity: null, volume: null });
      }
    }
    expect(frame.fields.find((f) => f.name === 'capacity')!.config.unit).toBe('bytes');
  });

  it('events: every event, newest first', async () => {
    const frame = await table('events');
    expect(frame.length).toBe(sim().cluster.events.length);
    const lastSeen = values(frame, 'lastSeen') as number[];
    expect(lastSeen).toEqual([...lastSeen].sort((a, b) => a - b));
    const backOff = sim().cluster.events.find((e) => e.reason === 'BackOff')!;
    const i = values(frame, 'reason').indexOf('BackOff');
    expect(values(frame, 'object')[i]).toBe(`pod/${backOff.involvedObject.name}`);
    expect(values(frame, 'count')[i]).toBe(backOff.count);
  });
});
