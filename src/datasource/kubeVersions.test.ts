/** @jest-environment jsdom */
// The same data source against a Kubernetes 1.37 cluster and a 1.31 one (kube-sim plays either): what 1.37 adds
// (metrics.k8s.io v1, in-place resize, native sidecars, PSI) shows where the cluster has it, and an older cluster
// answers every query without those columns and without an error.
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';

import type { KubeSim } from '../../tools/kube-sim';
import { harnessDataSource, queryRequest } from './testing/harnessDataSource';
import { kubeSimForTests } from './testing/kubeSim';
import type { KubeQuery } from './types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => {
    throw new Error('tests must go through the proxy harness');
  },
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

const current = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 3 });
const older = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 3, version: '1.31' });

/** One query's first answer, and the URLs the data source asked Grafana's proxy for. */
async function run(sim: KubeSim, q: Partial<KubeQuery>): Promise<{ res: DataQueryResponse; urls: string[] }> {
  const { ds, harness } = harnessDataSource(sim, { harness: { jsonData: { kubeletAccess: true } } });
  const all = await lastValueFrom(ds.query(queryRequest([{ refId: 'A', ...q } as KubeQuery])).pipe(toArray()));
  return { res: all[0], urls: harness.requests.map((r) => r.url) };
}

const names = (frame: DataFrame) => frame.fields.map((f) => f.name);

describe.each([
  ['1.37', current, { metrics: '/apis/metrics.k8s.io/v1/', resize: true, sidecars: true, psi: true }],
  ['1.31', older, { metrics: '/apis/metrics.k8s.io/v1beta1/', resize: false, sidecars: true, psi: false }],
])('Kubernetes %s', (version, sim, expects) => {
  it('plays that version', () => {
    expect(sim().version).toBe(version);
  });

  it('reads node and pod metrics from the metrics.k8s.io version the cluster serves', async () => {
    for (const queryType of ['nodes', 'pods'] as const) {
      const { res, urls } = await run(sim(), { queryType });
      expect(res.errors ?? []).toEqual([]);
      expect(res.data[0].length).toBeGreaterThan(0);
      expect(urls.some((u) => u.includes(expects.metrics))).toBe(true);
    }
  });

  it('shows a resize column only where the cluster reports resizes', async () => {
    const { res } = await run(sim(), { queryType: 'pods', groupBy: 'pod' });
    expect(res.errors ?? []).toEqual([]);
    expect(names(res.data[0]).includes('resize')).toBe(expects.resize);
  });

  it('lists native sidecars as containers of their pod', async () => {
    const { res } = await run(sim(), { queryType: 'pods', groupBy: 'container', namespace: 'shop' });
    expect(res.errors ?? []).toEqual([]);
    const frame: DataFrame = res.data[0];
    const container = frame.fields.find((f) => f.name === 'container')!.values;
    expect(container.includes('istio-proxy')).toBe(expects.sidecars);
  });

  it('adds node and pod pressure to the nodes and pods queries, when asked, only where the kubelet reports it', async () => {
    const nodes = (await run(sim(), { queryType: 'nodes', pressure: true } as Partial<KubeQuery>)).res;
    expect(nodes.errors ?? []).toEqual([]);
    const nodeFrame: DataFrame = nodes.data[0];
    expect(names(nodeFrame).includes('memoryPressure')).toBe(expects.psi);
    if (expects.psi) {
      const values = nodeFrame.fields.find((f) => f.name === 'memoryPressure')!.values as Array<number | null>;
      expect(values.some((v) => v !== null && v >= 0 && v <= 100)).toBe(true);
    }
    const pods = (await run(sim(), { queryType: 'pods', groupBy: 'pod', pressure: true } as Partial<KubeQuery>)).res;
    expect(pods.errors ?? []).toEqual([]);
    expect(names(pods.data[0]).includes('cpuPressure')).toBe(expects.psi);
    // not asked: no kubelet is read
    const plain = await run(sim(), { queryType: 'nodes' });
    expect(plain.urls.some((u) => u.includes('/proxy/stats/summary'))).toBe(false);
  });

  it('still answers, with a notice naming the permission, when the kubelets may not be read for pressure', async () => {
    sim().faults.deny('nodes/proxy');
    const { res } = await run(sim(), { queryType: 'nodes', pressure: true } as Partial<KubeQuery>);
    expect(res.errors ?? []).toEqual([]);
    const frame: DataFrame = res.data[0];
    expect(frame.length).toBe(sim().cluster.nodes.length);
    expect(names(frame).includes('memoryPressure')).toBe(false);
    const notices = (frame.meta?.notices ?? []).map((n) => n.text).join('\n');
    expect(notices).toMatch(/^Pressure is missing for node .*nodes\/proxy/m);
  });

  it('adds pressure (PSI) columns to the Summary only where the kubelet reports them', async () => {
    const { res } = await run(sim(), { queryType: 'summary', scope: 'node' });
    expect(res.errors ?? []).toEqual([]);
    expect(names(res.data[0]).includes('memoryPsiSomeAvg10')).toBe(expects.psi);
  });
});
