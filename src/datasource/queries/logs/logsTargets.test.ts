import { PodObject } from '../../decode/apiTypes';
import { podTargets, TargetSelection } from './logsTargets';

const POD: PodObject = {
  metadata: { namespace: 'shop', name: 'cart-1' },
  spec: {
    nodeName: 'node-1',
    initContainers: [{ name: 'migrate' }],
    containers: [{ name: 'cart' }, { name: 'proxy' }],
  },
  status: {
    phase: 'Running',
    initContainerStatuses: [{ name: 'migrate', restartCount: 0, containerID: 'containerd://m' }],
    containerStatuses: [
      { name: 'cart', restartCount: 2, containerID: 'containerd://c2' },
      { name: 'proxy', restartCount: 0, containerID: 'containerd://p' },
    ],
  },
};

const sel = (x: Partial<TargetSelection> = {}): TargetSelection => ({
  namespaces: ['shop'],
  podNames: ['cart-1'],
  containers: [],
  includeInit: false,
  ...x,
});

describe('podTargets', () => {
  it('reads the regular containers, init containers first when asked', () => {
    expect(podTargets(POD, sel()).targets.map((t) => t.container)).toEqual(['cart', 'proxy']);
    expect(podTargets(POD, sel({ includeInit: true })).targets.map((t) => t.container)).toEqual([
      'migrate',
      'cart',
      'proxy',
    ]);
  });

  it('reads sidecars (restartable init containers) with the app containers, in the API server’s order', () => {
    const meshed: PodObject = {
      ...POD,
      spec: {
        ...POD.spec,
        initContainers: [{ name: 'migrate' }, { name: 'istio-proxy', restartPolicy: 'Always' }],
      },
      status: {
        ...POD.status,
        initContainerStatuses: [
          { name: 'migrate', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          {
            name: 'istio-proxy',
            started: true,
            ready: true,
            restartCount: 3,
            containerID: 'containerd://i3',
            state: { running: { startedAt: '2026-12-01T10:00:00Z' } },
          },
        ],
      },
    };
    const all = podTargets(meshed, sel()).targets;
    expect(all.map((t) => [t.container, t.init])).toEqual([
      ['istio-proxy', false],
      ['cart', false],
      ['proxy', false],
    ]);
    expect(all[0]).toMatchObject({ restartCount: 3, containerId: 'containerd://i3' });
    expect(podTargets(meshed, sel({ includeInit: true })).targets.map((t) => [t.container, t.init])).toEqual([
      ['migrate', true],
      ['istio-proxy', false],
      ['cart', false],
      ['proxy', false],
    ]);
  });

  it('carries the labels, node and instance of each stream', () => {
    const [cart] = podTargets(POD, sel({ containers: ['cart'] })).targets;
    expect(cart).toMatchObject({
      key: 'shop/cart-1/cart',
      labels: { namespace: 'shop', pod: 'cart-1', container: 'cart', node: 'node-1' },
      restartCount: 2,
      containerId: 'containerd://c2',
      init: false,
    });
  });

  it('reads a named init container without includeInit, and names containers the pod lacks', () => {
    const r = podTargets(POD, sel({ containers: ['migrate', 'nope'] }));
    expect(r.targets.map((t) => t.container)).toEqual(['migrate']);
    expect(r.notices).toEqual(['Pod shop/cart-1 has no container nope; its containers are migrate, cart, proxy.']);
  });

  it('reads nothing from a pod no node runs', () => {
    const pending = { ...POD, spec: { ...POD.spec, nodeName: undefined }, status: { phase: 'Pending' } };
    const r = podTargets(pending, sel());
    expect(r.targets).toEqual([]);
    expect(r.notices[0]).toContain('not scheduled to a node yet (Pending)');
  });
});
