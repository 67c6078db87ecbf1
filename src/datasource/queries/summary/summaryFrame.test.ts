import { DataFrame } from '@grafana/data';

import { decodeSummary } from './summaryDecode';
import { SummarySnapshot } from './summaryTypes';
import { summaryFrame, summaryRows } from './summaryFrame';
import { summarySamples } from './summarySamples';

// a small Summary in the kubelet's shape; node-b's pod leaves out what the kubelet may leave out
const BIG = '18446744073709551557'; // a uint64 counter far past 2^53

function body(node: string, pods: string): string {
  return `{"node":{"nodeName":"${node}","startTime":"2025-01-01T00:00:00Z",
    "cpu":{"time":"2025-03-01T12:00:05Z","usageNanoCores":1500000000,"usageCoreNanoSeconds":${BIG}},
    "memory":{"time":"2025-03-01T12:00:06Z","usageBytes":3000,"workingSetBytes":2000,"rssBytes":1000,"pageFaults":7,"majorPageFaults":0},
    "network":{"time":"2025-03-01T12:00:07Z","name":"eth0","rxBytes":${BIG},"rxErrors":0,"txBytes":5,"txErrors":1,"interfaces":[]},
    "fs":{"time":"2025-03-01T12:00:00Z","availableBytes":600,"capacityBytes":1000,"usedBytes":400,"inodesFree":90,"inodes":100,"inodesUsed":10},
    "runtime":{"imageFs":{"time":"2025-03-01T12:00:00Z","usedBytes":50,"capacityBytes":1000}},
    "rlimit":{"time":"2025-03-01T12:00:00Z","maxpid":4194304,"curproc":321}},
  "pods":[${pods}]}`;
}

const FULL_POD = `{"podRef":{"name":"web-1","namespace":"shop","uid":"u1"},"startTime":"2025-03-01T10:00:00Z",
  "containers":[
    {"name":"app","startTime":"2025-03-01T10:00:00Z","cpu":{"time":"2025-03-01T12:00:01Z","usageNanoCores":250000000,"usageCoreNanoSeconds":9000000000},
     "memory":{"time":"2025-03-01T12:00:01Z","availableBytes":100,"usageBytes":300,"workingSetBytes":200,"rssBytes":150,"pageFaults":3,"majorPageFaults":1},
     "rootfs":{"time":"2025-03-01T12:00:01Z","usedBytes":4096,"inodesUsed":3},"logs":{"time":"2025-03-01T12:00:01Z","usedBytes":1024,"inodesUsed":2}},
    {"name":"sidecar","startTime":"2025-03-01T10:00:00Z","cpu":{"time":"2025-03-01T12:00:01Z","usageNanoCores":0}}],
  "cpu":{"time":"2025-03-01T12:00:02Z","usageNanoCores":250000000},
  "memory":{"time":"2025-03-01T12:00:02Z","workingSetBytes":200},
  "network":{"time":"2025-03-01T12:00:03Z","name":"eth0","rxBytes":10,"txBytes":20,"interfaces":[]},
  "volume":[{"time":"2025-03-01T12:00:00Z","name":"data","usedBytes":10,"capacityBytes":40,"availableBytes":30,"inodes":9,"inodesUsed":1,"inodesFree":8,"pvcRef":{"name":"data-web-1","namespace":"shop"}},
            {"time":"2025-03-01T12:00:00Z","name":"tmp","usedBytes":1}],
  "ephemeral-storage":{"time":"2025-03-01T12:00:00Z","usedBytes":5,"capacityBytes":1000,"availableBytes":600},
  "process_stats":{"process_count":4}}`;

const BARE_POD = `{"podRef":{"name":"api-0","namespace":"payments","uid":"u2"},"startTime":"2025-03-01T10:00:00Z","containers":null}`;

const snapshots: SummarySnapshot[] = [decodeSummary(body('node-b', BARE_POD)), decodeSummary(body('node-a', FULL_POD))];
const all = { namespaces: [], podNames: [] };
const values = (frame: DataFrame, name: string) => {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f.values;
};

describe('summaryFrame', () => {
  it('node scope: one row per node, sorted, cores from nanocores, units on every number', () => {
    const frame = summaryFrame('node', snapshots, all, 'A');
    expect(frame.name).toBe('summary nodes');
    expect(values(frame, 'node')).toEqual(['node-a', 'node-b']);
    expect(values(frame, 'cpu')).toEqual([1.5, 1.5]);
    expect(values(frame, 'time')[0]).toBe(Date.UTC(2025, 2, 1, 12, 0, 7)); // the newest of the row's stats
    expect(values(frame, 'fsUsedPercent')[0]).toBe(0.4);
    expect(values(frame, 'processes')[0]).toBe(321);
    // imageFs has no available bytes or inodes: empty cells, not zeros
    expect(values(frame, 'imageFsAvailable')[0]).toBeNull();
    expect(values(frame, 'imageFsInodes')[0]).toBeNull();
    expect(values(frame, 'containerFsUsed')[0]).toBeNull();
    expect(values(frame, 'memoryAvailable')[0]).toBeNull();
    // a real zero stays zero
    expect(values(frame, 'majorPageFaults')[0]).toBe(0);
    for (const f of frame.fields) {
      expect(f.config.displayName).toBeTruthy();
      if (f.type === 'number') {
        expect(f.config.unit).toBeTruthy();
      }
    }
  });

  it('pod scope: a pod without stats keeps its row with empty cells', () => {
    const frame = summaryFrame('pod', snapshots, all, 'A');
    expect(values(frame, 'namespace')).toEqual(['payments', 'shop']);
    expect(values(frame, 'cpu')).toEqual([null, 0.25]);
    expect(values(frame, 'memoryWorkingSet')).toEqual([null, 200]);
    expect(values(frame, 'rxBytes')).toEqual([null, 10]);
    expect(values(frame, 'ephemeralUsed')).toEqual([null, 5]);
    expect(values(frame, 'processes')).toEqual([null, 4]);
    expect(values(frame, 'time')).toEqual([null, Date.UTC(2025, 2, 1, 12, 0, 3)]);
  });

  it('container scope: memory available only where the kubelet sent it', () => {
    const frame = summaryFrame('container', snapshots, all, 'A');
    expect(values(frame, 'container')).toEqual(['app', 'sidecar']);
    expect(values(frame, 'memoryAvailable')).toEqual([100, null]);
    expect(values(frame, 'cpu')).toEqual([0.25, 0]);
    expect(values(frame, 'cpuSeconds')).toEqual([9, null]);
    expect(values(frame, 'logsUsed')).toEqual([1024, null]);
  });

  it('volume scope: PVC name or an empty cell', () => {
    const frame = summaryFrame('volume', snapshots, all, 'A');
    expect(values(frame, 'volume')).toEqual(['data', 'tmp']);
    expect(values(frame, 'pvc')).toEqual(['data-web-1', null]);
    expect(values(frame, 'usedPercent')).toEqual([0.25, null]);
    expect(values(frame, 'inodesFree')).toEqual([8, null]);
    expect(values(frame, 'used')).toEqual([10, 1]);
  });

  it('filters by namespace and pod lists; the node scope ignores them', () => {
    expect(summaryRows('pod', snapshots, { namespaces: ['payments', 'x'], podNames: [] }).map((r) => r.pod)).toEqual([
      'api-0',
    ]);
    expect(summaryRows('container', snapshots, { namespaces: [], podNames: ['web-1'] })).toHaveLength(2);
    expect(summaryRows('volume', snapshots, { namespaces: ['shop'], podNames: ['api-0'] })).toHaveLength(0);
    expect(summaryRows('node', snapshots, { namespaces: ['none'], podNames: [] })).toHaveLength(2);
  });

  it('carries notices', () => {
    const frame = summaryFrame('node', [], all, 'B', [{ severity: 'warning', text: 'Left out node x' }]);
    expect(frame.length).toBe(0);
    expect(frame.refId).toBe('B');
    expect(frame.meta?.notices).toEqual([{ severity: 'warning', text: 'Left out node x' }]);
  });
});

describe('summarySamples', () => {
  it('node: cpu as a gauge, network as exact bigint counters, each with its stats time', () => {
    const samples = summarySamples('node', snapshots, all).filter((s) => s.key === 'node-a');
    const of = (metric: string) => samples.find((s) => s.metric === metric);
    expect(of('cpu')).toEqual({
      key: 'node-a',
      labels: { node: 'node-a' },
      metric: 'cpu',
      value: 1.5,
      counter: false,
      unit: 'suffix: cores',
      timeMs: Date.UTC(2025, 2, 1, 12, 0, 5),
    });
    expect(of('rxBytes')).toMatchObject({ value: BigInt(BIG), counter: true, unit: 'Bps' });
    expect(of('rxBytes')!.timeMs).toBe(Date.UTC(2025, 2, 1, 12, 0, 7));
    expect(of('pageFaults')).toMatchObject({ value: BigInt(7), counter: true });
    expect(of('fsUsed')).toMatchObject({ value: 400, counter: false, unit: 'bytes' });
    // absent in the Summary: no sample at all
    expect(of('memoryAvailable')).toBeUndefined();
    expect(of('imageFsAvailable')).toBeUndefined();
  });

  it('pod, container and volume samples carry the labels that place them', () => {
    const pods = summarySamples('pod', snapshots, all);
    // the bare pod has no stats: no samples rather than zeros
    expect(pods.filter((s) => s.key === 'payments/api-0')).toEqual([]);
    expect(pods.find((s) => s.metric === 'txBytes')).toMatchObject({
      key: 'shop/web-1',
      labels: { node: 'node-a', namespace: 'shop', pod: 'web-1' },
      value: BigInt(20),
      counter: true,
    });
    const containers = summarySamples('container', snapshots, { namespaces: ['shop'], podNames: [] });
    expect(new Set(containers.map((s) => s.key))).toEqual(new Set(['shop/web-1/app', 'shop/web-1/sidecar']));
    expect(containers.find((s) => s.key === 'shop/web-1/sidecar' && s.metric === 'memoryWorkingSet')).toBeUndefined();
    const volumes = summarySamples('volume', snapshots, all);
    expect(volumes.find((s) => s.metric === 'used' && s.labels.volume === 'data')!.labels).toEqual({
      node: 'node-a',
      namespace: 'shop',
      pod: 'web-1',
      volume: 'data',
      pvc: 'data-web-1',
    });
    expect(volumes.find((s) => s.metric === 'used' && s.labels.volume === 'tmp')!.labels.pvc).toBeUndefined();
  });
});
