/**
 * printPod's STATUS, READY and RESTARTS (kubernetes pkg/printers/internalversion/printers.go, printPod), on
 * hand-written pods covering its branches.
 */
import { printPod } from './podPrint';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const running = { ready: true, started: true, state: { running: { startedAt: ago(600) } } };

function pod(
  status: Record<string, unknown>,
  spec: Record<string, unknown> = { containers: [{ name: 'app' }] },
  meta = {}
) {
  return { metadata: { creationTimestamp: ago(3600), ...meta }, spec, status };
}

describe('printPod', () => {
  it('Running and ready', () => {
    expect(printPod(pod({ phase: 'Running', containerStatuses: [{ name: 'app', ...running }] }), NOW)).toEqual({
      ready: '1/1',
      status: 'Running',
      restarts: '0',
    });
  });

  it('the first container waiting reason wins; restarts carry the age of the last termination', () => {
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } },
          },
          {
            name: 'side',
            ...running,
            restartCount: 1,
            lastState: { terminated: { exitCode: 137, finishedAt: ago(7200) } },
          },
        ],
      },
      { containers: [{ name: 'app' }, { name: 'side' }] }
    );
    expect(printPod(p, NOW)).toEqual({ ready: '1/2', status: 'CrashLoopBackOff', restarts: '5 (90s ago)' });
  });

  it('a terminated container without reason prints Signal:N or ExitCode:N', () => {
    const sig = pod({
      phase: 'Running',
      containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, signal: 9 } } }],
    });
    expect(printPod(sig, NOW).status).toBe('Signal:9');
    const code = pod({
      phase: 'Running',
      containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }],
    });
    expect(printPod(code, NOW).status).toBe('ExitCode:2');
  });

  it('init containers: Init:i/n, Init:<waiting reason>, Init:<failure>', () => {
    const spec = { initContainers: [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'app' }] };
    const done = { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(
      printPod(
        pod({ phase: 'Pending', initContainerStatuses: [done, { name: 'b', state: { running: {} } }] }, spec),
        NOW
      ).status
    ).toBe('Init:1/2');
    expect(
      printPod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [done, { name: 'b', state: { waiting: { reason: 'ImagePullBackOff' } } }],
          },
          spec
        ),
        NOW
      ).status
    ).toBe('Init:ImagePullBackOff');
    expect(
      printPod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [{ name: 'a', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
          },
          spec
        ),
        NOW
      ).status
    ).toBe('Init:Error');
  });

  it('a started sidecar does not block and counts in READY', () => {
    const spec = { initContainers: [{ name: 'mesh', restartPolicy: 'Always' }], containers: [{ name: 'app' }] };
    const p = pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'mesh', ...running, restartCount: 2 }],
        containerStatuses: [{ name: 'app', ...running }],
      },
      spec
    );
    expect(printPod(p, NOW)).toEqual({ ready: '2/2', status: 'Running', restarts: '2' });
  });

  it('Completed with a container still running is Running or NotReady by the Ready condition', () => {
    const statuses = [
      { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'side', ...running },
    ];
    const spec = { containers: [{ name: 'app' }, { name: 'side' }] };
    expect(
      printPod(
        pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses }, spec),
        NOW
      ).status
    ).toBe('Running');
    expect(printPod(pod({ phase: 'Running', containerStatuses: statuses }, spec), NOW).status).toBe('NotReady');
  });

  it('being deleted: Terminating, Unknown for NodeLost, the phase for a finished pod', () => {
    const deleting = { deletionTimestamp: ago(10) };
    expect(
      printPod(pod({ phase: 'Running', containerStatuses: [{ name: 'app', ...running }] }, undefined, deleting), NOW)
        .status
    ).toBe('Terminating');
    expect(printPod(pod({ phase: 'Running', reason: 'NodeLost' }, undefined, deleting), NOW).status).toBe('Unknown');
    expect(printPod(pod({ phase: 'Succeeded' }, undefined, deleting), NOW).status).toBe('Succeeded');
  });

  it('SchedulingGated from the PodScheduled condition', () => {
    const p = pod({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(printPod(p, NOW)).toEqual({ ready: '0/1', status: 'SchedulingGated', restarts: '0' });
  });
});
