/** @jest-environment node */
/**
 * The printer cases as kubectl's printPod (pkg/printers/internalversion/printers.go) shows them when the
 * sim serves them: each pod is built from the SimPod by objects.ts, with the conditions the kubelet would
 * write (Initialized False while initialising), and printed by podPrint.ts, the server's Table printer.
 */
import { buildCluster } from './cluster';
import { podJson } from '../api/objects';
import { printPod } from '../api/podPrint';
import { printerCasePods } from './printerCases';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('printerCasePods', () => {
  const cluster = buildCluster(1, 3, 4, T);
  const node = cluster.nodes[1];
  const rows = Object.fromEntries(
    printerCasePods(node.name, T).map((p) => {
      const { ready, status, restarts } = printPod(podJson(cluster, p, p.nodeName ? node : undefined, T), T);
      return [p.name.replace(/^printer-/, ''), `${ready} ${status} ${restarts}`];
    })
  );

  it('prints each case as kubectl does', () => {
    expect(rows).toEqual({
      'init-running': '0/1 Init:1/2 0',
      'init-crashloop': '0/1 Init:CrashLoopBackOff 4 (6m ago)',
      'init-exitcode': '0/1 Init:ExitCode:3 0',
      'init-error': '0/1 Init:Error 0',
      restarts: '1/1 Running 3 (25m ago)',
      'image-pull': '0/1 ImagePullBackOff 0',
      'err-image': '0/1 ErrImagePull 0',
      crashloop: '0/1 CrashLoopBackOff 12 (3m ago)',
      completed: '0/1 Completed 0',
      error: '0/1 Error 0',
      exitcode: '0/1 ExitCode:137 0',
      'sidecar-restarted': '2/2 Running 2 (40m ago)',
      'sidecar-initializing': '1/2 Init:1/2 0',
      'sidecar-starting': '0/2 Init:0/1 0',
      'pod-initializing': '0/1 PodInitializing 0',
      signal: '0/1 Signal:9 0',
      'init-signal': '0/1 Init:Signal:15 0',
      'scheduling-gated': '0/1 SchedulingGated 0',
      'not-ready': '1/2 NotReady 0',
    });
  });
});
