import { InvalidNameError } from './names';
import {
  eventsPath,
  KUBELET_PATHS,
  KubeletPath,
  metricsApiPath,
  metricsGroupPath,
  MetricsVersion,
  namespacePath,
  namespacesPath,
  nodeMetricsPath,
  nodePath,
  nodeProxyPath,
  nodesPath,
  podLogPath,
  podMetricsPath,
  podPath,
  podsPath,
  pvcsPath,
  hpasPath,
  versionPath,
  WORKLOAD_KINDS,
  WorkloadKind,
  workloadsPath,
} from './paths';

const HOSTILE = [
  '',
  '.',
  '..',
  '../x',
  '../../api/v1/secrets',
  'a/b',
  '%2F',
  'a%2Fb',
  '%2e%2e',
  'ÄBC',
  'аbc', // Cyrillic а
  'ｋube-system', // full-width k
  'a b',
  'A',
  '-a',
  'a-',
  'a\u0000b',
  'a?watch=true',
  'a#frag',
  'a'.repeat(254),
];

describe('fixed paths', () => {
  it('builds the cluster-level paths', () => {
    expect(versionPath()).toBe('/version');
    expect(namespacesPath()).toBe('/api/v1/namespaces');
    expect(nodesPath()).toBe('/api/v1/nodes');
    expect(metricsApiPath()).toBe('/apis/metrics.k8s.io/v1beta1');
  });
});

describe('named paths', () => {
  it('builds object paths from valid names', () => {
    expect(namespacePath('kube-system')).toBe('/api/v1/namespaces/kube-system');
    expect(nodePath('node-1.example.com')).toBe('/api/v1/nodes/node-1.example.com');
    expect(podPath('kube-system', 'kube-scheduler-minikube')).toBe(
      '/api/v1/namespaces/kube-system/pods/kube-scheduler-minikube'
    );
    expect(podLogPath('default', 'web-7d4b9c-x2x7z')).toBe('/api/v1/namespaces/default/pods/web-7d4b9c-x2x7z/log');
  });

  it('lists across all namespaces when no namespace is given', () => {
    expect(podsPath()).toBe('/api/v1/pods');
    expect(eventsPath()).toBe('/api/v1/events');
    expect(pvcsPath()).toBe('/api/v1/persistentvolumeclaims');
    expect(hpasPath()).toBe('/apis/autoscaling/v2/horizontalpodautoscalers');
  });

  it('lists one namespace when given', () => {
    expect(podsPath('default')).toBe('/api/v1/namespaces/default/pods');
    expect(eventsPath('kube-system')).toBe('/api/v1/namespaces/kube-system/events');
    expect(pvcsPath('data')).toBe('/api/v1/namespaces/data/persistentvolumeclaims');
    expect(hpasPath('shop')).toBe('/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers');
    expect(() => hpasPath('../nodes')).toThrow(InvalidNameError);
  });

  it('rejects a dotted namespace even though it would be a valid node name', () => {
    expect(() => podsPath('node-1.example.com')).toThrow(InvalidNameError);
    expect(nodePath('node-1.example.com')).toBe('/api/v1/nodes/node-1.example.com');
  });

  it('requires a namespace for a single pod', () => {
    expect(() => podPath(undefined as unknown as string, 'web')).toThrow(InvalidNameError);
    expect(() => podLogPath(undefined as unknown as string, 'web')).toThrow(InvalidNameError);
    expect(() => podMetricsPath(undefined, 'web')).toThrow(InvalidNameError);
  });
});

describe('workloadsPath', () => {
  it.each([
    ['deployments', '/apis/apps/v1/deployments', '/apis/apps/v1/namespaces/prod/deployments'],
    ['statefulsets', '/apis/apps/v1/statefulsets', '/apis/apps/v1/namespaces/prod/statefulsets'],
    ['daemonsets', '/apis/apps/v1/daemonsets', '/apis/apps/v1/namespaces/prod/daemonsets'],
    ['replicasets', '/apis/apps/v1/replicasets', '/apis/apps/v1/namespaces/prod/replicasets'],
    ['jobs', '/apis/batch/v1/jobs', '/apis/batch/v1/namespaces/prod/jobs'],
  ] as const)('%s', (kind, all, namespaced) => {
    expect(workloadsPath(kind)).toBe(all);
    expect(workloadsPath(kind, 'prod')).toBe(namespaced);
  });

  it('covers exactly the listed kinds', () => {
    expect([...WORKLOAD_KINDS].sort()).toEqual(['daemonsets', 'deployments', 'jobs', 'replicasets', 'statefulsets']);
  });

  it.each(['secrets', 'Deployments', '../secrets', 'deployments/x', ''])('rejects kind %p', (kind) => {
    expect(() => workloadsPath(kind as WorkloadKind)).toThrow(/unknown workload kind/);
  });
});

describe('metrics.k8s.io paths', () => {
  it('builds node metrics paths', () => {
    expect(nodeMetricsPath()).toBe('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(nodeMetricsPath('minikube')).toBe('/apis/metrics.k8s.io/v1beta1/nodes/minikube');
  });

  it('builds pod metrics paths', () => {
    expect(podMetricsPath()).toBe('/apis/metrics.k8s.io/v1beta1/pods');
    expect(podMetricsPath('kube-system')).toBe('/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods');
    expect(podMetricsPath('kube-system', 'kube-scheduler-minikube')).toBe(
      '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/kube-scheduler-minikube'
    );
  });

  it('builds the group path and the paths of the version discovery chose', () => {
    expect(metricsGroupPath()).toBe('/apis/metrics.k8s.io');
    expect(metricsApiPath('v1')).toBe('/apis/metrics.k8s.io/v1');
    expect(nodeMetricsPath(undefined, 'v1')).toBe('/apis/metrics.k8s.io/v1/nodes');
    expect(nodeMetricsPath('minikube', 'v1')).toBe('/apis/metrics.k8s.io/v1/nodes/minikube');
    expect(podMetricsPath(undefined, undefined, 'v1')).toBe('/apis/metrics.k8s.io/v1/pods');
    expect(podMetricsPath('kube-system', 'etcd', 'v1')).toBe(
      '/apis/metrics.k8s.io/v1/namespaces/kube-system/pods/etcd'
    );
  });

  it('refuses a version it does not know, even from saved JSON or a cluster', () => {
    expect(() => nodeMetricsPath(undefined, 'v2' as MetricsVersion)).toThrow(/unknown metrics.k8s.io version "v2"/);
    expect(() => podMetricsPath(undefined, undefined, '../v1' as MetricsVersion)).toThrow(/unknown/);
  });
});

describe('nodeProxyPath', () => {
  it.each(KUBELET_PATHS)('reaches kubelet %s through the node proxy', (p) => {
    expect(nodeProxyPath('minikube', p)).toBe(`/api/v1/nodes/minikube/proxy/${p}`);
  });

  it('allows exactly the documented kubelet endpoints', () => {
    expect([...KUBELET_PATHS].sort()).toEqual([
      'metrics',
      'metrics/cadvisor',
      'metrics/probes',
      'metrics/resource',
      'stats/summary',
    ]);
  });

  it.each(['logs/', 'pods', 'stats/summary/../../run', 'exec/ns/pod/c', '', 'metrics?x=1', 'Metrics'])(
    'rejects kubelet path %p',
    (p) => {
      expect(() => nodeProxyPath('minikube', p as KubeletPath)).toThrow(/unsupported kubelet path/);
    }
  );
});

// Every builder that takes a name, with the name in each position it can occupy.
const BUILDERS: Array<[string, (name: string) => string]> = [
  ['namespacePath', (n) => namespacePath(n)],
  ['nodePath', (n) => nodePath(n)],
  ['podsPath(ns)', (n) => podsPath(n)],
  ['podPath(ns)', (n) => podPath(n, 'web')],
  ['podPath(pod)', (n) => podPath('default', n)],
  ['podLogPath(ns)', (n) => podLogPath(n, 'web')],
  ['podLogPath(pod)', (n) => podLogPath('default', n)],
  ['eventsPath(ns)', (n) => eventsPath(n)],
  ['pvcsPath(ns)', (n) => pvcsPath(n)],
  ['workloadsPath(ns)', (n) => workloadsPath('deployments', n)],
  ['nodeMetricsPath(node)', (n) => nodeMetricsPath(n)],
  ['podMetricsPath(ns)', (n) => podMetricsPath(n)],
  ['podMetricsPath(ns, pod)', (n) => podMetricsPath(n, 'web')],
  ['podMetricsPath(pod)', (n) => podMetricsPath('default', n)],
  ['nodeProxyPath(node)', (n) => nodeProxyPath(n, 'stats/summary')],
];

describe.each(BUILDERS)('%s with hostile names', (_label, build) => {
  it.each(HOSTILE)('rejects %p before building a path', (name) => {
    expect(() => build(name)).toThrow(InvalidNameError);
  });

  it('accepts kube-system', () => {
    const path = build('kube-system');
    expect(path.startsWith('/')).toBe(true);
    expect(path).toContain('/kube-system');
  });
});
