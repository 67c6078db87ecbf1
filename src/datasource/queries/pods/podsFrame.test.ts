import { DataFrame, FieldType } from '@grafana/data';

import { podsFrame } from './podsFrame';
import { PodsRow } from './podsGroup';

const column = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)?.values;

const rows: PodsRow[] = [
  {
    key: 'shop/web-1/app',
    namespace: 'shop',
    pod: 'web-1',
    container: 'app',
    node: 'n1',
    workload: { kind: 'Deployment', name: 'web' },
    status: 'Running',
    ready: true,
    restarts: 2,
    pods: 1,
    cpu: 0.25,
    memory: 300,
    cpuRequest: 0.5,
    memoryLimit: 600,
    creationMs: 0,
  },
  { key: 'shop/web-2/app', namespace: 'shop', pod: 'web-2', container: 'app', pods: 1 },
];

describe('podsFrame', () => {
  it('has one row per container with usage against requests and limits, absent values as null', () => {
    const frame = podsFrame(rows, 'container', 'A', 90_000);
    expect(frame.length).toBe(2);
    expect(column(frame, 'container')).toEqual(['app', 'app']);
    expect(column(frame, 'workloadKind')).toEqual(['Deployment', null]);
    expect(column(frame, 'workload')).toEqual(['web', null]);
    expect(column(frame, 'cpu')).toEqual([0.25, null]);
    expect(column(frame, 'cpuOfRequest')).toEqual([0.5, null]);
    expect(column(frame, 'cpuOfLimit')).toEqual([null, null]);
    expect(column(frame, 'memoryOfLimit')).toEqual([0.5, null]);
    expect(column(frame, 'memoryOfRequest')).toEqual([null, null]);
    expect(column(frame, 'ready')).toEqual([true, null]);
    expect(column(frame, 'restarts')).toEqual([2, null]);
    expect(column(frame, 'age')).toEqual([90, null]);
  });

  it('carries Grafana units and display names', () => {
    const frame = podsFrame(rows, 'container', 'A', 0);
    const byName = Object.fromEntries(frame.fields.map((f) => [f.name, f]));
    expect(byName.cpu.config).toMatchObject({ unit: 'suffix: cores', displayName: 'CPU' });
    expect(byName.memory.config).toMatchObject({ unit: 'bytes', displayName: 'Memory (working set)' });
    expect(byName.cpuOfRequest.config.unit).toBe('percentunit');
    expect(byName.memoryOfLimit.config.unit).toBe('percentunit');
    expect(byName.age.config.unit).toBe('dtdurations');
    expect(byName.ready.type).toBe(FieldType.boolean);
    expect(frame.fields.every((f) => typeof f.config.displayName === 'string')).toBe(true);
  });

  it.each([
    ['pod', ['namespace', 'pod', 'node', 'workloadKind', 'workload', 'status', 'ready', 'restarts'], 'age'],
    ['workload', ['namespace', 'workloadKind', 'workload', 'pods', 'restarts'], undefined],
    ['namespace', ['namespace', 'pods', 'restarts'], undefined],
    ['node', ['node', 'pods', 'restarts'], undefined],
  ] as const)('groups by %s with its own identity columns', (groupBy, identity, last) => {
    const names = podsFrame([], groupBy, 'A', 0).fields.map((f) => f.name);
    expect(names.slice(0, identity.length)).toEqual(identity);
    expect(names).toContain('cpuOfRequest');
    expect(names).toContain('memoryOfLimit');
    expect(names.includes('age')).toBe(last === 'age');
    expect(names).not.toContain('container');
  });

  it('shows a pod row ready count as text and keeps the notices', () => {
    const frame = podsFrame([{ key: 'a/p', namespace: 'a', pod: 'p', ready: '1/2', pods: 1 }], 'pod', 'B', 0, [
      { severity: 'info', text: 'hello' },
    ]);
    expect(column(frame, 'ready')).toEqual(['1/2']);
    expect(frame.fields.find((f) => f.name === 'ready')!.type).toBe(FieldType.string);
    expect(frame.refId).toBe('B');
    expect(frame.meta?.notices).toEqual([{ severity: 'info', text: 'hello' }]);
  });

  it('leaves out Resize, the spec columns and Swap when no row has them', () => {
    const names = podsFrame(rows, 'container', 'A', 0).fields.map((f) => f.name);
    expect(names).toContain('containerType');
    for (const optional of ['resize', 'cpuRequestDesired', 'memoryLimitDesired', 'swap']) {
      expect(names).not.toContain(optional);
    }
  });

  it('adds them when one row has them, empty cells for the others', () => {
    const resizing: PodsRow = {
      key: 'shop/db-0',
      namespace: 'shop',
      pod: 'db-0',
      pods: 1,
      cpuRequest: 1,
      cpuLimit: 2,
      // the spec's CPU limit is the one in effect: its spec cell stays empty
      desired: { cpuRequest: 2, cpuLimit: 2, memoryLimit: 4096 },
      resize: 'In progress',
      swap: 512,
    };
    const frame = podsFrame([resizing, ...rows.slice(1)], 'pod', 'A', 0);
    expect(column(frame, 'resize')).toEqual(['In progress', null]);
    expect(column(frame, 'cpuRequestDesired')).toEqual([2, null]);
    expect(column(frame, 'memoryLimitDesired')).toEqual([4096, null]);
    expect(column(frame, 'cpuLimitDesired')).toEqual([null, null]);
    expect(column(frame, 'swap')).toEqual([512, null]);
    const byName = Object.fromEntries(frame.fields.map((f) => [f.name, f.config]));
    expect(byName.cpuRequestDesired).toMatchObject({ displayName: 'CPU request (spec)', unit: 'suffix: cores' });
    expect(byName.swap).toMatchObject({ displayName: 'Swap', unit: 'bytes' });
    // grouped rows carry swap but never a resize
    const names = podsFrame([resizing], 'workload', 'A', 0).fields.map((f) => f.name);
    expect(names).toContain('swap');
    expect(names).not.toContain('resize');
  });
});
