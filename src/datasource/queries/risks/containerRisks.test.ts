import { findRisks } from './findRisks';
import { minutesAgo, NOW, objects, pod } from './riskFixtures';

const crashed = (reason: string, exitCode: number, restartCount = 7) => ({
  name: 'app',
  ready: false,
  restartCount,
  state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
  lastState: { terminated: { reason, exitCode, finishedAt: minutesAgo(3) } },
});

const risks = (...pods: Array<ReturnType<typeof pod>>) => findRisks(objects({ pods }), NOW);

describe('container checks', () => {
  it('says an OOM-killed crash loop needs more memory, naming the limit', () => {
    const [f, ...rest] = risks(
      pod('web-1', { ready: false, statuses: [crashed('OOMKilled', 137)], memoryLimit: '256Mi' })
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'critical', check: 'KubePodCrashLooping', object: 'web-1', container: 'app' });
    expect(f.reason).toBe(
      'Container app restarted 7 times, last OOMKilled (exit 137) 3m ago, and is in CrashLoopBackOff: ' +
        'raise its memory limit (256Mi) or find what makes it use more.'
    );
  });

  it('says a container without a memory limit was killed by its node running out', () => {
    const [f] = risks(pod('web-1', { ready: false, statuses: [crashed('OOMKilled', 137)] }));
    expect(f.reason).toContain('it has no memory limit, so its node ran out of memory');
  });

  it('sends an erroring crash loop to its previous logs, and a clean exit to its command', () => {
    expect(risks(pod('a', { ready: false, statuses: [crashed('Error', 1, 1)] }))[0].reason).toContain(
      'restarted once, last Error (exit 1) 3m ago'
    );
    expect(risks(pod('a', { ready: false, statuses: [crashed('Error', 1)] }))[0].reason).toContain(
      'read its previous logs for the error'
    );
    expect(risks(pod('a', { ready: false, statuses: [crashed('Completed', 0)] }))[0].reason).toContain(
      'it exits successfully but must keep running'
    );
  });

  it('reports an image pull back-off at once, with how long and what to check', () => {
    const statuses = [
      {
        name: 'app',
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "shop/web:2.0"' } },
      },
    ];
    const [f, ...rest] = risks(pod('web-1', { ready: false, readySince: 4, statuses }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', check: 'KubeContainerWaiting', sinceMs: NOW - 4 * 60_000 });
    expect(f.reason).toBe(
      'Container app waiting (ImagePullBackOff) for 4m: Back-off pulling image "shop/web:2.0". ' +
        'Check the image name and tag, and that the node can pull it (registry, imagePullSecrets).'
    );
  });

  it('lets a container be created for a while, then reports it', () => {
    const statuses = [
      { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
    ];
    // young: only the pod's own not-ready row, as info
    expect(risks(pod('a', { ready: false, readySince: 2, statuses })).map((f) => [f.check, f.severity])).toEqual([
      ['KubePodNotReady', 'info'],
    ]);
    expect(risks(pod('a', { ready: false, readySince: 40, statuses })).map((f) => [f.check, f.severity])).toEqual([
      ['KubeContainerWaiting', 'warning'],
    ]);
  });

  it('warns of an OOM kill in the last day of a container running again, and notes other restarts as info', () => {
    const statuses = (reason: string, exitCode: number, minutes: number) => [
      {
        name: 'app',
        ready: true,
        restartCount: 2,
        state: { running: { startedAt: minutesAgo(minutes - 1) } },
        lastState: { terminated: { reason, exitCode, finishedAt: minutesAgo(minutes) } },
      },
    ];
    const [oom] = risks(pod('a', { statuses: statuses('OOMKilled', 137, 80), memoryLimit: '1Gi' }));
    expect(oom).toMatchObject({ severity: 'warning', check: 'ContainerOOMKilled' });
    expect(oom.reason).toBe(
      'Container app restarted 2 times, last OOMKilled (exit 137) 80m ago; running again: ' +
        'raise its memory limit (1Gi) or find what makes it use more.'
    );
    expect(risks(pod('a', { statuses: statuses('Error', 2, 30) }))[0]).toMatchObject({
      severity: 'info',
      check: 'ContainerRestarted',
    });
    // older than a day, or a clean exit: nothing to say
    expect(risks(pod('a', { statuses: statuses('OOMKilled', 137, 25 * 60) }))).toEqual([]);
    expect(risks(pod('a', { statuses: statuses('Completed', 0, 10) }))).toEqual([]);
  });
});
