import { OwnerIndex } from '../pods/owners';
import { PodInfo } from '../pods/podObjects';
import { ContainerUsage, UsageWindow } from '../shared/containerUsage';
import { MIN_SAMPLES } from './sizing';
import { namespaceSizing, sizingRows } from './sizingRows';

const MiB = 2 ** 20;
const flat = (v: number) => Array(MIN_SAMPLES).fill(v);

function pod(namespace: string, name: string, containers: PodInfo['containers']): PodInfo {
  return {
    namespace,
    name,
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    owner: { kind: 'StatefulSet', name: 'db' },
    containers,
    initContainers: [],
    resources: {},
  };
}

function window(entries: Array<[string, number, number]>): UsageWindow {
  const containers = new Map<string, ContainerUsage>();
  for (const [key, cpu, memory] of entries) {
    const [namespace, p, container] = key.split('/');
    containers.set(key, { namespace, pod: p, container, cpu: flat(cpu), memory: flat(memory) });
  }
  return { containers, samples: MIN_SAMPLES, spanMs: 135_000, polls: MIN_SAMPLES, notices: [] };
}

const index: OwnerIndex = {};

describe('right-sizing rows', () => {
  const pods = [
    pod('shop', 'db-0', [
      { name: 'db', sidecar: false, cpuRequest: 1, memoryRequest: 1024 * MiB },
      { name: 'idle', sidecar: false, cpuRequest: 0.1 },
    ]),
    pod('shop', 'db-1', [{ name: 'db', sidecar: false }]),
  ];
  const w = window([
    ['shop/db-0/db', 0.2, 200 * MiB],
    ['shop/db-1/db', 0.4, 100 * MiB],
  ]);

  it('gives each container with usage its quantiles, what is in effect and its suggestion', () => {
    const rows = sizingRows(pods, index, w);
    expect(rows.map((r) => `${r.pod}/${r.container}`)).toEqual(['db-0/db', 'db-1/db']);
    expect(rows[0]).toMatchObject({
      workload: 'StatefulSet/db',
      cpu: { p50: 0.2, p95: 0.2, max: 0.2, samples: MIN_SAMPLES },
      current: { cpuRequest: 1, memoryRequest: 1024 * MiB },
      suggestion: { cpuRequest: 0.23, memoryRequest: 240 * MiB },
    });
  });

  it('sums per namespace what is requested and suggested; nothing requested counts as zero', () => {
    const [shop] = namespaceSizing(sizingRows(pods, index, w));
    expect(shop).toEqual({
      namespace: 'shop',
      containers: 2,
      cpuRequested: 1,
      // 230m + 460m
      cpuSuggested: 0.69,
      memoryRequested: 1024 * MiB,
      memorySuggested: 240 * MiB + 128 * MiB,
      overProvisioned: 1,
      underProvisioned: 1,
    });
  });
});
