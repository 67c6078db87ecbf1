import { pressureFields, pressureOf, summaryPressure } from './pressure';

const psi = (some: number, full: number) => ({
  some: { total: 1, avg10: some, avg60: 0, avg300: 0 },
  full: { total: 1, avg10: full, avg60: 0, avg300: 0 },
});

describe('kubelet pressure for the nodes and pods queries', () => {
  it('reads some and full over 10 s from the cpu and memory blocks, as the kubelet writes them', () => {
    expect(pressureOf({ cpu: { psi: psi(3.5, 0) }, memory: { psi: psi(18.24, 6.1) } })).toEqual({
      cpuSome10: 3.5,
      memorySome10: 18.24,
      memoryFull10: 6.1,
    });
  });

  it('reads nothing from a kubelet without PSI, or from a malformed block', () => {
    expect(pressureOf({ cpu: { usageNanoCores: 1 }, memory: {} })).toBeUndefined();
    expect(pressureOf({ cpu: { psi: { some: { avg10: 'x' } } } })).toBeUndefined();
    expect(pressureOf(null)).toBeUndefined();
  });

  it('keys the node by name and each pod by namespace/name', () => {
    const read = summaryPressure({
      node: { nodeName: 'node-1', memory: { psi: psi(1, 0) } },
      pods: [
        { podRef: { namespace: 'shop', name: 'cart-0' }, cpu: { psi: psi(40, 2) } },
        { podRef: { namespace: 'shop', name: 'idle-0' } },
      ],
    });
    expect(read.node).toEqual({ memorySome10: 1, memoryFull10: 0 });
    expect(read.pods.get('shop/cart-0')).toEqual({ cpuSome10: 40 });
    expect(read.pods.has('shop/idle-0')).toBe(false);
  });

  it('adds a field only for what some row has, in percent', () => {
    const fields = pressureFields([{ memorySome10: 12 }, undefined]);
    expect(fields.map((f) => f.name)).toEqual(['memoryPressure']);
    expect(fields[0].values).toEqual([12, null]);
    expect(fields[0].config).toMatchObject({ displayName: 'Memory pressure (10s)', unit: 'percent' });
    expect(pressureFields([undefined, undefined])).toEqual([]);
  });
});
