/** @jest-environment node */
/**
 * The real kubectl against kube-sim (a TLS sim: kubectl sends no token to http://). Every command runs
 * once, all at once, in beforeAll; each test reads its output. The columns are the server's: kubectl
 * prints the meta.k8s.io Table kube-sim answers (pkg/printers/internalversion/printers.go), adding
 * NAMESPACE for -A and hiding priority-1 columns unless -o wide.
 */
import { KubeSim, manualClock, startKubeSim } from '../kube-sim';
import { Run, clientDir, headerOf, kubectl, parseTable, requireKubectl } from './clients';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

/** the server's column names per kind, as kubectl prints them (upper-cased) for `get <kind> -A` */
const KIND_HEADERS: Record<string, string[]> = {
  pods: ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  events: ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  persistentvolumeclaims: [
    'NAMESPACE',
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    'VOLUMEATTRIBUTESCLASS',
    'AGE',
  ],
  deployments: ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  replicasets: ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  statefulsets: ['NAMESPACE', 'NAME', 'READY', 'AGE'],
  daemonsets: ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  jobs: ['NAMESPACE', 'NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  services: ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  endpoints: ['NAMESPACE', 'NAME', 'ENDPOINTS', 'AGE'],
  endpointslices: ['NAMESPACE', 'NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  configmaps: ['NAMESPACE', 'NAME', 'DATA', 'AGE'],
  leases: ['NAMESPACE', 'NAME', 'HOLDER', 'AGE'],
};

let sim: KubeSim;
let scratch: ReturnType<typeof clientDir> | undefined;
const out = new Map<string, Run>();
let checkout: { ns: string; name: string };
let single: { ns: string; name: string };
let sidecarPod: { ns: string; name: string };
let resizing: { ns: string; name: string };
const SINCE = new Date(T0 - 10 * 60_000).toISOString().replace('.000Z', 'Z');

/** the commands, by the name the tests use */
function commands(): Record<string, string[]> {
  const cmds: Record<string, string[]> = {
    pods: ['get', 'pods', '-A'],
    podsWide: ['get', 'pods', '-A', '-o', 'wide'],
    podsChunked: ['get', 'pods', '-A', '--chunk-size=5'],
    nodes: ['get', 'nodes'],
    nodesWide: ['get', 'nodes', '-o', 'wide'],
    namespaces: ['get', 'ns'],
    all: ['get', 'all', '-A'],
    apiResources: ['api-resources'],
    topNodes: ['top', 'nodes'],
    topPods: ['top', 'pods', '-A'],
    logs: ['logs', '-n', single.ns, single.name],
    logsTail: ['logs', '-n', single.ns, single.name, '--tail=3'],
    logsSince: ['logs', '-n', single.ns, single.name, `--since-time=${SINCE}`, '--timestamps'],
    logsPrevious: ['logs', '-n', checkout.ns, checkout.name, '--previous', '--tail=5'],
    logsNoPrevious: ['logs', '-n', single.ns, single.name, '--previous'],
    sidecarPod: ['get', 'pod', '-n', sidecarPod.ns, sidecarPod.name],
    sidecarLogs: ['logs', '-n', sidecarPod.ns, sidecarPod.name, '-c', 'istio-proxy', '--tail=3'],
    sidecarSpec: [
      'get',
      'pod',
      '-n',
      sidecarPod.ns,
      sidecarPod.name,
      '-o',
      'jsonpath={.spec.initContainers[0].restartPolicy} {.status.initContainerStatuses[0].started}',
    ],
    resize: [
      'get',
      'pod',
      '-n',
      resizing.ns,
      resizing.name,
      '-o',
      'jsonpath={.status.conditions[?(@.type=="PodResizeInProgress")].status} {.status.containerStatuses[0].resources.requests.cpu} {.spec.containers[0].resources.requests.cpu}',
    ],
    canList: ['auth', 'can-i', 'list', 'pods'],
    canCreate: ['auth', 'can-i', 'create', 'pods'],
    readyz: ['get', '--raw', '/readyz'],
    livez: ['get', '--raw', '/livez?verbose'],
  };
  for (const kind of Object.keys(KIND_HEADERS)) {
    cmds[`kind:${kind}`] = ['get', kind, '-A'];
  }
  return cmds;
}

beforeAll(async () => {
  requireKubectl();
  sim = await startKubeSim({ tls: true, nodes: 12, podsPerNode: 6, seed: 3, clock: manualClock(T0) });
  const c = sim.cluster;
  const pod = (pred: (p: (typeof c.pods)[number]) => boolean) => {
    const p = c.pods.find(pred)!;
    return { ns: p.namespace, name: p.name };
  };
  checkout = pod((p) => p.name.startsWith('checkout-'));
  single = pod((p) => p.name.startsWith('legacy-batch-ui-'));
  // shop/frontend runs istio-proxy as a native sidecar; its first replica is being resized in place
  const healthy = (name: string) => c.nodes.some((n) => n.name === name && n.notReadySinceMs === undefined);
  sidecarPod = pod((p) => p.labels.app === 'frontend' && healthy(p.nodeName));
  resizing = pod((p) => p.resize?.state === 'InProgress');
  scratch = clientDir(sim);
  const { dir, config } = scratch;
  await Promise.all(
    Object.entries(commands()).map(async ([name, args]) => out.set(name, await kubectl(dir, config, args)))
  );
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  scratch?.cleanup();
});

function ok(name: string): string {
  const r = out.get(name)!;
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  return r.out;
}

describe('kubectl get', () => {
  it('prints the pod columns of the server: NAME READY STATUS RESTARTS AGE', () => {
    const text = ok('pods');
    expect(headerOf(text)).toEqual(KIND_HEADERS.pods);
    const rows = parseTable(text);
    expect(rows).toHaveLength(sim.cluster.pods.length);
    const by = (prefix: string) => rows.find((r) => r.NAME.startsWith(prefix))!;
    expect(by('checkout-')).toMatchObject({ READY: '0/1', STATUS: 'CrashLoopBackOff' });
    const crashed = sim.cluster.pods.find((p) => p.name === checkout.name)!.containers[0];
    expect(by('checkout-').RESTARTS).toMatch(new RegExp(`^${crashed.restartCount} \\(\\d+[sm]\\d*s? ago\\)$`));
    expect(by('ml-trainer-')).toMatchObject({ READY: '0/1', STATUS: 'Pending', RESTARTS: '0', AGE: '39m' });
    expect(by('nightly-report-')).toMatchObject({ READY: '0/1', STATUS: 'Completed', AGE: '6h59m' });
  });

  // node-11 stopped reporting 11 minutes ago: its pods were evicted after 300 s and stay Terminating,
  // except DaemonSet pods, which tolerate the unreachable taint for ever
  it('shows the pods of the lost node Terminating, its DaemonSet pods Running', () => {
    const wide = parseTable(ok('podsWide'));
    const lost = wide.filter((r) => r.NODE === 'node-11');
    expect(lost.length).toBeGreaterThan(2);
    for (const r of lost) {
      const daemon = r.NAME.startsWith('kube-proxy-') || r.NAME.startsWith('node-exporter-');
      expect([r.NAME, r.STATUS]).toEqual([r.NAME, daemon ? 'Running' : 'Terminating']);
    }
  });

  it('-o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    const text = ok('podsWide');
    expect(headerOf(text)).toEqual([...KIND_HEADERS.pods, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    const pending = parseTable(text).find((r) => r.NAME.startsWith('ml-trainer-'))!;
    expect(pending).toMatchObject({
      IP: '<none>',
      NODE: '<none>',
      'NOMINATED NODE': '<none>',
      'READINESS GATES': '<none>',
    });
  });

  it('pages with --chunk-size and prints the same table', () => {
    expect(ok('podsChunked')).toBe(ok('pods'));
    const paged = sim.faults.requestsTo('/api/v1/pods').filter((r) => r.query.limit === '5');
    expect(paged.length).toBe(Math.ceil(sim.cluster.pods.length / 5));
    expect(paged.filter((r) => r.query.continue).length).toBe(paged.length - 1);
  });

  it('prints nodes as NotReady for Ready False and Unknown, with roles and versions', () => {
    const text = ok('nodes');
    expect(headerOf(text)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    const rows = Object.fromEntries(parseTable(text).map((r) => [r.NAME, r]));
    // kube-sim plays 1.37 by default, with a node a minor behind (version skew)
    expect(rows['control-plane-1']).toMatchObject({ STATUS: 'Ready', ROLES: 'control-plane', VERSION: 'v1.37.1' });
    expect(rows['node-9'].ROLES).toBe('infra');
    expect(rows['node-2'].VERSION).toBe('v1.36.2');
    expect([rows['node-10'].STATUS, rows['node-11'].STATUS]).toEqual(['NotReady', 'NotReady']);
    expect(headerOf(ok('nodesWide')).slice(5)).toEqual([
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
  });

  it('prints namespaces with their phase', () => {
    const rows = parseTable(ok('namespaces'));
    expect(rows.map((r) => r.NAME)).toEqual(sim.cluster.namespaces.map((n) => n.name).sort());
    expect(new Set(rows.map((r) => r.STATUS))).toEqual(new Set(['Active']));
  });

  it.each(Object.entries(KIND_HEADERS))('get %s -A prints the server columns', (kind, header) => {
    const text = ok(`kind:${kind}`);
    expect(headerOf(text)).toEqual(header);
    expect(parseTable(text).length).toBeGreaterThan(0);
  });

  it('prints service types, addresses and ports as kube-apiserver formats them', () => {
    const rows = Object.fromEntries(parseTable(ok('kind:services')).map((r) => [`${r.NAMESPACE}/${r.NAME}`, r]));
    expect(rows['default/kubernetes']).toMatchObject({
      TYPE: 'ClusterIP',
      'CLUSTER-IP': '10.96.0.1',
      'EXTERNAL-IP': '<none>',
      'PORT(S)': '443/TCP',
    });
    expect(rows['kube-system/kube-dns']['PORT(S)']).toBe('53/UDP,53/TCP,9153/TCP');
    expect(rows['shop/frontend']).toMatchObject({ TYPE: 'LoadBalancer', 'EXTERNAL-IP': '<pending>' });
    expect(rows['default/legacy-batch-ui']['PORT(S)']).toBe('80:30080/TCP');
    expect(rows['shop/postgres-headless']['CLUSTER-IP']).toBe('None');
  });

  it('get all -A lists every kind in the all category', () => {
    const lines = ok('all').split('\n');
    for (const prefix of [
      'pod/',
      'service/',
      'daemonset.apps/',
      'deployment.apps/',
      'replicaset.apps/',
      'statefulset.apps/',
      'job.batch/',
    ]) {
      expect([prefix, lines.some((l) => l.split(/\s+/)[1]?.startsWith(prefix))]).toEqual([prefix, true]);
    }
  });
});

describe('kubectl api-resources', () => {
  it('lists the served resources with their short names', () => {
    const rows = parseTable(ok('apiResources'));
    const short = Object.fromEntries(rows.map((r) => [`${r.NAME}.${r.APIVERSION}`, r.SHORTNAMES]));
    expect(short).toMatchObject({
      'pods.v1': 'po',
      'nodes.v1': 'no',
      'namespaces.v1': 'ns',
      'services.v1': 'svc',
      'configmaps.v1': 'cm',
      'events.v1': 'ev',
      'persistentvolumeclaims.v1': 'pvc',
      'endpoints.v1': 'ep',
      'deployments.apps/v1': 'deploy',
      'replicasets.apps/v1': 'rs',
      'statefulsets.apps/v1': 'sts',
      'daemonsets.apps/v1': 'ds',
    });
    expect(Object.keys(short)).toEqual(
      expect.arrayContaining([
        'jobs.batch/v1',
        'leases.coordination.k8s.io/v1',
        'endpointslices.discovery.k8s.io/v1',
        // aggregated discovery lists the preferred version: v1, as a 1.37 cluster (kube-sim's default)
        'nodes.metrics.k8s.io/v1',
      ])
    );
  });
});

describe('kubectl top', () => {
  it('top nodes: usage for every node with metrics, <unknown> for the lost one', () => {
    const rows = Object.fromEntries(parseTable(ok('topNodes')).map((r) => [r.NAME, r]));
    expect(Object.keys(rows).sort()).toEqual(sim.cluster.nodes.map((n) => n.name).sort());
    expect(rows['node-11']['CPU(cores)']).toBe('<unknown>');
    expect(rows['node-1']['CPU(cores)']).toMatch(/^\d+m$/);
    expect(rows['node-1']['MEMORY(bytes)']).toMatch(/^\d+Mi$/);
  });

  it('top pods -A: running pods off the lost node', () => {
    const rows = parseTable(ok('topPods'));
    const onLost = new Set(sim.cluster.pods.filter((p) => p.nodeName === 'node-11').map((p) => p.name));
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => onLost.has(r.NAME))).toEqual([]);
    expect(rows.some((r) => r.NAME === checkout.name)).toBe(false);
  });
});

describe('kubectl logs', () => {
  it('--tail=3 prints the last three lines', () => {
    const all = ok('logs').trimEnd().split('\n');
    expect(ok('logsTail').trimEnd().split('\n')).toEqual(all.slice(-3));
  });

  it('--since-time prints only lines from then on', () => {
    const lines = ok('logsSince').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(Date.parse(l.split(' ')[0]) >= Date.parse(SINCE)).toBe(true);
    }
  });

  it('--previous prints the crashed instance, or says there is none', () => {
    expect(ok('logsPrevious').trimEnd().split('\n')).toHaveLength(5);
    const none = out.get('logsNoPrevious')!;
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/previous terminated container "ui" in pod "legacy-batch-ui-[a-z0-9-]+" not found/);
  });
});

describe('native sidecars and in-place resize', () => {
  // printPod counts a restartable init container in READY (KEP-753)
  it('get pod counts the native sidecar in READY', () => {
    expect(parseTable(ok('sidecarPod'))[0]).toMatchObject({ NAME: sidecarPod.name, READY: '2/2', STATUS: 'Running' });
    expect(ok('sidecarSpec')).toBe('Always true');
  });

  it('logs -c istio-proxy prints the sidecar log', () => {
    expect(ok('sidecarLogs').trimEnd().split('\n')).toHaveLength(3);
  });

  // KEP-1287: the spec holds the desired requests, the container status what is in effect
  it('reads a resize in progress with jsonpath', () => {
    expect(ok('resize')).toBe('True 250m 500m');
  });
});

describe('kubectl auth can-i and --raw', () => {
  it('can-i answers yes and no from the SelfSubjectAccessReview', () => {
    expect(ok('canList').trim()).toBe('yes');
    expect({ code: out.get('canCreate')!.code, out: out.get('canCreate')!.out.trim() }).toEqual({ code: 1, out: 'no' });
  });

  it('get --raw /readyz and /livez?verbose', () => {
    expect(ok('readyz')).toBe('ok');
    const livez = ok('livez').trimEnd().split('\n');
    expect(livez[0]).toBe('[+]ping ok');
    expect(livez[livez.length - 1]).toBe('livez check passed');
  });
});
