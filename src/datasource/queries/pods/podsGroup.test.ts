import { arrangeRows, groupRows, PodsRow, share, sortRows } from './podsGroup';

function row(key: string, extra: Partial<PodsRow> = {}): PodsRow {
  const [namespace, pod] = key.split('/');
  return { key, namespace, pod, pods: 1, ...extra };
}

const web = { kind: 'Deployment', name: 'web' };
const db = { kind: 'StatefulSet', name: 'db' };

const pods: PodsRow[] = [
  row('shop/web-1', {
    node: 'n1',
    workload: web,
    cpu: 0.2,
    memory: 100,
    cpuRequest: 0.1,
    cpuLimit: 1,
    memoryLimit: 400,
    restarts: 1,
  }),
  row('shop/web-2', {
    node: 'n2',
    workload: web,
    cpu: 0.1,
    memory: 50,
    cpuRequest: 0.2,
    memoryLimit: 400,
    restarts: 0,
  }),
  row('shop/web-3', { node: 'n2', workload: web, cpuRequest: 0.1, cpuLimit: 1, memoryLimit: 400 }),
  row('shop/db-0', { node: 'n1', workload: db, cpu: 0.5, memory: 900, cpuRequest: 0.5, restarts: 3 }),
  row('ops/job-1', { workload: { kind: 'Job', name: 'job' }, restarts: 0 }),
];

describe('groupRows', () => {
  it('sums usage, requests and restarts per workload and counts pods', () => {
    const groups = groupRows(pods, 'workload');
    const webGroup = groups.find((g) => g.workload?.name === 'web')!;
    expect(webGroup).toMatchObject({ namespace: 'shop', pods: 3, cpu: 0.3, memory: 150, cpuRequest: 0.4, restarts: 1 });
    // one pod without a CPU limit: the group has no bound
    expect(webGroup.cpuLimit).toBeUndefined();
    expect(webGroup.memoryLimit).toBe(1200);
    expect(groups.map((g) => g.key).sort()).toEqual(['ops/Job/job', 'shop/Deployment/web', 'shop/StatefulSet/db']);
  });

  it('keeps usage absent for a group where no pod has metrics', () => {
    const job = groupRows(pods, 'workload').find((g) => g.workload?.kind === 'Job')!;
    expect(job.cpu).toBeUndefined();
    expect(job.memory).toBeUndefined();
    expect(job.cpuRequest).toBeUndefined();
  });

  it('groups by namespace', () => {
    const groups = groupRows(pods, 'namespace');
    expect(groups.map((g) => [g.key, g.pods, g.cpu, g.restarts])).toEqual([
      ['shop', 4, 0.8, 4],
      ['ops', 1, undefined, 0],
    ]);
    expect(groups[0].node).toBeUndefined();
    expect(groups[0].workload).toBeUndefined();
  });

  it('groups by node, pods without a node together', () => {
    const groups = groupRows(pods, 'node');
    expect(groups.map((g) => [g.node, g.pods, g.cpu, g.memory])).toEqual([
      ['n1', 2, 0.7, 1000],
      ['n2', 2, 0.1, 50],
      [undefined, 1, undefined, undefined],
    ]);
    expect(groups[0].namespace).toBeUndefined();
  });
});

describe('sortRows and arrangeRows', () => {
  it('sorts usage highest first with absent values last', () => {
    expect(sortRows(pods, 'cpu').map((r) => r.key)).toEqual([
      'shop/db-0',
      'shop/web-1',
      'shop/web-2',
      'ops/job-1',
      'shop/web-3',
    ]);
    expect(sortRows(pods, 'restarts').map((r) => r.restarts)).toEqual([3, 1, 0, 0, undefined]);
  });

  it('sorts by the share of the request and of the limit', () => {
    expect(
      sortRows(pods, 'cpuOfRequest')
        .map((r) => r.key)
        .slice(0, 3)
    ).toEqual(['shop/web-1', 'shop/db-0', 'shop/web-2']);
    expect(
      sortRows(pods, 'memoryOfLimit')
        .map((r) => r.key)
        .slice(0, 2)
    ).toEqual(['shop/web-1', 'shop/web-2']);
  });

  it('sorts by name ascending by default, and keeps every row without top N', () => {
    expect(arrangeRows(pods).map((r) => r.key)).toEqual([
      'ops/job-1',
      'shop/db-0',
      'shop/web-1',
      'shop/web-2',
      'shop/web-3',
    ]);
  });

  it('keeps the top N, ranked by CPU when no sort is given', () => {
    expect(arrangeRows(pods, undefined, 2).map((r) => r.key)).toEqual(['shop/db-0', 'shop/web-1']);
    expect(arrangeRows(pods, 'memory', 1).map((r) => r.key)).toEqual(['shop/db-0']);
    expect(arrangeRows(pods, 'name', 2).map((r) => r.key)).toEqual(['ops/job-1', 'shop/db-0']);
  });

  it('does not change the input', () => {
    const before = pods.map((r) => r.key);
    sortRows(pods, 'memory');
    expect(pods.map((r) => r.key)).toEqual(before);
  });
});

describe('share', () => {
  it('is absent without a total or with a zero total', () => {
    expect(share(0.5, 2)).toBe(0.25);
    expect(share(0.5, undefined)).toBeUndefined();
    expect(share(0.5, 0)).toBeUndefined();
    expect(share(undefined, 1)).toBeUndefined();
  });
});
