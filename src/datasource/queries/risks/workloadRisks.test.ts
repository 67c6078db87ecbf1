import { findRisks } from './findRisks';
import { cond, NOW, objects, pod } from './riskFixtures';

const meta = (name: string) => ({ name, namespace: 'shop' });

describe('workload checks', () => {
  it('reports a rollout past its deadline, and the replicas short, linking one unready pod', () => {
    const d = {
      metadata: meta('web'),
      spec: { replicas: 3 },
      status: {
        availableReplicas: 2,
        conditions: [
          cond('Available', 'False', 40),
          cond('Progressing', 'False', 30, {
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-5d9c" has timed out progressing.',
          }),
        ],
      },
    };
    // the Deployment's pods are owned by its ReplicaSet, named with the pod-template-hash
    const bad = pod('web-5d9c-x1', {
      ready: false,
      readySince: 30,
      owner: { kind: 'ReplicaSet', name: 'web-5d9c' },
      hash: '5d9c',
    });
    const found = findRisks(objects({ deployments: [d], pods: [bad] }), NOW).filter((f) => f.kind === 'Deployment');
    expect(found).toEqual([
      expect.objectContaining({
        check: 'KubeDeploymentReplicasMismatch',
        severity: 'warning',
        pod: 'web-5d9c-x1',
        reason: "2 of 3 replicas available for 40m; see its pods' rows for why.",
      }),
      expect.objectContaining({
        check: 'KubeDeploymentRolloutStuck',
        severity: 'warning',
        pod: 'web-5d9c-x1',
        reason:
          'Rollout stuck for 30m (ProgressDeadlineExceeded): ReplicaSet "web-5d9c" has timed out progressing. ' +
          'Fix the new pods (see their rows) or roll back: kubectl rollout undo.',
      }),
    ]);
  });

  it('makes a workload with no replica left critical once it lasts, info while fresh', () => {
    const d = (minutes: number) => ({
      metadata: meta('api'),
      spec: { replicas: 2 },
      status: { conditions: [cond('Available', 'False', minutes)] },
    });
    expect(findRisks(objects({ deployments: [d(60)] }), NOW)[0]).toMatchObject({
      severity: 'critical',
      reason: "0 of 2 replicas available for 60m: none serves; see its pods' rows for why.",
    });
    expect(findRisks(objects({ deployments: [d(2)] }), NOW)[0].severity).toBe('info');
    // scaled to zero, or paused: nothing to report
    expect(findRisks(objects({ deployments: [{ metadata: meta('z'), spec: { replicas: 0 } }] }), NOW)).toEqual([]);
    expect(findRisks(objects({ deployments: [{ ...d(60), spec: { replicas: 2, paused: true } }] }), NOW)).toEqual([]);
  });

  it('reports StatefulSets short of ready replicas and with an update not rolled out', () => {
    const s = {
      metadata: meta('db'),
      spec: { replicas: 3 },
      status: { readyReplicas: 2, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2' },
    };
    expect(findRisks(objects({ statefulSets: [s] }), NOW).map((f) => [f.check, f.severity])).toEqual([
      ['KubeStatefulSetReplicasMismatch', 'warning'],
      ['KubeStatefulSetUpdateNotRolledOut', 'warning'],
    ]);
  });

  it('reports DaemonSets not scheduled, misscheduled or short of available pods', () => {
    const ds = {
      metadata: meta('agent'),
      status: {
        desiredNumberScheduled: 5,
        currentNumberScheduled: 4,
        numberMisscheduled: 1,
        numberAvailable: 3,
        updatedNumberScheduled: 5,
      },
    };
    const found = findRisks(objects({ daemonSets: [ds] }), NOW);
    expect(found.map((f) => f.check).sort()).toEqual([
      'KubeDaemonSetMisScheduled',
      'KubeDaemonSetNotScheduled',
      'KubeDaemonSetRolloutStuck',
    ]);
    expect(found.find((f) => f.check === 'KubeDaemonSetNotScheduled')!.reason).toMatch(
      /^1 of 5 nodes have no pod of it/
    );
    const healthy = {
      metadata: meta('ok'),
      status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberAvailable: 2, updatedNumberScheduled: 2 },
    };
    expect(findRisks(objects({ daemonSets: [healthy] }), NOW)).toEqual([]);
  });

  it('reports a failed Job with its reason, not a finished one', () => {
    const failed = {
      metadata: meta('nightly'),
      status: {
        failed: 6,
        conditions: [
          cond('Failed', 'True', 10, {
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          }),
        ],
      },
    };
    const done = { metadata: meta('done'), status: { conditions: [cond('Complete', 'True', 10)] } };
    const found = findRisks(objects({ jobs: [failed, done] }), NOW);
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'Job',
        object: 'nightly',
        severity: 'warning',
        check: 'KubeJobFailed',
        sinceMs: NOW - 10 * 60_000,
        reason:
          "Failed (BackoffLimitExceeded: Job has reached the specified backoff limit) after 6 failed pod(s): read the failed pods' logs; delete the Job to clear this.",
      }),
    ]);
  });

  it('reports an HPA at its maximum once it lasts, and one that cannot read its metrics; not a fixed size', () => {
    const hpa = (min: number, max: number, current: number, minutes: number) => ({
      metadata: meta('web'),
      spec: { minReplicas: min, maxReplicas: max, scaleTargetRef: { kind: 'Deployment', name: 'web' } },
      status: {
        currentReplicas: current,
        conditions: [cond('ScalingLimited', 'True', minutes, { reason: 'TooManyReplicas' })],
      },
    });
    expect(findRisks(objects({ hpas: [hpa(2, 10, 10, 30)] }), NOW)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        check: 'KubeHpaMaxedOut',
        reason:
          'At its maximum of 10 replicas for Deployment web for 30m: it cannot scale further; raise maxReplicas or make the pods do more each.',
      }),
    ]);
    expect(findRisks(objects({ hpas: [hpa(2, 10, 10, 3)] }), NOW)[0].severity).toBe('info');
    expect(findRisks(objects({ hpas: [hpa(3, 3, 3, 30)] }), NOW)).toEqual([]);
    const blind = hpa(1, 5, 2, 30);
    blind.status.conditions = [
      cond('ScalingActive', 'False', 8, { reason: 'FailedGetResourceMetric', message: 'no metrics returned' }),
    ];
    expect(findRisks(objects({ hpas: [blind] }), NOW)[0]).toMatchObject({
      check: 'KubeHpaReplicasMismatch',
      reason:
        'Cannot scale Deployment web (FailedGetResourceMetric): no metrics returned; check its metrics source (metrics-server or the adapter).',
    });
  });
});
