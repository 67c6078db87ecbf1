import { decodeNodeList, nodeRoles } from './nodeObjects';

const node = {
  metadata: {
    name: 'cp-1',
    creationTimestamp: '2026-11-01T00:00:00Z',
    labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'cp-1' },
  },
  spec: { unschedulable: true },
  status: {
    capacity: { cpu: '4', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '3800m', memory: '15Gi' },
    conditions: [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: 'True' },
    ],
    nodeInfo: { kubeletVersion: 'v1.31.2' },
  },
};

describe('decodeNodeList', () => {
  it('reads the kubectl get nodes columns', () => {
    const { items, problems } = decodeNodeList({ items: [node] });
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        name: 'cp-1',
        roles: ['control-plane'],
        status: 'Ready,SchedulingDisabled',
        kubeletVersion: 'v1.31.2',
        creationMs: Date.UTC(2026, 10, 1),
        cpuAllocatable: 3.8,
        memoryAllocatable: 15 * 1024 ** 3,
        cpuCapacity: 4,
        memoryCapacity: 16 * 1024 ** 3,
      },
    ]);
  });

  // kubectl prints NotReady for any Ready status but True, and Unknown only without the condition
  it('says NotReady for an odd Ready status and Unknown without one, as kubectl does', () => {
    const { items } = decodeNodeList({
      items: [
        { metadata: { name: 'x' }, status: { conditions: [{ type: 'Ready', status: 'Maybe' }] } },
        { metadata: { name: 'y' }, status: { conditions: [] } },
      ],
    });
    expect(items.map((n) => n.status)).toEqual(['NotReady', 'Unknown']);
    expect(items[0].cpuAllocatable).toBeUndefined();
  });
});

describe('nodeRoles', () => {
  it('collects role labels and the legacy kubernetes.io/role, sorted', () => {
    expect(
      nodeRoles({
        'node-role.kubernetes.io/worker': '',
        'node-role.kubernetes.io/infra': 'true',
        'kubernetes.io/role': 'gpu',
      })
    ).toEqual(['gpu', 'infra', 'worker']);
    expect(nodeRoles({ 'node-role.kubernetes.io/': '' })).toEqual([]);
    expect(nodeRoles(undefined)).toEqual([]);
  });
});
