import { buildCluster } from './cluster';

const T = Date.UTC(2025, 4, 1, 12, 0, 0);

describe('buildCluster', () => {
  it('builds the same cluster for the same seed and a different one for another seed', () => {
    const a = buildCluster(7, 4, 8, T);
    const b = buildCluster(7, 4, 8, T);
    const c = buildCluster(8, 4, 8, T);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.pods.map((p) => p.uid)).not.toEqual(a.pods.map((p) => p.uid));
  });

  it('has one control-plane node and workers with realistic capacity', () => {
    const c = buildCluster(1, 5, 8, T);
    const cps = c.nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in n.labels);
    expect(cps).toHaveLength(1);
    for (const n of c.nodes) {
      expect(n.capacity.cpu).toBeGreaterThanOrEqual(4);
      expect(n.capacity.cpu).toBeLessThanOrEqual(16);
      expect(n.capacity.memory).toBeGreaterThan(15 * 2 ** 30);
      expect(n.allocatable.cpu).toBeLessThan(n.capacity.cpu);
      expect(n.allocatable.memory).toBeLessThan(n.capacity.memory);
    }
  });

  it('fills the workers with about podsPerNode pods each, and schedules nothing else on the control plane', () => {
    const c = buildCluster(3, 6, 10, T);
    const cp = c.nodes[0].name;
    for (const n of c.nodes.slice(1)) {
      expect(c.pods.filter((p) => p.nodeName === n.name)).toHaveLength(10);
    }
    const onCp = c.pods.filter((p) => p.nodeName === cp);
    expect(onCp.every((p) => p.namespace === 'kube-system' || p.owner?.kind === 'DaemonSet')).toBe(true);
  });

  it('links Deployments, ReplicaSets and pods through ownerReferences', () => {
    const c = buildCluster(2, 3, 8, T);
    const byUid = new Map(c.workloads.map((w) => [w.uid, w]));
    const rsPods = c.pods.filter((p) => p.owner?.kind === 'ReplicaSet');
    expect(rsPods.length).toBeGreaterThan(0);
    for (const p of rsPods) {
      const rs = byUid.get(p.owner!.uid)!;
      expect(rs.kind).toBe('ReplicaSet');
      expect(byUid.get(rs.owner!.uid)!.kind).toBe('Deployment');
      expect(p.name.startsWith(`${rs.name}-`)).toBe(true);
    }
    for (const kind of ['StatefulSet', 'DaemonSet', 'Job'] as const) {
      expect(c.workloads.some((w) => w.kind === kind)).toBe(true);
    }
  });

  it('includes the cases a UI must handle: sidecars, init containers, restarts, CrashLoopBackOff, Pending, PVCs', () => {
    const c = buildCluster(1, 3, 8, T);
    expect(c.pods.some((p) => p.containers.length > 1)).toBe(true);
    expect(
      c.pods.some((p) => p.initContainers.length > 0 && p.initContainers.every((ct) => ct.state === 'terminated'))
    ).toBe(true);
    const crash = c.pods.flatMap((p) => p.containers).find((ct) => ct.reason === 'CrashLoopBackOff')!;
    expect(crash.state).toBe('waiting');
    expect(crash.hasPrevious).toBe(true);
    expect(crash.restartCount).toBeGreaterThan(0);
    expect(c.pods.some((p) => p.containers.some((ct) => ct.state === 'running' && ct.restartCount > 0))).toBe(true);
    const pending = c.pods.filter((p) => p.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => p.nodeName === '')).toBe(true);
    expect(c.pods.some((p) => p.phase === 'Succeeded')).toBe(true);
    const claimNames = new Set(c.pvcs.map((p) => `${p.namespace}/${p.name}`));
    const attached = c.pods.flatMap((p) =>
      p.volumes.filter((v) => v.pvcName).map((v) => `${p.namespace}/${v.pvcName}`)
    );
    expect(attached.length).toBeGreaterThan(0);
    expect(attached.every((k) => claimNames.has(k))).toBe(true);
  });

  it('records Normal and Warning events, including BackOff and FailedScheduling', () => {
    const c = buildCluster(1, 3, 8, T);
    const reasons = new Set(c.events.map((e) => e.reason));
    expect(reasons).toContain('BackOff');
    expect(reasons).toContain('FailedScheduling');
    expect(c.events.some((e) => e.type === 'Normal')).toBe(true);
    const podUids = new Set(c.pods.map((p) => p.uid));
    for (const e of c.events.filter((x) => x.involvedObject.kind === 'Pod')) {
      expect(podUids.has(e.involvedObject.uid)).toBe(true);
    }
  });

  it('mixes log styles and keeps cpuBase >= cpuWave so CPU counters never go down', () => {
    const c = buildCluster(5, 10, 20, T);
    const all = c.pods.flatMap((p) => [...p.initContainers, ...p.containers]);
    const styles = new Set(all.map((ct) => ct.logStyle));
    for (const s of ['plain', 'json', 'logfmt', 'java', 'ansi', 'quiet']) {
      expect(styles).toContain(s);
    }
    expect(all.every((ct) => ct.usage.cpuBase >= ct.usage.cpuWave)).toBe(true);
    expect(c.nodes.every((n) => !n.systemUsage || n.systemUsage.cpuBase >= n.systemUsage.cpuWave)).toBe(true);
  });

  it('has unique pod names per namespace and unique uids', () => {
    const c = buildCluster(9, 40, 30, T);
    const keys = new Set(c.pods.map((p) => `${p.namespace}/${p.name}`));
    expect(keys.size).toBe(c.pods.length);
    const uids = new Set([...c.pods, ...c.nodes, ...c.workloads].map((o) => o.uid));
    expect(uids.size).toBe(c.pods.length + c.nodes.length + c.workloads.length);
  });

  it('builds a 5,000-node cluster with 30 pods per node', () => {
    const c = buildCluster(11, 5000, 30, T);
    expect(c.nodes).toHaveLength(5000);
    // workers full, plus the control plane's own pods and the one Pending pod
    expect(c.pods.length).toBeGreaterThan(4999 * 30);
    expect(c.pods.length).toBeLessThanOrEqual(5000 * 30 + 1);
    const perNs = new Map<string, number>();
    for (const p of c.pods.filter((x) => x.owner?.kind !== 'DaemonSet')) {
      perNs.set(p.namespace, (perNs.get(p.namespace) ?? 0) + 1);
    }
    // apps stay under the scalability threshold of 3,000 pods per namespace (DaemonSets are per node)
    expect(Math.max(...Array.from(perNs.values()))).toBeLessThanOrEqual(3000);
    expect(c.nodes.some((n) => n.readyStatus === 'Unknown')).toBe(true);
  });
});
