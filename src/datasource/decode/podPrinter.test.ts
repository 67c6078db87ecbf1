import { PodPrint, PrintablePod, printAge, printPod, printRestarts } from './podPrinter';

/**
 * Each case is a Pod as the API server returns it, with what `kubectl get pods` prints for it (printPod in
 * kubernetes pkg/printers/internalversion/printers.go). Times are relative to NOW.
 */
const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const MIN = 60_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

const CREATED = { creationTimestamp: ago(3 * 24 * 60 * MIN + 4 * 60 * MIN) };
const ONE_APP = { containers: [{ name: 'app' }] };
const TWO_APPS = { containers: [{ name: 'app' }, { name: 'proxy' }] };
const TWO_INITS = { initContainers: [{ name: 'migrate' }, { name: 'seed' }], containers: [{ name: 'app' }] };
const SIDECAR_FIRST = {
  initContainers: [{ name: 'mesh', restartPolicy: 'Always' }, { name: 'migrate' }],
  containers: [{ name: 'app' }],
};

const runningReady = { ready: true, started: true, state: { running: { startedAt: ago(60 * MIN) } } };
const runningNotReady = { ready: false, started: true, state: { running: { startedAt: ago(60 * MIN) } } };
const completed = { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } };

type Expected = Pick<PodPrint, 'status' | 'ready' | 'restarts'>;

const CASES: Array<[string, PrintablePod, Expected]> = [
  // phase and status.reason
  [
    'a Pending pod without statuses: the phase, nothing ready, RESTARTS 0',
    { metadata: CREATED, spec: ONE_APP, status: { phase: 'Pending' } },
    { status: 'Pending', ready: '0/1', restarts: 0 },
  ],
  [
    'a running pod: ready running containers count in READY',
    {
      metadata: CREATED,
      spec: TWO_APPS,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { name: 'app', ...runningReady },
          { name: 'proxy', ...runningReady },
        ],
      },
    },
    { status: 'Running', ready: '2/2', restarts: 0 },
  ],
  [
    // kubectl prints NotReady only through the Completed rule below: running-but-unready containers stay Running
    'a Running pod whose containers run but are not ready: Running, 0/1',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'app', ...runningNotReady }],
      },
    },
    { status: 'Running', ready: '0/1', restarts: 0 },
  ],
  [
    'status.reason overrides the phase (an evicted pod)',
    { metadata: CREATED, spec: ONE_APP, status: { phase: 'Failed', reason: 'Evicted' } },
    { status: 'Evicted', ready: '0/1', restarts: 0 },
  ],
  [
    'no phase and no reason: an empty STATUS, as kubectl prints it',
    { metadata: CREATED, spec: ONE_APP, status: {} },
    { status: '', ready: '0/1', restarts: 0 },
  ],
  [
    'the PodScheduled condition with reason SchedulingGated',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    },
    { status: 'SchedulingGated', ready: '0/1', restarts: 0 },
  ],

  // app container reasons, read from the last container to the first
  [
    'a waiting reason (CrashLoopBackOff), with the restarts',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'app', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    },
    { status: 'CrashLoopBackOff', ready: '0/1', restarts: 7 },
  ],
  [
    'the first container with a reason wins over later ones',
    {
      metadata: CREATED,
      spec: TWO_APPS,
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'app', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'proxy', ready: false, state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      },
    },
    { status: 'ImagePullBackOff', ready: '0/2', restarts: 0 },
  ],
  [
    'a finished pod: Completed',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'app', ...completed }] },
    },
    { status: 'Completed', ready: '0/1', restarts: 0 },
  ],
  [
    'a failed container with a reason: Error',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', ready: false, state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      },
    },
    { status: 'Error', ready: '0/1', restarts: 0 },
  ],
  [
    'a terminated container without a reason: ExitCode:N',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: { phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] },
    },
    { status: 'ExitCode:2', ready: '0/1', restarts: 0 },
  ],
  [
    'a terminated container killed by a signal, without a reason: Signal:N',
    {
      metadata: CREATED,
      spec: ONE_APP,
      status: {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137, signal: 9 } } }],
      },
    },
    { status: 'Signal:9', ready: '0/1', restarts: 0 },
  ],
  [
    // "Completed" with a container still running: back to Running if the pod is Ready, else NotReady
    'one container Completed, another running, the pod not Ready: NotReady',
    {
      metadata: CREATED,
      spec: TWO_APPS,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'app', ...completed },
          { name: 'proxy', ...runningReady },
        ],
      },
    },
    { status: 'NotReady', ready: '1/2', restarts: 0 },
  ],
  [
    'one container Completed, another running, the pod Ready: Running',
    {
      metadata: CREATED,
      spec: TWO_APPS,
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          { name: 'app', ...completed },
          { name: 'proxy', ...runningReady },
        ],
      },
    },
    { status: 'Running', ready: '1/2', restarts: 0 },
  ],

  // init containers
  [
    'the first init container still running: Init:0/2',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', ready: false, state: { running: { startedAt: ago(MIN) } } },
          { name: 'seed', ready: false, state: { waiting: { reason: 'PodInitializing' } } },
        ],
        containerStatuses: [{ name: 'app', ready: false, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    },
    { status: 'Init:0/2', ready: '0/1', restarts: 0 },
  ],
  [
    'the first done, the second waiting with PodInitializing: Init:1/2',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', ...completed },
          { name: 'seed', ready: false, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    },
    { status: 'Init:1/2', ready: '0/1', restarts: 0 },
  ],
  [
    'an init container in a waiting state with a reason: Init:<reason>, restarts counted',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'seed', state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    },
    { status: 'Init:CrashLoopBackOff', ready: '0/1', restarts: 3 },
  ],
  [
    'a failed init container with a reason: Init:Error',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Failed',
        initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
      },
    },
    { status: 'Init:Error', ready: '0/1', restarts: 0 },
  ],
  [
    'a failed init container without a reason: Init:ExitCode:N',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 3 } } }],
      },
    },
    { status: 'Init:ExitCode:3', ready: '0/1', restarts: 0 },
  ],
  [
    'an init container killed by a signal, without a reason: Init:Signal:N',
    {
      metadata: CREATED,
      spec: TWO_INITS,
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 143, signal: 15 } } }],
      },
    },
    { status: 'Init:Signal:15', ready: '0/1', restarts: 0 },
  ],

  // sidecars: init containers with restartPolicy Always count in READY's total and, once started, as running
  [
    'a started, ready sidecar does not block and counts in READY',
    {
      metadata: CREATED,
      spec: SIDECAR_FIRST,
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        initContainerStatuses: [
          { name: 'mesh', ...runningReady },
          { name: 'migrate', ...completed },
        ],
        containerStatuses: [{ name: 'app', ...runningReady }],
      },
    },
    { status: 'Running', ready: '2/2', restarts: 0 },
  ],
  [
    'a started sidecar that is not ready yet: not blocking, not counted ready',
    {
      metadata: CREATED,
      spec: SIDECAR_FIRST,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'mesh', ...runningNotReady },
          { name: 'migrate', ready: false, state: { running: { startedAt: ago(MIN) } } },
        ],
      },
    },
    { status: 'Init:1/2', ready: '0/2', restarts: 0 },
  ],
  [
    'a sidecar running but not yet started (startup probe pending) blocks: Init:0/2',
    {
      metadata: CREATED,
      spec: SIDECAR_FIRST,
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'mesh', ready: false, started: false, state: { running: { startedAt: ago(MIN) } } },
          { name: 'migrate', ready: false, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    },
    { status: 'Init:0/2', ready: '0/2', restarts: 0 },
  ],

  // deletion
  [
    'a running pod being deleted: Terminating',
    {
      metadata: { ...CREATED, deletionTimestamp: ago(MIN) },
      spec: ONE_APP,
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ...runningReady }] },
    },
    { status: 'Terminating', ready: '1/1', restarts: 0 },
  ],
  [
    'a finished pod being deleted keeps its status: no Terminating for Succeeded or Failed',
    {
      metadata: { ...CREATED, deletionTimestamp: ago(MIN) },
      spec: ONE_APP,
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'app', ...completed }] },
    },
    { status: 'Completed', ready: '0/1', restarts: 0 },
  ],
  [
    'a pod being deleted on a lost node (reason NodeLost): Unknown',
    {
      metadata: { ...CREATED, deletionTimestamp: ago(MIN) },
      spec: ONE_APP,
      status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [{ name: 'app', ...runningReady }] },
    },
    { status: 'Unknown', ready: '1/1', restarts: 0 },
  ],
];

describe('printPod: STATUS, READY and RESTARTS as kubectl prints them', () => {
  it.each(CASES)('%s', (_what, pod, expected) => {
    const p = printPod(pod);
    expect({ status: p.status, ready: p.ready, restarts: p.restarts }).toEqual(expected);
  });
});

describe('printPod: RESTARTS and the last restart', () => {
  it('gives "N (5m ago)" from the newest lastState.terminated.finishedAt of the counted containers', () => {
    const p = printPod({
      spec: TWO_APPS,
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'app', ...runningReady, restartCount: 3, lastState: { terminated: { finishedAt: ago(5 * MIN) } } },
          { name: 'proxy', ...runningReady, restartCount: 1, lastState: { terminated: { finishedAt: ago(90 * MIN) } } },
        ],
      },
    });
    expect(p).toMatchObject({ restarts: 4, lastRestartMs: NOW - 5 * MIN });
    expect(printRestarts(p, NOW)).toBe('4 (5m ago)');
  });

  it('prints just the count when no finish time is known, and 0 for a pod that never restarted', () => {
    const p = printPod({
      spec: ONE_APP,
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ...runningReady, restartCount: 2 }] },
    });
    expect(printRestarts(p, NOW)).toBe('2');
    expect(printRestarts(printPod({ spec: ONE_APP, status: { phase: 'Pending' } }), NOW)).toBe('0');
  });

  // while initialising, kubectl adds the init containers it read, up to and including the one that blocks
  it('counts init containers up to the blocking one while initialising', () => {
    const p = printPod({
      spec: { initContainers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', ...completed, restartCount: 2, lastState: { terminated: { finishedAt: ago(20 * MIN) } } },
          { name: 'b', restartCount: 1, state: { running: {} } },
          { name: 'c', restartCount: 9, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    });
    expect(p).toMatchObject({ status: 'Init:1/3', restarts: 3, lastRestartMs: NOW - 20 * MIN });
  });

  // once initialised, run-to-completion init containers drop out; sidecars and app containers count
  it('counts sidecars and app containers, not finished init containers, once initialised', () => {
    const p = printPod({
      spec: SIDECAR_FIRST,
      status: {
        phase: 'Running',
        initContainerStatuses: [
          { name: 'mesh', ...runningReady, restartCount: 1, lastState: { terminated: { finishedAt: ago(30 * MIN) } } },
          { name: 'migrate', ...completed, restartCount: 5, lastState: { terminated: { finishedAt: ago(2 * MIN) } } },
        ],
        containerStatuses: [
          { name: 'app', ...runningReady, restartCount: 4, lastState: { terminated: { finishedAt: ago(10 * MIN) } } },
        ],
      },
    });
    expect(p).toMatchObject({ status: 'Running', ready: '2/2', restarts: 5, lastRestartMs: NOW - 10 * MIN });
    expect(printRestarts(p, NOW)).toBe('5 (10m ago)');
  });

  // an Initialized condition that is True lets kubectl read the app containers even when an init status lags
  it('reads app containers when the Initialized condition is True despite an unfinished init status', () => {
    const p = printPod({
      spec: { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'migrate', restartCount: 6, state: { waiting: { reason: 'PodInitializing' } } },
        ],
        containerStatuses: [{ name: 'app', ...runningReady, restartCount: 2 }],
      },
    });
    expect(p).toMatchObject({ status: 'Init:0/1', ready: '1/1', restarts: 2 });
  });
});

describe('printAge', () => {
  it('prints AGE as kubectl does, and <unknown> without a creation time', () => {
    const p = printPod({ metadata: CREATED, spec: ONE_APP, status: { phase: 'Running' } });
    expect(printAge(p.creationMs, NOW)).toBe('3d4h');
    expect(printAge(printPod({}).creationMs, NOW)).toBe('<unknown>');
  });
});

describe('printPod: odd input', () => {
  it('reads a pod with nothing in it, and ignores values of the wrong type', () => {
    expect(printPod({})).toEqual({ status: '', readyContainers: 0, totalContainers: 0, ready: '0/0', restarts: 0 });
    const p = printPod({
      spec: { containers: null, initContainers: [null, { name: 7, restartPolicy: 'Always' }] },
      status: {
        phase: 42,
        containerStatuses: [null, { name: 'x', restartCount: '3', ready: 'yes', state: { running: {} } }],
      },
    });
    expect(p).toMatchObject({ status: '', ready: '0/1', restarts: 0 });
  });
});
