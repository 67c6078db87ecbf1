import { PodUsage } from './podMetrics';
import { ContainerInfo, PodInfo } from './podObjects';
import { joinPods, withoutMetricsNotice } from './podsJoin';

const c = (name: string, extra: Partial<ContainerInfo> = {}): ContainerInfo => ({ name, sidecar: false, ...extra });

const web: PodInfo = {
  namespace: 'shop',
  name: 'web-1',
  node: 'n1',
  phase: 'Running',
  // what decodePod's printer gives: app (2) and proxy (1) restarts; the finished init container's drop out
  status: 'Running',
  ready: '1/2',
  restarts: 3,
  creationMs: 1000,
  owner: { kind: 'StatefulSet', name: 'web' },
  containers: [
    c('app', { cpuRequest: 0.5, memoryLimit: 512, ready: true, restarts: 2, state: 'Running' }),
    c('proxy', { cpuRequest: 0.1, ready: false, restarts: 1, state: 'Running' }),
  ],
  initContainers: [c('init', { restarts: 1, state: 'Completed' })],
  resources: { cpuRequest: 0.6 },
};
const pending: PodInfo = {
  ...web,
  name: 'web-2',
  node: undefined,
  phase: 'Pending',
  status: 'Pending',
  ready: '0/1',
  restarts: 0,
  containers: [c('app')],
  initContainers: [],
};
const waiting: PodInfo = { ...web, name: 'web-3', status: 'CrashLoopBackOff' };

// metrics-server lists containers in random order: proxy first here
const usage: PodUsage[] = [
  {
    namespace: 'shop',
    name: 'web-1',
    containers: [
      { name: 'proxy', cpu: 0.01, memory: 10 },
      { name: 'app', cpu: 0.4, memory: 300 },
    ],
    cpu: 0.41,
    memory: 310,
    timestampMs: 5000,
  },
  { namespace: 'shop', name: 'filtered-out', containers: [{ name: 'x', cpu: 1, memory: 1 }], cpu: 1, memory: 1 },
];

describe('joinPods', () => {
  it('joins containers by name whatever order metrics-server sent them in', () => {
    const out = joinPods([web], usage, {}, true);
    expect(out.containerRows.map((r) => [r.key, r.cpu, r.memory, r.cpuRequest, r.ready, r.restarts, r.status])).toEqual(
      [
        ['shop/web-1/app', 0.4, 300, 0.5, true, 2, 'Running'],
        ['shop/web-1/proxy', 0.01, 10, 0.1, false, 1, 'Running'],
      ]
    );
    expect(out.containerRows[0]).toMatchObject({
      node: 'n1',
      workload: { kind: 'StatefulSet', name: 'web' },
      timestampMs: 5000,
    });
  });

  it("makes one pod row with the pod totals and kubectl's READY and RESTARTS", () => {
    const out = joinPods([web], usage, {}, false);
    expect(out.containerRows).toEqual([]);
    expect(out.podRows).toEqual([
      expect.objectContaining({
        key: 'shop/web-1',
        cpu: 0.41,
        memory: 310,
        cpuRequest: 0.6,
        ready: '1/2',
        restarts: 3,
        pods: 1,
      }),
    ]);
  });

  it('drops usage of pods not in the list (filtered out by node or field selector)', () => {
    const out = joinPods([web], usage, {}, true);
    expect(out.podRows.map((r) => r.pod)).toEqual(['web-1']);
  });

  it('keeps pods without metrics with usage absent, and counts running and not running apart', () => {
    const out = joinPods([web, pending, waiting], usage, {}, true);
    expect(out.podRows.map((r) => [r.pod, r.cpu, r.memory])).toEqual([
      ['web-1', 0.41, 310],
      ['web-2', undefined, undefined],
      ['web-3', undefined, undefined],
    ]);
    // a Pending pod shows RESTARTS 0, as kubectl does, not an empty cell
    expect(out.podRows.map((r) => [r.pod, r.status, r.ready, r.restarts])).toEqual([
      ['web-1', 'Running', '1/2', 3],
      ['web-2', 'Pending', '0/1', 0],
      ['web-3', 'CrashLoopBackOff', '1/2', 3],
    ]);
    expect(out.runningWithoutMetrics).toEqual(['shop/web-3']);
    expect(out.notRunningWithoutMetrics).toEqual(['shop/web-2']);
    const [notice] = withoutMetricsNotice(out);
    expect(notice.text).toContain('1 running pod(s) have no metrics yet: shop/web-3');
    expect(notice.text).toContain('1 pod(s) are not running');
    expect(notice.text).toContain('shop/web-2');
  });

  it('does not count pods as without metrics when the metrics could not be read', () => {
    const out = joinPods([web, pending], undefined, {}, false);
    expect(out.podRows.map((r) => r.cpu)).toEqual([undefined, undefined]);
    expect(withoutMetricsNotice(out)).toEqual([]);
  });

  it('makes rows from usage alone by pod name when the Pod objects could not be read', () => {
    const out = joinPods(undefined, usage, {}, true);
    expect(out.podRows.map((r) => [r.key, r.cpu, r.node, r.workload, r.cpuRequest])).toEqual([
      ['shop/web-1', 0.41, undefined, undefined, undefined],
      ['shop/filtered-out', 1, undefined, undefined, undefined],
    ]);
    expect(out.containerRows.map((r) => r.key)).toEqual(['shop/web-1/proxy', 'shop/web-1/app', 'shop/filtered-out/x']);
  });

  it('marks sidecar rows, carries swap and a container’s own resize values', () => {
    const meshed: PodInfo = {
      ...web,
      containers: [
        c('mesh', { sidecar: true, cpuRequest: 0.1, restarts: 4, state: 'Running' }),
        c('app', { cpuRequest: 1, desired: { cpuRequest: 2 } }),
      ],
      resize: 'In progress',
    };
    const withSwap: PodUsage[] = [
      { ...usage[0], containers: [{ name: 'mesh', cpu: 0.01, memory: 5, swap: 7 }], swap: 7 },
    ];
    const out = joinPods([meshed], withSwap, {}, true);
    expect(
      out.containerRows.map((r) => [r.container, r.containerType, r.restarts, r.swap, r.desired, r.resize])
    ).toEqual([
      ['mesh', 'sidecar', 4, 7, undefined, 'In progress'],
      ['app', 'app', undefined, undefined, { cpuRequest: 2 }, 'In progress'],
    ]);
    expect(out.podRows[0]).toMatchObject({ swap: 7, resize: 'In progress' });
  });
});
