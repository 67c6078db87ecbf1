/**
 * What a user sees in the pods table for pods of Kubernetes 1.33–1.37: sidecars marked and counted, a
 * resize's state and the spec beside what is in effect, swap where the metrics server reports it. Pod
 * objects and PodMetrics are shaped as the API server and a metrics.k8s.io server send them.
 */
import { DataFrame } from '@grafana/data';

import { PodObject } from '../../decode/apiTypes';
import { PodsGroupBy } from '../../types';
import { decodePodMetricsList } from './podMetrics';
import { decodePodList } from './podObjects';
import { podsFrame } from './podsFrame';
import { rowsFor } from './podsGroup';
import { joinPods } from './podsJoin';
import { podsSamples } from './podsQuery';

const Mi = 1024 * 1024;

const running = (startedAt: string) => ({ running: { startedAt } });

/** A Deployment pod with an istio-style native sidecar that restarted twice; its app container is resizing. */
const WEB: PodObject = {
  metadata: { name: 'web-7c9d-x2x', namespace: 'shop', creationTimestamp: '2026-12-01T10:00:00Z' },
  spec: {
    nodeName: 'n1',
    initContainers: [
      { name: 'migrate', resources: { requests: { cpu: '500m' } } },
      { name: 'istio-proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
    ],
    containers: [
      { name: 'app', resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } } },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      {
        type: 'PodResizePending',
        status: 'True',
        reason: 'Deferred',
        message: "Node didn't have enough resource: cpu, requested: 2100, used: 3000, capacity: 4000",
        lastTransitionTime: '2026-12-01T11:00:00Z',
      },
    ],
    initContainerStatuses: [
      {
        name: 'migrate',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: 'Completed' } },
      },
      {
        name: 'istio-proxy',
        ready: true,
        started: true,
        restartCount: 2,
        state: running('2026-12-01T10:20:00Z'),
        allocatedResources: { cpu: '100m', memory: '128Mi' },
        resources: { requests: { cpu: '100m', memory: '128Mi' } },
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        ready: true,
        started: true,
        restartCount: 1,
        state: running('2026-12-01T10:00:10Z'),
        allocatedResources: { cpu: '1', memory: '1Gi' },
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      },
    ],
  },
};

/** metrics.k8s.io lists the sidecar like any running container; this server also reports swap. */
const METRICS = {
  kind: 'PodMetricsList',
  apiVersion: 'metrics.k8s.io/v1',
  items: [
    {
      metadata: { name: 'web-7c9d-x2x', namespace: 'shop' },
      timestamp: '2026-12-01T11:05:00Z',
      window: '15s',
      containers: [
        { name: 'app', usage: { cpu: '500m', memory: '600Mi', swap: '10Mi' } },
        { name: 'istio-proxy', usage: { cpu: '50m', memory: '64Mi', swap: '0' } },
      ],
    },
  ],
};

function frame(groupBy: PodsGroupBy, metrics: unknown = METRICS): Array<Record<string, unknown>> {
  const pods = decodePodList({ items: [WEB] });
  const usage = decodePodMetricsList(metrics);
  expect([...pods.problems, ...usage.problems]).toEqual([]);
  const joined = joinPods(pods.items, usage.items, {}, groupBy === 'container');
  const f: DataFrame = podsFrame(rowsFor(groupBy, joined.containerRows, joined.podRows), groupBy, 'A', 0);
  // as a user reads the table: display name → cell
  return Array.from({ length: f.length }, (_, i) =>
    Object.fromEntries(f.fields.map((x) => [x.config.displayName ?? x.name, x.values[i]]))
  );
}

describe('pods table for 1.33+ pods', () => {
  it('lists the sidecar as a container of type sidecar with its restarts, readiness and usage', () => {
    const rows = frame('container');
    expect(rows.map((r) => [r.Container, r.Type, r.State, r.Ready, r.Restarts, r.CPU])).toEqual([
      ['istio-proxy', 'sidecar', 'Running', true, 2, 0.05],
      ['app', 'app', 'Running', true, 1, 0.5],
    ]);
  });

  it('counts the sidecar in the pod’s READY, RESTARTS and usage, and its request in the pod’s', () => {
    const [pod] = frame('pod');
    expect(pod).toMatchObject({ Ready: '2/2', Restarts: 3, CPU: 0.55, 'Memory (working set)': 664 * Mi });
    // in effect: app 1 + sidecar 0.1 (the finished init container's 0.5 alone is less)
    expect(pod['CPU request']).toBe(1.1);
  });

  it('shows the resize, the spec beside what is in effect, and usage against what is in effect', () => {
    const [pod] = frame('pod');
    expect(pod.Resize).toBe(
      "Pending (Deferred): Node didn't have enough resource: cpu, requested: 2100, used: 3000, capacity: 4000"
    );
    expect(pod['CPU request (spec)']).toBe(2.1);
    expect(pod['CPU / request']).toBeCloseTo(0.55 / 1.1, 9);
    const app = frame('container').find((r) => r.Container === 'app')!;
    expect(app).toMatchObject({
      'CPU request': 1,
      'CPU limit': 1,
      'CPU request (spec)': 2,
      'CPU limit (spec)': 2,
      'CPU / limit': 0.5,
      Resize: pod.Resize,
    });
  });

  it('has a Swap column when the metrics server reports swap, summed per pod and group', () => {
    expect(frame('pod')[0].Swap).toBe(10 * Mi);
    expect(frame('container').map((r) => r.Swap)).toEqual([0, 10 * Mi]);
    expect(frame('namespace')[0].Swap).toBe(10 * Mi);
  });

  it('has no Swap column when no pod reports swap (metrics-server today)', () => {
    const noSwap = JSON.parse(JSON.stringify(METRICS)) as typeof METRICS;
    for (const c of noSwap.items[0].containers) {
      delete (c.usage as { swap?: string }).swap;
    }
    expect(Object.keys(frame('pod', noSwap)[0])).not.toContain('Swap');
  });
});

describe('pods samples for time series', () => {
  it('adds a swap series for the rows that report swap, none for the others', () => {
    const usage = decodePodMetricsList(METRICS).items;
    const joined = joinPods(decodePodList({ items: [WEB] }).items, usage, {}, true);
    const samples = podsSamples(joined.containerRows, 'container');
    expect(samples.filter((s) => s.metric === 'swap').map((s) => [s.labels.container, s.value, s.unit])).toEqual([
      ['istio-proxy', 0, 'bytes'],
      ['app', 10 * Mi, 'bytes'],
    ]);
    const noSwap = podsSamples([{ key: 'a/p', namespace: 'a', pod: 'p', pods: 1, cpu: 1, memory: 2 }], 'pod');
    expect(noSwap.map((s) => s.metric)).toEqual(['cpu', 'memory']);
  });
});
