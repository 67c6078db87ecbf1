/** @jest-environment node */
/**
 * The PSI and swap options as the sim serves them through its routes:
 * - KubeletPSI (KEP-4205) is beta and on by default from 1.34 (GA in 1.36), alpha and off before, and it is a
 *   kubelet gate: /stats/summary has psi blocks and an io block, cAdvisor container_pressure_* counters, only
 *   where the kubelet has it on. `psi` overrides every kubelet's default.
 * - metrics-server reports no swap in metrics.k8s.io; `metricsSwap` plays a metrics API that does (usage.swap,
 *   which `kubectl top --show-swap` reads), on swap nodes only.
 */
import { KubeSim, KubeSimOptions, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { defaultSwapNode } from './pressure';

type Json = Record<string, any>;
const T = Date.UTC(2026, 0, 1, 12, 0, 0);

async function withSim(opts: KubeSimOptions, f: (sim: KubeSim) => Promise<void>): Promise<void> {
  const sim = await startKubeSim({ nodes: 4, podsPerNode: 6, seed: 3, clock: () => T, ...opts });
  try {
    await f(sim);
  } finally {
    await sim.stop();
  }
}

const get = (sim: KubeSim, path: string) => simGet(`${sim.url}${path}`, { token: sim.token });
const summary = async (sim: KubeSim, node: string): Promise<Json> =>
  JSON.parse((await get(sim, `/api/v1/nodes/${node}/proxy/stats/summary`)).body);
const cadvisor = async (sim: KubeSim, node: string): Promise<string> =>
  (await get(sim, `/api/v1/nodes/${node}/proxy/metrics/cadvisor`)).body;

describe('psi', () => {
  it('is served by default (1.37 and its 1.36 kubelets)', () =>
    withSim({}, async (sim) => {
      for (const n of sim.cluster.nodes.filter((x) => x.readyStatus !== 'Unknown')) {
        const s = await summary(sim, n.name);
        expect(s.node.cpu.psi).toBeDefined();
        expect(s.node.io).toBeDefined();
        expect(await cadvisor(sim, n.name)).toMatch(/^container_pressure_cpu_waiting_seconds_total\{/m);
      }
    }));

  it('is not served when playing 1.31 (KubeletPSI off before 1.34)', () =>
    withSim({ version: '1.31' }, async (sim) => {
      for (const n of sim.cluster.nodes) {
        const s = await summary(sim, n.name);
        expect(s.node.cpu.psi).toBeUndefined();
        expect(s.node.io).toBeUndefined();
        expect(s.pods.every((p: Json) => p.cpu.psi === undefined && p.io === undefined)).toBe(true);
        expect(await cadvisor(sim, n.name)).not.toMatch(/container_pressure_/);
      }
    }));

  it('follows each kubelet at 1.34: a 1.33 kubelet (version skew) has it off', () =>
    withSim({ version: '1.34' }, async (sim) => {
      const skewed = sim.cluster.nodes.find((n) => n.kubeletVersion.startsWith('v1.33.'))!;
      const current = sim.cluster.nodes.find((n) => n.kubeletVersion.startsWith('v1.34.'))!;
      expect((await summary(sim, skewed.name)).node.cpu.psi).toBeUndefined();
      expect((await summary(sim, current.name)).node.cpu.psi).toBeDefined();
    }));

  it('can be turned off (psi: false) and on (psi: true) whatever the version', async () => {
    await withSim({ psi: false }, async (sim) => {
      expect((await summary(sim, 'node-1')).node.cpu.psi).toBeUndefined();
      expect(await cadvisor(sim, 'node-1')).not.toMatch(/container_pressure_/);
    });
    await withSim({ psi: true, version: '1.31' }, async (sim) => {
      expect((await summary(sim, 'node-1')).node.cpu.psi).toBeDefined();
    });
  });
});

describe('metricsSwap', () => {
  const swapNode = (sim: KubeSim) => sim.cluster.nodes.find(defaultSwapNode)!;

  it('is off by default: no usage.swap, as metrics-server', () =>
    withSim({}, async (sim) => {
      const n = swapNode(sim);
      const r = JSON.parse((await get(sim, `/apis/metrics.k8s.io/v1beta1/nodes/${n.name}`)).body);
      expect(Object.keys(r.usage)).toEqual(['cpu', 'memory']);
    }));

  it('adds usage.swap to NodeMetrics and PodMetrics on swap nodes only', () =>
    withSim({ metricsSwap: true }, async (sim) => {
      const n = swapNode(sim);
      const nodes = JSON.parse((await get(sim, '/apis/metrics.k8s.io/v1beta1/nodes')).body).items as Json[];
      const withSwap = nodes.filter((i) => i.usage.swap !== undefined).map((i) => i.metadata.name);
      expect(withSwap).toEqual([n.name]);
      expect(nodes.find((i) => i.metadata.name === n.name)!.usage.swap).toMatch(/^\d+(Ki|Mi|Gi)?$/);
      const pods = JSON.parse((await get(sim, '/apis/metrics.k8s.io/v1beta1/pods')).body).items as Json[];
      const onSwap = new Set(sim.cluster.pods.filter((p) => p.nodeName === n.name).map((p) => p.name));
      const podsWithSwap = pods.filter((p) => p.containers.some((c: Json) => c.usage.swap !== undefined));
      expect(podsWithSwap.length).toBeGreaterThan(0);
      expect(podsWithSwap.every((p) => onSwap.has(p.metadata.name))).toBe(true);
      const one = podsWithSwap[0];
      const single = JSON.parse(
        (await get(sim, `/apis/metrics.k8s.io/v1beta1/namespaces/${one.metadata.namespace}/pods/${one.metadata.name}`))
          .body
      );
      expect(single.containers.every((c: Json) => c.usage.swap !== undefined)).toBe(true);
    }));
});
