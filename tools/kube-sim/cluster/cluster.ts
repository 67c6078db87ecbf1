/**
 * buildCluster: a deterministic synthetic cluster for a seed. Control plane + workers, system
 * DaemonSets and static pods, a handful of "interesting" workloads (sidecars, init containers, a
 * CrashLoopBackOff, a Pending pod, StatefulSets with PVCs, a finished Job), then filler Deployments
 * until every worker holds about podsPerNode pods. Linear in the number of pods.
 */
import type { SimCluster, SimPod } from './model';
import { type KubeVersion, DEFAULT_KUBE_VERSION, featuresOf, gitVersionOf, minorOf } from './versions';
import { applyResizes } from './clusterResize';
import { Gi, Mi, SIDECARS, randomResources } from './clusterPods';
import { Builder, ownerOf } from './clusterBuilder';
import { addTriageScenarios } from './clusterTriage';
import type { Scenarios } from './triageScenarios';
import { lifecycleEvents } from './nodeLifecycle';
import { addServicesConfigAndLeases } from './clusterServices';

/** the API server's version when none is asked for (versions.ts) */
export const SIM_GIT_VERSION = gitVersionOf(DEFAULT_KUBE_VERSION);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const APP_NAMES = [
  'api',
  'auth',
  'catalog',
  'search',
  'orders',
  'inventory',
  'notifications',
  'recommendations',
  'shipping',
  'reviews',
  'gateway',
  'worker',
  'billing',
  'ledger',
  'email',
  'media',
  'thumbnailer',
  'sessions',
  'pricing',
  'geo',
];
const LOG_STYLES = ['plain', 'json', 'json', 'logfmt', 'java', 'ansi'] as const;

/**
 * The cluster for a seed, as a cluster of `version` (versions.ts) would show it: the newer pod features
 * (pod-level resources, in-place resize) appear only where that version has them on by default.
 */
export function buildCluster(
  seed: number,
  nodes: number,
  podsPerNode: number,
  startMs: number,
  version: KubeVersion = DEFAULT_KUBE_VERSION,
  scenarios: Scenarios = 'default'
): SimCluster {
  const b = new Builder(seed, startMs, version);
  // 'healthy' leaves out or mends what is special; 'triage' adds its scenarios after the default cluster
  const healthy = scenarios === 'healthy';
  b.c.scenarios = scenarios;
  const features = featuresOf(minorOf(version));
  const gitVersion = b.gitVersion;
  const r = b.r;
  const nodeCount = Math.max(1, Math.floor(nodes));
  const ppn = Math.max(1, Math.floor(podsPerNode));
  const total = nodeCount * ppn;
  const nsAge = r.int(60, 400) * DAY;
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    b.namespace(ns, nsAge);
  }
  b.namespace('monitoring', nsAge - 2 * DAY, { 'pod-security.kubernetes.io/enforce': 'privileged' });
  b.namespace('shop', nsAge - 5 * DAY, { team: 'shop', 'istio-injection': 'enabled' });
  b.namespace('payments', nsAge - 9 * DAY, { team: 'payments' });
  b.namespace('batch', nsAge - 12 * DAY, { team: 'data' });
  const appNamespaces = ['shop', 'payments', 'default'];
  // at scale, spread apps so no namespace exceeds the 3,000 pods/namespace threshold
  const teamCount = total > 6000 ? Math.ceil(total / 2500) : 0;
  for (let t = 1; t <= teamCount; t++) {
    const name = `team-${String(t).padStart(3, '0')}`;
    b.namespace(name, nsAge - (14 + t) * DAY, { team: name });
    appNamespaces.push(name);
  }
  b.nodes(nodeCount, ppn, !healthy);
  const cp = b.c.nodes[0];

  // system pods: per-node DaemonSets and the control plane's static pods
  b.daemonSet('kube-system', 'kube-proxy', nsAge, () => ({
    containers: [
      {
        name: 'kube-proxy',
        image: `registry.k8s.io/kube-proxy:${gitVersion}`,
        cpuRequest: 0.02,
        memRequest: 32 * Mi,
        logStyle: 'plain',
        logRate: 0.05,
      },
    ],
  }));
  if (ppn >= 5) {
    b.daemonSet(
      'monitoring',
      'node-exporter',
      nsAge - 2 * DAY,
      () => ({
        containers: [
          {
            name: 'node-exporter',
            image: 'quay.io/prometheus/node-exporter:v1.8.2',
            cpuRequest: 0.05,
            memRequest: 32 * Mi,
            memLimit: 64 * Mi,
            logStyle: 'logfmt',
            logRate: 0.02,
          },
        ],
      }),
      'app.kubernetes.io/name'
    );
  }
  if (ppn >= 6) {
    for (const comp of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const res =
        comp === 'kube-apiserver' ? 0.25 : comp === 'etcd' ? 0.1 : comp === 'kube-controller-manager' ? 0.2 : 0.1;
      b.pod({
        namespace: 'kube-system',
        name: `${comp}-${cp.name}`,
        labels: { component: comp, tier: 'control-plane' },
        owner: { kind: 'Node', name: cp.name, uid: cp.uid, controller: true },
        node: cp,
        ageMs: startMs - cp.bootMs - 5000,
        make: {
          containers: [
            {
              name: comp,
              image: `registry.k8s.io/${comp}:${comp === 'etcd' ? '3.5.15-0' : gitVersion}`,
              cpuRequest: res,
              memRequest: comp === 'etcd' ? 100 * Mi : undefined,
              logStyle: 'plain',
            },
          ],
        },
      });
    }
  }

  // interesting workloads, in order of importance for small clusters
  b.deployment(
    'kube-system',
    'coredns',
    2,
    nsAge - HOUR,
    () => ({
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          cpuRequest: 0.1,
          memRequest: 70 * Mi,
          memLimit: 170 * Mi,
          logStyle: 'plain',
          logRate: 0.1,
        },
      ],
    }),
    { 'k8s-app': 'kube-dns' }
  );

  const frontend = b.deployment(
    'shop',
    'frontend',
    3,
    3 * DAY,
    () => ({
      // istio's native sidecar mode: istio-proxy is an init container with restartPolicy Always
      init: [{ ...SIDECARS[0], restartPolicy: 'Always' }],
      containers: [
        {
          name: 'app',
          image: 'ghcr.io/kubeglance-sim/shop-frontend:2.4.1',
          cpuRequest: 0.25,
          memRequest: 256 * Mi,
          memLimit: 512 * Mi,
          logStyle: 'json',
        },
      ],
    }),
    { tier: 'web', 'app.kubernetes.io/version': '2.4.1' }
  );

  const cart = b.deployment(
    'shop',
    'cart',
    2,
    6 * DAY,
    (i) => ({
      init: [
        {
          name: 'migrate',
          image: 'ghcr.io/kubeglance-sim/cart:1.9.0',
          cpuRequest: 0.1,
          memRequest: 64 * Mi,
          logStyle: 'plain',
        },
      ],
      containers: [
        {
          name: 'cart',
          image: 'ghcr.io/kubeglance-sim/cart:1.9.0',
          cpuRequest: 0.2,
          memRequest: 192 * Mi,
          memLimit: 256 * Mi,
          logStyle: 'logfmt',
          fate: i === 0 && !healthy ? 'restarted' : 'running',
          restarts: 2,
          lastReason: 'OOMKilled',
          lastExitCode: 137,
        },
        { ...SIDECARS[0] },
      ],
    }),
    { tier: 'backend' }
  );

  const checkout = b.deployment(
    'shop',
    'checkout',
    1,
    2 * HOUR,
    () => ({
      containers: [
        {
          name: 'checkout',
          image: 'ghcr.io/kubeglance-sim/checkout:3.0.0-rc1',
          cpuRequest: 0.5,
          memRequest: 512 * Mi,
          memLimit: 1 * Gi,
          logStyle: 'java',
          fate: healthy ? 'running' : 'crashloop',
        },
      ],
    }),
    { tier: 'backend' }
  );

  b.deployment('default', 'legacy-batch-ui', 1, 90 * DAY, () => ({
    containers: [
      { name: 'ui', image: 'docker.io/library/httpd:2.4', cpuRequest: 0.05, memRequest: 64 * Mi, logStyle: 'ansi' },
    ],
  }));

  const postgres = b.statefulSet('shop', 'postgres', ppn >= 10 || nodeCount >= 4 ? 2 : 1, 20 * DAY, 20, () => ({
    containers: [
      {
        name: 'postgres',
        image: 'docker.io/library/postgres:16.4',
        cpuRequest: 0.5,
        memRequest: 1 * Gi,
        memLimit: 2 * Gi,
        logStyle: 'plain',
      },
    ],
    init: [{ name: 'init-permissions', image: 'docker.io/library/busybox:1.36', logStyle: 'quiet' }],
  }));

  b.statefulSet('monitoring', 'prometheus', 1, 30 * DAY, 50, () => ({
    // one budget for prometheus and its reloader (pod-level resources), where the version has them
    resources: features.podLevelResources
      ? { requests: { cpu: 1, memory: 3 * Gi }, limits: { memory: 6 * Gi } }
      : undefined,
    containers: [
      {
        name: 'prometheus',
        image: 'quay.io/prometheus/prometheus:v2.54.1',
        cpuRequest: 0.5,
        memRequest: 2 * Gi,
        memLimit: 4 * Gi,
        logStyle: 'logfmt',
        logRate: 0.3,
      },
      {
        name: 'config-reloader',
        image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
        cpuRequest: 0.01,
        memRequest: 16 * Mi,
        memLimit: 32 * Mi,
        logStyle: 'quiet',
      },
    ],
  }));

  // a finished Job: its pod Succeeded and its container is terminated/Completed
  const jobName = 'nightly-report-28840320';
  const job = b.workload(
    {
      kind: 'Job',
      namespace: 'batch',
      name: jobName,
      labels: { 'job-name': jobName },
      selector: { 'batch.kubernetes.io/job-name': jobName },
      replicas: 1,
      completions: 1,
    },
    7 * HOUR
  );
  const jobPod = b.pod({
    namespace: 'batch',
    name: `${jobName}-${r.suffix()}`,
    labels: {
      'batch.kubernetes.io/job-name': jobName,
      'job-name': jobName,
      'batch.kubernetes.io/controller-uid': job.uid,
      'controller-uid': job.uid,
    },
    owner: ownerOf(job),
    node: 'schedule',
    ageMs: 7 * HOUR - 1000,
    make: {
      containers: [
        {
          name: 'report',
          image: 'ghcr.io/kubeglance-sim/reporter:0.7.3',
          cpuRequest: 1,
          memRequest: 512 * Mi,
          logStyle: 'plain',
          fate: 'completed',
        },
      ],
    },
  });

  // a pod nobody can schedule: it asks for more CPU than any node has
  const pending = healthy
    ? undefined
    : b.deployment(
        'default',
        'ml-trainer',
        1,
        40 * MIN,
        () => ({
          containers: [
            {
              name: 'trainer',
              image: 'ghcr.io/kubeglance-sim/trainer:0.3.0',
              cpuRequest: 64,
              memRequest: 128 * Gi,
              logStyle: 'plain',
            },
          ],
        }),
        { 'app.kubernetes.io/component': 'training' },
        'pending'
      )[0];

  // one unbound claim, waiting for a storage class that provisions late
  if (!healthy) {
    b.c.pvcs.push({
      namespace: 'shop',
      name: 'uploads',
      uid: r.uid(),
      capacityBytes: 100 * Gi,
      storageClass: 'fast-ssd',
      volumeName: '',
      creationMs: startMs - 25 * MIN,
      phase: 'Pending',
    });
  }

  // filler Deployments until the workers are full
  const used = new Map<string, number>();
  let fillerPods = 0;
  while (b.freeSlots > 0) {
    const ns = appNamespaces[fillerPods === 0 ? 0 : r.int(0, appNamespaces.length - 1)];
    const base = r.pick(APP_NAMES);
    const key = `${ns}/${base}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    const name = n === 1 ? base : `${base}-${n}`;
    const replicas = Math.min(b.freeSlots, r.int(1, total > 1000 ? 8 : 4));
    const res = randomResources(r);
    const style = r.pick(LOG_STYLES);
    const appVersion = `1.${r.int(0, 30)}.${r.int(0, 9)}`;
    const sidecar = r.chance(0.3) ? r.pick(SIDECARS) : undefined;
    const init = r.chance(0.15)
      ? [{ name: 'wait-for-deps', image: 'docker.io/library/busybox:1.36', logStyle: 'quiet' as const }]
      : undefined;
    // fluent-bit runs as a native sidecar (so it ships the init containers' logs too); the proxies stay
    // classic second containers, so both shapes exist
    const native = sidecar?.name === 'log-shipper';
    const pods = b.deployment(ns, name, replicas, r.int(1, 60 * 24) * MIN * 30, () => ({
      init: native ? [{ ...sidecar, restartPolicy: 'Always' as const }, ...(init ?? [])] : init,
      containers: [
        {
          name,
          image: `ghcr.io/kubeglance-sim/${base}:${appVersion}`,
          ...res,
          logStyle: style,
          fate: r.chance(0.05) && !healthy ? 'restarted' : 'running',
        },
        ...(sidecar && !native ? [{ ...sidecar }] : []),
      ],
    }));
    for (const p of pods) {
      fillerPods++;
      if (fillerPods % 25 === 1) {
        podLifecycleEvents(b, p);
      }
    }
    if (pods.length === 0) {
      break;
    }
  }

  // events that make the interesting workloads look the way they would in a real cluster
  for (const p of frontend.slice(0, 1)) {
    podLifecycleEvents(b, p);
  }
  if (frontend.length > 0) {
    const dep = b.c.workloads.find((w) => w.kind === 'Deployment' && w.name === 'frontend');
    const rs = b.c.workloads.find((w) => w.kind === 'ReplicaSet' && w.owner?.name === 'frontend');
    if (dep && rs) {
      b.event({
        namespace: 'shop',
        kind: 'Deployment',
        name: dep.name,
        uid: dep.uid,
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${rs.name} to ${rs.replicas}`,
        firstAgoMs: 3 * DAY - 5000,
        component: 'deployment-controller',
      });
    }
  }
  for (const p of healthy ? [] : checkout) {
    const c = p.containers[0];
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${c.image}" already present on machine`,
      fieldPath: `spec.containers{${c.name}}`,
      count: c.restartCount,
      firstAgoMs: 2 * HOUR - 10_000,
      lastAgoMs: 4 * MIN,
      component: 'kubelet',
      host: p.nodeName,
    });
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
      fieldPath: `spec.containers{${c.name}}`,
      count: c.restartCount * 11,
      firstAgoMs: 2 * HOUR - 60_000,
      lastAgoMs: 20_000,
      component: 'kubelet',
      host: p.nodeName,
    });
  }
  for (const p of healthy ? [] : cart.slice(0, 1)) {
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      count: 3,
      firstAgoMs: 3 * HOUR,
      lastAgoMs: 50 * MIN,
      component: 'kubelet',
      host: p.nodeName,
    });
  }
  if (pending) {
    const n = nodeCount;
    const msg =
      n === 1
        ? '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'
        : `0/${n} nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ${n - 1} Insufficient cpu, ${n - 1} Insufficient memory. preemption: 0/${n} nodes are available: 1 Preemption is not helpful for scheduling, ${n - 1} No preemption victims found for incoming pod.`;
    b.event({
      namespace: pending.namespace,
      kind: 'Pod',
      name: pending.name,
      uid: pending.uid,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: msg,
      count: 9,
      firstAgoMs: 40 * MIN - 3000,
      lastAgoMs: 4 * MIN,
      component: 'default-scheduler',
    });
  }
  if (jobPod) {
    b.event({
      namespace: 'batch',
      kind: 'Job',
      name: job.name,
      uid: job.uid,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${jobPod.name}`,
      firstAgoMs: 7 * HOUR - 500,
      component: 'job-controller',
    });
    b.event({
      namespace: 'batch',
      kind: 'Job',
      name: job.name,
      uid: job.uid,
      type: 'Normal',
      reason: 'Completed',
      message: 'Job completed',
      firstAgoMs: 6 * HOUR,
      component: 'job-controller',
    });
  }
  for (const p of postgres.slice(0, 1)) {
    b.event({
      namespace: p.namespace,
      kind: 'Pod',
      name: p.name,
      uid: p.uid,
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${p.namespace}/${p.name} to ${p.nodeName}`,
      firstAgoMs: startMs - p.creationMs - 500,
      component: 'default-scheduler',
    });
  }
  // what the node lifecycle and taint eviction controllers write about the nodes in trouble
  for (const node of b.c.nodes) {
    if (node.notReadySinceMs !== undefined) {
      const pods = b.c.pods.filter((p) => p.nodeName === node.name);
      b.c.events.push(...lifecycleEvents(node, pods, node.notReadySinceMs));
    }
  }
  if (features.resizeStatus && !healthy) {
    applyResizes(b.c);
  }
  if (scenarios === 'triage') {
    b.c.triage = addTriageScenarios(b);
  }
  if (healthy) {
    alikeSiblings(b.c);
  }
  addServicesConfigAndLeases(b.c, r);
  return b.c;
}

/**
 * 'healthy': every workload's pods alike, so no robust outlier method finds one: each pod's containers
 * take the first sibling's usage, scaled within ±2% by replica
 */
function alikeSiblings(c: SimCluster): void {
  const first = new Map<string, SimPod>();
  const seen = new Map<string, number>();
  for (const p of c.pods) {
    const key = p.owner?.uid;
    if (!key) {
      continue;
    }
    const model = first.get(key);
    if (!model) {
      first.set(key, p);
      seen.set(key, 1);
      continue;
    }
    const i = seen.get(key) ?? 1;
    seen.set(key, i + 1);
    const f = 1 + 0.01 * ((i % 5) - 2);
    const same = (list: SimPod['containers'], from: SimPod['containers']) =>
      list.forEach((ct, k) => {
        const u = from[k]?.usage;
        if (u && from[k].name === ct.name) {
          ct.usage = { ...u, cpuBase: u.cpuBase * f, cpuWave: u.cpuWave * f, memBase: Math.round(u.memBase * f) };
        }
      });
    same(p.containers, model.containers);
    same(p.initContainers, model.initContainers);
  }
}

function podLifecycleEvents(b: Builder, p: SimPod): void {
  if (!p.nodeName) {
    return;
  }
  const ago = b.startMs - p.creationMs;
  const main = p.containers[0];
  const base = {
    namespace: p.namespace,
    kind: 'Pod',
    name: p.name,
    uid: p.uid,
    type: 'Normal' as const,
    host: p.nodeName,
  };
  b.event({
    ...base,
    reason: 'Scheduled',
    message: `Successfully assigned ${p.namespace}/${p.name} to ${p.nodeName}`,
    firstAgoMs: ago - 100,
    component: 'default-scheduler',
    host: undefined,
  });
  b.event({
    ...base,
    reason: 'Pulled',
    message: `Successfully pulled image "${main.image}" in 2.113s (2.113s including waiting). Image size: 48213557 bytes.`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2500,
    component: 'kubelet',
  });
  b.event({
    ...base,
    reason: 'Created',
    message: `Created container ${main.name}`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2600,
    component: 'kubelet',
  });
  b.event({
    ...base,
    reason: 'Started',
    message: `Started container ${main.name}`,
    fieldPath: `spec.containers{${main.name}}`,
    firstAgoMs: ago - 2700,
    component: 'kubelet',
  });
  if (main.hasPrevious) {
    b.event({
      ...base,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${main.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
      fieldPath: `spec.containers{${main.name}}`,
      count: main.restartCount,
      firstAgoMs: Math.max(1000, b.startMs - main.startedAtMs + 5000),
      component: 'kubelet',
    });
  }
}
