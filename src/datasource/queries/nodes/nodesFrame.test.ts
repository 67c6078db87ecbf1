import { FieldType } from '@grafana/data';

import { NodeInfo } from '../../decode/nodeObjects';
import { nodesFrame } from './nodesFrame';

const info = (name: string, extra: Partial<NodeInfo> = {}): NodeInfo => ({
  name,
  roles: [],
  status: 'Ready',
  cpuAllocatable: 4,
  memoryAllocatable: 8e9,
  creationMs: 0,
  ...extra,
});

const values = (frame: ReturnType<typeof nodesFrame>, name: string) =>
  frame.fields.find((f) => f.name === name)!.values;

describe('nodesFrame', () => {
  it('sorts by node and computes usage against allocatable', () => {
    const frame = nodesFrame(
      [info('b'), info('a', { roles: ['control-plane', 'etcd'], status: 'Ready,SchedulingDisabled' })],
      [
        { name: 'a', cpu: 1, memory: 2e9 },
        { name: 'b', cpu: 3, memory: 4e9 },
      ],
      'A',
      90_000
    );
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(2);
    expect(values(frame, 'node')).toEqual(['a', 'b']);
    expect(values(frame, 'cpuPercent')).toEqual([0.25, 0.75]);
    expect(values(frame, 'memoryPercent')).toEqual([0.25, 0.5]);
    expect(values(frame, 'roles')).toEqual(['control-plane,etcd', '<none>']);
    expect(values(frame, 'ready')).toEqual(['Ready,SchedulingDisabled', 'Ready']);
    expect(values(frame, 'age')).toEqual([90, 90]);
    expect(frame.meta?.notices).toBeUndefined();
    expect(frame.fields.every((f) => f.values.length === 2)).toBe(true);
    expect(frame.fields.find((f) => f.name === 'node')!.type).toBe(FieldType.string);
  });

  it('keeps a node without metrics with empty usage, never zero, and notes it', () => {
    const frame = nodesFrame(
      [info('a'), info('new-node', { status: 'NotReady' })],
      [{ name: 'a', cpu: 1, memory: 1 }],
      'A',
      0
    );
    expect(values(frame, 'cpu')).toEqual([1, null]);
    expect(values(frame, 'cpuPercent')).toEqual([0.25, null]);
    expect(values(frame, 'ready')).toEqual(['Ready', 'NotReady']);
    expect(frame.meta?.notices?.[0].text).toContain('new-node');
  });

  it('shows no usage notice when usage is unknown altogether', () => {
    const frame = nodesFrame([info('a')], undefined, 'A', 0, [{ severity: 'warning', text: 'metrics missing' }]);
    expect(values(frame, 'cpu')).toEqual([null]);
    expect(frame.meta?.notices).toEqual([{ severity: 'warning', text: 'metrics missing' }]);
  });

  it('leaves the percentage empty when allocatable is unknown or zero', () => {
    const frame = nodesFrame(
      [info('a', { cpuAllocatable: undefined, memoryAllocatable: 0 })],
      [{ name: 'a', cpu: 1, memory: 1 }],
      'A',
      0
    );
    expect(values(frame, 'cpuPercent')).toEqual([null]);
    expect(values(frame, 'memoryPercent')).toEqual([null]);
  });
});
