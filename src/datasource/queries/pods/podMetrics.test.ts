import { DecodeError } from '../../decode/decodeError';
import { decodePodMetricsList } from './podMetrics';

const item = (namespace: string, name: string, containers: Array<[string, unknown, unknown]>) => ({
  metadata: { name, namespace, creationTimestamp: '2026-03-01T12:00:05Z', labels: { app: name } },
  timestamp: '2026-03-01T12:00:00Z',
  window: '15.032s',
  containers: containers.map(([n, cpu, memory]) => ({ name: n, usage: { cpu, memory } })),
});

describe('decodePodMetricsList', () => {
  it('reads each container in cores and bytes and sums the pod', () => {
    const { items, problems } = decodePodMetricsList({
      kind: 'PodMetricsList',
      items: [
        item('shop', 'web-1', [
          ['istio-proxy', '20m', '64Mi'],
          ['app', '487558164n', '732212Ki'],
        ]),
      ],
    });
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        namespace: 'shop',
        name: 'web-1',
        containers: [
          { name: 'istio-proxy', cpu: 0.02, memory: 64 * 1024 * 1024 },
          { name: 'app', cpu: 0.487558164, memory: 732212 * 1024 },
        ],
        cpu: 0.507558164,
        memory: 64 * 1024 * 1024 + 732212 * 1024,
        timestampMs: Date.UTC(2026, 2, 1, 12),
        windowSeconds: 15.032,
      },
    ]);
  });

  it('adds CPU sums back to nano precision', () => {
    const { items } = decodePodMetricsList({
      items: [
        item('a', 'p', [
          ['x', '100m', '1Ki'],
          ['y', '200m', '1Ki'],
        ]),
      ],
    });
    expect(items[0].cpu).toBe(0.3);
  });

  it('keeps a pod whose container value is malformed, with that value and the pod sum absent', () => {
    const { items, problems } = decodePodMetricsList({
      items: [
        item('a', 'p', [
          ['x', 'lots', '1Mi'],
          ['y', '1', '1Mi'],
        ]),
        item('a', 'q', [['x', '1', '1Mi']]),
      ],
    });
    expect(items.map((i) => [i.name, i.cpu, i.memory])).toEqual([
      ['p', undefined, 2 * 1024 * 1024],
      ['q', 1, 1024 * 1024],
    ]);
    expect(items[0].containers.map((c) => c.cpu)).toEqual([undefined, 1]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('pod a/p container x cpu');
  });

  it('leaves out items without a name or namespace and containers without a name', () => {
    const { items, problems } = decodePodMetricsList({
      items: [
        { metadata: { name: 'x' }, containers: [] },
        { metadata: { name: 'y', namespace: 'n' }, containers: [{ usage: { cpu: '1' } }] },
      ],
    });
    expect(items.map((i) => [i.name, i.containers.length, i.cpu])).toEqual([['y', 0, undefined]]);
    expect(problems).toEqual([
      'a PodMetrics item without metadata.name or metadata.namespace',
      'pod n/y: a container without a name',
    ]);
  });

  it('accepts null items as an empty list', () => {
    expect(decodePodMetricsList({ items: null }).items).toEqual([]);
  });

  it.each([[null], ['404 page not found'], [[]], [{ items: 'x' }]])('rejects %p as not a list', (body) => {
    expect(() => decodePodMetricsList(body)).toThrow(DecodeError);
  });
});

describe('decodePodMetricsList: swap (kubectl top --show-swap)', () => {
  const withSwap = (swap: Record<string, string | undefined>) => ({
    metadata: { name: 'cache-0', namespace: 'shop' },
    timestamp: '2026-03-01T12:00:00Z',
    window: '15s',
    containers: Object.entries(swap).map(([name, s]) => ({
      name,
      usage: s === undefined ? { cpu: '1m', memory: '1Mi' } : { cpu: '1m', memory: '1Mi', swap: s },
    })),
  });

  it('reads usage.swap per container and adds the containers that report it', () => {
    const { items, problems } = decodePodMetricsList({ items: [withSwap({ redis: '3Mi', exporter: undefined })] });
    expect(problems).toEqual([]);
    expect(items[0].containers.map((c) => [c.name, c.swap])).toEqual([
      ['redis', 3 * 1024 * 1024],
      ['exporter', undefined],
    ]);
    expect(items[0].swap).toBe(3 * 1024 * 1024);
  });

  it('leaves swap absent, without a problem, where the server reports none (metrics-server today)', () => {
    const { items, problems } = decodePodMetricsList({ items: [withSwap({ app: undefined })] });
    expect(problems).toEqual([]);
    expect(items[0].swap).toBeUndefined();
    expect(items[0].containers[0].swap).toBeUndefined();
  });

  it('reports a malformed swap value and keeps CPU and memory', () => {
    const { items, problems } = decodePodMetricsList({ items: [withSwap({ app: 'lots' })] });
    expect(problems).toEqual([expect.stringContaining('pod shop/cache-0 container app swap')]);
    expect(items[0].containers[0]).toMatchObject({ cpu: 0.001, swap: undefined });
  });
});
