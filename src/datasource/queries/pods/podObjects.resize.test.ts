/**
 * Requests and limits in effect for pods of Kubernetes 1.33–1.37: in-place resize (container status
 * `resources` and `allocatedResources`, the PodResize* conditions) and pod-level resources (`spec.resources`,
 * pod `status.resources`). The objects are shaped as the API server sends them.
 */
import { PodObject } from '../../decode/apiTypes';
import { decodePod } from './podObjects';

const Mi = 1024 * 1024;
const Gi = 1024 * Mi;

function decode(pod: PodObject) {
  const problems: string[] = [];
  const p = decodePod(pod, problems);
  expect(problems).toEqual([]);
  return p!;
}

/** A running one-container pod whose `app` spec asks for 2 CPU while the kubelet still applies 1. */
function resized(conditions: NonNullable<PodObject['status']>['conditions'], allocatedCpu: string): PodObject {
  return {
    metadata: { name: 'api-0', namespace: 'shop' },
    spec: {
      nodeName: 'n1',
      containers: [
        {
          name: 'app',
          resources: { requests: { cpu: '2', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: '2026-12-01T10:00:00Z' },
        { type: 'Initialized', status: 'True', lastTransitionTime: '2026-12-01T10:00:00Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-12-01T10:00:05Z' },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: '2026-12-01T10:00:05Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-12-01T09:59:59Z' },
        ...(conditions ?? []),
      ],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-12-01T10:00:01Z' } },
          allocatedResources: { cpu: allocatedCpu, memory: '512Mi' },
          resources: { requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        },
      ],
    },
  };
}

describe('decodePod: in-place resize', () => {
  it('holds usage against what the kubelet applied and keeps the spec beside it while a resize runs', () => {
    const p = decode(
      resized([{ type: 'PodResizeInProgress', status: 'True', lastTransitionTime: '2026-12-01T10:30:00Z' }], '2')
    );
    expect(p.resize).toBe('In progress');
    expect(p.containers[0]).toMatchObject({
      cpuRequest: 1,
      cpuLimit: 1,
      memoryRequest: 512 * Mi,
      memoryLimit: Gi,
      desired: { cpuRequest: 2, cpuLimit: 2, memoryRequest: 512 * Mi, memoryLimit: Gi },
    });
    expect(p.resources).toEqual({ cpuRequest: 1, cpuLimit: 1, memoryRequest: 512 * Mi, memoryLimit: Gi });
    expect(p.desiredResources).toEqual({ cpuRequest: 2, cpuLimit: 2, memoryRequest: 512 * Mi, memoryLimit: Gi });
  });

  it('says why a resize waits: Deferred with the kubelet’s message', () => {
    const message = "Node didn't have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000";
    const p = decode(
      resized(
        [
          {
            type: 'PodResizePending',
            status: 'True',
            reason: 'Deferred',
            message,
            lastTransitionTime: '2026-12-01T10:30:00Z',
          },
        ],
        '1'
      )
    );
    expect(p.resize).toBe(`Pending (Deferred): ${message}`);
    expect(p.resources.cpuRequest).toBe(1);
    expect(p.desiredResources?.cpuRequest).toBe(2);
  });

  it('shows Infeasible, and both states when a new resize arrives during another', () => {
    const message = "Node didn't have enough capacity: cpu, requested: 8000, capacity: 4000";
    const p = decode(
      resized(
        [
          { type: 'PodResizePending', status: 'True', reason: 'Infeasible', message },
          { type: 'PodResizeInProgress', status: 'True' },
        ],
        '1'
      )
    );
    expect(p.resize).toBe(`Pending (Infeasible): ${message}; In progress`);
    expect(p.resources.cpuRequest).toBe(1);
  });

  it('takes the admitted requests when the runtime has not reported what it applied', () => {
    const pod = resized([{ type: 'PodResizeInProgress', status: 'True' }], '1500m');
    delete pod.status!.containerStatuses![0].resources;
    const p = decode(pod);
    // requests: allocatedResources; limits: the spec (allocatedResources has no limits)
    expect(p.containers[0]).toMatchObject({ cpuRequest: 1.5, cpuLimit: 2, desired: { cpuRequest: 2 } });
  });

  it('does not take an Infeasible spec as in effect for a container the kubelet reports nothing for', () => {
    const pod = resized([{ type: 'PodResizePending', status: 'True', reason: 'Infeasible' }], '1');
    pod.status!.containerStatuses![0] = { name: 'app', ready: false, restartCount: 1, state: { waiting: {} } };
    const p = decode(pod);
    expect(p.containers[0]).toMatchObject({ cpuRequest: undefined, desired: { cpuRequest: 2 } });
  });

  it('reads the pre-1.33 status.resize field', () => {
    const pod = resized([], '1');
    pod.status!.resize = 'Infeasible';
    expect(decode(pod).resize).toBe('Pending (Infeasible)');
    pod.status!.resize = 'InProgress';
    expect(decode(pod).resize).toBe('In progress');
  });

  it('has no resize and no separate spec when status and spec agree (every running container on 1.33+)', () => {
    const pod = resized([], '2');
    pod.status!.containerStatuses![0].resources = {
      requests: { cpu: '2', memory: '512Mi' },
      limits: { cpu: '2', memory: '1Gi' },
    };
    const p = decode(pod);
    expect(p.resize).toBeUndefined();
    expect(p.containers[0].desired).toBeUndefined();
    expect(p.desiredResources).toBeUndefined();
    expect(p.resources.cpuRequest).toBe(2);
  });

  it('compares amounts, not spellings: 1000m applied for a spec of 1 is no resize', () => {
    const pod = resized([], '1');
    pod.spec!.containers![0].resources = { requests: { cpu: '1000m' }, limits: { cpu: '1' } };
    pod.status!.containerStatuses![0].resources = { requests: { cpu: '1' }, limits: { cpu: '1' } };
    const p = decode(pod);
    expect(p.containers[0].desired).toBeUndefined();
  });
});

/** A pod with pod-level resources (1.34+), a sidecar and an app container. */
function podLevel(extra: Partial<NonNullable<PodObject['status']>> = {}): PodObject {
  return {
    metadata: { name: 'batch-1', namespace: 'jobs' },
    spec: {
      nodeName: 'n2',
      overhead: { cpu: '250m', memory: '120Mi' },
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      initContainers: [{ name: 'mesh', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } }],
      containers: [{ name: 'worker', resources: { requests: { cpu: '200m' }, limits: { memory: '512Mi' } } }],
    },
    status: { phase: 'Running', ...extra },
  };
}

describe('decodePod: pod-level resources', () => {
  it('makes the pod’s requests and limits the pod-level ones plus overhead; containers keep their own', () => {
    const p = decode(podLevel());
    expect(p.resources).toEqual({
      cpuRequest: 1.25,
      memoryRequest: Gi + 120 * Mi,
      cpuLimit: 2.25,
      memoryLimit: 2 * Gi + 120 * Mi,
    });
    expect(p.desiredResources).toBeUndefined();
    expect(p.containers.map((c) => [c.name, c.cpuRequest, c.memoryLimit])).toEqual([
      ['mesh', 0.1, undefined],
      ['worker', 0.2, 512 * Mi],
    ]);
  });

  it('leaves to the containers what the pod does not set', () => {
    const pod = podLevel();
    pod.spec!.overhead = null;
    pod.spec!.resources = { requests: { cpu: '1' } };
    const p = decode(pod);
    // cpu from the pod; memory: no container has a memory request; the sidecar has no memory limit
    expect(p.resources).toEqual({
      cpuRequest: 1,
      memoryRequest: undefined,
      cpuLimit: undefined,
      memoryLimit: undefined,
    });
  });

  it('takes a pod-level resize’s applied status.resources (they include the overhead) as in effect', () => {
    const p = decode(
      podLevel({
        conditions: [{ type: 'PodResizeInProgress', status: 'True' }],
        allocatedResources: { cpu: '2250m', memory: '1144Mi' },
        resources: {
          requests: { cpu: '1250m', memory: '1144Mi' },
          limits: { cpu: '2250m', memory: '2168Mi' },
        },
      })
    );
    expect(p.resources.cpuRequest).toBe(1.25);
    expect(p.resources.memoryLimit).toBe(2168 * Mi);
    expect(p.resize).toBe('In progress');
    // the spec asks for 1 CPU more than the pod had: 1 + 0.25 overhead → shown while it applies
    const pod = podLevel();
    pod.spec!.resources = { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } };
    pod.status = {
      phase: 'Running',
      conditions: [{ type: 'PodResizeInProgress', status: 'True' }],
      resources: { requests: { cpu: '1250m' } },
    };
    const q = decode(pod);
    expect(q.resources.cpuRequest).toBe(1.25);
    expect(q.desiredResources?.cpuRequest).toBe(2.25);
  });
});
