import { ObjectColumn } from './columns';
import { ContainerStatus, PodObj } from './kubeObjects';
import { podColumns, summarizePod } from './pods';

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

function pod(p: Partial<PodObj> & { containers?: string[] }): PodObj {
  const { containers = ['app'], ...rest } = p;
  return {
    metadata: { name: 'web-1', namespace: 'shop', creationTimestamp: iso(3600) },
    spec: { containers: containers.map((name) => ({ name })), nodeName: 'node-1', ...p.spec },
    status: { phase: 'Running', podIP: '10.1.2.3', ...p.status },
    ...(rest.metadata ? { metadata: rest.metadata } : {}),
  };
}

const col = (cols: ObjectColumn[], name: string) => cols.find((c) => c.name === name)!.values;

describe('summarizePod: kubectl STATUS and READY', () => {
  it('shows a healthy pod as Running with every container ready', () => {
    const s = summarizePod(
      pod({ containers: ['app', 'proxy'], status: { containerStatuses: [running('app'), running('proxy')] } })
    );
    expect(s).toMatchObject({ status: 'Running', readyContainers: 2, totalContainers: 2, restarts: 0 });
  });

  it('shows a crash-looping container reason and counts its restarts with the last restart time', () => {
    const s = summarizePod(
      pod({
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(300) } },
            },
          ],
        },
      })
    );
    expect(s.status).toBe('CrashLoopBackOff');
    expect(s.readyContainers).toBe(0);
    expect(s.restarts).toBe(5);
    expect(s.lastRestartMs).toBe(NOW - 300_000);
  });

  it('shows a finished job pod as Completed and 0/1 ready', () => {
    const s = summarizePod(
      pod({
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      })
    );
    expect(s).toMatchObject({ status: 'Completed', readyContainers: 0, totalContainers: 1 });
  });

  it('shows an unscheduled pod with no container statuses as Pending', () => {
    const s = summarizePod(pod({ spec: { nodeName: undefined }, status: { phase: 'Pending', podIP: undefined } }));
    expect(s).toMatchObject({ status: 'Pending', readyContainers: 0, totalContainers: 1 });
  });

  it('shows how far init containers got (Init:1/2)', () => {
    const s = summarizePod(
      pod({
        spec: { initContainers: [{ name: 'migrate' }, { name: 'seed' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'seed', state: { running: {} } },
          ],
          containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }],
        },
      })
    );
    expect(s.status).toBe('Init:1/2');
  });

  it('shows a failing init container by its reason, or its exit code when it gives none', () => {
    const withReason = summarizePod(
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      })
    );
    expect(withReason.status).toBe('Init:CrashLoopBackOff');
    expect(withReason.restarts).toBe(3);

    const exitCode = summarizePod(
      pod({
        spec: { initContainers: [{ name: 'migrate' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 2 } } }],
        },
      })
    );
    expect(exitCode.status).toBe('Init:ExitCode:2');
  });

  it('counts a started sidecar (restartable init container) as a ready container', () => {
    const s = summarizePod(
      pod({
        spec: { initContainers: [{ name: 'mesh', restartPolicy: 'Always' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [running('mesh', { restartCount: 1 })],
          containerStatuses: [running('app', { restartCount: 2 })],
        },
      })
    );
    expect(s).toMatchObject({ status: 'Running', readyContainers: 2, totalContainers: 2, restarts: 3 });
  });

  it('says NotReady when one container completed while another still runs and the pod is not Ready', () => {
    const s = summarizePod(
      pod({
        containers: ['app', 'once'],
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            running('app'),
            { name: 'once', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      })
    );
    expect(s.status).toBe('NotReady');
  });

  it('says Terminating for a pod being deleted, but keeps a terminal phase', () => {
    const deleting = pod({ status: { phase: 'Running', containerStatuses: [running('app')] } });
    deleting.metadata = { ...deleting.metadata, deletionTimestamp: iso(5) };
    expect(summarizePod(deleting).status).toBe('Terminating');

    const done = pod({ status: { phase: 'Succeeded', containerStatuses: [] } });
    done.metadata = { ...done.metadata, deletionTimestamp: iso(5) };
    expect(summarizePod(done).status).toBe('Succeeded');
  });

  it('says Unknown for a deleted pod whose node was lost', () => {
    const lost = pod({ status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] } });
    lost.metadata = { ...lost.metadata, deletionTimestamp: iso(5) };
    expect(summarizePod(lost).status).toBe('Unknown');
  });

  it('uses the pod reason (Evicted) and a terminated container signal', () => {
    expect(summarizePod(pod({ status: { phase: 'Failed', reason: 'Evicted' } })).status).toBe('Evicted');
    const killed = summarizePod(
      pod({
        status: {
          phase: 'Running',
          containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, signal: 9 } } }],
        },
      })
    );
    expect(killed.status).toBe('Signal:9');
  });

  it('keeps the status absent when the pod has no phase at all', () => {
    expect(summarizePod({ metadata: { name: 'x' } }).status).toBeNull();
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
