import { DecodeError } from '../../decode/decodeError';
import { PodObject } from '../../decode/apiTypes';
import { decodePod, decodePodList, effectiveAmount } from './podObjects';

const Mi = 1024 * 1024;

function pod(overrides: Partial<PodObject> = {}): PodObject {
  return {
    metadata: {
      name: 'web-5d9c7-abcde',
      namespace: 'shop',
      creationTimestamp: '2026-03-01T11:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '5d9c7' },
      ownerReferences: [
        { kind: 'Node', name: 'n1', controller: false },
        { kind: 'ReplicaSet', name: 'web-5d9c7', controller: true },
      ],
    },
    spec: {
      nodeName: 'n1',
      containers: [
        {
          name: 'app',
          resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
        },
        { name: 'proxy', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
      ],
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'proxy', ready: true, restartCount: 0, state: { running: { startedAt: '2026-03-01T11:00:05Z' } } },
        { name: 'app', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
    ...overrides,
  };
}

describe('decodePod', () => {
  it('reads placement, owner, containers with their status (matched by name) and the pod totals', () => {
    const problems: string[] = [];
    const p = decodePod(pod(), problems);
    expect(problems).toEqual([]);
    expect(p).toMatchObject({
      namespace: 'shop',
      name: 'web-5d9c7-abcde',
      node: 'n1',
      phase: 'Running',
      status: 'CrashLoopBackOff',
      creationMs: Date.UTC(2026, 2, 1, 11),
      templateHash: '5d9c7',
      owner: { kind: 'ReplicaSet', name: 'web-5d9c7' },
      initContainers: [],
    });
    expect(p!.containers).toEqual([
      {
        name: 'app',
        sidecar: false,
        cpuRequest: 0.25,
        memoryRequest: 128 * Mi,
        cpuLimit: 1,
        memoryLimit: 256 * Mi,
        ready: false,
        restarts: 7,
        state: 'CrashLoopBackOff',
      },
      {
        name: 'proxy',
        sidecar: false,
        cpuRequest: 0.1,
        memoryRequest: 64 * Mi,
        cpuLimit: undefined,
        memoryLimit: 128 * Mi,
        ready: true,
        restarts: 0,
        state: 'Running',
      },
    ]);
    // one container without a CPU limit leaves the pod without one
    expect(p!.resources).toEqual({
      cpuRequest: 0.35,
      memoryRequest: 192 * Mi,
      cpuLimit: undefined,
      memoryLimit: 384 * Mi,
    });
  });

  it('has no node, phase-only status and absent container state for a pod not yet scheduled', () => {
    const p = decodePod(pod({ spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } }), []);
    expect(p).toMatchObject({ node: undefined, status: 'Pending', resources: {} });
    expect(p!.containers[0]).toMatchObject({ state: undefined, ready: undefined, restarts: undefined });
  });

  it('puts sidecars (restartable init containers) with the containers and keeps other init containers apart', () => {
    const p = decodePod(
      pod({
        spec: {
          initContainers: [
            { name: 'migrate', resources: { requests: { cpu: '2' } } },
            { name: 'mesh', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
          ],
          containers: [{ name: 'app', resources: { requests: { cpu: '1' } } }],
        },
        status: { phase: 'Running' },
      }),
      []
    );
    expect(p!.containers.map((c) => [c.name, c.sidecar])).toEqual([
      ['mesh', true],
      ['app', false],
    ]);
    expect(p!.initContainers.map((c) => c.name)).toEqual(['migrate']);
    // max(app 1 + sidecar 0.5, migrate 2 alone) = 2
    expect(p!.resources.cpuRequest).toBe(2);
  });

  it('records a malformed quantity and keeps the rest of the pod', () => {
    const problems: string[] = [];
    const p = decodePod(
      pod({ spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'half', memory: '1Gi' } } }] } }),
      problems
    );
    expect(p!.containers[0]).toMatchObject({ cpuRequest: undefined, memoryRequest: 1024 * Mi });
    expect(problems).toEqual([expect.stringContaining('pod shop/web-5d9c7-abcde container c cpu request')]);
  });

  it('takes only the controller reference as the owner', () => {
    const p = decodePod(
      pod({ metadata: { name: 'x', namespace: 'n', ownerReferences: [{ kind: 'ReplicaSet', name: 'r' }] } }),
      []
    );
    expect(p!.owner).toBeUndefined();
  });
});

describe('effectiveAmount (the Kubernetes effective request rule)', () => {
  it('is the larger of the app containers plus sidecars and the biggest init container', () => {
    expect(
      effectiveAmount(
        [1, 1],
        [
          { value: 2, sidecar: false },
          { value: 3, sidecar: false },
        ],
        undefined,
        'request'
      )
    ).toBe(3);
    expect(effectiveAmount([1, 1], [{ value: 1, sidecar: false }], undefined, 'request')).toBe(2);
  });

  it('runs an init container beside the sidecars started before it, not after', () => {
    const sidecarFirst = [
      { value: 0.5, sidecar: true },
      { value: 2, sidecar: false },
    ];
    expect(effectiveAmount([1], sidecarFirst, undefined, 'request')).toBe(2.5);
    expect(effectiveAmount([1], [...sidecarFirst].reverse(), undefined, 'request')).toBe(2);
  });

  it('adds pod overhead and treats unset requests as zero', () => {
    expect(effectiveAmount([undefined, 1], [], 0.25, 'request')).toBe(1.25);
    expect(effectiveAmount([undefined], [], undefined, 'request')).toBeUndefined();
  });

  it('has no limit when an app container or sidecar has none', () => {
    expect(effectiveAmount([1, undefined], [], undefined, 'limit')).toBeUndefined();
    expect(effectiveAmount([1], [{ value: undefined, sidecar: true }], undefined, 'limit')).toBeUndefined();
    expect(effectiveAmount([1], [{ value: undefined, sidecar: false }], undefined, 'limit')).toBe(1);
  });
});

// decodePod takes STATUS, READY and RESTARTS from podPrinter (cases in podPrinter.test.ts)
describe('decodePod: kubectl STATUS, READY and RESTARTS', () => {
  it('gives a Pending pod without container statuses RESTARTS 0', () => {
    const p = decodePod(pod({ spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } }), []);
    expect(p).toMatchObject({ status: 'Pending', ready: '0/1', restarts: 0 });
  });

  it('counts sidecars in READY and leaves finished init containers out of RESTARTS once initialised', () => {
    const p = decodePod(
      pod({
        spec: {
          initContainers: [{ name: 'migrate' }, { name: 'mesh', restartPolicy: 'Always' }],
          containers: [{ name: 'app' }],
        },
        status: {
          phase: 'Running',
          initContainerStatuses: [
            { name: 'migrate', restartCount: 4, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'mesh', ready: true, started: true, restartCount: 1, state: { running: {} } },
          ],
          containerStatuses: [{ name: 'app', ready: true, restartCount: 2, state: { running: {} } }],
        },
      }),
      []
    );
    expect(p).toMatchObject({ status: 'Running', ready: '2/2', restarts: 3 });
  });

  it('says Terminating for a pod being deleted', () => {
    const p = decodePod(
      pod({ metadata: { name: 'p', namespace: 'n', deletionTimestamp: '2026-03-01T11:00:00Z' } }),
      []
    );
    expect(p?.status).toBe('Terminating');
  });
});

describe('decodePodList', () => {
  it('leaves out pods without a name or namespace and says so', () => {
    const { items, problems } = decodePodList({ items: [{ metadata: { name: 'x' } }, pod()] });
    expect(items.map((p) => p.name)).toEqual(['web-5d9c7-abcde']);
    expect(problems).toEqual(['a Pod without metadata.name or metadata.namespace']);
  });

  it('rejects a body that is not a list', () => {
    expect(() => decodePodList('<html>')).toThrow(DecodeError);
  });
});
