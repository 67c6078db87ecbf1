import { nodeColumns } from './nodes';
import { NodeObject } from '../../../decode/apiTypes';

const NOW = Date.UTC(2025, 0, 1);

const node = (ready: string | undefined, extra: Partial<NodeObject> = {}): NodeObject => ({
  metadata: { name: 'n1', creationTimestamp: new Date(NOW - 86_400_000).toISOString(), labels: {} },
  status: { conditions: ready === undefined ? [] : [{ type: 'Ready', status: ready }] },
  ...extra,
});

describe('nodeColumns status', () => {
  // the cases are in decode/nodePrinter.test.ts; this checks the column uses kubectl's printer
  it('prints kubectl STATUS: NotReady for False and Unknown, Unknown without the condition, cordoned', () => {
    const nodes = [
      node('True'),
      node('False'),
      node('Unknown'),
      node(undefined),
      node('True', { spec: { unschedulable: true } }),
    ];
    const status = nodeColumns(nodes, NOW).find((c) => c.name === 'status')!.values;
    expect(status).toEqual(['Ready', 'NotReady', 'NotReady', 'Unknown', 'Ready,SchedulingDisabled']);
  });
});

describe('nodeColumns', () => {
  it('prints roles, age, version, addresses and node info; missing ones stay empty', () => {
    const n = node('True', {
      metadata: {
        name: 'cp-1',
        creationTimestamp: new Date(NOW - 120_000).toISOString(),
        labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/etcd': '' },
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'Hostname', address: 'cp-1' },
          { type: 'InternalIP', address: '10.0.0.5' },
        ],
        nodeInfo: { kubeletVersion: 'v1.31.2', osImage: 'Ubuntu', containerRuntimeVersion: 'containerd://1.7.22' },
      },
    });
    const cols = nodeColumns([n, node('False')], NOW);
    const get = (name: string) => cols.find((c) => c.name === name)!.values;
    expect(get('name')).toEqual(['cp-1', 'n1']);
    expect(get('roles')).toEqual(['control-plane,etcd', '<none>']);
    expect(get('age')).toEqual([120, 86400]);
    expect(get('version')).toEqual(['v1.31.2', null]);
    expect(get('internalIP')).toEqual(['10.0.0.5', null]);
    expect(get('externalIP')).toEqual([null, null]);
    expect(get('containerRuntime')).toEqual(['containerd://1.7.22', null]);
  });
});
