import { OwnerIndex } from '../pods/owners';
import { PodInfo } from '../pods/podObjects';
import { ContainerUsage, UsageWindow } from '../shared/containerUsage';
import { workloadsOf } from './outlierInputs';

function pod(name: string, owner: PodInfo['owner'], over: Partial<PodInfo> = {}): PodInfo {
  return {
    namespace: 'shop',
    name,
    phase: 'Running',
    status: 'Running',
    ready: '2/2',
    restarts: 0,
    owner,
    containers: [
      { name: 'app', sidecar: false },
      { name: 'proxy', sidecar: false },
    ],
    initContainers: [],
    resources: {},
    ...over,
  };
}

function window(usage: Record<string, Partial<ContainerUsage>>): UsageWindow {
  const containers = new Map<string, ContainerUsage>();
  for (const [key, u] of Object.entries(usage)) {
    const [namespace, p, container] = key.split('/');
    containers.set(key, { namespace, pod: p, container, cpu: [], memory: [], ...u });
  }
  return { containers, samples: 2, spanMs: 15_000, polls: 2, notices: [] };
}

const index: OwnerIndex = {
  replicaSets: {
    owners: new Map([
      ['shop/web-aaa', { kind: 'Deployment', name: 'web' }],
      ['shop/web-bbb', { kind: 'Deployment', name: 'web' }],
    ]),
    unread: new Set(),
  },
};

describe('outlier inputs', () => {
  it("sums each pod's containers' means, and takes restarts as the pod reports them", () => {
    const pods = [pod('web-aaa-1', { kind: 'ReplicaSet', name: 'web-aaa' }, { restarts: 3 })];
    const w = window({
      'shop/web-aaa-1/app': { cpu: [0.1, 0.3], memory: [100, 300] },
      'shop/web-aaa-1/proxy': { cpu: [0.05, 0.05] },
    });
    const [g] = workloadsOf(pods, index, w, ['cpu', 'memory', 'restarts']);
    expect(g).toEqual({
      namespace: 'shop',
      workload: 'Deployment/web',
      pods: [{ pod: 'web-aaa-1', values: { cpu: 0.25, memory: 200, restarts: 3 } }],
    });
  });

  it('groups a Deployment per ReplicaSet, and leaves out bare pods and the usage of pods not running', () => {
    const pods = [
      pod('web-aaa-1', { kind: 'ReplicaSet', name: 'web-aaa' }),
      pod('web-bbb-1', { kind: 'ReplicaSet', name: 'web-bbb' }, { phase: 'Pending' }),
      pod('debug', undefined),
      pod('db-0', { kind: 'StatefulSet', name: 'db' }),
    ];
    const w = window({ 'shop/web-bbb-1/app': { cpu: [0] }, 'shop/debug/app': { cpu: [1] } });
    const groups = workloadsOf(pods, index, w, ['cpu', 'restarts']);
    expect(groups.map((g) => [g.workload, g.pods.map((p) => p.pod)])).toEqual([
      ['Deployment/web', ['web-aaa-1']],
      ['Deployment/web', ['web-bbb-1']],
      ['StatefulSet/db', ['db-0']],
    ]);
    expect(groups[1].pods[0].values).toEqual({ restarts: 0 });
  });
});
