import { EventInfo } from '../../decode/eventObjects';
import { nodeLanes } from './nodeSpans';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

const nodeEvent = (reason: string, ms: number): EventInfo => ({
  namespace: 'default',
  name: `n-${reason}`,
  type: 'Normal',
  reason,
  message: null,
  kind: 'Node',
  objectName: 'node-1',
  count: 1,
  firstMs: ms,
  lastMs: ms,
  source: null,
});

describe('nodeLanes', () => {
  const node = {
    metadata: { name: 'node-1' },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'True', lastTransitionTime: iso(T + 5000) },
        { type: 'DiskPressure', status: 'False', lastTransitionTime: iso(T) },
        { type: 'Ready', status: 'False', lastTransitionTime: iso(T + 9000) },
      ],
    },
  };

  it('gives Ready and the three pressure lanes from each condition since its transition, unknown before', () => {
    const [ready, memory, disk, pid] = nodeLanes(node);
    expect(ready).toMatchObject({ label: 'node-1', kind: 'node', group: 'node/node-1' });
    expect(ready.spans).toEqual([{ startMs: T + 9000, state: 'NotReady', source: 'api' }]);
    expect(memory.label).toBe('node-1 · MemoryPressure');
    expect(memory.spans).toEqual([{ startMs: T + 5000, state: 'MemoryPressure', source: 'api' }]);
    expect(disk.spans).toEqual([{ startMs: T, state: 'OK', source: 'api' }]);
    // a condition the kubelet does not report stays unknown
    expect(pid.spans).toEqual([]);
  });

  it("takes earlier changes from the node's events, and ignores events after the current status began", () => {
    const [ready] = nodeLanes(node, [nodeEvent('NodeReady', T - 60_000), nodeEvent('NodeNotReady', T + 20_000)]);
    expect(ready.spans.map((s) => [s.startMs - T, s.state])).toEqual([
      [-60_000, 'Ready'],
      [9000, 'NotReady'],
    ]);
  });

  it('shows Unknown for a node whose kubelet stopped posting', () => {
    const lost = {
      metadata: { name: 'n' },
      status: { conditions: [{ type: 'Ready', status: 'Unknown', lastTransitionTime: iso(T) }] },
    };
    expect(nodeLanes(lost)[0].spans[0].state).toBe('Unknown');
  });
});
