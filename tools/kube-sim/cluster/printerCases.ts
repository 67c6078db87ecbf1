/**
 * Pods for the pod-printer cases the generated cluster does not reliably hold (kubectl's printPod in
 * pkg/printers/internalversion/printers.go): init containers in progress, failing, exited and killed by a
 * signal, native sidecars (KEP-753) starting, running and restarted, terminated containers with a reason,
 * without one and by a signal, PodInitializing, SchedulingGated and the NotReady case, with restarts in
 * init and app containers. Appended to a generated cluster on one of its nodes; times are relative to
 * `nowMs`. While an init container has not finished, objects.ts reports Initialized=False as the kubelet
 * does, and the app containers wait with reason PodInitializing.
 */
import type { SimContainer, SimPod } from './model';
import { container, pod } from './testCluster';

const MIN = 60_000;
const HOUR = 60 * MIN;

export function printerCasePods(nodeName: string, nowMs: number, namespace = 'shop'): SimPod[] {
  const created = nowMs - 3 * HOUR;
  const c = (over: Partial<SimContainer> & { name: string }): SimContainer =>
    container({ startedAtMs: nowMs - 2 * HOUR, ...over });
  const initDone = (name: string, restartCount = 0): SimContainer =>
    c({
      name,
      init: true,
      state: 'terminated',
      reason: 'Completed',
      exitCode: 0,
      ready: false,
      startedAtMs: created + 10_000,
      finishedAtMs: created + 20_000,
      restartCount,
      hasPrevious: restartCount > 0,
      ...(restartCount > 0 ? { lastReason: 'Error', lastExitCode: 1 } : {}),
    });
  // the kubelet holds app containers in PodInitializing until the pod is initialised
  const waitingApp = (): SimContainer =>
    c({ name: 'app', state: 'waiting', reason: 'PodInitializing', ready: false, startedAtMs: 0 });
  const sidecar = (over: Partial<SimContainer> = {}): SimContainer =>
    c({ name: 'istio-proxy', init: true, restartPolicy: 'Always', startedAtMs: created + 8000, ...over });
  const p = (name: string, over: Partial<SimPod>, ip: number): SimPod =>
    pod({
      name: `printer-${name}`,
      namespace,
      nodeName,
      creationMs: created,
      startMs: created + 5000,
      ip: `10.244.200.${ip}`,
      ...over,
    });
  return [
    // Init:1/2: the first init container finished, the second runs
    p(
      'init-running',
      {
        phase: 'Pending',
        initContainers: [initDone('migrate'), c({ name: 'warm', init: true, ready: false })],
        containers: [waitingApp()],
      },
      1
    ),
    // Init:CrashLoopBackOff, RESTARTS counts the init container's restarts while initialising
    p(
      'init-crashloop',
      {
        phase: 'Pending',
        initContainers: [
          c({
            name: 'migrate',
            init: true,
            state: 'waiting',
            reason: 'CrashLoopBackOff',
            ready: false,
            restartCount: 4,
            hasPrevious: true,
            startedAtMs: nowMs - 7 * MIN,
            finishedAtMs: nowMs - 6 * MIN,
          }),
        ],
        containers: [waitingApp()],
      },
      2
    ),
    // Init:ExitCode:3: an init container exited non-zero without a reason
    p(
      'init-exitcode',
      {
        phase: 'Pending',
        initContainers: [
          c({
            name: 'migrate',
            init: true,
            state: 'terminated',
            reason: '',
            exitCode: 3,
            ready: false,
            finishedAtMs: nowMs - 5 * MIN,
          }),
        ],
        containers: [waitingApp()],
      },
      3
    ),
    // Init:Error
    p(
      'init-error',
      {
        phase: 'Pending',
        initContainers: [
          c({
            name: 'migrate',
            init: true,
            state: 'terminated',
            reason: 'Error',
            exitCode: 1,
            ready: false,
            finishedAtMs: nowMs - 5 * MIN,
          }),
        ],
        containers: [waitingApp()],
      },
      4
    ),
    // Running with restarts in both an (finished) init container and the app: only the app's count
    p(
      'restarts',
      {
        phase: 'Running',
        initContainers: [initDone('migrate', 2)],
        containers: [c({ name: 'app', restartCount: 3, hasPrevious: true, startedAtMs: nowMs - 25 * MIN })],
      },
      5
    ),
    p(
      'image-pull',
      {
        phase: 'Pending',
        containers: [c({ name: 'app', state: 'waiting', reason: 'ImagePullBackOff', ready: false, startedAtMs: 0 })],
      },
      6
    ),
    p(
      'err-image',
      {
        phase: 'Pending',
        containers: [c({ name: 'app', state: 'waiting', reason: 'ErrImagePull', ready: false, startedAtMs: 0 })],
      },
      7
    ),
    p(
      'crashloop',
      {
        phase: 'Running',
        containers: [
          c({
            name: 'app',
            state: 'waiting',
            reason: 'CrashLoopBackOff',
            ready: false,
            restartCount: 12,
            hasPrevious: true,
            startedAtMs: nowMs - 90 * MIN,
            finishedAtMs: nowMs - 3 * MIN,
          }),
        ],
      },
      8
    ),
    // terminated: Completed, Error, ExitCode:137 (no reason)
    p(
      'completed',
      {
        phase: 'Succeeded',
        containers: [
          c({
            name: 'app',
            state: 'terminated',
            reason: 'Completed',
            exitCode: 0,
            ready: false,
            finishedAtMs: nowMs - HOUR,
          }),
        ],
      },
      9
    ),
    p(
      'error',
      {
        phase: 'Failed',
        containers: [
          c({
            name: 'app',
            state: 'terminated',
            reason: 'Error',
            exitCode: 1,
            ready: false,
            finishedAtMs: nowMs - HOUR,
          }),
        ],
      },
      10
    ),
    p(
      'exitcode',
      {
        phase: 'Failed',
        containers: [
          c({ name: 'app', state: 'terminated', reason: '', exitCode: 137, ready: false, finishedAtMs: nowMs - HOUR }),
        ],
      },
      11
    ),
    // a native sidecar that restarted: READY counts it, RESTARTS are its restarts once initialised
    p(
      'sidecar-restarted',
      {
        phase: 'Running',
        initContainers: [
          sidecar({
            restartCount: 2,
            hasPrevious: true,
            lastReason: 'Error',
            lastExitCode: 1,
            startedAtMs: nowMs - 40 * MIN,
          }),
        ],
        containers: [c({ name: 'app' })],
      },
      13
    ),
    // still initialising behind a started sidecar: Init:1/2, the sidecar counts in READY
    p(
      'sidecar-initializing',
      {
        phase: 'Pending',
        startMs: nowMs - 2 * MIN,
        initContainers: [
          sidecar({ startedAtMs: nowMs - 110_000 }),
          c({ name: 'migrate', init: true, ready: false, startedAtMs: nowMs - 100_000 }),
        ],
        containers: [waitingApp()],
      },
      14
    ),
    // a sidecar that has not started yet blocks: Init:0/1
    p(
      'sidecar-starting',
      {
        phase: 'Pending',
        startMs: nowMs - MIN,
        initContainers: [sidecar({ state: 'waiting', reason: '', ready: false, startedAtMs: 0 })],
        containers: [waitingApp()],
      },
      15
    ),
    // init containers done, the app not started yet: PodInitializing
    p(
      'pod-initializing',
      {
        phase: 'Pending',
        initContainers: [initDone('migrate')],
        containers: [waitingApp()],
      },
      16
    ),
    // killed by a signal with no reason: Signal:9, and Init:Signal:15 for an init container
    p(
      'signal',
      {
        phase: 'Failed',
        containers: [
          c({
            name: 'app',
            state: 'terminated',
            reason: '',
            exitCode: 137,
            signal: 9,
            ready: false,
            finishedAtMs: nowMs - HOUR,
          }),
        ],
      },
      17
    ),
    p(
      'init-signal',
      {
        phase: 'Pending',
        initContainers: [
          c({
            name: 'migrate',
            init: true,
            state: 'terminated',
            reason: '',
            exitCode: 143,
            signal: 15,
            ready: false,
            finishedAtMs: nowMs - 5 * MIN,
          }),
        ],
        containers: [waitingApp()],
      },
      18
    ),
    // held back by a scheduling gate: Pending, no node, PodScheduled False with reason SchedulingGated
    p(
      'scheduling-gated',
      {
        phase: 'Pending',
        nodeName: '',
        ip: '',
        schedulingGates: ['example.com/quota-check'],
        containers: [c({ name: 'app', state: 'waiting', reason: undefined, ready: false, startedAtMs: 0 })],
      },
      19
    ),
    // NotReady: one container completed (so unready and the Ready condition False), one runs ready
    p(
      'not-ready',
      {
        phase: 'Running',
        containers: [
          c({
            name: 'setup',
            state: 'terminated',
            reason: 'Completed',
            exitCode: 0,
            ready: false,
            finishedAtMs: nowMs - HOUR,
          }),
          c({ name: 'app' }),
        ],
      },
      12
    ),
  ];
}
