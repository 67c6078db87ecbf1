/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, SimPod } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { RisksQuery } from '../../types';
import { risksModule } from './risksQuery';

// 12 nodes: the last one lost (Ready Unknown), the one before NotReady (kube-sim's default cluster)
const sim = kubeSimForTests({ nodes: 12, podsPerNode: 4, seed: 3, clock: manualClock(Date.UTC(2025, 0, 1)) });

async function run(q: Partial<RisksQuery> = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = testContext(sim(), { vars: { ns: ['shop', 'default'] } });
  const query: RisksQuery = { refId: 'A', queryType: 'risks', ...q };
  return lastValueFrom(risksModule.run(ctx, risksModule.resolve(query, vars), query));
}

type Row = Record<string, unknown>;

function rows(frame: DataFrame): Row[] {
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]]))
  );
}

async function findings(q: Partial<RisksQuery> = {}): Promise<{ frame: DataFrame; rows: Row[] }> {
  const res = await run(q);
  expect(res.errors).toBeUndefined();
  expect(res.data).toHaveLength(1);
  return { frame: res.data[0], rows: rows(res.data[0]) };
}

const simPod = (prefix: string): SimPod => sim().cluster.pods.find((p) => p.name.startsWith(prefix))!;
const notices = (frame: DataFrame) => (frame.meta?.notices ?? []).map((n) => n.text).join('\n');

describe('risks query over kube-sim', () => {
  it('names the crash-looping container with its restarts, last exit and what to do', async () => {
    const { rows: all } = await findings();
    const checkout = simPod('checkout-');
    const c = checkout.containers[0];
    const row = all.find((r) => r.object === checkout.name && r.check === 'KubePodCrashLooping');
    expect(row).toMatchObject({ severity: 'critical', kind: 'Pod', namespace: 'shop', pod: checkout.name });
    expect(row!.reason).toContain(`Container ${c.name} restarted ${c.restartCount} times`);
    expect(row!.reason).toContain(`(exit ${c.lastExitCode})`);
    expect(row!.reason).toContain('CrashLoopBackOff');
  });

  it('reports the OOM-killed container with its memory limit', async () => {
    const { rows: all } = await findings();
    const cart = sim().cluster.pods.find((p) => p.containers.some((c) => c.lastReason === 'OOMKilled'))!;
    const c = cart.containers.find((x) => x.lastReason === 'OOMKilled')!;
    const row = all.find((r) => r.object === cart.name && r.container === c.name);
    expect(row).toMatchObject({ severity: 'warning', check: 'ContainerOOMKilled' });
    expect(row!.reason).toMatch(/last OOMKilled \(exit 137\) .* ago/);
    expect(row!.reason).toMatch(/raise its memory limit \(\d+\w*\)/);
  });

  it("gives the Pending pod the scheduler's message and the Pending PVC its class", async () => {
    const { rows: all } = await findings();
    const trainer = simPod('ml-trainer-');
    const pending = all.find((r) => r.object === trainer.name)!;
    expect(pending).toMatchObject({ severity: 'warning', check: 'KubePodNotReady', node: null });
    expect(pending.reason).toMatch(/^Pending for .*, not scheduled: 0\/12 nodes are available: .*Insufficient cpu/);
    expect(pending.reason).toContain('Lower its requests or add capacity');

    const pvc = sim().cluster.pvcs.find((p) => p.phase === 'Pending')!;
    const row = all.find((r) => r.kind === 'PersistentVolumeClaim' && r.object === pvc.name)!;
    expect(row.namespace).toBe(pvc.namespace);
    expect(row.reason).toContain(`storage class ${pvc.storageClass}`);
  });

  it('reports the lost and the NotReady node as critical, with links to the node dashboard', async () => {
    const { frame, rows: all } = await findings();
    const nodes = sim().cluster.nodes;
    const lost = nodes[nodes.length - 1].name;
    const notReady = nodes[nodes.length - 2].name;
    expect(all.find((r) => r.object === lost)).toMatchObject({ severity: 'critical', check: 'KubeNodeUnreachable' });
    expect(all.find((r) => r.object === notReady)).toMatchObject({ severity: 'critical', check: 'KubeNodeNotReady' });
    // the healthy nodes have no row
    const flagged = new Set(all.filter((r) => r.kind === 'Node').map((r) => r.object));
    expect([...flagged].sort()).toEqual([lost, notReady].sort());
    // pods on the NotReady node say why
    const onNode = all.filter((r) => r.kind === 'Pod' && r.node === notReady);
    expect(onNode.length).toBeGreaterThan(0);
    expect(onNode.every((r) => String(r.reason).includes(`its node ${notReady} is NotReady`))).toBe(true);
    const nodeField = frame.fields.find((f) => f.name === 'node')!;
    expect(nodeField.config.links?.[0].url).toContain(
      '/d/kubeglance-node?var-ds=test-uid&var-node=${__data.fields.node}'
    );
  });

  it('sorts worst first and no healthy pod gets a row', async () => {
    const { rows: all } = await findings();
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const ranks = all.map((r) => rank[r.severity as string]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const lost = sim()
      .cluster.nodes.slice(-2)
      .map((n) => n.name);
    const healthy = sim().cluster.pods.filter(
      (p) =>
        p.phase === 'Running' &&
        !lost.includes(p.nodeName) &&
        [...p.initContainers, ...p.containers].every((c) => c.restartCount === 0 && (c.ready || c.init))
    );
    expect(healthy.length).toBeGreaterThan(10);
    const named = new Set(all.filter((r) => r.kind === 'Pod').map((r) => r.object));
    expect(healthy.filter((p) => named.has(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('keeps to the namespaces asked (a variable) and leaves nodes out then', async () => {
    const { rows: all } = await findings({ namespace: '$ns' });
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((r) => r.namespace))).toEqual(new Set(['shop', 'default']));
  });

  it('leaves out findings below the minimum severity', async () => {
    const { rows: all } = await findings({ minSeverity: 'critical' });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => r.severity === 'critical')).toBe(true);
    const { rows: every } = await findings();
    expect(every.length).toBeGreaterThan(all.length);
  });

  it('says HorizontalPodAutoscalers are not served where autoscaling/v2 is missing, and still answers', async () => {
    sim().faults.errorRate({ pathPrefix: '/apis/autoscaling/', status: 404 });
    const { frame, rows: all } = await findings();
    expect(notices(frame)).toContain('autoscaling/v2 API (HorizontalPodAutoscalers) is not served: HPA checks skipped');
    expect(all.length).toBeGreaterThan(0);
  });

  it('names the permission when a list is forbidden, and the other checks still answer', async () => {
    sim().faults.deny('persistentvolumeclaims');
    const { frame, rows: all } = await findings();
    expect(notices(frame)).toMatch(/May not list persistentvolumeclaims: PVC checks skipped\. Permission denied/);
    expect(notices(frame)).toContain('resources: ["persistentvolumeclaims"], verbs: ["list"]');
    expect(all.some((r) => r.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(all.some((r) => r.check === 'KubePodCrashLooping')).toBe(true);
  });

  it('names the namespace a list is forbidden in, and answers for the others', async () => {
    sim().faults.deny('pods', { namespace: 'default' });
    const { frame, rows: all } = await findings({ namespace: '$ns' });
    expect(notices(frame)).toMatch(/^May not list pods in namespace default: pod checks skipped\./m);
    expect(all.some((r) => r.kind === 'Pod' && r.namespace === 'shop')).toBe(true);
    expect(all.some((r) => r.kind === 'Pod' && r.namespace === 'default')).toBe(false);
  });

  it('fails with the reason when nothing at all can be read', async () => {
    for (const r of [
      'pods',
      'nodes',
      'deployments',
      'statefulsets',
      'daemonsets',
      'jobs',
      'persistentvolumeclaims',
      'events',
      'horizontalpodautoscalers',
    ]) {
      sim().faults.deny(r);
    }
    const res = await run();
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/^Permission denied/);
  });

  it('rejects a bad namespace or severity before any request', () => {
    const { vars } = testContext(sim());
    expect(() => risksModule.resolve({ refId: 'A', queryType: 'risks', namespace: '../x' }, vars)).toThrow(/namespace/);
    expect(() => risksModule.resolve({ refId: 'A', queryType: 'risks', minSeverity: 'bad' as never }, vars)).toThrow(
      /Unknown minimum severity "bad"/
    );
  });
});
