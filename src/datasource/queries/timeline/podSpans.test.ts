import { EventInfo } from '../../decode/eventObjects';
import { podLanes, TimelinePod } from './podSpans';
import { Lane } from './timelineTypes';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const S = 1000;

function event(reason: string, firstMs: number, more: Partial<EventInfo> = {}): EventInfo {
  return {
    namespace: 'shop',
    name: `e-${reason}`,
    type: 'Normal',
    reason,
    message: null,
    kind: 'Pod',
    objectName: 'web-1',
    count: 1,
    firstMs,
    lastMs: firstMs,
    source: null,
    ...more,
  };
}

const states = (lane: Lane) => lane.spans.map((s) => [s.startMs - T, s.state]);

describe('podLanes', () => {
  it('follows a pod from creation through scheduling and start to Ready, and each container from its pull', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T) },
      status: {
        phase: 'Running',
        startTime: iso(T + 2 * S),
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: iso(T + S) },
          { type: 'Ready', status: 'True', lastTransitionTime: iso(T + 9 * S) },
        ],
        containerStatuses: [
          { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: iso(T + 7 * S) } } },
        ],
      },
    };
    const [podLane, app] = podLanes(pod, [event('Pulled', T + 5 * S, { container: 'app' })]);
    expect(podLane.label).toBe('shop/web-1');
    expect(states(podLane)).toEqual([
      [0, 'Pending'],
      [2 * S, 'NotReady'],
      [9 * S, 'Running'],
    ]);
    expect(app.label).toBe('shop/web-1 · app');
    expect(states(app)).toEqual([
      [5 * S, 'Waiting: ContainerCreating'],
      [7 * S, 'Running'],
    ]);
    expect(app.spans.every((s) => s.source === 'api')).toBe(true);
  });

  it('after a restart: the previous instance, its end state with exit code, then the current one; nothing guessed before', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T - 86_400 * S) },
      status: {
        startTime: iso(T - 86_000 * S),
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(T + 40 * S) }],
        containerStatuses: [
          {
            name: 'app',
            restartCount: 3,
            state: { running: { startedAt: iso(T + 30 * S) } },
            lastState: {
              terminated: { reason: 'OOMKilled', exitCode: 137, startedAt: iso(T), finishedAt: iso(T + 20 * S) },
            },
          },
        ],
      },
    };
    const [podLane, app] = podLanes(pod);
    // started long ago and restarted since: from its start the pod's state is unknown until Ready's transition
    expect(states(podLane)).toEqual([
      [-86_400 * S, 'Pending'],
      [-86_000 * S, null],
      [40 * S, 'Running'],
    ]);
    expect(states(app)).toEqual([
      [0, 'Running'],
      [20 * S, 'Terminated: OOMKilled (exit 137)'],
      [30 * S, 'Running'],
    ]);
  });

  it('a container that never started waits since the pod started, with its reason from the first failure', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T) },
      status: {
        startTime: iso(T + S),
        containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }],
      },
    };
    const events = [
      event('Pulling', T + 2 * S, { container: 'app', lastMs: T + 60 * S }),
      event('Failed', T + 3 * S, { container: 'app', type: 'Warning' }),
      event('BackOff', T + 4 * S, { container: 'app' }),
    ];
    expect(states(podLanes(pod, events)[1])).toEqual([
      [S, 'Waiting'],
      [2 * S, 'Waiting: ContainerCreating'],
      [3 * S, 'Waiting: ImagePullBackOff'],
    ]);
  });

  it('an unschedulable pod is Pending, then Unschedulable from the first FailedScheduling', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T) },
      status: {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: iso(T + 9 * S) },
        ],
      },
    };
    expect(states(podLanes(pod, [event('FailedScheduling', T + S)])[0])).toEqual([
      [0, 'Pending'],
      [S, 'Pending: Unschedulable'],
    ]);
    // without the event, from the condition's transition
    expect(states(podLanes(pod)[0])).toEqual([
      [0, 'Pending'],
      [9 * S, 'Pending: Unschedulable'],
    ]);
  });

  it('a pod on a node gone NotReady: Running while its containers were ready, NotReady, then Terminating on eviction', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T), deletionTimestamp: iso(T + 330 * S) },
      status: {
        startTime: iso(T),
        conditions: [
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByTaintManager',
            lastTransitionTime: iso(T + 300 * S),
          },
          { type: 'Ready', status: 'False', lastTransitionTime: iso(T + 100 * S) },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: iso(T + 5 * S) },
        ],
        containerStatuses: [
          { name: 'app', restartCount: 0, ready: true, state: { running: { startedAt: iso(T + 4 * S) } } },
        ],
      },
    };
    expect(states(podLanes(pod)[0])).toEqual([
      [0, 'NotReady'],
      [5 * S, 'Running'],
      [100 * S, 'NotReady'],
      [300 * S, 'Terminating: DeletionByTaintManager'],
    ]);
  });

  it('a finished pod ends Succeeded when its last container finished; init containers have lanes too', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'batch', name: 'job-1', creationTimestamp: iso(T) },
      status: {
        phase: 'Succeeded',
        startTime: iso(T),
        conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted', lastTransitionTime: iso(T + 50 * S) }],
        initContainerStatuses: [
          {
            name: 'setup',
            state: {
              terminated: { reason: 'Completed', exitCode: 0, startedAt: iso(T + S), finishedAt: iso(T + 2 * S) },
            },
          },
        ],
        containerStatuses: [
          {
            name: 'main',
            state: {
              terminated: { reason: 'Completed', exitCode: 0, startedAt: iso(T + 3 * S), finishedAt: iso(T + 50 * S) },
            },
          },
        ],
      },
    };
    const [podLane, setup, main] = podLanes(pod);
    expect(podLane.spans[podLane.spans.length - 1]).toMatchObject({ startMs: T + 50 * S, state: 'Succeeded' });
    expect(setup.label).toBe('batch/job-1 · setup (init)');
    expect(states(setup)).toEqual([
      [S, 'Running'],
      [2 * S, 'Terminated: Completed (exit 0)'],
    ]);
    expect(states(main).pop()).toEqual([50 * S, 'Terminated: Completed (exit 0)']);
  });

  it('a pod the kubelet evicted is Failed: Evicted from the eviction when its lost container tells no time', () => {
    const pod: TimelinePod = {
      metadata: { namespace: 'shop', name: 'web-1', creationTimestamp: iso(T) },
      status: {
        phase: 'Failed',
        reason: 'Evicted',
        startTime: iso(T),
        conditions: [
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'TerminationByKubelet',
            lastTransitionTime: iso(T + 60 * S),
          },
        ],
        containerStatuses: [
          { name: 'app', restartCount: 0, state: { terminated: { reason: 'ContainerStatusUnknown', exitCode: 137 } } },
        ],
      },
    };
    const [podLane, app] = podLanes(pod);
    expect(states(podLane)).toEqual([
      [0, 'NotReady'],
      [60 * S, 'Failed: Evicted'],
    ]);
    expect(app.spans).toEqual([]);
  });

  it('gives nothing for a pod without a name and tolerates missing status', () => {
    expect(podLanes({ metadata: { namespace: 'shop' } })).toEqual([]);
    const [only] = podLanes({ metadata: { namespace: 'shop', name: 'x' } });
    expect(only.spans).toEqual([]);
  });
});
