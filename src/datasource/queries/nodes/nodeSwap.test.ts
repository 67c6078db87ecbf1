/** @jest-environment jsdom */
import { DataFrame, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { NodeInfo } from '../../decode/nodeObjects';
import { NodesQuery } from '../../types';
import { decodeNodeMetrics } from './nodeMetrics';
import { nodeSwapCapacities } from './nodeSwap';
import { nodesFrame } from './nodesFrame';
import { nodesModule } from './nodesQuery';

const Gi = 1024 ** 3;
const info = (name: string): NodeInfo => ({ name, roles: [], status: 'Ready', memoryAllocatable: 16 * Gi });
const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name);

/** Nodes as the API server lists them: a 1.30+ kubelet on a swap node sets status.nodeInfo.swap (NodeSwapStatus). */
const NODES = [
  {
    metadata: { name: 'worker-swap' },
    status: { nodeInfo: { kubeletVersion: 'v1.36.0', swap: { capacity: 4294967296 } } },
  },
  { metadata: { name: 'worker-plain' }, status: { nodeInfo: { kubeletVersion: 'v1.36.0' } } },
  { metadata: { name: 'old' }, status: { nodeInfo: { kubeletVersion: 'v1.29.9', swap: { capacity: 'lots' } } } },
  null,
];

describe('swap on the nodes table', () => {
  it('reads status.nodeInfo.swap.capacity only where a kubelet set it, as a byte count', () => {
    expect([...nodeSwapCapacities(NODES)]).toEqual([['worker-swap', 4 * Gi]]);
  });

  it('reads usage.swap when the metrics API reports it (kubectl top node --show-swap), and not otherwise', () => {
    const problems: string[] = [];
    const withSwap = decodeNodeMetrics(
      { metadata: { name: 'a' }, usage: { cpu: '250m', memory: '1Gi', swap: '512Mi' } },
      problems
    );
    expect(withSwap?.swap).toBe(512 * 1024 ** 2);
    const without = decodeNodeMetrics({ metadata: { name: 'b' }, usage: { cpu: '250m', memory: '1Gi' } }, problems);
    expect(without && 'swap' in without).toBe(false);
    expect(problems).toEqual([]);
  });

  it('shows swap used and swap capacity in bytes when some node has them, empty cells for the others', () => {
    const frame = nodesFrame(
      [info('worker-swap'), info('worker-plain')],
      [
        { name: 'worker-swap', cpu: 1, memory: 8 * Gi, swap: Gi },
        { name: 'worker-plain', cpu: 1, memory: 2 * Gi },
      ],
      'A',
      0,
      [],
      nodeSwapCapacities(NODES)
    );
    expect(field(frame, 'swap')?.values).toEqual([null, Gi]);
    expect(field(frame, 'swap')?.config).toEqual({ displayName: 'Swap used', unit: 'bytes' });
    expect(field(frame, 'swapCapacity')?.values).toEqual([null, 4 * Gi]);
    expect(field(frame, 'swapCapacity')?.type).toBe(FieldType.number);
    expect(field(frame, 'swapCapacity')?.config.displayName).toBe('Swap capacity');
  });

  it('has no swap fields when no node reports swap', () => {
    const frame = nodesFrame([info('a')], [{ name: 'a', cpu: 1, memory: Gi }], 'A', 0);
    expect(frame.fields.map((f) => f.name).filter((n) => n.startsWith('swap'))).toEqual([]);
  });
});

describe('nodes query against kube-sim (metrics-server reports no swap)', () => {
  const sim = kubeSimForTests({ nodes: 4, podsPerNode: 2, seed: 5, clock: manualClock(Date.UTC(2025, 2, 1, 12)) });
  const query = { refId: 'A', queryType: 'nodes' } as NodesQuery;

  it('answers without swap fields or errors, and no swap samples', async () => {
    const { ctx, vars } = testContext(sim());
    const res = await lastValueFrom(nodesModule.run(ctx, nodesModule.resolve(query, vars), query));
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    expect(frame.fields.map((f) => f.name)).not.toContain('swap');
    // swap capacity, once kube-sim's Node objects carry it, only for its swap node
    const names = frame.fields.find((f) => f.name === 'node')!.values;
    const capacity = frame.fields.find((f) => f.name === 'swapCapacity')?.values ?? [];
    expect(names.filter((_, i) => capacity[i] != null).every((n) => n === 'node-2')).toBe(true);
    const snap = await lastValueFrom(nodesModule.snapshot!(ctx, nodesModule.resolve(query, vars)));
    expect(snap.samples.filter((s) => s.metric === 'swap')).toEqual([]);
  });
});
