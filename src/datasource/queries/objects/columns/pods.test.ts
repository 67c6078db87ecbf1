import { ObjectColumn } from './columns';
import { ContainerStatus, PodObject } from '../../../decode/apiTypes';
import { podColumns } from './pods';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const iso = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: iso(600) } },
  ...extra,
});

function pod(p: Partial<PodObject> & { containers?: string[] }): PodObject {
  const { containers = ['app'], ...rest } = p;
  return {
    metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: iso(3600) },
    spec: { containers: containers.map((name) => ({ name })), nodeName: 'node-1', ...p.spec },
    status: { phase: 'Running', podIP: '10.1.2.3', ...p.status },
    ...(rest.metadata ? { metadata: rest.metadata } : {}),
  };
}

const col = (cols: ObjectColumn[], name: string) => cols.find((c) => c.name === name)!.values;

describe('podColumns status', () => {
  // the STATUS/READY/RESTARTS cases are in decode/podPrinter.test.ts; this checks the columns use that printer
  it('prints kubectl STATUS, READY with sidecars, and an empty cell for a pod without a phase', () => {
    const crashing = pod({
      status: {
        containerStatuses: [
          { name: 'app', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    });
    const withSidecar = pod({
      spec: { initContainers: [{ name: 'mesh', restartPolicy: 'Always' }] },
      status: {
        initContainerStatuses: [running('mesh', { restartCount: 1 })],
        containerStatuses: [running('app', { restartCount: 2 })],
      },
    });
    const deleting = pod({ status: { phase: 'Running', containerStatuses: [running('app')] } });
    deleting.metadata = { ...deleting.metadata, deletionTimestamp: iso(5) };
    const cols = podColumns([crashing, withSidecar, deleting, { metadata: { name: 'x' } }], NOW);
    expect(col(cols, 'status')).toEqual(['CrashLoopBackOff', 'Running', 'Terminating', null]);
    expect(col(cols, 'ready')).toEqual(['0/1', '2/2', '1/1', '0/0']);
    expect(col(cols, 'restarts')).toEqual([5, 3, 0, 0]);
  });
});

describe('podColumns', () => {
  it('prints ready as "n/m", ages in seconds, and leaves the IP and node of a pending pod empty', () => {
    const cols = podColumns(
      [
        pod({ status: { containerStatuses: [running('app')] } }),
        pod({ spec: { nodeName: undefined }, status: { phase: 'Pending', podIP: undefined } }),
      ],
      NOW
    );
    expect(col(cols, 'ready')).toEqual(['1/1', '0/1']);
    expect(col(cols, 'age')).toEqual([3600, 3600]);
    expect(col(cols, 'ip')).toEqual(['10.1.2.3', null]);
    expect(col(cols, 'node')).toEqual(['node-1', null]);
    expect(cols.find((c) => c.name === 'age')!.unit).toBe('dtdurations');
  });

  it('shows how long ago the last restart was only for restarted pods', () => {
    const restarted = pod({
      status: {
        containerStatuses: [
          running('app', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: iso(90) } } }),
        ],
      },
    });
    const cols = podColumns([restarted, pod({ status: { containerStatuses: [running('app')] } })], NOW);
    expect(col(cols, 'restarts')).toEqual([2, 0]);
    expect(col(cols, 'lastRestart')).toEqual([90, null]);
  });
});
