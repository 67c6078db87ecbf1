import { EventInfo } from '../../decode/eventObjects';
import { imageChanges, readRevisions, ReplicaSetObject, rolloutMarks, stuckRolloutMarks } from './rollouts';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function rs(
  name: string,
  revision: string,
  createdMs: number,
  images: Record<string, string>,
  owner = 'web'
): ReplicaSetObject {
  return {
    metadata: {
      namespace: 'shop',
      name,
      creationTimestamp: iso(createdMs),
      annotations: { 'deployment.kubernetes.io/revision': revision },
      labels: { 'pod-template-hash': name.split('-').pop()! },
      ownerReferences: [{ kind: 'Deployment', name: owner, controller: true }],
    },
    spec: { template: { spec: { containers: Object.entries(images).map(([name, image]) => ({ name, image })) } } },
  };
}

describe('rollouts', () => {
  it('marks each revision after the first at its ReplicaSet creation, with the images that changed', () => {
    const revisions = readRevisions([
      rs('web-bbb', '2', T + 60_000, { app: 'web:1.1', proxy: 'envoy:1' }),
      rs('web-aaa', '1', T, { app: 'web:1.0', proxy: 'envoy:1' }),
      rs('api-ccc', '1', T, { api: 'api:1' }, 'api'),
    ]);
    const marks = rolloutMarks(revisions);
    expect(marks).toEqual([
      {
        timeMs: T + 60_000,
        kind: 'rollout',
        title: 'Rollout: shop/web revision 2',
        text: 'shop/web revision 1 → 2 (ReplicaSet web-bbb): app: web:1.0 → web:1.1',
        tags: ['rollout', 'shop', 'web'],
        explore: { queryType: 'logs', namespace: 'shop', labelSelector: 'pod-template-hash=bbb' },
      },
    ]);
  });

  it('dates a rollback (an old ReplicaSet given a new revision) by its last scale-up event', () => {
    const scaled: EventInfo = {
      namespace: 'shop',
      name: 'e',
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-aaa from 0 to 3',
      kind: 'Deployment',
      objectName: 'web',
      count: 1,
      firstMs: T + 120_000,
      lastMs: T + 120_000,
      source: null,
    };
    const revisions = readRevisions([
      rs('web-aaa', '3', T, { app: 'web:1.0' }),
      rs('web-bbb', '2', T + 60_000, { app: 'web:1.1' }),
    ]);
    expect(rolloutMarks(revisions, [scaled])).toMatchObject([
      {
        timeMs: T + 120_000,
        text: expect.stringContaining('revision 2 → 3 (ReplicaSet web-aaa): app: web:1.1 → web:1.0'),
      },
    ]);
    // without the event its time is not known: no mark rather than a wrong one
    expect(rolloutMarks(revisions)).toEqual([]);
  });

  it('says which containers were added, removed or changed', () => {
    expect(
      imageChanges(
        new Map([
          ['a', '1'],
          ['b', '1'],
        ]),
        new Map([
          ['a', '2'],
          ['c', '1'],
        ])
      )
    ).toEqual(['a: 1 → 2', 'c: added 1', 'b: removed 1']);
  });

  it('leaves out ReplicaSets no Deployment controls or without a revision', () => {
    const bare = rs('x-1', '1', T, { a: '1' });
    bare.metadata!.ownerReferences = [];
    const noRevision = rs('y-1', 'n/a', T, { a: '1' });
    expect(readRevisions([bare, noRevision])).toEqual([]);
  });

  it('marks a rollout stuck past its progress deadline', () => {
    const marks = stuckRolloutMarks([
      {
        metadata: { namespace: 'shop', name: 'web' },
        status: {
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "web-bbb" has timed out progressing.',
              lastTransitionTime: iso(T),
            },
          ],
        },
      },
      {
        metadata: { namespace: 'shop', name: 'ok' },
        status: { conditions: [{ type: 'Progressing', status: 'True', lastTransitionTime: iso(T) }] },
      },
    ]);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({
      timeMs: T,
      kind: 'stuckRollout',
      text: 'shop/web: ProgressDeadlineExceeded: ReplicaSet "web-bbb" has timed out progressing.',
    });
  });
});
