import { findRisks } from './findRisks';
import { cond, event, minutesAgo, node, NOW, objects, pod } from './riskFixtures';

describe('pod checks', () => {
  const pending = (extra: Parameters<typeof pod>[1] = {}) =>
    pod('ml-1', {
      phase: 'Pending',
      node: '',
      statuses: [],
      conditions: [
        cond('PodScheduled', 'False', 30, {
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
        }),
      ],
      ...extra,
    });

  it("quotes the scheduler's newest FailedScheduling event over the condition, with advice", () => {
    const events = [
      event('Pod', 'ml-1', 'Warning', 'FailedScheduling', 'old message', 20),
      event(
        'Pod',
        'ml-1',
        'Warning',
        'FailedScheduling',
        '0/3 nodes are available: 3 node(s) had untolerated taint {gpu: }.',
        1
      ),
      event('Pod', 'ml-1', 'Normal', 'Scheduled', 'not this one: a Warning wins', 0),
    ];
    const [f] = findRisks(objects({ pods: [pending()], events }), NOW);
    expect(f).toMatchObject({ severity: 'warning', check: 'KubePodNotReady', sinceMs: NOW - 30 * 60_000 });
    expect(f.node).toBeUndefined();
    expect(f.reason).toBe(
      'Pending for 30m, not scheduled: 0/3 nodes are available: 3 node(s) had untolerated taint {gpu: }. ' +
        'Add a toleration or remove the taint.'
    );
  });

  it('falls back to the PodScheduled condition without events', () => {
    const [f] = findRisks(objects({ pods: [pending()] }), NOW);
    expect(f.reason).toBe(
      'Pending for 30m, not scheduled: 0/3 nodes are available: 3 Insufficient cpu. Lower its requests or add capacity.'
    );
  });

  it('tells a pod held by scheduling gates apart, as info', () => {
    const p = pending({ conditions: [cond('PodScheduled', 'False', 5, { reason: 'SchedulingGated' })] });
    p.spec!.schedulingGates = [{ name: 'example.com/quota' }];
    const [f] = findRisks(objects({ pods: [p] }), NOW);
    expect(f).toMatchObject({ severity: 'info', check: 'PodSchedulingGated' });
    expect(f.reason).toBe('Pending for 5m: waits for its scheduling gates (example.com/quota) to be removed.');
  });

  it('reports a pod not ready for a while as a warning, and a fresh one as info, naming its node trouble', () => {
    const statuses = [{ name: 'app', ready: false, restartCount: 0, state: { running: {} } }];
    const nodes = [node('node-1', [cond('Ready', 'False', 20)])];
    const old = findRisks(objects({ pods: [pod('a', { ready: false, readySince: 20, statuses })], nodes }), NOW).filter(
      (f) => f.kind === 'Pod'
    );
    expect(old).toEqual([
      expect.objectContaining({
        severity: 'warning',
        check: 'KubePodNotReady',
        reason: 'Not ready for 20m: container app not ready (check its readiness probe); its node node-1 is NotReady.',
      }),
    ]);
    const fresh = findRisks(objects({ pods: [pod('a', { ready: false, readySince: 3, statuses })] }), NOW);
    expect(fresh.map((f) => f.severity)).toEqual(['info']);
  });

  it('reports a pod stuck Terminating past its deletion time, not a fresh deletion', () => {
    const nodes = [node('node-1', [cond('Ready', 'Unknown', 30)])];
    const stuck = findRisks(objects({ pods: [pod('a', { deletedMinutesAgo: 12 })], nodes }), NOW).filter(
      (f) => f.kind === 'Pod'
    );
    expect(stuck).toEqual([
      expect.objectContaining({ severity: 'warning', check: 'PodStuckTerminating', sinceMs: NOW - 12 * 60_000 }),
    ]);
    expect(stuck[0].reason).toMatch(/^Terminating for 12m past its deletion time; its node node-1 stopped reporting/);
    expect(findRisks(objects({ pods: [pod('a', { deletedMinutesAgo: 1 })] }), NOW)).toEqual([]);
  });

  it('leaves finished pods to their Job and notes evictions as info', () => {
    const done = pod('done', { phase: 'Succeeded', ready: false });
    const jobPod = pod('job-x', { phase: 'Failed', ready: false, owner: { kind: 'Job', name: 'job' } });
    const evicted = pod('ev', { phase: 'Failed', ready: false, owner: { kind: 'ReplicaSet', name: 'web-abc' } });
    evicted.status!.reason = 'Evicted';
    (evicted.status as { message?: string }).message = 'The node was low on resource: memory.';
    const found = findRisks(objects({ pods: [done, jobPod, evicted] }), NOW);
    expect(found).toEqual([
      expect.objectContaining({
        object: 'ev',
        severity: 'info',
        check: 'PodFailed',
        reason:
          'Failed (Evicted: The node was low on resource: memory); its controller replaces it: delete it once read.',
      }),
    ]);
  });

  it('gives a healthy pod no row', () => {
    expect(findRisks(objects({ pods: [pod('ok')] }), NOW)).toEqual([]);
    // and a restart that ended well over a day ago is history
    const old = pod('old', {
      statuses: [
        {
          name: 'app',
          ready: true,
          restartCount: 1,
          state: { running: {} },
          lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: minutesAgo(2 * 24 * 60) } },
        },
      ],
    });
    expect(findRisks(objects({ pods: [old] }), NOW)).toEqual([]);
  });
});
